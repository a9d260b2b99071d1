import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type VigieConfig } from '../app/config/config.js';
import { connectForCli } from '../app/database/connect.js';
import { dataSourceOptions, migrate } from '../app/database/data-source.js';
import { loadGeography } from '../app/territories/geography-loader.js';

export const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface CliContext {
  config: VigieConfig;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Validated config, a migrated database with its geography, and a pool. */
export async function openContext(): Promise<CliContext> {
  let config: VigieConfig;
  try {
    config = loadConfig(process.env, { geoDir: join(workspaceRoot, 'data/geo'), dashboardDir: null });
  } catch (e) {
    if (e instanceof ConfigError) throw new Error(`invalid configuration: ${e.message}`);
    throw e;
  }
  const db = await connectForCli(config);
  const ds = new DataSource(dataSourceOptions(db.url));
  await ds.initialize();
  await migrate(ds);
  await loadGeography(ds, config.geoDir);
  await ds.destroy();
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  return {
    config,
    pool,
    async close() {
      await pool.end();
      await db.stop();
    },
  };
}

/** A one-line progress indicator on a terminal; silent when output is piped. */
export function progress(label: string): { update(text: string): void; done(): void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(text) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      process.stderr.write(`\r\x1b[K${label} ${text}`);
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}

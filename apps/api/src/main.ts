import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, redactUrl, type VigieConfig } from './app/config/config.js';
import { dataSourceOptions, migrate } from './app/database/data-source.js';
import { checkExternalPostgres, startEmbeddedPostgres, type RunningDatabase } from './app/database/embedded.js';
import type { VigieRuntime } from './app/runtime.js';
import { createVigieApp } from './app/server.js';
import { loadGeography } from './app/territories/geography-loader.js';
import { isEmpty, loadDemo } from './app/demo/demo-loader.js';
import { refreshCoverage } from './app/coverage/coverage-refresh.js';
import { markInterruptedRuns } from './app/imports/import-runner.js';
import { createDemoUsers } from './app/auth/users.store.js';
import pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));
/** Workspace root: dist/apps/api → ../../.. */
const root = resolve(here, '../../..');

function fail(message: string): never {
  process.stderr.write(`vigie: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: VigieConfig;
  try {
    config = loadConfig(process.env, { geoDir: join(root, 'data/geo'), dashboardDir: join(root, 'dist/apps/dashboard/browser') });
  } catch (e) {
    if (e instanceof ConfigError) fail(`invalid configuration: ${e.message}`);
    throw e;
  }
  const log = new Logger('Vigie');
  let db: RunningDatabase;
  try {
    db = config.databaseUrl
      ? await checkExternalPostgres(config.databaseUrl)
      : await startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort, (m) => config.logLevel === 'debug' && log.debug(m));
  } catch (e) {
    const where = config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded Postgres in ${join(config.dataDir, 'pg')}`;
    fail(`cannot use the database (${where}): ${(e as Error).message || e}`);
  }
  let shuttingDown = false;
  const stopDb = async () => {
    await db.stop().catch(() => undefined);
  };
  try {
    log.log(`database: ${db.mode === 'embedded' ? `embedded Postgres (data in ${join(config.dataDir, 'pg')})` : redactUrl(db.url)}`);
    const ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    const applied = await migrate(ds);
    if (applied.length) log.log(`migrations applied: ${applied.join(', ')}`);
    const geo = await loadGeography(ds, config.geoDir);
    log.log(geo.loaded ? `geography loaded in ${geo.ms} ms: ${JSON.stringify(geo.counts)}` : `geography up to date (${geo.hash})`);
    await ds.destroy();
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    let demoLoaded = false;
    try {
      const interrupted = await markInterruptedRuns(pool);
      if (interrupted) log.warn(`${interrupted} import(s) had been interrupted by a stop; nothing of them was written`);
      if (config.demo !== 'none' && (await isEmpty(pool))) {
        log.log(`first start: loading the ${config.demo}-scale demo data (VIGIE_DEMO=none to skip)…`);
        const t = Date.now();
        await loadDemo(pool, { scale: config.demo, seed: 42, department: '95', today: config.clock.now() }, (m) => log.log(m));
        log.log(`demo data loaded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
        demoLoaded = true;
      }
      await setUpDemoUsers(pool, demoLoaded, log);
      const { rows } = await pool.query(`SELECT 1 FROM coverage_current`);
      if (!rows.length) {
        const r = await refreshCoverage(pool, 'first start', { today: config.clock.today() });
        log.log(`coverage metrics computed in ${r.durationMs} ms (snapshot ${r.snapshotId})`);
      }
    } finally {
      await pool.end();
    }

    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const runtime: VigieRuntime = { config, database: { url: db.url, mode: db.mode }, version: pkg.version, startedAt: Date.now() };
    const app = await createVigieApp(runtime);
    const shutdown = async (signal: string) => {
      if (shuttingDown) return;
      shuttingDown = true;
      log.log(`${signal} received: stopping`);
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      await app.close().catch(() => undefined);
      await stopDb();
      log.log('stopped');
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen(config.port, config.host).catch((e: NodeJS.ErrnoException) => {
      throw new Error(e.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT to another port)` : e.message);
    });
    log.log(
      `Vigie is ready: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}  (API /api, OpenAPI /api/docs)`,
    );
  } catch (e) {
    await stopDb();
    fail((e as Error).message);
  }
}

/**
 * Demo accounts (one per role) when the demo data is loaded on first start, or when VIGIE_DEMO_PASSWORD
 * (test/dev convenience) is set and there is no user yet. Random passwords are printed once.
 */
async function setUpDemoUsers(pool: pg.Pool, demoLoaded: boolean, log: Logger): Promise<void> {
  const fixed = process.env['VIGIE_DEMO_PASSWORD'] || null;
  const users = Number((await pool.query(`SELECT count(*) n FROM app_user`)).rows[0].n);
  if ((demoLoaded || fixed) && users === 0) {
    const created = await createDemoUsers(pool, fixed);
    const lines = created.map(
      (u) => `  ${u.role.padEnd(12)} ${u.email.padEnd(24)} ${fixed ? '(VIGIE_DEMO_PASSWORD)' : u.password}   ${u.territories.join(', ')}`,
    );
    process.stdout.write(
      `\nDemo accounts (passwords shown once; change them or reset with "npx vigie user reset-password --email …"):\n${lines.join('\n')}\n\n`,
    );
  } else if (users === 0) {
    log.warn('no user yet: create an administrator with "npx vigie user add --email you@example.org --role admin --territory national"');
  }
}

void main();

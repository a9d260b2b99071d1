import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startTestPostgres } from '../../../../tools/testing/embedded-pg.mjs';
import { pinTestDay } from '../../../../tools/testing/test-day.mjs';

const root = join(import.meta.dirname, '../../../..');

/** Starts Postgres and the built Vigie server (API + dashboard) on free loopback ports. */
export default async function globalSetup() {
  for (const f of ['dist/apps/api/main.js', 'dist/apps/dashboard/browser/index.html']) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing: build first (nx run-many -t build -p api,dashboard)`);
  }
  // The server, its demo data and the tests live on one pinned day (VIGIE_TODAY): nothing depends on the machine's date.
  pinTestDay();
  const pg = await startTestPostgres('vigie_e2e');
  const port = await freePort();
  // Demo accounts (admin@vigie.demo, coordinator@…, copil@…, funder@…) get this password: see login() in browser.ts.
  process.env.VIGIE_DEMO_PASSWORD ||= `e2e-${randomBytes(12).toString('hex')}`;
  mkdirSync(join(root, 'tmp/e2e'), { recursive: true });
  const log = openSync(join(root, 'tmp/e2e/server.log'), 'w');
  const server = spawn(process.execPath, ['dist/apps/api/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: pg.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      VIGIE_DEMO_PASSWORD: process.env.VIGIE_DEMO_PASSWORD,
      VIGIE_LOGIN_RATE_PER_MINUTE: '1000',
    },
    stdio: ['ignore', log, log],
  });
  globalThis.__VIGIE_E2E__ = { pg, server };
  const base = `http://127.0.0.1:${port}`;
  // First start loads geography, demo data and computes coverage metrics: slow on a loaded 2-core machine.
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the Vigie server exited with ${server.exitCode}; see tmp/e2e/server.log`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) throw new Error('the Vigie server did not become healthy within 300 s; see tmp/e2e/server.log');
    await new Promise((r) => setTimeout(r, 250));
  }
  process.env.E2E_BASE_URL = base;
}

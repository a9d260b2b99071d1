// One real Postgres cluster per test run; test files migrate it (once, under an advisory lock)
// through ensureTestDatabase() in app.ts. VIGIE_TEST_DATABASE_URL points the suite at another Postgres ≥ 15.
import { startTestPostgres } from '../../../../tools/testing/embedded-pg.mjs';
import { pinTestDay } from '../../../../tools/testing/test-day.mjs';

export default async function globalSetup() {
  // Every test worker (and every process it starts) sees the same calendar day: see tools/testing/test-day.mjs.
  pinTestDay();
  if (process.env.VIGIE_TEST_DATABASE_URL) {
    process.env.DATABASE_URL = process.env.VIGIE_TEST_DATABASE_URL;
    return;
  }
  const pg = await startTestPostgres();
  globalThis.__VIGIE_PG__ = pg;
  process.env.DATABASE_URL = pg.url;
}

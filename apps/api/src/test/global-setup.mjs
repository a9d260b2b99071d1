// One real Postgres cluster per test run; test files migrate it (once, under an advisory lock)
// through ensureTestDatabase() in app.ts. VIGIE_TEST_DATABASE_URL points the suite at another Postgres ≥ 15.
import { startTestPostgres } from '../../../../tools/testing/embedded-pg.mjs';

export default async function globalSetup() {
  if (process.env.VIGIE_TEST_DATABASE_URL) {
    process.env.DATABASE_URL = process.env.VIGIE_TEST_DATABASE_URL;
    return;
  }
  const pg = await startTestPostgres();
  globalThis.__VIGIE_PG__ = pg;
  process.env.DATABASE_URL = pg.url;
}

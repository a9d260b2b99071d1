import pg from 'pg';
import { isolatedDatabase } from '../../test/app.js';
import { LIVE_VERSION_DELAY_MS, RollupVersionTicker } from './rollup-version.js';

describe('RollupVersionTicker (real Postgres)', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    // Its own database: other specs bump the version of the shared one.
    pool = new pg.Pool({ connectionString: await isolatedDatabase('vigie_rollup_version_test') });
  }, 120_000);
  afterAll(async () => pool?.end());
  const version = async () => Number((await pool.query(`SELECT version FROM search_rollup_version WHERE id = 1`)).rows[0].version);

  it('bumps once per delay for a burst of batches, not before, and flushes on shutdown', async () => {
    const ticker = new RollupVersionTicker(pool);
    await ticker.onApplicationBootstrap(); // a start bumps (a batch committed before a crash becomes visible)
    const v0 = await version();
    for (let i = 0; i < 20; i++) ticker.touch();
    expect(await version()).toBe(v0);
    await new Promise((r) => setTimeout(r, LIVE_VERSION_DELAY_MS + 500));
    expect(await version()).toBe(v0 + 1);
    ticker.touch();
    await ticker.onModuleDestroy(); // pending bump done before the process ends
    expect(await version()).toBe(v0 + 2);
    await new Promise((r) => setTimeout(r, LIVE_VERSION_DELAY_MS + 200));
    expect(await version()).toBe(v0 + 2);
  }, 30_000);

  it('leaves no timer behind when the last bump fails at shutdown (the pool is already closed)', async () => {
    const closed = new pg.Pool({ connectionString: pool.options.connectionString });
    await closed.end();
    const ticker = new RollupVersionTicker(closed);
    ticker.touch();
    await ticker.onModuleDestroy(); // fails ("pool after calling end"), logged, not retried
    expect((ticker as unknown as { timer: unknown }).timer).toBeNull();
    ticker.touch(); // a late batch after shutdown schedules nothing either
    expect((ticker as unknown as { timer: unknown }).timer).toBeNull();
  });
});

import pg from 'pg';
import { ensureTestDatabase, testDatabaseUrl } from '../../test/app.js';
import { runImport } from '../imports/import-runner.js';
import { searchEventsKind } from '../imports/kinds/search-events.kind.js';
import { purgeOldSearchEvents, rebuildRollups } from './maintenance.js';

describe('search retention and rollup rebuild (real Postgres)', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    await ensureTestDatabase();
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    async function* rows() {
      for (let i = 0; i < 3000; i++) {
        const month = i % 36; // 3 years back from 2026-11
        yield {
          ok: true as const,
          line: i + 1,
          record: {
            sourceId: `maint-${i}`,
            occurredAt: new Date(Date.UTC(2023, 11 + month, 1 + (i % 27), 9)).toISOString(),
            categoryId: null,
            themeId: i % 2 ? 'food' : 'health',
            searchType: null,
            geoType: 'department' as const,
            communeCode: null,
            departmentCode: '48',
            regionCode: null,
            resultCount: i % 4,
            userStatus: 'public' as const,
            origin: 'web' as const,
            language: 'fr',
            adminSearch: false,
          },
        };
      }
    }
    await runImport(pool, searchEventsKind('maint'), rows(), { source: 'maint', format: 'test' });
  });
  afterAll(async () => pool.end());

  const rollupTotal = async () => Number((await pool.query(`SELECT sum(searches) n FROM search_rollup_day WHERE department_code = '48'`)).rows[0].n);

  it('rebuilding the rollups from raw events gives identical totals for random filters', async () => {
    const snapshot = async () =>
      (await pool.query(`SELECT day, theme_id, results_bucket, searches, zero_results FROM search_rollup_day WHERE department_code = '48' ORDER BY 1, 2, 3`)).rows;
    const before = await snapshot();
    const res = await rebuildRollups(pool);
    expect(res.fromDay).not.toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it('purges raw events older than the retention and leaves rollups intact', async () => {
    const before = await rollupTotal();
    const deleted = await purgeOldSearchEvents(pool, 25, new Date(Date.UTC(2026, 10, 22)));
    expect(deleted).toBeGreaterThan(0);
    const oldest = (await pool.query(`SELECT min(occurred_at) m FROM search_event WHERE source = 'maint'`)).rows[0].m as Date;
    expect(oldest.getTime()).toBeGreaterThanOrEqual(Date.UTC(2024, 9, 22));
    expect(await rollupTotal()).toBe(before);
    // A rebuild after a purge keeps the older days' rollups.
    await rebuildRollups(pool);
    expect(await rollupTotal()).toBe(before);
  });
});

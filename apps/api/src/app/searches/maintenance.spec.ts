import pg from 'pg';
import { isolatedDatabase } from '../../test/app.js';
import { runImport } from '../imports/import-runner.js';
import { searchEventsKind } from '../imports/kinds/search-events.kind.js';
import { purgeOldSearchEvents, rebuildRollups } from './maintenance.js';

describe('search retention and rollup rebuild (real Postgres)', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    // Its own database: a purge deletes old events of every source, other specs' included.
    pool = new pg.Pool({ connectionString: await isolatedDatabase('vigie_maintenance_test') });
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

  const rollupTotal = async () =>
    Number((await pool.query(`SELECT sum(searches) n FROM search_rollup_month_dept WHERE department_code = '48'`)).rows[0].n);
  const fineTotal = async () =>
    Number((await pool.query(`SELECT count(*) n FROM search_event_day WHERE department_code = '48'`)).rows[0].n);

  it('rebuilding the monthly rollups from raw events gives what the imports maintained', async () => {
    const snapshot = async () =>
      (
        await pool.query(
          `SELECT day, region_code, category_id, theme_id, searches, zero_results FROM search_rollup_month_dept WHERE department_code = '48' ORDER BY 1, 2, 3, 4`,
        )
      ).rows;
    const before = await snapshot();
    expect(before).toHaveLength(36); // one theme per month in this data
    expect(await rollupTotal()).toBe(3000);
    const res = await rebuildRollups(pool);
    expect(res.fromDay).not.toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it('purges raw events of whole months older than the retention and keeps those months in the rollups', async () => {
    const before = await rollupTotal();
    expect(await fineTotal()).toBe(before);
    const october = async () =>
      Number(
        (await pool.query(`SELECT count(*) n FROM search_event WHERE source = 'maint' AND day BETWEEN '2024-10-01' AND '2024-10-31'`))
          .rows[0].n,
      );
    expect(await october()).toBeGreaterThan(0);
    const version = async () => Number((await pool.query(`SELECT version FROM search_rollup_version WHERE id = 1`)).rows[0].version);
    const v0 = await version();
    const deleted = await purgeOldSearchEvents(pool, 25, '2026-11-22');
    expect(deleted).toBeGreaterThan(0);
    // Cached answers depend on the rollup version: the purge moves it (and a purge with nothing to delete does not).
    const v1 = await version();
    expect(v1).toBeGreaterThan(v0);
    expect(await purgeOldSearchEvents(pool, 25, '2026-11-22')).toBe(0);
    expect(await version()).toBe(v1);
    // 25 months before 2026-11-22 is 2024-10-22: the whole of October 2024 goes, November stays.
    expect(await october()).toBe(0);
    const oldest = (await pool.query(`SELECT to_char(min(day), 'YYYY-MM-DD') AS d FROM search_event WHERE source = 'maint'`)).rows[0]
      .d as string;
    expect(oldest >= '2024-11-01' && oldest < '2024-12-01').toBe(true);
    expect(await fineTotal()).toBe(before - deleted);
    expect(await rollupTotal()).toBe(before);
    // A rebuild after a purge keeps the purged months' rollups.
    await rebuildRollups(pool);
    expect(await rollupTotal()).toBe(before);
  });
});

import pg from 'pg';
import type { ParsedRow, SearchEventRecord } from '@vigie/ingest-domain';
import { isolatedDatabase } from '../../test/app.js';
import { runImport } from './import-runner.js';
import type { KindSpec } from './kinds/kind.js';
import { searchEventsKind } from './kinds/search-events.kind.js';

async function* rows(items: SearchEventRecord[]): AsyncGenerator<ParsedRow<SearchEventRecord>> {
  let line = 1;
  for (const record of items) yield { ok: true, line: ++line, record };
}

/**
 * File imports of search events COPY straight into search_event while no stored event is met, counting
 * the monthly rollups in Node; the staging path (INSERT … SELECT, counts from RETURNING) takes over on a
 * duplicate or for a chunk that the SQL must complete. Both must store the same rows and rollups.
 * Own database: the rollups are compared with all the events.
 */
describe('search events: direct COPY and staging paths (real Postgres)', () => {
  let pool: pg.Pool;
  let communes: { code: string; department_code: string; region_code: string }[];
  /** Statements sent by the import's clients, in order. */
  let statements: string[] = [];
  /** The pool as runImport sees it, logging each statement. */
  let logged: pg.Pool;
  const patched = new WeakSet<pg.PoolClient>();

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await isolatedDatabase('vigie_search_kind_test') });
    communes = (await pool.query(`SELECT code, department_code, region_code FROM commune WHERE country = 'FR' ORDER BY code LIMIT 40`))
      .rows;
    logged = {
      query: (...args: unknown[]) => (pool.query as (...a: unknown[]) => unknown).apply(pool, args),
      connect: async () => {
        const client = await pool.connect();
        if (!patched.has(client)) {
          patched.add(client);
          const query = client.query.bind(client) as (...a: unknown[]) => unknown;
          (client as unknown as { query: (...a: unknown[]) => unknown }).query = (q: unknown, ...rest: unknown[]) => {
            statements.push(typeof q === 'string' ? q : String((q as { text?: string }).text));
            return query(q, ...rest);
          };
        }
        return client;
      },
    } as unknown as pg.Pool;
  }, 120_000);
  afterAll(async () => pool?.end());

  /**
   * Events on each side of the French months' first midnight (every quarter of an hour for 3 hours on
   * each side), in years with summer time, double summer time, none, and Paris mean time (1900–1911).
   */
  function events(prefix: string, n = 4000): SearchEventRecord[] {
    const years = [1900, 1905, 1911, 1940, 1941, 1945, 1976, 1978, 1996, 2019, 2024, 2026];
    let s = 7;
    const next = (k: number) => (s = (s * 48271) % 2147483647) % k;
    return Array.from({ length: n }, (_, i) => {
      const year = years[next(years.length)];
      // From February 1900 (the first month start is 1900-01-01 00:00 in Paris) to October 2026.
      const month = year === 2026 ? next(10) : year === 1900 ? 1 + next(11) : next(12);
      const t = Date.UTC(year, month, 1) + (next(25) - 12) * 15 * 60_000 + next(2) * (next(2) ? 1 : -1);
      const c = communes[next(communes.length)];
      const where = next(10); // commune, department only, region only, nowhere
      return {
        sourceId: `${prefix}${i}`,
        occurredAt: new Date(t).toISOString(),
        categoryId: next(4) ? 'food_distribution' : null,
        themeId: next(4) ? 'food' : 'health',
        searchType: next(5) ? null : 'a\tb\\c',
        geoType: where < 7 ? 'commune' : where < 8 ? 'department' : where < 9 ? 'region' : 'country',
        communeCode: where < 7 ? c.code : null,
        departmentCode: where < 8 ? c.department_code : null,
        regionCode: where < 9 ? c.region_code : null,
        resultCount: next(3) ? next(9) : 0,
        userStatus: 'public',
        origin: 'web',
        language: next(2) ? 'fr' : null,
        adminSearch: next(7) === 0,
      };
    });
  }

  /** The staging path only: the same kind without its own chunks. */
  function staged(source: string): KindSpec<SearchEventRecord> {
    const { chunks: _chunks, ...rest } = searchEventsKind(source);
    return rest;
  }

  const stored = async (source: string) =>
    (
      await pool.query(
        `SELECT occurred_at, source_id, category_id, theme_id, search_text, geo_type, commune_code, department_code, region_code, result_count,
                user_status, origin, language, admin_search, day, import_id
         FROM search_event WHERE source = $1 ORDER BY source_id`,
        [source],
      )
    ).rows;

  /** Every monthly rollup equals the count of the events (no other spec writes to this database). */
  async function expectRollupsEqualEvents(): Promise<void> {
    const q = async (sql: string) => (await pool.query(sql)).rows;
    expect(
      await q(
        `SELECT day::text, department_code, region_code, category_id, theme_id, searches, zero_results FROM search_rollup_month_dept ORDER BY 1, 2, 3, 4, 5`,
      ),
    ).toEqual(
      await q(
        `SELECT date_trunc('month', day)::date::text AS day, department_code, region_code, category_id, theme_id, sum(searches)::int AS searches, sum(zero_results)::int AS zero_results
         FROM search_event_day GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      ),
    );
    expect(
      await q(
        `SELECT day::text, region_code, category_id, theme_id, searches, zero_results FROM search_rollup_month_region ORDER BY 1, 2, 3, 4`,
      ),
    ).toEqual(
      await q(
        `SELECT date_trunc('month', day)::date::text AS day, region_code, category_id, theme_id, sum(searches)::int AS searches, sum(zero_results)::int AS zero_results
         FROM search_event_day GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      ),
    );
  }

  it('stores the same rows and rollups through COPY as through the staging table, months on the French calendar', async () => {
    const list = events('e');
    statements = [];
    const direct = await runImport(logged, searchEventsKind('direct'), rows(list), { source: 'direct', format: 'test', chunkSize: 700 });
    expect(direct).toMatchObject({ status: 'succeeded', inserted: 4000 });
    expect(statements.filter((s) => s.startsWith('COPY search_event ('))).toHaveLength(6);
    expect(statements.some((s) => s.includes('search_event_stage'))).toBe(false);
    await expectRollupsEqualEvents();

    const viaStage = await runImport(pool, staged('staged'), rows(list), { source: 'staged', format: 'test', chunkSize: 700 });
    expect(viaStage).toMatchObject({ status: 'succeeded', inserted: 4000 });
    const [a, b] = [await stored('direct'), await stored('staged')];
    expect(a.every((r) => Number(r.import_id) === direct.id)).toBe(true);
    expect(a.map(({ import_id: _, ...r }) => r)).toEqual(b.map(({ import_id: _, ...r }) => r));
    await expectRollupsEqualEvents();
  });

  it('switches to the staging table on the first stored event: re-imports and longer exports add nothing twice', async () => {
    const list = events('r', 1500);
    expect(await runImport(pool, searchEventsKind('again'), rows(list), { source: 'again', format: 'test', chunkSize: 400 })).toMatchObject(
      { inserted: 1500 },
    );
    statements = [];
    const again = await runImport(logged, searchEventsKind('again'), rows(list), { source: 'again', format: 'test', chunkSize: 400 });
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, unchanged: 1500 });
    // One COPY into search_event fails on the unique index; every chunk then goes through the staging table.
    expect(statements.filter((s) => s.startsWith('COPY search_event ('))).toHaveLength(1);
    expect(statements.filter((s) => s.startsWith('COPY search_event_stage'))).toHaveLength(4);
    const newer = events('r-new', 900);
    const longer = await runImport(pool, searchEventsKind('again'), rows([...newer, ...list]), {
      source: 'again',
      format: 'test',
      chunkSize: 400,
    });
    expect(longer).toMatchObject({ status: 'succeeded', inserted: 900, unchanged: 1500 });
    expect(Number((await pool.query(`SELECT count(*) n FROM search_event WHERE source = 'again'`)).rows[0].n)).toBe(2400);
    await expectRollupsEqualEvents();
  });

  it('sends to the staging table the chunks that the SQL completes, the others still by COPY', async () => {
    const list = events('l', 1000);
    // A commune without its department and region (looked up from the commune table), and an event before 1900.
    list[450] = { ...list[450], communeCode: communes[3].code, departmentCode: null, regionCode: null, geoType: 'commune' };
    list[820] = { ...list[820], occurredAt: '1899-12-31T12:00:00.000Z' };
    statements = [];
    const res = await runImport(logged, searchEventsKind('lookup'), rows(list), { source: 'lookup', format: 'test', chunkSize: 100 });
    expect(res).toMatchObject({ status: 'succeeded', inserted: 1000 });
    expect(statements.filter((s) => s.startsWith('COPY search_event ('))).toHaveLength(8);
    expect(statements.filter((s) => s.startsWith('COPY search_event_stage'))).toHaveLength(2);
    const row = (await pool.query(`SELECT department_code, region_code FROM search_event WHERE source = 'lookup' AND source_id = 'l450'`))
      .rows[0];
    expect(row).toEqual({ department_code: communes[3].department_code, region_code: communes[3].region_code });
    await expectRollupsEqualEvents();
  });

  it('writes nothing on a dry run or when an atomic import rejects a row', async () => {
    const before = (
      await pool.query(
        `SELECT count(*)::int n, (SELECT coalesce(sum(searches), 0)::int FROM search_rollup_month_region) r FROM search_event`,
      )
    ).rows[0];
    const dry = await runImport(pool, searchEventsKind('dry'), rows(events('d', 500)), {
      source: 'dry',
      format: 'test',
      dryRun: true,
      chunkSize: 200,
    });
    expect(dry).toMatchObject({ status: 'succeeded', dryRun: true, inserted: 500 });
    async function* withError(): AsyncGenerator<ParsedRow<SearchEventRecord>> {
      yield* rows(events('x', 300));
      yield { ok: false, line: 400, errors: [{ line: 400, field: 'createdAt', reason: 'missing date' }] };
    }
    const rejected = await runImport(pool, searchEventsKind('dry'), withError(), { source: 'dry', format: 'test', chunkSize: 100 });
    expect(rejected).toMatchObject({ status: 'rejected', inserted: 0, rejected: 1 });
    expect(
      (
        await pool.query(
          `SELECT count(*)::int n, (SELECT coalesce(sum(searches), 0)::int FROM search_rollup_month_region) r FROM search_event`,
        )
      ).rows[0],
    ).toEqual(before);
  });
});

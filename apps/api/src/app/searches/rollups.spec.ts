import type { NestExpressApplication } from '@nestjs/platform-express';
import fc from 'fast-check';
import pg from 'pg';
import type { SearchBreakdown, SearchSeries } from '@vigie/contracts';
import { THEMES, CATEGORIES } from '@vigie/taxonomy';
import { as, isolatedDatabase, loginAs, testApp, testToday } from '../../test/app.js';
import { runImport } from '../imports/import-runner.js';
import { searchEventsKind } from '../imports/kinds/search-events.kind.js';
import { rebuildRollups } from './maintenance.js';

/**
 * The searches endpoints read daily and monthly rollups (the coarsest that can answer); every answer must
 * equal the same count made by GROUP BY on raw events, for random filters, periods and granularities.
 * Own database: no other spec's events can change the counts between the two readings.
 */
describe('rollups equal raw counts for random filters (real Postgres)', () => {
  let app: NestExpressApplication;
  let pool: pg.Pool;
  let api: ReturnType<typeof as>;
  let communes: { code: string; department_code: string; region_code: string; epci_code: string | null }[];
  const seed = Number(process.env['FC_SEED'] ?? 20261123);

  beforeAll(async () => {
    const url = await isolatedDatabase('vigie_rollup_test');
    pool = new pg.Pool({ connectionString: url });
    app = await testApp({}, url);
    // loginAs writes to the shared test database; the isolated one needs its own admin session.
    api = as(app, await loginAs(app, 'admin', undefined, url));
    communes = (
      await pool.query(
        `SELECT code, department_code, region_code, epci_code FROM commune WHERE department_code IN ('2A', '2B', '95', '93', '69') ORDER BY population DESC LIMIT 60`,
      )
    ).rows;
    const rnd = fc.sample(fc.integer({ min: 0, max: 2 ** 30 }), { numRuns: 1, seed })[0];
    let s = rnd || 1;
    const next = (n: number) => (s = (s * 48271) % 2147483647) % n;
    const categories = CATEGORIES.slice(0, 40);
    async function* rows() {
      for (let i = 0; i < 12_000; i++) {
        const c = communes[next(communes.length)];
        const where = next(10); // 80 % located at a commune, 10 % at the department only, 10 % at the region only
        const cat = next(5) === 0 ? null : categories[next(categories.length)];
        const theme = cat ? cat.theme : THEMES[next(THEMES.length)].id;
        const t = Date.UTC(2024, 11, 1) + next(760) * 86_400_000 + next(86_400) * 1000;
        yield {
          ok: true as const,
          line: i + 1,
          record: {
            sourceId: `roll-${i}`,
            occurredAt: new Date(t).toISOString(),
            categoryId: cat?.id ?? null,
            themeId: theme,
            searchType: null,
            geoType: where < 8 ? ('commune' as const) : where === 8 ? ('department' as const) : ('region' as const),
            communeCode: where < 8 ? c.code : null,
            departmentCode: where === 8 ? c.department_code : null,
            regionCode: where === 9 ? c.region_code : null,
            resultCount: next(4) === 0 ? 0 : next(12),
            // About 1 in 8 is an administrator's (an admin account, or a back-office search): stored, not demand.
            userStatus: (['pro', 'public', 'unknown', 'pro', 'public', 'unknown', 'pro', 'admin'] as const)[next(8)],
            origin: (['web', 'widget', 'api'] as const)[next(3)],
            language: ['fr', 'en', 'ar'][next(3)],
            adminSearch: next(12) === 0,
          },
        };
      }
    }
    const summary = await runImport(pool, searchEventsKind('roll'), rows(), { source: 'roll', format: 'test' });
    expect(summary.inserted).toBe(12_000);
    // Administrators' searches were generated (the exclusion is exercised) and are stored.
    const admins = (await pool.query(`SELECT count(*)::int n FROM search_event WHERE admin_search OR user_status = 'admin'`)).rows[0].n;
    expect(admins).toBeGreaterThan(1000);
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await pool?.end();
  });

  type Filter = {
    level?: string;
    code?: string;
    theme?: string;
    category?: string;
    status?: string;
    origin?: string;
    language?: string;
    from: string;
    to: string;
  };

  const rawWhere = (f: Filter, params: unknown[]) => {
    const p = (v: unknown) => `$${params.push(v)}`;
    // The reference: demand only (no administrator's search), days of the period up to today (nothing after today is counted).
    const w = [
      `(occurred_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${p(f.from)}::date AND least(${p(f.to)}::date, ${p(testToday())}::date)`,
      `NOT admin_search AND user_status <> 'admin'`,
    ];
    if (f.level === 'region') w.push(`region_code = ${p(f.code)}`);
    if (f.level === 'department') w.push(`department_code = ${p(f.code)}`);
    if (f.level === 'commune') w.push(`commune_code = ${p(f.code)}`);
    if (f.level === 'epci') w.push(`commune_code IN (SELECT code FROM commune WHERE epci_code = ${p(f.code)})`);
    if (f.theme) w.push(`theme_id = ${p(f.theme)}`);
    if (f.category) w.push(`category_id = ${p(f.category)}`);
    if (f.status) w.push(`user_status = ${p(f.status)}`);
    if (f.origin) w.push(`origin = ${p(f.origin)}`);
    if (f.language) w.push(`language = ${p(f.language)}`);
    return w.join(' AND ');
  };
  const query = (f: Filter) =>
    Object.entries(f)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');

  const filter = () =>
    fc
      .record({
        territory: fc.integer({ min: 0, max: 59 }),
        level: fc.constantFrom(undefined, 'region', 'department', 'epci', 'commune'),
        key: fc.constantFrom(undefined, 'theme', 'category'),
        keyPick: fc.integer({ min: 0, max: 1000 }),
        status: fc.constantFrom(undefined, undefined, 'pro', 'public', 'admin'),
        origin: fc.constantFrom(undefined, undefined, 'widget'),
        language: fc.constantFrom(undefined, undefined, undefined, 'en'),
        start: fc.integer({ min: 0, max: 740 }),
        length: fc.integer({ min: 0, max: 500 }),
      })
      .map((r): Filter => {
        const c = communes[r.territory];
        const code =
          r.level === 'region'
            ? c.region_code
            : r.level === 'department'
              ? c.department_code
              : r.level === 'epci'
                ? c.epci_code
                : r.level === 'commune'
                  ? c.code
                  : undefined;
        const from = new Date(Date.UTC(2024, 10, 20) + r.start * 86_400_000).toISOString().slice(0, 10);
        const to = new Date(Date.UTC(2024, 10, 20) + (r.start + r.length) * 86_400_000).toISOString().slice(0, 10);
        const cat = CATEGORIES.slice(0, 40)[r.keyPick % 40];
        return {
          level: code ? r.level : undefined,
          code: code ?? undefined,
          theme: r.key === 'theme' ? cat.theme : undefined,
          category: r.key === 'category' ? cat.id : undefined,
          status: r.status,
          origin: r.origin,
          language: r.language,
          from,
          to,
        };
      });

  it('series (month, week, day) and totals equal GROUP BY on raw events', async () => {
    await fc.assert(
      fc.asyncProperty(filter(), fc.constantFrom('month', 'week', 'day'), async (f, granularity) => {
        const s = (await api.get(`/api/searches/series?granularity=${granularity}&${query(f)}`).expect(200)).body as SearchSeries;
        const params: unknown[] = [granularity];
        const raw = (
          await pool.query(
            `SELECT to_char(date_trunc($1, (occurred_at AT TIME ZONE 'Europe/Paris')::date), 'YYYY-MM-DD') AS period, count(*)::int AS n, (count(*) FILTER (WHERE result_count = 0))::int AS z
             FROM search_event WHERE ${rawWhere(f, params)} GROUP BY 1`,
            params,
          )
        ).rows as { period: string; n: number; z: number }[];
        const byPeriod = new Map(raw.map((r) => [r.period, r]));
        for (const p of s.current)
          expect({ p: p.period, n: p.searches, z: p.zeroResults }).toEqual({
            p: p.period,
            n: byPeriod.get(p.period)?.n ?? 0,
            z: byPeriod.get(p.period)?.z ?? 0,
          });
        expect(s.totals.searches).toBe(raw.reduce((a, r) => a + r.n, 0));
        expect(s.totals.zeroResults).toBe(raw.reduce((a, r) => a + r.z, 0));
      }),
      { numRuns: 60, seed },
    );
  }, 300_000);

  it('breakdowns by every dimension equal GROUP BY on raw events', async () => {
    const column: Record<string, string> = {
      category: 'category_id',
      theme: 'theme_id',
      status: 'user_status',
      origin: 'origin',
      language: 'language',
    };
    await fc.assert(
      fc.asyncProperty(filter(), fc.constantFrom('category', 'theme', 'status', 'origin', 'language', 'territory'), async (f, by) => {
        if (by === 'territory' && f.level === 'commune') return;
        const b = (await api.get(`/api/searches/breakdown?by=${by}&limit=200&${query(f)}`).expect(200)).body as SearchBreakdown;
        const params: unknown[] = [];
        const where = rawWhere(f, params);
        const key =
          by === 'territory' ? (!f.level ? 'region_code' : f.level === 'region' ? 'department_code' : 'commune_code') : column[by];
        const raw = (
          await pool.query(`SELECT coalesce(${key}, '') AS key, count(*)::int AS n FROM search_event WHERE ${where} GROUP BY 1`, params)
        ).rows as { key: string; n: number }[];
        const expected = Object.fromEntries(raw.map((r) => [r.key, r.n]));
        expect(Object.fromEntries(b.rows.map((r) => [r.key, r.searches]))).toEqual(expected);
      }),
      { numRuns: 60, seed },
    );
  }, 300_000);

  it('a rebuild from raw events gives the same answers', async () => {
    const urls = [
      '/api/searches/series?granularity=month&from=2025-01-15&to=2026-11-30',
      '/api/searches/breakdown?by=territory&from=2025-03-01&to=2026-02-28',
      '/api/searches/series?granularity=month&level=department&code=95&from=2024-12-01&to=2026-12-31',
    ];
    const before = await Promise.all(urls.map(async (u) => (await api.get(u).expect(200)).body));
    await pool.query(`UPDATE search_rollup_month_dept SET searches = searches + 1000`); // corrupt the monthly rollups
    await pool.query(`UPDATE search_rollup_month_region SET searches = searches + 1000`);
    await rebuildRollups(pool);
    const after = await Promise.all(urls.map(async (u) => (await api.get(u).expect(200)).body));
    expect(after).toEqual(before);
    // The monthly rollups count demand only: as many searches as the events that are not administrators'.
    const { rows } = await pool.query(
      `SELECT (SELECT sum(searches)::int FROM search_rollup_month_region) AS rollup,
              (SELECT count(*)::int FROM search_event WHERE NOT admin_search AND user_status <> 'admin') AS demand,
              (SELECT count(*)::int FROM search_event) AS stored`,
    );
    expect(rows[0].rollup).toBe(rows[0].demand);
    expect(rows[0].stored).toBeGreaterThan(rows[0].demand);
  });
});

import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import type { SearchSeries, SearchPeaks, UnmetDemand } from '@vigie/contracts';
import { as, loginAs, testApp, testDatabaseUrl, testToday } from '../../test/app.js';
import { runImport } from '../imports/import-runner.js';
import { searchEventsKind } from '../imports/kinds/search-events.kind.js';

/** Deterministic events in Corsica (2A): 2025-01-01 … 2026-06-30, a June 2026 peak, zero results in Ajaccio only. */
function* events() {
  let n = 0;
  for (let d = Date.UTC(2025, 0, 1); d <= Date.UTC(2026, 5, 30); d += 86_400_000) {
    const day = new Date(d);
    const perDay = day.getUTCFullYear() === 2026 && day.getUTCMonth() === 5 ? 12 : 4;
    for (let i = 0; i < perDay; i++) {
      n++;
      const commune = i % 2 ? '2A004' : '2A247';
      yield {
        sourceId: `spec-${n}`,
        occurredAt: new Date(d + (8 + i) * 3_600_000).toISOString(),
        categoryId: i % 4 === 0 ? 'shower' : 'food_distribution',
        themeId: i % 4 === 0 ? 'hygiene_and_wellness' : 'food',
        searchType: null,
        geoType: 'commune',
        communeCode: commune,
        departmentCode: null,
        regionCode: null,
        resultCount: commune === '2A004' ? 0 : 3,
        userStatus: i % 3 ? 'public' : 'pro',
        origin: i % 5 ? 'web' : 'widget',
        language: 'fr',
        adminSearch: false,
      } as const;
    }
  }
}

describe('search analytics API (rollups, real Postgres)', () => {
  let app: NestExpressApplication;
  let api: ReturnType<typeof as>;
  let pool: pg.Pool;
  beforeAll(async () => {
    app = await testApp();
    api = as(app, await loginAs(app, 'admin'));
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    async function* rows() {
      let line = 0;
      for (const e of events()) yield { ok: true as const, line: ++line, record: { ...e } };
    }
    await runImport(pool, searchEventsKind('spec'), rows(), { source: 'spec', format: 'test' });
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  const raw = async (where: string, params: unknown[]) =>
    (
      await pool.query(
        `SELECT count(*)::int n, count(*) FILTER (WHERE result_count = 0)::int z FROM search_event WHERE source = 'spec' AND ${where}`,
        params,
      )
    ).rows[0];

  it('monthly series equals GROUP BY on raw events, with previous period and previous year', async () => {
    const res = await api.get('/api/searches/series?granularity=month&from=2026-01-01&to=2026-06-30&level=department&code=2A').expect(200);
    const s = res.body as SearchSeries;
    expect(s.current.map((p) => p.period)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01']);
    const june = await raw(`occurred_at >= '2026-06-01' AND occurred_at < '2026-07-01'`, []);
    expect(s.current[5].searches).toBe(june.n);
    expect(s.current[5].zeroResults).toBe(june.z);
    // Previous period: the same 181 days just before (4 July – 31 December 2025), bucket by bucket.
    expect(s.ranges.previousPeriod).toEqual({ from: '2025-07-04', to: '2025-12-31' });
    expect(s.previousPeriod[0]).toMatchObject({ period: '2025-07-04', from: '2025-07-04', to: '2025-08-03', days: 31, searches: 124 });
    expect(s.previousYear[5]).toMatchObject({ period: '2025-06-01', searches: 120, partial: false });
    expect(s.current.every((p) => !p.partial)).toBe(true);
    expect(s.totals.zeroResultRate).toBeCloseTo(0.5, 2);
    expect(s.population).toBeGreaterThan(150_000);
  });

  it('weekly series start on Monday and cross the year boundary', async () => {
    const res = await api.get('/api/searches/series?granularity=week&from=2025-12-29&to=2026-01-11&level=commune&code=2A004').expect(200);
    const s = res.body as SearchSeries;
    expect(s.current.map((p) => p.period)).toEqual(['2025-12-29', '2026-01-05']);
    expect(s.current[0].searches).toBe(14); // 2 searches a day in Ajaccio × 7 days
    // The same dates a year earlier (not 52 weeks): 29 December 2024 – 11 January 2025.
    expect(s.ranges.previousYear).toEqual({ from: '2024-12-29', to: '2025-01-11' });
    expect(s.previousYear[0]).toMatchObject({ period: '2024-12-29', from: '2024-12-29', to: '2025-01-04', days: 7, searches: 8 });
  });

  it('compares a period ending mid-month with the same dates a year earlier, and flags its partial months', async () => {
    // 10 March – 20 June 2026: March and June are partial; the previous year is 10 March – 20 June 2025.
    const s = (await api.get('/api/searches/series?granularity=month&from=2026-03-10&to=2026-06-20&level=department&code=2A').expect(200))
      .body as SearchSeries;
    expect(s.current.map((p) => [p.period, p.days, p.partial])).toEqual([
      ['2026-03-01', 22, true],
      ['2026-04-01', 30, false],
      ['2026-05-01', 31, false],
      ['2026-06-01', 20, true],
    ]);
    expect(s.ranges.previousYear).toEqual({ from: '2025-03-10', to: '2025-06-20' });
    const days = (from: string, to: string) => raw(`(occurred_at AT TIME ZONE 'Europe/Paris')::date BETWEEN $1 AND $2`, [from, to]);
    expect(s.current[3].searches).toBe((await days('2026-06-01', '2026-06-20')).n);
    expect(s.previousYear[3]).toMatchObject({
      from: '2025-06-01',
      to: '2025-06-20',
      partial: true,
      searches: (await days('2025-06-01', '2025-06-20')).n,
    });
    expect(s.totals.previousYear).toBe((await days('2025-03-10', '2025-06-20')).n);
    // Previous period: the 103 days just before.
    expect(s.ranges.previousPeriod).toEqual({ from: '2025-11-27', to: '2026-03-09' });
    expect(s.totals.previousPeriod).toBe((await days('2025-11-27', '2026-03-09')).n);
  });

  it('cuts the period at today: a month after today counts no day, comparisons stop on the same date', async () => {
    // Test day: VIGIE_TODAY (2026-11-15). 1 January – 31 December 2026 is observed up to today only.
    const s = (await api.get('/api/searches/series?granularity=month&from=2026-01-01&to=2026-12-31&level=department&code=2A').expect(200))
      .body as SearchSeries;
    const today = testToday();
    expect(s.ranges.observed).toEqual({ from: '2026-01-01', to: today });
    expect(s.ranges.previousYear).toEqual({ from: '2025-01-01', to: `2025${today.slice(4)}` });
    const last = s.current[11];
    expect(last.partial).toBe(true);
    expect(last.days).toBe(0);
    expect(s.previousYear[11]).toMatchObject({ days: 0, searches: 0 });
  });

  it("leaves the directory administrators' searches out of every figure", async () => {
    // Lozère: 5 demand searches a day in March 2026, plus administrators' searches (admin accounts, back office).
    async function* rows() {
      let line = 0;
      for (let d = 1; d <= 31; d++)
        for (let i = 0; i < 8; i++)
          yield {
            ok: true as const,
            line: ++line,
            record: {
              sourceId: `adm-${d}-${i}`,
              occurredAt: `2026-03-${String(d).padStart(2, '0')}T${String(9 + i).padStart(2, '0')}:00:00.000Z`,
              categoryId: 'food_distribution',
              themeId: 'food',
              searchType: null,
              geoType: 'commune' as const,
              communeCode: '48095',
              departmentCode: null,
              regionCode: null,
              resultCount: i % 2 ? 0 : 4,
              userStatus: i === 5 ? ('admin' as const) : ('public' as const),
              origin: 'web' as const,
              language: 'fr',
              adminSearch: i >= 6,
            },
          };
    }
    await runImport(pool, searchEventsKind('spec-admin'), rows(), { source: 'spec-admin', format: 'test' });
    const stored = (await pool.query(`SELECT count(*)::int n FROM search_event WHERE source = 'spec-admin'`)).rows[0].n;
    expect(stored).toBe(31 * 8);
    const q = 'from=2026-03-01&to=2026-03-31&level=department&code=48';
    const month = (await api.get(`/api/searches/series?granularity=month&${q}`).expect(200)).body as SearchSeries;
    expect(month.totals.searches).toBe(31 * 5);
    expect(month.current[0].searches).toBe(31 * 5);
    expect(month.totals.zeroResults).toBe(31 * 2);
    const day = (await api.get(`/api/searches/series?granularity=day&${q}`).expect(200)).body as SearchSeries;
    expect(day.current[0].searches).toBe(5);
    const byStatus = (await api.get(`/api/searches/breakdown?by=status&${q}`).expect(200)).body;
    expect(byStatus.rows).toEqual([expect.objectContaining({ key: 'public', searches: 31 * 5 })]);
    const rollup = (
      await pool.query(`SELECT sum(searches)::int n FROM search_rollup_month_dept WHERE department_code = '48' AND day = '2026-03-01'`)
    ).rows[0].n;
    expect(rollup).toBe(31 * 5);
    const csv = (await api.get(`/api/searches/events.csv?${q}`).expect(200)).text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv.length - 1).toBe(31 * 5);
  });

  it('suppresses counts below 11 for a steering committee (copil) of the territory', async () => {
    const copil = as(app, await loginAs(app, 'copil', ['department:2A']));
    const res = await copil.get('/api/searches/series?granularity=day&from=2026-01-01&to=2026-01-03&level=commune&code=2A004').expect(200);
    const s = res.body as SearchSeries;
    expect(s.suppressionThreshold).toBe(11);
    expect(s.current[0].searches).toEqual({ lt: 11 });
    expect(s.current[0].zeroResultRate).toBeNull();
  });

  it('breaks down by theme and by territory with shares that add up', async () => {
    const byTheme = (await api.get('/api/searches/breakdown?by=theme&from=2025-01-01&to=2026-06-30&level=department&code=2A').expect(200))
      .body;
    expect(byTheme.rows.map((r: { key: string }) => r.key)).toEqual(['food', 'hygiene_and_wellness']);
    expect(byTheme.rows.reduce((s: number, r: { share: number }) => s + r.share, 0)).toBeCloseTo(1, 6);
    expect(byTheme.rows[0].label).toBe('Alimentation');
    const byTerritory = (
      await api.get('/api/searches/breakdown?by=territory&from=2025-01-01&to=2026-06-30&level=department&code=2A').expect(200)
    ).body;
    expect(byTerritory.rows.map((r: { label: string }) => r.label).sort()).toEqual(['Ajaccio', 'Porto-Vecchio']);
  });

  it('answers from its cache until new events change the rollups, then shows them at once', async () => {
    const url = '/api/searches/series?granularity=month&from=2026-06-01&to=2026-06-30&level=commune&code=2A004';
    const before = (await api.get(url).expect(200)).body as SearchSeries;
    const again = (await api.get(url).expect(200)).body as SearchSeries;
    expect(again.current).toEqual(before.current);
    async function* one() {
      yield {
        ok: true as const,
        line: 1,
        record: {
          sourceId: 'cache-1',
          occurredAt: '2026-06-15T10:00:00.000Z',
          categoryId: 'shower',
          themeId: 'hygiene_and_wellness',
          searchType: null,
          geoType: 'commune' as const,
          communeCode: '2A004',
          departmentCode: null,
          regionCode: null,
          resultCount: 0,
          userStatus: 'public' as const,
          origin: 'web' as const,
          language: 'fr',
          adminSearch: false,
        },
      };
    }
    await runImport(pool, searchEventsKind('spec-cache'), one(), { source: 'spec-cache', format: 'test' });
    const after = (await api.get(url).expect(200)).body as SearchSeries;
    expect(after.current[0].searches).toBe((before.current[0].searches as number) + 1);
  });

  it('ranks unmet demand: zero-result searches per commune × theme equal raw counts, with reachable services from the coverage snapshot', async () => {
    const u = (await api.get('/api/searches/unmet?from=2025-01-01&to=2026-06-30&level=department&code=2A').expect(200)).body as UnmetDemand;
    expect(u).toMatchObject({ rowLevel: 'commune', keyType: 'theme', sort: 'zero_results' });
    expect(u.rows[0]).toMatchObject({ code: '2A004', name: 'Ajaccio', key: 'food' });
    const ajaccio = await raw(`commune_code = '2A004' AND theme_id = 'food' AND occurred_at < '2026-07-01'`, []);
    expect(u.rows[0].searches).toBe(ajaccio.n);
    expect(u.rows[0].zeroResults).toBe(ajaccio.z);
    expect(u.rows[0].zeroResultRate).toBe(1);
    const zeros = u.rows.map((r) => r.zeroResults as number);
    expect(zeros).toEqual([...zeros].sort((a, b) => b - a));
    const v = u.snapshotId
      ? (
          await pool.query(
            `SELECT reachable FROM coverage_value WHERE snapshot_id = $1 AND level = 'commune' AND code = '2A004' AND key = 'food'`,
            [u.snapshotId],
          )
        ).rows[0]
      : undefined;
    expect(u.rows[0].reachableServices).toBe(v?.reachable ?? null);

    const byPressure = (
      await api
        .get('/api/searches/unmet?from=2025-01-01&to=2026-06-30&level=department&code=2A&rows=department&sort=searches_per_service')
        .expect(200)
    ).body as UnmetDemand;
    expect(byPressure.keyType).toBe('category');
    expect(byPressure.rows.map((r) => r.key).sort()).toEqual(['food_distribution', 'shower']);
    const pressure = byPressure.rows.map((r) => (r.searches as number) / Math.max(1, r.reachableServices ?? 0));
    expect(pressure).toEqual([...pressure].sort((a, b) => b - a));
    // No ratio over zero reachable services: null ("aucun service accessible"), else searches / reachable.
    for (const r of byPressure.rows)
      expect(r.searchesPerService).toBe(
        r.reachableServices === 0 || r.reachableServices === null
          ? null
          : Math.round(((r.searches as number) / r.reachableServices) * 100) / 100,
      );
    // Both sources of this spec (the cache test added one shower search in Ajaccio).
    const showers = (
      await pool.query(
        `SELECT count(*)::int n FROM search_event WHERE source IN ('spec', 'spec-cache') AND department_code = '2A' AND category_id = 'shower' AND occurred_at < '2026-07-01'`,
      )
    ).rows[0];
    expect(byPressure.rows.find((r) => r.key === 'shower')!.searches).toBe(showers.n);
  });

  it('unmet demand is suppressed below 11 for a funder, and refuses rows coarser than the filter', async () => {
    const funder = as(app, await loginAs(app, 'funder', ['department:2A']));
    const u = (await funder.get('/api/searches/unmet?from=2026-01-01&to=2026-01-02&level=department&code=2A').expect(200))
      .body as UnmetDemand;
    expect(u.suppressionThreshold).toBe(11);
    expect(u.rows.length).toBeGreaterThan(0);
    for (const r of u.rows) {
      expect(r.searches).toEqual({ lt: 11 });
      expect(r.searchesPerService).toBeNull();
    }
    await api.get('/api/searches/unmet?level=department&code=2A&rows=region').expect(400);
    await api.get('/api/searches/unmet?sort=best').expect(400);
  });

  it('exports raw events as CSV to admins and coordinators of the territory, never to funders or steering committees', async () => {
    const res = await api.get('/api/searches/events.csv?from=2026-06-01&to=2026-06-03&level=commune&code=2A004').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'occurred_at;source;category_id;theme_id;geo_type;commune_code;department_code;region_code;result_count;user_status;origin;language;admin_search',
    );
    const n = (
      await pool.query(
        `SELECT count(*)::int n FROM search_event WHERE commune_code = '2A004' AND occurred_at >= '2026-06-01' AND occurred_at < '2026-06-04' AND NOT admin_search AND user_status <> 'admin'`,
      )
    ).rows[0].n;
    expect(lines.length - 1).toBe(n);
    expect(n).toBeGreaterThan(0);
    const coordinator = as(app, await loginAs(app, 'coordinator', ['department:2A']));
    await coordinator.get('/api/searches/events.csv?from=2026-06-01&to=2026-06-01&level=department&code=2A').expect(200);
    await coordinator.get('/api/searches/events.csv?from=2026-06-01&to=2026-06-01&level=department&code=95').expect(403);
    await as(app, await loginAs(app, 'funder', ['department:2A']))
      .get('/api/searches/events.csv?level=department&code=2A')
      .expect(403);
    await as(app, await loginAs(app, 'copil', ['department:2A']))
      .get('/api/searches/events.csv?level=department&code=2A')
      .expect(403);
    // The audit entry is written once the answer is sent.
    let audit: unknown;
    for (let i = 0; i < 50 && !audit; i++) {
      audit = (
        await pool.query(
          `SELECT action, territory FROM audit_log WHERE action = 'searches.raw-export' AND territory = 'department:2A' LIMIT 1`,
        )
      ).rows[0];
      if (!audit) await new Promise((r) => setTimeout(r, 100));
    }
    expect(audit).toEqual({ action: 'searches.raw-export', territory: 'department:2A' });
  });

  it('detects the June 2026 peak', async () => {
    const res = await api.get('/api/searches/peaks?granularity=month&from=2025-01-01&to=2026-06-30&level=department&code=2A').expect(200);
    expect((res.body as SearchPeaks).peaks.map((p) => p.period)).toEqual(['2026-06-01']);
  });

  it('gives the peaks of the period asked, with the months before it as context, never a partial month', async () => {
    const peaks = async (from: string, to: string) =>
      (
        (await api.get(`/api/searches/peaks?granularity=month&from=${from}&to=${to}&level=department&code=2A`).expect(200))
          .body as SearchPeaks
      ).peaks.map((p) => p.period);
    // Three months alone have too little history for a trend: the months before the period give it.
    expect(await peaks('2026-04-01', '2026-06-30')).toEqual(['2026-06-01']);
    // A period that does not hold June has no peak (not a June outside it).
    expect(await peaks('2025-01-01', '2026-05-31')).toEqual([]);
    // June cut at the 20th is partial: not a peak.
    expect(await peaks('2026-01-01', '2026-06-20')).toEqual([]);
  });

  it.each([
    ['/api/searches/series?from=2026-02-30', 400],
    ['/api/searches/series?from=2026-06-01&to=2026-01-01', 400],
    ['/api/searches/series?level=department', 400],
    ['/api/searches/series?level=department&code=98', 404],
    ['/api/searches/series?granularity=year', 400],
    ['/api/searches/series?theme=pizza', 400],
    ['/api/searches/breakdown?by=ip', 400],
    ['/api/searches/breakdown?limit=0', 400],
  ])('%s → %i', async (url, status) => {
    await api.get(url).expect(status);
  });
});

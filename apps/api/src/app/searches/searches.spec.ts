import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import type { SearchSeries, SearchPeaks, UnmetDemand } from '@vigie/contracts';
import { as, loginAs, testApp, testDatabaseUrl } from '../../test/app.js';
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
    expect(s.previousPeriod.map((p) => p.period)[0]).toBe('2025-07-01');
    expect(s.previousYear[5]).toMatchObject({ period: '2025-06-01', searches: 120 });
    expect(s.totals.zeroResultRate).toBeCloseTo(0.5, 2);
    expect(s.population).toBeGreaterThan(150_000);
  });

  it('weekly series start on Monday and cross the year boundary', async () => {
    const res = await api.get('/api/searches/series?granularity=week&from=2025-12-29&to=2026-01-11&level=commune&code=2A004').expect(200);
    const s = res.body as SearchSeries;
    expect(s.current.map((p) => p.period)).toEqual(['2025-12-29', '2026-01-05']);
    expect(s.current[0].searches).toBe(14); // 2 searches a day in Ajaccio × 7 days
    expect(s.previousYear[0].period).toBe('2024-12-30');
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
        `SELECT count(*)::int n FROM search_event WHERE commune_code = '2A004' AND occurred_at >= '2026-06-01' AND occurred_at < '2026-06-04'`,
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

import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import type { DeploymentActivities, DeploymentKpis, DeploymentMetric, DeploymentMutualAid, DeploymentTerritories } from '@vigie/contracts';
import { DEPLOYMENT_DEPARTMENTS } from '@vigie/demo-generator';
import { as, loginAs, testApp, testDatabaseUrl } from '../../test/app.js';
import { loadDemo } from '../demo/demo-loader.js';
import { kpiStatus, yearCalendar } from './deployment.service.js';

/** Gironde (33, Nouvelle-Aquitaine 75) is a demo deployment department that no other test uses; Dordogne (24) gets hand-made targets. */
const DEPT = '33';
const REGION = '75';
const YEAR = 2025;
const SRC = 'spec-deployment';

describe('deployment KPIs API (demo + hand-inserted rows, real Postgres)', () => {
  let app: NestExpressApplication;
  let api: ReturnType<typeof as>;
  let pool: pg.Pool;
  const one = async <T = Record<string, number>>(sql: string, params: unknown[] = []): Promise<T> =>
    (await pool.query(sql, params)).rows[0] as T;

  beforeAll(async () => {
    expect(DEPLOYMENT_DEPARTMENTS).toContain(DEPT);
    app = await testApp();
    // A national steering-committee member (territory scoping is tested at the end of this file).
    api = as(app, await loginAs(app, 'copil', ['national']));
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    // Its own source, so that this load and other tests' demo loads never mark each other's services removed.
    await loadDemo(pool, {
      scale: 'department',
      department: DEPT,
      seed: 33,
      today: new Date(Date.UTC(2026, 5, 30)),
      source: 'demo-deployment-spec',
    });
    // Hand-made rows: two ONLINE places (one with two services), one OFFLINE, one removed; an extra COPIL and a funding line in 2025;
    // a regional sensitisation (counted for the region, not the department); Dordogne targets for the regional sum.
    const svc = (id: string, place: string, status: string, removed: boolean) =>
      pool.query(
        `INSERT INTO service (source, source_id, place_source_id, place_name, category_id, theme_id, status, visibility, department_code, region_code, row_hash, removed_at)
         VALUES ($1, $2, $3, 'Lieu test', 'food_distribution', 'food', $4, 'ALL', $5, $6, 'x', $7) ON CONFLICT (source, source_id) DO NOTHING`,
        [SRC, id, place, status, DEPT, REGION, removed ? new Date() : null],
      );
    await svc('s1', 'p1', 'ONLINE', false);
    await svc('s2', 'p1', 'ONLINE', false);
    await svc('s3', 'p2', 'ONLINE', false);
    await svc('s4', 'p3', 'OFFLINE', false);
    await svc('s5', 'p4', 'ONLINE', true);
    const act = (
      id: string,
      kind: string,
      date: string,
      level: string,
      code: string,
      dept: string | null,
      fields: { people?: number; listeners?: number; amount?: number },
    ) =>
      pool.query(
        `INSERT INTO activity (source, source_id, kind, date, level, code, department_code, region_code, title, people, listeners, amount, row_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'test', $9, $10, $11, 'x') ON CONFLICT (source, source_id) DO NOTHING`,
        [SRC, id, kind, date, level, code, dept, REGION, fields.people ?? null, fields.listeners ?? null, fields.amount ?? null],
      );
    await act('a1', 'copil', '2025-03-15', 'department', DEPT, DEPT, { people: 12 });
    await act('a2', 'funding', '2025-12-31', 'department', DEPT, DEPT, { amount: 1234.5 });
    await act('a3', 'sensitisation', '2025-05-05', 'region', REGION, null, { people: 40 });
    await act('a4', 'training', '2024-12-31', 'department', DEPT, DEPT, { people: 999, listeners: 999 }); // previous year: not counted
    for (const [metric, value] of [
      ['structures', 50],
      ['people_sensitised', 300],
      ['copil_held', 3],
      ['funds_raised', 40000],
    ] as const) {
      await pool.query(
        `INSERT INTO target (level, code, year, metric, value, row_hash) VALUES ('department', '24', $1, $2, $3, 'x') ON CONFLICT DO NOTHING`,
        [YEAR, metric, value],
      );
    }
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  /** Every KPI of Gironde in 2025 recomputed here in SQL. */
  async function expectedDept(): Promise<Record<DeploymentMetric, number>> {
    const structures = await one(
      `SELECT count(DISTINCT (source, place_source_id))::int n FROM service WHERE status = 'ONLINE' AND removed_at IS NULL AND department_code = $1`,
      [DEPT],
    );
    const searches = await one(
      `SELECT coalesce(sum(searches), 0)::int n FROM search_event_day WHERE department_code = $1 AND day BETWEEN '2025-01-01' AND '2025-12-31'`,
      [DEPT],
    );
    const acts = await one(
      `SELECT coalesce(sum(people) FILTER (WHERE kind IN ('sensitisation', 'training')), 0)::int people, coalesce(sum(listeners), 0)::int listeners,
              count(*) FILTER (WHERE kind = 'copil')::int copil, coalesce(sum(amount) FILTER (WHERE kind = 'funding'), 0)::float8 funds
       FROM activity WHERE department_code = $1 AND date BETWEEN '2025-01-01' AND '2025-12-31'`,
      [DEPT],
    );
    return {
      structures: structures.n,
      searches_per_month: Math.round((searches.n / 12) * 10) / 10,
      people_sensitised: acts.people,
      listeners_trained: acts.listeners,
      copil_held: acts.copil,
      funds_raised: acts.funds,
    };
  }

  it('department: every KPI equals its SQL, with the target, progress and status of a past year', async () => {
    const res = await api.get(`/api/deployment/kpis?level=department&code=${DEPT}&year=${YEAR}`).expect(200);
    const body = res.body as DeploymentKpis;
    expect(body.territory).toMatchObject({ level: 'department', code: DEPT, name: 'Gironde' });
    expect(body).toMatchObject({ year: YEAR, expectedProgress: 1, searchMonths: 12, departmentsWithTargets: 1 });
    const expected = await expectedDept();
    const targets = Object.fromEntries(
      (await pool.query(`SELECT metric, value FROM target WHERE level = 'department' AND code = $1 AND year = $2`, [DEPT, YEAR])).rows.map(
        (r) => [r.metric, r.value],
      ),
    );
    expect(body.kpis.map((k) => k.metric)).toEqual([
      'structures',
      'searches_per_month',
      'people_sensitised',
      'listeners_trained',
      'copil_held',
      'funds_raised',
    ]);
    for (const k of body.kpis) {
      expect({ metric: k.metric, value: k.value }).toEqual({ metric: k.metric, value: expected[k.metric] });
      expect(k.target).toBe(targets[k.metric]);
      expect(k.progress).toBeCloseTo(expected[k.metric] / targets[k.metric], 9);
      expect(k.status).toBe(k.progress! >= 1 ? 'on_track' : 'behind');
    }
    // The hand-made rows are in: 2 ONLINE places (not the OFFLINE or removed ones), the extra COPIL and funding line.
    expect(expected.structures).toBeGreaterThan(2);
    expect(expected.copil_held).toBeGreaterThanOrEqual(1);
    expect(expected.searches_per_month).toBeGreaterThan(0);
    expect(expected.people_sensitised).toBeGreaterThan(0);
  });

  it('region: targets are the sum of its departments, values cover the whole region', async () => {
    const body = (await api.get(`/api/deployment/kpis?level=region&code=${REGION}&year=${YEAR}`).expect(200)).body as DeploymentKpis;
    expect(body.territory).toMatchObject({ level: 'region', code: REGION, name: 'Nouvelle-Aquitaine' });
    const sums = Object.fromEntries(
      (
        await pool.query(
          `SELECT t.metric, sum(t.value)::float8 v FROM target t JOIN department d ON d.country = 'FR' AND d.code = t.code
           WHERE t.level = 'department' AND t.year = $1 AND d.region_code = $2 GROUP BY 1`,
          [YEAR, REGION],
        )
      ).rows.map((r) => [r.metric, r.v]),
    );
    const dept33 = (
      await pool.query(`SELECT metric, value FROM target WHERE level = 'department' AND code = $1 AND year = $2`, [DEPT, YEAR])
    ).rows;
    expect(body.departmentsWithTargets).toBeGreaterThanOrEqual(2);
    const kpi = (m: DeploymentMetric) => body.kpis.find((k) => k.metric === m)!;
    expect(kpi('structures').target).toBe(sums['structures']);
    expect(kpi('structures').target).toBe(dept33.find((r) => r.metric === 'structures').value + 50);
    expect(kpi('funds_raised').target).toBe(dept33.find((r) => r.metric === 'funds_raised').value + 40000);
    expect(kpi('listeners_trained').target).toBe(sums['listeners_trained']);
    // The regional sensitisation counts for the region only.
    const people = await one(
      `SELECT coalesce(sum(people), 0)::int n FROM activity WHERE region_code = $1 AND kind IN ('sensitisation', 'training') AND date BETWEEN '2025-01-01' AND '2025-12-31'`,
      [REGION],
    );
    expect(kpi('people_sensitised').value).toBe(people.n);
    expect(kpi('people_sensitised').value).toBe(
      (await expectedDept()).people_sensitised +
        40 +
        (
          await one(
            `SELECT coalesce(sum(people), 0)::int n FROM activity WHERE region_code = $1 AND department_code <> $2 AND kind IN ('sensitisation', 'training') AND date BETWEEN '2025-01-01' AND '2025-12-31'`,
            [REGION, DEPT],
          )
        ).n,
    );
    const national = (await api.get(`/api/deployment/kpis?year=${YEAR}`).expect(200)).body as DeploymentKpis;
    expect(national.territory).toMatchObject({ level: 'national', code: 'FR', name: 'France' });
    expect(national.kpis.find((k) => k.metric === 'structures')!.target).toBeGreaterThanOrEqual(kpi('structures').target!);
  });

  it('a year without targets reports no_target', async () => {
    const body = (await api.get(`/api/deployment/kpis?level=department&code=${DEPT}&year=2019`).expect(200)).body as DeploymentKpis;
    expect(body.kpis.every((k) => k.target === null && k.progress === null && k.status === 'no_target')).toBe(true);
    expect(body.kpis.find((k) => k.metric === 'copil_held')!.value).toBe(0);
  });

  it('activities: the timeline of the period, per month and filtered by kind', async () => {
    const url = `/api/deployment/activities?level=department&code=${DEPT}&from=2025-01-01&to=2025-12-31`;
    const body = (await api.get(url).expect(200)).body as DeploymentActivities;
    const n = await one(
      `SELECT count(*)::int n, count(*) FILTER (WHERE kind = 'copil')::int copil FROM activity WHERE department_code = $1 AND date BETWEEN '2025-01-01' AND '2025-12-31'`,
      [DEPT],
    );
    expect(body.total).toBe(n.n);
    expect(body.items).toHaveLength(Math.min(500, n.n));
    expect(body.items[0].date).toBe('2025-12-31');
    expect(body.items.map((i) => i.date)).toEqual([...body.items.map((i) => i.date)].sort().reverse());
    expect(body.months.map((m) => m.month)).toHaveLength(12);
    expect(body.months[0].month).toBe('2025-01-01');
    expect(body.months.reduce((s, m) => s + m.copil, 0)).toBe(n.copil);
    const copil = (await api.get(`${url}&kind=copil`).expect(200)).body as DeploymentActivities;
    expect(copil.total).toBe(n.copil);
    expect(copil.items.every((i) => i.kind === 'copil')).toBe(true);
    expect(copil.items.find((i) => i.title === 'test')).toMatchObject({ date: '2025-03-15', people: 12 });
  });

  it('mutual aid: by category, status and commune, and actions against 1 % of the population', async () => {
    const body = (await api.get(`/api/deployment/mutual-aid?level=department&code=${DEPT}`).expect(200)).body as DeploymentMutualAid;
    const n = await one(
      `SELECT count(*)::int n, count(*) FILTER (WHERE kind = 'offer')::int offers, count(*) FILTER (WHERE status <> 'cancelled')::int actions FROM mutual_aid WHERE department_code = $1`,
      [DEPT],
    );
    const pop = await one(`SELECT population::int p FROM department WHERE country = 'FR' AND code = $1`, [DEPT]);
    expect(n.n).toBeGreaterThan(0); // Bordeaux has a mutual-aid network in the demo
    expect(body.totals).toMatchObject({ total: n.n, offers: n.offers, requests: n.n - n.offers });
    expect(Object.values(body.totals.byStatus).reduce((s, v) => s + v, 0)).toBe(n.n);
    expect(body.byCategory.reduce((s, c) => s + c.total, 0)).toBe(n.n);
    expect(body.byCommune[0]).toMatchObject({ code: '33063', name: 'Bordeaux' });
    expect(body.onePercent).toEqual({
      actions: n.actions,
      population: pop.p,
      target: Math.ceil(pop.p / 100),
      progress: n.actions / Math.ceil(pop.p / 100),
    });
  });

  it('territories: the departments with targets and their overall progress', async () => {
    const body = (await api.get(`/api/deployment/territories?year=${YEAR}`).expect(200)).body as DeploymentTerritories;
    expect(body.years).toContain(YEAR);
    const gironde = body.departments.find((d) => d.code === DEPT)!;
    const kpis = (await api.get(`/api/deployment/kpis?level=department&code=${DEPT}&year=${YEAR}`).expect(200)).body as DeploymentKpis;
    const withTarget = kpis.kpis.filter((k) => k.progress !== null);
    expect(gironde).toMatchObject({
      name: 'Gironde',
      regionCode: REGION,
      metricsWithTarget: withTarget.length,
      onTrack: withTarget.filter((k) => k.status === 'on_track').length,
    });
    expect(gironde.progress).toBeCloseTo(withTarget.reduce((s, k) => s + Math.min(1, k.progress!), 0) / withTarget.length, 9);
    expect(body.departments.find((d) => d.code === '24')).toMatchObject({ metricsWithTarget: 4 });
  });

  it.each([
    ['/api/deployment/kpis?level=department', 400],
    ['/api/deployment/kpis?level=department&code=9x5', 400],
    ['/api/deployment/kpis?level=commune&code=95500', 400],
    ['/api/deployment/kpis?level=national&code=33', 400],
    ['/api/deployment/kpis?year=1999', 400],
    ['/api/deployment/kpis?year=twenty', 400],
    ['/api/deployment/kpis?pizza=1', 400],
    ['/api/deployment/kpis?level=department&code=98', 404],
    ['/api/deployment/kpis?level=region&code=99', 404],
    ['/api/deployment/activities?level=department&code=33&from=2025-02-30', 400],
    ['/api/deployment/activities?level=department&code=33&from=2025-06-01&to=2025-01-01', 400],
    ['/api/deployment/activities?kind=party', 400],
    ['/api/deployment/mutual-aid?level=region&code=2A', 400],
    ['/api/deployment/mutual-aid?level=department&code=976', 200],
    ['/api/deployment/territories?year=3000', 400],
  ])('%s → %i', async (url, status) => {
    await api.get(url).expect(status);
  });

  it("is scoped to the viewer's territories: a regional funder sees its departments only, and its region by default", async () => {
    const funder = as(app, await loginAs(app, 'funder', [`region:${REGION}`]));
    const own = (await funder.get(`/api/deployment/kpis?year=${YEAR}`).expect(200)).body as DeploymentKpis;
    expect(own.territory).toMatchObject({ level: 'region', code: REGION });
    await funder.get(`/api/deployment/kpis?level=department&code=${DEPT}&year=${YEAR}`).expect(200);
    await funder.get(`/api/deployment/kpis?level=department&code=95`).expect(403);
    await funder.get(`/api/deployment/activities?level=national`).expect(403);
    await funder.get(`/api/deployment/mutual-aid?level=region&code=11`).expect(403);
    const all = (await api.get(`/api/deployment/territories?year=${YEAR}`).expect(200)).body as {
      departments: { code: string; regionCode: string }[];
    };
    const mine = (await funder.get(`/api/deployment/territories?year=${YEAR}`).expect(200)).body as {
      departments: { code: string; regionCode: string }[];
    };
    expect(mine.departments.map((d) => d.code)).toEqual(all.departments.filter((d) => d.regionCode === REGION).map((d) => d.code));
    expect(mine.departments.length).toBeGreaterThan(0);
  });

  it('is for signed-in users only', async () => {
    await as(app, null).get(`/api/deployment/kpis?level=department&code=${DEPT}`).expect(401);
  });
});

describe('deployment calendar', () => {
  it('compares progress with the share of the year elapsed and averages searches over complete months', () => {
    expect(yearCalendar(2025, new Date(Date.UTC(2026, 10, 22)))).toEqual({
      yearStart: '2025-01-01',
      yearEnd: '2026-01-01',
      searchEnd: '2026-01-01',
      searchMonths: 12,
      expected: 1,
    });
    expect(yearCalendar(2027, new Date(Date.UTC(2026, 10, 22)))).toMatchObject({ searchMonths: 1, expected: 0, searchEnd: '2027-01-01' });
    const nov = yearCalendar(2026, new Date(Date.UTC(2026, 10, 22, 15)));
    expect(nov).toMatchObject({ searchEnd: '2026-11-01', searchMonths: 10 });
    expect(nov.expected).toBeCloseTo(326 / 365, 9);
    expect(yearCalendar(2026, new Date(Date.UTC(2026, 0, 10)))).toMatchObject({ searchEnd: '2026-01-11', searchMonths: 1 });
    expect(kpiStatus(0.5, 0.5)).toBe('on_track');
    expect(kpiStatus(0.49, 0.5)).toBe('behind');
    expect(kpiStatus(null, 0.5)).toBe('no_target');
  });
});

// Issue 16: directory coverage declared by admins, checked against the data, and what it does to the metrics
// (uncovered territories flagged and not ranked, region and France over their covered part); full precision stored.
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import type { CoverageMap, CoverageProfile, DirectoryCoverage, PriorityList } from '@vigie/contracts';
import { as, isolatedDatabase, loginAs, testApp, testNow, testToday } from '../../test/app.js';
import { computeState } from '../coverage/coverage-refresh.js';
import { CoverageService } from '../coverage/coverage.service.js';
import { loadDemo } from '../demo/demo-loader.js';
import { coverageCommand } from './directory-coverage.cli.js';

describe('directory coverage (real Postgres, own database)', () => {
  let app: NestExpressApplication;
  let pool: pg.Pool;
  let url: string;
  let admin: ReturnType<typeof as>;
  let copil: ReturnType<typeof as>;
  let firstActivity: string;
  beforeAll(async () => {
    url = await isolatedDatabase('vigie_directory_coverage_test');
    app = await testApp({}, url);
    pool = new pg.Pool({ connectionString: url });
    admin = as(app, await loginAs(app, 'admin', undefined, url));
    copil = as(app, await loginAs(app, 'copil', ['department:95'], url));
  }, 400_000);
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  it('nothing declared: everything covered, the deployment data suggested', async () => {
    const before = (await admin.get('/api/directory-coverage').expect(200)).body as DirectoryCoverage;
    expect(before).toMatchObject({ source: 'all', coveredDepartments: 101, totalDepartments: 101, populationShare: 1, departments: [] });
    await loadDemo(pool, {
      scale: 'department',
      department: '95',
      seed: 5,
      today: testNow(),
      source: 'demo-dircov',
      declareCoverage: false,
    });
    const { rows } = await pool.query(`SELECT to_char(min(date), 'YYYY-MM-DD') AS d FROM activity WHERE department_code = '95'`);
    firstActivity = rows[0].d;
    const after = (await admin.get('/api/directory-coverage').expect(200)).body as DirectoryCoverage;
    expect(after.source).toBe('all');
    // The deployment data name 95 from January 1st of its first target year or its first activity, whichever is earlier.
    expect(after.suggested.map((x) => x.code)).toEqual(['95']);
    expect(after.suggested[0].from <= firstActivity).toBe(true);
    // 95 has its services, nothing is declared: it is flagged as undeclared with many services.
    expect(after.departments.map((d) => [d.code, d.flag])).toEqual([['95', 'undeclared_with_services']]);
  }, 400_000);

  it('admins declare (the demo loader too), others read within their territories', async () => {
    await loadDemo(pool, {
      scale: 'department',
      department: '95',
      seed: 5,
      today: testNow(),
      source: 'demo-dircov',
      declareCoverage: true,
    });
    const declared = (await admin.get('/api/directory-coverage').expect(200)).body as DirectoryCoverage;
    expect(declared.source).toBe('declared');
    expect(declared.departments.map((d) => [d.code, d.from, d.covered, d.flag])).toEqual([['95', firstActivity, true, null]]);
    expect(declared.departments[0].services).toBeGreaterThan(50);
    await copil.put('/api/directory-coverage/93').send({ from: '2024-01-01' }).expect(403);
    await admin.put('/api/directory-coverage/93').send({ from: '2024-13-01' }).expect(400);
    await admin.put('/api/directory-coverage/99').send({ from: '2024-01-01' }).expect(400);
    await admin.delete('/api/directory-coverage/93').expect(404);
    // 2B declared with no service: flagged; 93 declared from a day after the reference day: not covered yet.
    await admin.put('/api/directory-coverage/2b').send({ from: '2024-01-01', note: 'test' }).expect(200);
    const later = (await admin.put('/api/directory-coverage/93').send({ from: '2099-01-01' }).expect(200)).body as DirectoryCoverage;
    const byCode = new Map(later.departments.map((d) => [d.code, d]));
    expect(byCode.get('2B')).toMatchObject({ from: '2024-01-01', covered: true, services: 0, flag: 'few_services', note: 'test' });
    expect(byCode.get('93')).toMatchObject({ covered: false, flag: 'few_services' });
    expect(later.coveredDepartments).toBe(2);
    const pops = await pool.query(`SELECT code, population::float8 p FROM department WHERE country = 'FR'`);
    const pop = new Map(pops.rows.map((r) => [r.code, r.p as number]));
    const total = [...pop.values()].reduce((a, b) => a + b, 0);
    expect(later.coveredPopulation).toBe(pop.get('95')! + pop.get('2B')!);
    expect(later.populationShare).toBeCloseTo((pop.get('95')! + pop.get('2B')!) / total, 12);
    // A COPIL of 95 sees its department only.
    const mine = (await copil.get('/api/directory-coverage').expect(200)).body as DirectoryCoverage;
    expect(mine).toMatchObject({ totalDepartments: 1, coveredDepartments: 1 });
    expect(mine.departments.map((d) => d.code)).toEqual(['95']);
  }, 400_000);

  it('metrics: uncovered territories flagged and not ranked, region and France over their covered part', async () => {
    // 7 food searches in Bastia (2B: declared, no service within reach) for the demand pressure test below.
    await pool.query(
      `INSERT INTO search_event (occurred_at, source, source_id, category_id, theme_id, geo_type, commune_code, department_code, region_code,
                                 result_count, user_status, origin, language)
       SELECT e.occurred_at, 'dircov-test', 'dircov-' || g, NULL, 'food', e.geo_type, '2B033', '2B', '94', 0, e.user_status, e.origin, e.language
       FROM (SELECT * FROM search_event WHERE department_code = '95' AND theme_id = 'food' AND day > $1::date - 90 AND day <= $1::date LIMIT 1) e,
            generate_series(1, 7) g`,
      [testToday()],
    );
    const snapshot = (await app.get(CoverageService).refresh('test', 'full')).snapshotId;
    const map = (await admin.get('/api/coverage?level=department&theme=food&metric=share_beyond').expect(200)).body as CoverageMap;
    const v = new Map(map.values.map((x) => [x.code, x]));
    expect(v.get('95')).toMatchObject({ covered: true, coverage: { status: 'covered', departments: 1, of: 1, populationShare: 1 } });
    expect(v.get('93')).toMatchObject({ covered: false, coverage: { status: 'uncovered', departments: 0, of: 1, populationShare: 0 } });
    expect(map.values.filter((x) => x.covered).map((x) => x.code)).toEqual(['2B', '95']);
    expect(map.coverage).toMatchObject({ status: 'partial', departments: 2, of: 101 });

    // Île-de-France: « données pour 1 département sur 8 », over Val-d'Oise only.
    const idf = (await admin.get('/api/coverage/region/11').expect(200)).body as CoverageProfile;
    const share = await pool.query(
      `SELECT (SELECT sum(population) FROM commune c WHERE country = 'FR' AND department_code = '95' AND parent_code IS NULL)::float8 /
              (SELECT sum(population) FROM commune c WHERE country = 'FR' AND region_code = '11' AND parent_code IS NULL)::float8 AS s`,
    );
    expect(idf.coverage).toMatchObject({ status: 'partial', departments: 1, of: 8 });
    expect(idf.coverage!.populationShare).toBeCloseTo(share.rows[0].s, 6);
    const food = idf.keys.find((k) => k.key === 'food')!;
    const d95 = ((await admin.get('/api/coverage/department/95').expect(200)).body as CoverageProfile).keys.find((k) => k.key === 'food')!;
    expect(food.covered).toBe(true);
    expect([food.population, food.populationBeyond, food.services]).toEqual([d95.population, d95.populationBeyond, d95.services]);
    expect(food.shareBeyond).toBeCloseTo(d95.shareBeyond!, 12);
    // Need-weighted accessibility (demand = poor population): known in Val-d'Oise (Filosofi), over the covered part.
    expect(d95.accessibilityPoor).toBeGreaterThan(0);
    expect(food.accessibilityPoor).toBeCloseTo(d95.accessibilityPoor!, 9);
    const needMap = (await admin.get('/api/coverage?level=department&theme=food&metric=accessibility_poor').expect(200))
      .body as CoverageMap;
    expect(needMap.values.find((x) => x.code === '95')!.value).toBe(d95.accessibilityPoor);

    // Priority rankings leave uncovered departments out.
    const prio = (await admin.get('/api/priorities?level=department&theme=food&limit=101').expect(200)).body as PriorityList;
    expect(prio.zones.length).toBeGreaterThan(0);
    expect(prio.zones.every((z) => ['95', '2B'].includes(z.code) && z.covered)).toBe(true);
    const { rows } = await pool.query(
      `SELECT count(*)::int n FROM coverage_value WHERE snapshot_id = $1 AND NOT covered AND (gap_score IS NOT NULL OR gap_rank IS NOT NULL)`,
      [snapshot],
    );
    expect(rows[0].n).toBe(0);
  }, 400_000);

  it('demand pressure is never a ratio over 0 reachable services', async () => {
    const { rows } = await pool.query(
      `SELECT count(*) FILTER (WHERE demand_pressure IS NOT NULL)::int AS ratio, count(*)::int AS n
       FROM coverage_value v JOIN coverage_current c ON c.snapshot_id = v.snapshot_id WHERE v.reachable = 0 AND v.searches > 0`,
    );
    expect(rows[0]).toEqual({ ratio: 0, n: expect.any(Number) });
    expect(rows[0].n).toBeGreaterThan(0);
    for (const [level, code] of [
      ['commune', '2B033'],
      ['department', '2B'],
    ]) {
      const p = (await admin.get(`/api/coverage/${level}/${code}`).expect(200)).body as CoverageProfile;
      const food = p.keys.find((k) => k.key === 'food')!;
      expect(food).toMatchObject({
        searches: 7,
        reachable: 0,
        demandPressure: null,
        demandPressureReason: 'no_reachable_service',
        covered: true,
      });
      expect(JSON.stringify(p)).not.toMatch(/0 services accessibles/);
    }
    // COPIL and funders do not learn that there were (fewer than 11) searches from the reason.
    const funder = as(app, await loginAs(app, 'funder', ['department:2B'], url));
    const hidden = ((await funder.get('/api/coverage/department/2B').expect(200)).body as CoverageProfile).keys.find(
      (k) => k.key === 'food',
    )!;
    expect(hidden).toMatchObject({ demandPressure: null, demandPressureReason: null });
    const p95 = (await admin.get('/api/coverage/department/95').expect(200)).body as CoverageProfile;
    expect(p95.keys.filter((k) => k.demandPressure !== null).every((k) => k.demandPressureReason === null && k.reachable > 0)).toBe(true);
  }, 400_000);

  it('stores accessibility and distances at full precision: equal to the engine to the bit', async () => {
    const state = await computeState(pool, testToday());
    const engine = new Map(
      [
        ...state.model.rows({ levels: ['commune', 'epci', 'department', 'region', 'country'], keys: ['food', 'health'], skipEmpty: false }),
      ].map((r) => [`${r.level}|${r.code}|${r.key}`, r]),
    );
    const { rows } = await pool.query(
      `SELECT v.level, v.code, v.key, v.accessibility, v.nearest_m, v.median_nearest_m, v.share_beyond, v.poor_population, v.covered_share, v.accessibility_poor
       FROM coverage_value v JOIN coverage_current c ON c.snapshot_id = v.snapshot_id
       WHERE v.key IN ('food', 'health') AND (v.level <> 'commune' OR v.code LIKE '95%')`,
    );
    expect(rows.length).toBeGreaterThan(400);
    let fractional = 0;
    for (const r of rows) {
      const e = engine.get(`${r.level}|${r.code}|${r.key}`)!;
      expect([
        r.level,
        r.code,
        r.key,
        r.accessibility,
        r.nearest_m,
        r.median_nearest_m,
        r.share_beyond,
        r.poor_population,
        r.covered_share,
        r.accessibility_poor,
      ]).toEqual([
        e.level,
        e.code,
        e.key,
        e.accessibility,
        e.nearestMeters,
        e.medianNearestMeters,
        e.shareBeyond,
        e.poorPopulation,
        e.coveredShare,
        e.accessibilityPoor,
      ]);
      if (e.accessibility !== null && Math.round(e.accessibility * 1000) / 1000 !== e.accessibility) fractional++;
    }
    expect(fractional).toBeGreaterThan(100); // values a 3-decimal or float4 store would have changed
  }, 400_000);

  it('CLI: vigie coverage declare / list / remove', async () => {
    const lines: string[] = [];
    const open = async () => ({ pool, today: testToday(), close: async () => undefined });
    const run = (...args: string[]) => coverageCommand(args, open, (l) => lines.push(l));
    expect(await run('declare', '13', '--from', '2025-06-01')).toBe(0);
    expect(lines[0]).toBe('department 13 covered from 2025-06-01');
    expect(lines.join('\n')).toMatch(/3 of 101 departments/); // 95, 2B and 13 (93 starts in 2099)
    await expect(run('declare', '13')).rejects.toThrow(/usage: vigie coverage/);
    await expect(run('declare', '999', '--from', '2025-06-01')).rejects.toThrow(/not a department code/);
    await expect(run('declare', '13', '--from', '2025-02-30')).rejects.toThrow(/YYYY-MM-DD/);
    lines.length = 0;
    expect(await run('remove', '13')).toBe(0);
    expect(lines[0]).toBe('department 13: declaration removed');
    const c = (await admin.get('/api/directory-coverage').expect(200)).body as DirectoryCoverage;
    expect(c.departments.map((d) => d.code)).toEqual(['2B', '93', '95']);
  });
});

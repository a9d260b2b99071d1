import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import type { CoverageMap, CoverageProfile, PriorityList, SeasonalView, SettlementAccessList, WhatIfResponse } from '@vigie/contracts';
import { as, loginAs, testApp, testDatabaseUrl } from '../../test/app.js';
import { loadDemo } from '../demo/demo-loader.js';
import { CoverageService } from './coverage.service.js';

describe('coverage API (engine + snapshots, real Postgres)', () => {
  let app: NestExpressApplication;
  let pool: pg.Pool;
  let snapshotId: number;
  let api: ReturnType<typeof as>;
  let copil: ReturnType<typeof as>;
  beforeAll(async () => {
    app = await testApp();
    api = as(app, await loginAs(app, 'admin'));
    copil = as(app, await loginAs(app, 'copil', ['department:2B']));
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    await loadDemo(pool, {
      scale: 'department',
      department: '2B',
      seed: 3,
      today: new Date(Date.UTC(2026, 10, 1)),
      source: 'demo-coverage-spec',
    });
    snapshotId = (await app.get(CoverageService).refresh('test')).snapshotId;
  }, 400_000);
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  it('serves one metric per department for a map, from the current snapshot', async () => {
    const res = (await api.get('/api/coverage?level=department&theme=food&metric=services_per_10k').expect(200)).body as CoverageMap;
    expect(res.snapshot.id).toBeGreaterThanOrEqual(snapshotId);
    expect(res.values).toHaveLength(101);
    expect(res.unit).toMatch(/10 000/);
    const haute = res.values.find((v) => v.code === '2B')!;
    expect(haute.value).toBeGreaterThan(0);
  });

  it('a territory profile has every theme with counts equal to the services table', async () => {
    const p = (await api.get('/api/coverage/department/2B').expect(200)).body as CoverageProfile;
    expect(p.territory.name).toBe('Haute-Corse');
    const food = p.keys.find((k) => k.key === 'food')!;
    const { rows } = await pool.query(
      `SELECT count(*)::int n FROM service WHERE removed_at IS NULL AND theme_id = 'food' AND department_code = '2B' AND status = 'ONLINE'`,
    );
    expect(food.activeServices).toBe(rows[0].n);
    expect(food.thresholdMeters).toBe(5000);
    expect(p.keys.filter((k) => k.keyType === 'theme')).toHaveLength(11);
    const communes = (await api.get('/api/coverage?level=commune&parent=department:2B&theme=food&metric=nearest_m').expect(200))
      .body as CoverageMap;
    expect(communes.values.length).toBe(236);
    expect(communes.values.every((v) => v.value === null || v.value >= 0)).toBe(true);
  });

  it('ranks priority zones with an explanation of each rank', async () => {
    const res = (await api.get('/api/priorities?level=commune&parent=department:2B&theme=food&limit=10').expect(200)).body as PriorityList;
    expect(res.zones.length).toBeGreaterThan(0);
    for (let i = 1; i < res.zones.length; i++) expect(res.zones[i].score).toBeLessThanOrEqual(res.zones[i - 1].score);
    expect(res.zones[0].explanation.fr.join(' ')).toMatch(/%/);
  });

  it('what-if at an existing service adds no population for its category, a new remote one does', async () => {
    const { rows } = await pool.query(
      `SELECT lat, lon, category_id FROM service WHERE department_code = '2B' AND status = 'ONLINE' AND removed_at IS NULL AND closed_periods = '[]'::jsonb LIMIT 1`,
    );
    const here = (await api.post('/api/what-if').send({ lat: rows[0].lat, lon: rows[0].lon, category: rows[0].category_id }).expect(200))
      .body as WhatIfResponse;
    expect(here.keys.find((k) => k.key === rows[0].category_id)!.populationGaining).toBe(0);
    await api.post('/api/what-if').send({ lat: 100, lon: 2, category: 'shower' }).expect(400);
    await api.post('/api/what-if').send({ lat: 42.5, lon: 9.2, category: 'pizza' }).expect(400);
  });

  it('seasonal series by ISO week and the next 8 weeks', async () => {
    const s = (await api.get('/api/seasonal?level=department&code=2B').expect(200)).body as SeasonalView;
    expect(s.weeks.length).toBeGreaterThanOrEqual(52);
    expect(s.forecastWeeks).toHaveLength(8);
    expect(s.series.find((x) => x.key === 'food')!.openAnyDay).toHaveLength(s.weeks.length);
  });

  it('settlements: exact positions for admins, snapped to the commune centre for a steering committee', async () => {
    const exact = (await api.get('/api/settlements?level=department&code=2B').expect(200)).body as SettlementAccessList;
    expect(exact.items.every((i) => i.precise)).toBe(true);
    const s = (await copil.get('/api/settlements?level=department&code=2B').expect(200)).body as SettlementAccessList;
    expect(s.items.length).toBe(exact.items.length);
    for (const item of s.items) {
      expect(item.precise).toBe(false);
      expect(item.name).toBeNull();
      const c = (await pool.query(`SELECT lat, lon FROM commune WHERE code = $1`, [item.communeCode])).rows[0];
      expect([item.lat, item.lon]).toEqual([c.lat, c.lon]);
      expect(item.distances.map((d) => d.themeId).sort()).toEqual(['counseling', 'food', 'health', 'hygiene_and_wellness']);
    }
  });

  it("scopes every coverage answer to the viewer's territories, in the queries", async () => {
    // Map of France / of the region: only the viewer's department; its communes; nothing of a department elsewhere.
    const france = (await copil.get('/api/coverage?level=department&theme=food').expect(200)).body as CoverageMap;
    expect(france.values.map((v) => v.code)).toEqual(['2B']);
    const corse = (await copil.get('/api/coverage?level=department&parent=region:94&theme=food').expect(200)).body as CoverageMap;
    expect(corse.values.map((v) => v.code)).toEqual(['2B']);
    const communes = (await copil.get('/api/coverage?level=commune&parent=department:2B&theme=food').expect(200)).body as CoverageMap;
    const { rows } = await pool.query(`SELECT count(*)::int n FROM commune WHERE department_code = '2B'`);
    expect(communes.values).toHaveLength(rows[0].n);
    await copil.get('/api/coverage?level=commune&parent=department:2A&theme=food').expect(403);
    await copil.get('/api/coverage/department/2A').expect(403);
    await copil.get('/api/coverage/country/FR').expect(403);
    await copil.get('/api/coverage/commune/2B033').expect(200); // Bastia
    const zones = (await copil.get('/api/priorities?level=commune&limit=500').expect(200)).body as PriorityList;
    expect(zones.zones.length).toBeGreaterThan(0);
    expect(zones.zones.every((z) => z.code.startsWith('2B'))).toBe(true);
    await copil.get('/api/priorities?level=commune&parent=department:2A').expect(403);
    // Without a territory, settlements/seasonal/quality default to the viewer's; others are refused.
    const own = (await copil.get('/api/settlements').expect(200)).body as SettlementAccessList;
    expect(own.items.every((i) => i.communeCode?.startsWith('2B'))).toBe(true);
    await copil.get('/api/settlements?level=department&code=2A').expect(403);
    expect(((await copil.get('/api/seasonal').expect(200)).body as SeasonalView).territory).toEqual({ level: 'department', code: '2B' });
    await copil.get('/api/seasonal?level=country').expect(403);
    await copil.get('/api/quality?level=region&code=94').expect(403);
    // What-if: a service in Bastia yes, in Ajaccio no.
    await copil.post('/api/what-if').send({ lat: 42.6977, lon: 9.4508, category: 'food_distribution' }).expect(200);
    await copil.post('/api/what-if').send({ lat: 41.9267, lon: 8.7369, category: 'food_distribution' }).expect(403);
    // A coordinator of the department sees exact settlement positions there.
    const coordinator = as(app, await loginAs(app, 'coordinator', ['region:94']));
    const exact = (await coordinator.get('/api/settlements?level=department&code=2B').expect(200)).body as SettlementAccessList;
    expect(exact.items.every((i) => i.precise)).toBe(true);
  });

  it('quality: freshness, campaigns, completeness and the records to update first', async () => {
    const q = (await api.get('/api/quality?level=department&code=2B').expect(200)).body;
    const { rows } = await pool.query(
      `SELECT count(*)::int n FROM service WHERE department_code = '2B' AND removed_at IS NULL AND status = 'ONLINE'`,
    );
    expect(q.activeServices).toBe(rows[0].n);
    expect(q.completenessHistogram).toHaveLength(10);
    expect(q.shareUpdatedRecently).toBeGreaterThan(0);
    expect(q.toUpdate.length).toBeGreaterThan(0);
    for (let i = 1; i < q.toUpdate.length; i++)
      if (q.toUpdate[i].updatedAt && q.toUpdate[i - 1].updatedAt) expect(q.toUpdate[i].updatedAt >= q.toUpdate[i - 1].updatedAt).toBe(true);
    // One line per place (fiche), each with its stale categories, a public link for Soliguide fiches, no search counts.
    const places = q.placesToUpdate as { source: string; placeSourceId: string; categories: { id: string }[]; url: string | null }[];
    expect(places.length).toBeGreaterThan(0);
    const keys = places.map((p) => `${p.source}|${p.placeSourceId}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of places) {
      expect(p.categories.length).toBeGreaterThan(0);
      expect(new Set(p.categories.map((c) => c.id)).size).toBe(p.categories.length);
      if (p.source === 'soliguide') expect(p.url).toBe(`https://soliguide.fr/fr/fiche/${p.placeSourceId}`);
      expect(p).not.toHaveProperty('categorySearches');
    }
  });

  it.each([
    ['/api/quality?level=department&code=98', 404],
    ['/api/coverage?level=planet', 400],
    ['/api/coverage?metric=happiness', 400],
    ['/api/coverage?theme=pizza', 400],
    ['/api/coverage?level=commune&theme=food', 400],
    ['/api/coverage?level=commune&parent=department:2B&category=shower', 400],
    ['/api/coverage?level=department&parent=department:95', 400],
    ['/api/coverage?level=commune&parent=department:99', 404],
    ['/api/coverage/department/999', 400],
    ['/api/coverage/department/98', 404],
    ['/api/priorities?limit=0', 400],
    ['/api/seasonal?level=department', 400],
  ])('%s → %i', async (url, status) => {
    await api.get(url).expect(status);
  });
});

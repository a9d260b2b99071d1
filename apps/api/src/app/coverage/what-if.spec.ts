import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import type { GeoJsonGeometry, WhatIfResponse } from '@vigie/contracts';
import { as, loginAs, testApp, testDatabaseUrl } from '../../test/app.js';
import { loadDemo } from '../demo/demo-loader.js';
import { CoverageService } from './coverage.service.js';
import { geometryContains, metersToBoundary, pickPlace } from './what-if-place.js';

const square = (x0: number, y0: number, s: number): GeoJsonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x0 + s, y0],
      [x0 + s, y0 + s],
      [x0, y0 + s],
      [x0, y0],
    ],
  ],
});

describe('what-if place: the commune whose polygon holds the point', () => {
  const a = { code: '95001', name: 'A', departmentCode: '95', geometry: square(0, 0, 1) };
  const b = { code: '27001', name: 'B', departmentCode: '27', geometry: square(1, 0, 1) };
  const holed: GeoJsonGeometry = {
    type: 'Polygon',
    coordinates: [...(square(0, 0, 1).coordinates as number[][][]), ...(square(0.4, 0.4, 0.2).coordinates as number[][][])],
  };

  it('point in polygon, holes and multipolygons', () => {
    expect(geometryContains(a.geometry, 0.5, 0.5)).toBe(true);
    expect(geometryContains(a.geometry, 1.5, 0.5)).toBe(false);
    expect(geometryContains(holed, 0.5, 0.5)).toBe(false);
    expect(geometryContains(holed, 0.1, 0.5)).toBe(true);
    const multi: GeoJsonGeometry = {
      type: 'MultiPolygon',
      coordinates: [square(5, 5, 1).coordinates as number[][][], a.geometry.coordinates as number[][][]],
    };
    expect(geometryContains(multi, 0.5, 0.5)).toBe(true);
  });

  it('takes the containing polygon, not the nearest centre', () => {
    // 0.95 is nearer B's centre (1.5) than… no: nearer A's (0.5); 1.05 is in B although A's centre is 0.55 away and B's 0.45.
    expect(pickPlace([a, b], 0.5, 1.05)?.code).toBe('27001');
    expect(pickPlace([a, b], 0.5, 0.95)?.code).toBe('95001');
    // A big commune whose centre is far: still the one holding the point.
    const big = { code: '95002', name: 'Big', departmentCode: '95', geometry: square(0, 0, 10) };
    const small = { code: '27002', name: 'Small', departmentCode: '27', geometry: square(10, 0, 0.2) };
    expect(pickPlace([big, small], 0.1, 9.9)?.code).toBe('95002');
  });

  it('the named commune wins on its outline (within the tolerance), not far from it', () => {
    // 0.005° of longitude ≈ 555 m at the equator: inside B but on A's outline.
    expect(pickPlace([a, b], 0.5, 1.005, '95001')?.code).toBe('95001');
    expect(pickPlace([a, b], 0.5, 1.5, '95001')?.code).toBe('27001');
    expect(metersToBoundary(a.geometry, 1.005, 0.5)).toBeGreaterThan(500);
    expect(metersToBoundary(a.geometry, 1.005, 0.5)).toBeLessThan(600);
    // In no polygon: the nearest outline within 2 km, else none.
    expect(pickPlace([a, b], 0.5, 2.01)?.code).toBe('27001');
    expect(pickPlace([a, b], 0.5, 3)).toBeNull();
  });
});

describe('POST /api/what-if (real Postgres, French geography)', () => {
  let app: NestExpressApplication;
  let pool: pg.Pool;
  let copil: ReturnType<typeof as>;
  let admin: ReturnType<typeof as>;
  beforeAll(async () => {
    app = await testApp();
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    admin = as(app, await loginAs(app, 'admin'));
    copil = as(app, await loginAs(app, 'copil', ['department:95']));
    await loadDemo(pool, {
      scale: 'department',
      department: '95',
      seed: 5,
      today: new Date(Date.UTC(2026, 10, 1)),
      source: 'demo-what-if-spec',
    });
    await app.get(CoverageService).refresh('test');
  }, 400_000);
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  /** Points of a commune's polygon (a grid over its box) whose nearest commune centre is in another department. */
  async function borderPoints(code: string): Promise<{ lat: number; lon: number; nearest: string }[]> {
    const { rows } = await pool.query<{ geometry: GeoJsonGeometry }>(`SELECT geometry FROM commune WHERE code = $1`, [code]);
    const g = rows[0].geometry;
    const ring = (g.type === 'Polygon' ? (g.coordinates as number[][][]) : (g.coordinates as number[][][][]).flat()).flat();
    const [minLon, maxLon] = [Math.min(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[0]))];
    const [minLat, maxLat] = [Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[1]))];
    const out: { lat: number; lon: number; nearest: string }[] = [];
    for (let i = 1; i < 20; i++)
      for (let j = 1; j < 20; j++) {
        const lon = minLon + ((maxLon - minLon) * i) / 20;
        const lat = minLat + ((maxLat - minLat) * j) / 20;
        if (!geometryContains(g, lon, lat)) continue;
        const n = await pool.query<{ code: string }>(
          `SELECT code FROM commune WHERE country = 'FR' AND NOT has_arrondissements AND lat BETWEEN $1 - 0.5 AND $1 + 0.5 AND lon BETWEEN $2 - 0.7 AND $2 + 0.7
           ORDER BY (lat - $1) ^ 2 + ((lon - $2) * cos(radians($1))) ^ 2 LIMIT 1`,
          [lat, lon],
        );
        if (!n.rows[0].code.startsWith(code.slice(0, 2))) out.push({ lat, lon, nearest: n.rows[0].code });
      }
    return out;
  }

  it("accepts the Val-d'Oise copil anywhere in Saint-Clair-sur-Epte, even where the nearest commune centre is in the Eure", async () => {
    const points = await borderPoints('95541');
    // The case of the issue exists in the geography (otherwise this test would prove nothing).
    expect(points.length).toBeGreaterThan(0);
    expect(points.some((p) => p.nearest.startsWith('27'))).toBe(true);
    const p = points.find((x) => x.nearest.startsWith('27'))!;
    const res = (await copil.post('/api/what-if').send({ lat: p.lat, lon: p.lon, category: 'food_distribution' }).expect(200))
      .body as WhatIfResponse;
    expect(res.place).toEqual({ code: '95541', name: 'Saint-Clair-sur-Epte', departmentCode: '95' });
    const theme = res.keys.find((k) => k.keyType === 'theme')!;
    const category = res.keys.find((k) => k.keyType === 'category')!;
    expect(theme.key).toBe('food');
    expect(category.key).toBe('food_distribution');
    // The communes that gain access come with their names and departments, and add up to the figure.
    for (const k of res.keys) {
      const gaining = k.communes.filter((c) => c.gainsAccess);
      expect(gaining.reduce((s, c) => s + c.population, 0)).toBe(k.populationGaining);
      for (const c of gaining) expect(c.name).not.toBe(c.code);
    }
    // Steering committees get no settlement sites.
    expect(theme.settlements).toBeNull();
    expect(theme.settlementSitesGaining).toBeNull();
  }, 120_000);

  it('refuses a point in the Eure with a code the dashboard can explain, and names the chosen commune on its outline', async () => {
    // Gasny (27): its centre.
    const { rows } = await pool.query<{ lat: number; lon: number }>(`SELECT lat, lon FROM commune WHERE code = '27279'`);
    const refused = await copil
      .post('/api/what-if')
      .send({ lat: rows[0].lat, lon: rows[0].lon, category: 'food_distribution' })
      .expect(403);
    expect(refused.body.code).toBe('point_outside_territory');
    expect(refused.body.message).toMatch(/outside your territories/);
    // The keyboard way: the commune's own point, with the commune named.
    const sc = await pool.query<{ lat: number; lon: number }>(`SELECT lat, lon FROM commune WHERE code = '95541'`);
    const ok = (
      await copil
        .post('/api/what-if')
        .send({ lat: sc.rows[0].lat, lon: sc.rows[0].lon, category: 'food_distribution', commune: '95541' })
        .expect(200)
    ).body as WhatIfResponse;
    expect(ok.place.code).toBe('95541');
    await copil.post('/api/what-if').send({ lat: 49.2, lon: 1.68, category: 'food_distribution', commune: 'x' }).expect(400);
  }, 120_000);

  it('admins get the settlements that gain access with their positions', async () => {
    const s = await pool.query<{ lat: number; lon: number }>(
      `SELECT lat, lon FROM settlement WHERE department_code = '95' AND lat IS NOT NULL ORDER BY id LIMIT 1`,
    );
    if (!s.rows.length) return;
    const res = (
      await admin.post('/api/what-if').send({ lat: s.rows[0].lat, lon: s.rows[0].lon, category: 'food_distribution' }).expect(200)
    ).body as WhatIfResponse;
    const theme = res.keys.find((k) => k.keyType === 'theme')!;
    expect(theme.settlements).not.toBeNull();
    expect(theme.settlements!.length).toBe(theme.settlementSitesGaining);
    for (const x of theme.settlements!) expect(x.communeName).not.toBe(x.communeCode);
  }, 120_000);
});

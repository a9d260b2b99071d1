import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GeoJsonGeometry, TerritoryDetail, TerritoryFeatureCollection } from '@vigie/contracts';
import { countPositions } from '@vigie/territory-domain';
import { as, loginAs, testApp, workspaceRoot } from '../../test/app.js';

describe('territories API (real Postgres)', () => {
  let app: NestExpressApplication;
  let api: ReturnType<typeof as>;
  beforeAll(async () => {
    app = await testApp();
    api = as(app, await loginAs(app, 'admin'));
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the 101 departments with contours and populations from Postgres', async () => {
    const res = await api.get('/api/territories/department').expect(200);
    const fc = res.body as TerritoryFeatureCollection;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(101);
    const vo = fc.features.find((f) => f.id === '95');
    expect(vo?.properties).toMatchObject({ name: "Val-d'Oise", regionCode: '11', population: 1281653 });
    expect(vo?.geometry?.type).toMatch(/Polygon/);
    expect(fc.features.reduce((s, f) => s + f.properties.population, 0)).toBe(68_350_798);
  });

  it('drills down into the communes of a department', async () => {
    const res = await api.get('/api/territories/commune?parent=department:2A').expect(200);
    const fc = res.body as TerritoryFeatureCollection;
    expect(fc.parent).toEqual({ level: 'department', code: '2A' });
    expect(fc.features.length).toBe(124);
    expect(fc.features.every((f) => f.properties.departmentCode === '2A' && f.geometry)).toBe(true);
    expect(fc.features.map((f) => f.id)).toContain('2A004');
  });

  it('lists EPCI of a department and communes of an EPCI', async () => {
    const epcis = (await api.get('/api/territories/epci?parent=department:95&geometry=false').expect(200))
      .body as TerritoryFeatureCollection;
    expect(epcis.features.length).toBeGreaterThan(5);
    const cergy = epcis.features.find((f) => f.properties.name.includes('Cergy'));
    const communes = (await api.get(`/api/territories/commune?parent=epci:${cergy?.id}&geometry=false`).expect(200))
      .body as TerritoryFeatureCollection;
    expect(communes.features.map((f) => f.id)).toContain('95500');
    expect(communes.features.reduce((s, f) => s + f.properties.population, 0)).toBe(cergy?.properties.population);
  });

  it('moves overseas departments into insets on request', async () => {
    const geo = (await api.get('/api/territories/department').expect(200)).body as TerritoryFeatureCollection;
    const insets = (await api.get('/api/territories/department?layout=insets').expect(200)).body as TerritoryFeatureCollection;
    const lon = (fc: TerritoryFeatureCollection) =>
      JSON.stringify(fc.features.find((f) => f.id === '974')?.geometry).match(/-?\d+\.\d+/)?.[0];
    expect(Number(lon(geo))).toBeGreaterThan(50); // La Réunion, 55°E
    expect(Number(lon(insets))).toBeLessThan(-6); // moved west of Brittany
  });

  it('simplifies national maps to under half the points, and keeps maps with a parent at full detail', async () => {
    const file = JSON.parse(readFileSync(join(workspaceRoot, 'data/geo/departements.geojson'), 'utf8')) as {
      features: { properties: { code: string; region: string }; geometry: GeoJsonGeometry }[];
    };
    const points = (fc: { features: { geometry: GeoJsonGeometry | null }[] }) => countPositions(fc.features.map((f) => f.geometry));
    const national = (await api.get('/api/territories/department?layout=insets').expect(200)).body as TerritoryFeatureCollection;
    expect(national.features).toHaveLength(101);
    expect(national.features.every((f) => f.geometry)).toBe(true);
    expect(points(national)).toBeLessThanOrEqual(0.5 * points(file));
    // Simplified, not moved: every vertex of a metropolitan department is one of its original vertices.
    const vertices = (g: GeoJsonGeometry) =>
      (g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][])).flat(2).map(([x, y]) => `${x},${y}`);
    const original = new Set(vertices(file.features.find((f) => f.properties.code === '95')!.geometry));
    const kept = vertices(national.features.find((f) => f.id === '95')!.geometry!);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(original.size);
    expect(kept.filter((k) => !original.has(k))).toEqual([]);
    // Île-de-France's departments, zoomed in: every vertex, exactly as shipped.
    const idf = (await api.get('/api/territories/department?parent=region:11').expect(200)).body as TerritoryFeatureCollection;
    const shipped = file.features.filter((f) => f.properties.region === '11');
    expect(idf.features.map((f) => f.id)).toEqual(shipped.map((f) => f.properties.code));
    expect(idf.features.map((f) => f.geometry)).toEqual(shipped.map((f) => f.geometry));
  });

  it('serves contours gzipped once, with an ETag that answers 304', async () => {
    const first = await api.get('/api/territories/region').set('Accept-Encoding', 'gzip').expect(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['etag']).toMatch(/^"[\w-]+"$/);
    expect((first.body as TerritoryFeatureCollection).features).toHaveLength(18);
    await api.get('/api/territories/region').set('If-None-Match', first.headers['etag']).expect(304);
    const plain = await api.get('/api/territories/region').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(first.body);
    const other = await api.get('/api/territories/region?geometry=false').expect(200);
    expect(other.headers['etag']).not.toBe(first.headers['etag']);
  });

  it('returns a territory profile with ancestors and postal codes', async () => {
    const d = (await api.get('/api/territories/commune/95500').expect(200)).body as TerritoryDetail;
    expect(d.name).toBe('Pontoise');
    expect(d.ancestors.map((a) => a.level)).toEqual(['region', 'department', 'epci']);
    expect(d.postalCodes).toEqual(['95000', '95300']);
    const dep = (await api.get('/api/territories/department/95').expect(200)).body as TerritoryDetail;
    expect(dep.ancestors.map((a) => a.code)).toEqual(['11']);
    expect(dep.childCounts.commune).toBe(183);
  });

  it('searches territories as you type, accents and hyphens ignored', async () => {
    const res = await api.get('/api/territories/search?q=saint ouen l aumone').expect(200);
    expect(res.body[0]).toMatchObject({ level: 'commune', code: '95572', label: "Saint-Ouen-l'Aumône (95)" });
    const byCode = await api.get('/api/territories/search?q=2a&levels=department').expect(200);
    expect(byCode.body[0]).toMatchObject({ level: 'department', code: '2A' });
  });

  it.each([
    ['/api/territories/planet', 400],
    ['/api/territories/department?parent=department:95', 400],
    ['/api/territories/commune?parent=commune:95500', 400],
    ['/api/territories/commune', 400],
    ['/api/territories/commune?parent=department:99', 404],
    ["/api/territories/department?parent=region:11'--", 400],
    ['/api/territories/department?geometry=maybe', 400],
    ['/api/territories/department?unknown=1', 400],
    ['/api/territories/department/999', 400],
    ['/api/territories/department/98', 404],
    ['/api/territories/search?q=', 400],
    ['/api/territories/search?q=paris&limit=1000', 400],
  ])('answers %s with %i and a clear message, never a 500', async (url, status) => {
    const res = await api.get(url).expect(status);
    expect(res.body).toMatchObject({ statusCode: status, message: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });
});

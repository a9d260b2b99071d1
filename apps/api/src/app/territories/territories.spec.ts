import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GeoJsonGeometry, PovertyInfo, TerritoryDetail, TerritoryFeatureCollection } from '@vigie/contracts';
import { countPositions } from '@vigie/territory-domain';
import { as, loginAs, testApp, testDatabaseUrl, testToday, workspaceRoot } from '../../test/app.js';
import { loadCoverageInput } from '../coverage/coverage-inputs.js';

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

  describe('Paris, Lyon and Marseille by arrondissement (issue 16)', () => {
    it('draws Paris as its 20 arrondissements, populations summing to Paris', async () => {
      const paris = (await api.get('/api/territories/commune/75056').expect(200)).body as TerritoryDetail;
      expect(paris.hasArrondissements).toBe(true);
      expect(paris.population).toBe(2_103_778);
      expect(paris.arrondissements?.map((a) => a.code)).toEqual(Array.from({ length: 20 }, (_, i) => String(75101 + i)));
      const map = (await api.get('/api/territories/commune?parent=department:75').expect(200)).body as TerritoryFeatureCollection;
      expect(map.features.map((f) => f.id)).toEqual(Array.from({ length: 20 }, (_, i) => String(75101 + i)));
      expect(map.features.reduce((s, f) => s + f.properties.population, 0)).toBe(paris.population);
      expect(map.features.every((f) => f.geometry && f.properties.parentCode === '75056')).toBe(true);
      // The department's population is unchanged: arrondissements are not counted twice.
      const dep = (await api.get('/api/territories/department/75').expect(200)).body as TerritoryDetail;
      expect(dep.population).toBe(paris.population);
      expect(dep.childCounts.commune).toBe(20);
    });

    it('draws Lyon and Marseille by arrondissement among the other communes of their department', async () => {
      const rhone = (await api.get('/api/territories/commune?parent=department:69&geometry=false').expect(200))
        .body as TerritoryFeatureCollection;
      const ids = rhone.features.map((f) => f.id);
      expect(ids).not.toContain('69123');
      expect(ids.filter((c) => /^6938\d$/.test(c))).toHaveLength(9);
      expect(ids).toContain('69266'); // Villeurbanne
      const bdr = (await api.get('/api/territories/commune?parent=department:13&geometry=false').expect(200))
        .body as TerritoryFeatureCollection;
      expect(bdr.features.filter((f) => f.properties.parentCode === '13055')).toHaveLength(16);
      expect(bdr.features.map((f) => f.id)).not.toContain('13055');
    });

    it('gives an arrondissement its commune as ancestor and its postal code; Paris keeps none of them', async () => {
      const eleventh = (await api.get('/api/territories/commune/75111').expect(200)).body as TerritoryDetail;
      expect(eleventh).toMatchObject({ name: 'Paris 11e Arrondissement', population: 138_170, departmentCode: '75', parentCode: '75056' });
      expect(eleventh.ancestors.map((a) => `${a.level}:${a.code}`)).toEqual([
        'region:11',
        'department:75',
        'epci:200054781',
        'commune:75056',
      ]);
      expect(eleventh.postalCodes).toEqual(['75011']);
      expect(((await api.get('/api/territories/commune/75056').expect(200)).body as TerritoryDetail).postalCodes).toEqual([]);
      const found = await api.get('/api/territories/search?q=paris 11e&levels=commune').expect(200);
      expect(found.body[0]).toMatchObject({ code: '75111' });
    });

    it('attributes a service with postal code 75011 to the 11th arrondissement', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vigie-arr-'));
      const path = join(dir, 'paris.csv');
      const source = `arr-${Date.now().toString(36)}`;
      writeFileSync(
        path,
        [
          'id,name,category,lat,lon,address,postal_code,commune_code,status,updated_at',
          'a,Halte Oberkampf,food_distribution,,,12 rue Oberkampf,75011,,ONLINE,2026-05-02',
          'b,Halte Voltaire,food_distribution,48.8575,2.3795,,75011,75056,ONLINE,2026-05-02',
          'c,Accueil Lyon 3e,food_distribution,,,,69003,,ONLINE,2026-05-02',
          'd,Accueil Marseille 1er,food_distribution,,,,13001,,ONLINE,2026-05-02',
        ].join('\n') + '\n',
      );
      const res = await api.post(`/api/imports/services?format=csv&source=${source}&partial=true`).attach('file', path).expect(201);
      expect(res.body).toMatchObject({ status: 'succeeded', inserted: 4 });
      const pool = new pg.Pool({ connectionString: testDatabaseUrl() });
      try {
        const { rows } = await pool.query(`SELECT source_id, commune_code FROM service WHERE source = $1 ORDER BY source_id`, [source]);
        expect(rows.map((r) => [r.source_id, r.commune_code])).toEqual([
          ['a', '75111'],
          ['b', '75111'],
          ['c', '69383'],
          ['d', '13201'],
        ]);
      } finally {
        await pool.end();
      }
    });
  });

  it('gives the coverage engine Paris, Lyon and Marseille as arrondissements, each with its own poverty rate', async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    try {
      const input = await loadCoverageInput(pool, testToday());
      const units = new Map(input.communes.map((c) => [c.code, c]));
      expect(units.has('75056') || units.has('69123') || units.has('13055')).toBe(false);
      const paris = input.communes.filter((c) => /^751\d\d$/.test(c.code));
      expect(paris).toHaveLength(20);
      expect(paris.reduce((s, c) => s + c.population, 0)).toBe(2_103_778);
      expect(input.communes.reduce((s, c) => s + c.population, 0)).toBe(68_350_798);
      expect(input.communes).toHaveLength(34_875 - 3 + 45);
      const rate = (code: string) =>
        Number(
          readFileSync(join(workspaceRoot, 'data/indicators/arrondissements-pauvrete.csv'), 'utf8')
            .split('\n')
            .find((l) => l.startsWith(code + ','))
            ?.split(',')[2],
        );
      expect(units.get('75111')?.povertyRate).toBe(rate('75111'));
      expect(units.get('13203')?.povertyRate).toBe(rate('13203'));
      expect(units.get('97101')?.povertyRate).toBeNull();
      expect(units.get('59512')?.povertyRate).toBe(46);
    } finally {
      await pool.end();
    }
  });

  describe('poverty used by the metrics (issue 16)', () => {
    const poverty = async (path: string) =>
      ((await api.get(`/api/territories/${path}`).expect(200)).body as TerritoryDetail).poverty as PovertyInfo;

    it("a commune with a published INSEE rate uses it; a secret one its own department's rate, flagged as an estimate", async () => {
      expect(await poverty('commune/59512')).toMatchObject({
        rate: 46,
        source: 'commune',
        estimated: false,
        years: { from: 2021, to: 2021 },
      });
      const secret = await poverty('commune/59001');
      expect(secret).toMatchObject({ rate: 19.5, source: 'department', estimated: true });
      expect(secret.poorPopulation).toBeCloseTo(0.195 * 441, 6);
    });

    it('a commune of a department without any rate (Guadeloupe) has no poverty figure, not a borrowed one', async () => {
      expect(await poverty('commune/97101')).toMatchObject({ rate: null, poorPopulation: null, source: null, estimated: false });
      expect((await poverty('department/971')).shares.none).toBe(1);
    });

    it('Paris adds up its arrondissements, each with its own published rate', async () => {
      const paris = await poverty('commune/75056');
      expect(paris).toMatchObject({ source: 'commune', estimated: false, shares: { commune: 1, import: 0, department: 0, none: 0 } });
      const rows = readFileSync(join(workspaceRoot, 'data/indicators/arrondissements-pauvrete.csv'), 'utf8').trim().split('\n').slice(1);
      const geo = JSON.parse(readFileSync(join(workspaceRoot, 'data/geo/arrondissements-municipaux.geojson'), 'utf8')) as {
        features: { properties: { code: string; population: number } }[];
      };
      const pop = new Map(geo.features.map((f) => [f.properties.code, f.properties.population]));
      const expected = rows
        .map((r) => r.split(','))
        .filter(([code]) => code.startsWith('751'))
        .reduce((s, [code, , rate]) => s + (Number(rate) / 100) * (pop.get(code) ?? NaN), 0);
      expect(paris.poorPopulation).toBeCloseTo(expected, 3);
      expect((await poverty('commune/75118')).rate).toBe(Number(rows.find((r) => r.startsWith('75118'))?.split(',')[2]));
    });
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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildTerritoryDataset, parseCommunesCsv, splitCsvLine, DatasetError } from './dataset.js';
import type { GeoJsonGeometry } from '@vigie/contracts';
import { bboxOf, DROM_INSETS, insetDromGeometries, pointInGeometry, representativePoint } from './geometry.js';
import { departmentOfCommune, isValidCode, parseTerritoryRef } from './codes.js';

const root = join(import.meta.dirname, '../../../../..');
const geo = (f: string) => readFileSync(join(root, 'data/geo', f), 'utf8');
const require = createRequire(import.meta.url);

describe('territory codes', () => {
  it('parses references and keeps string codes', () => {
    expect(parseTerritoryRef('department:2a')).toEqual({ level: 'department', code: '2A' });
    expect(parseTerritoryRef('department:976')).toEqual({ level: 'department', code: '976' });
    expect(parseTerritoryRef('commune:01001')).toEqual({ level: 'commune', code: '01001' });
    expect(parseTerritoryRef('department:9')).toBeNull();
    expect(parseTerritoryRef('planet:3')).toBeNull();
    expect(parseTerritoryRef("department:95' or 1=1")).toBeNull();
    expect(isValidCode('epci', '200069193')).toBe(true);
    expect(departmentOfCommune('97411')).toBe('974');
    expect(departmentOfCommune('2B033')).toBe('2B');
  });

  it('splits quoted CSV cells', () => {
    expect(splitCsvLine('a,"b, c","d ""e"""')).toEqual(['a', 'b, c', 'd "e"']);
  });

  it('rejects an unexpected communes.csv header', () => {
    expect(() => parseCommunesCsv('code;nom\n')).toThrow(DatasetError);
  });
});

describe('buildTerritoryDataset on the shipped geography', () => {
  const dataset = buildTerritoryDataset({
    communesCsv: geo('communes.csv'),
    communesTopology: JSON.parse(geo('communes.topojson')),
    departments: JSON.parse(geo('departements.geojson')),
    regions: JSON.parse(geo('regions.geojson')),
    decoupageCommunes: require('@etalab/decoupage-administratif/data/communes.json'),
    decoupageEpcis: require('@etalab/decoupage-administratif/data/epci.json'),
  });

  it('has the real counts and populations', () => {
    expect(dataset.regions).toHaveLength(18);
    expect(dataset.departments).toHaveLength(101);
    expect(dataset.communes).toHaveLength(34875);
    expect(dataset.epcis.length).toBeGreaterThan(1200);
    const total = dataset.communes.reduce((s, c) => s + c.population, 0);
    expect(total).toBe(68_350_798);
    expect(dataset.departments.reduce((s, d) => s + d.population, 0)).toBe(total);
    expect(dataset.communes.every((c) => c.geometry !== null)).toBe(true);
  });

  it('keeps codes as strings and links communes to their parents', () => {
    const ajaccio = dataset.communes.find((c) => c.code === '2A004');
    expect(ajaccio).toMatchObject({ departmentCode: '2A', regionCode: '94', name: 'Ajaccio' });
    const pontoise = dataset.communes.find((c) => c.code === '95500');
    expect(pontoise?.epciCode).toMatch(/^\d{9}$/);
    const epci = dataset.epcis.find((e) => e.code === pontoise?.epciCode);
    expect(epci?.name).toContain('Cergy');
    expect(epci?.geometry?.type).toMatch(/Polygon/);
  });

  it('maps postal codes and arrondissements to current communes', () => {
    expect(dataset.postalCodes).toContainEqual({ postalCode: '75001', communeCode: '75056' });
    expect(dataset.postalCodes).toContainEqual({ postalCode: '95000', communeCode: '95500' });
    expect(dataset.aliases).toContainEqual({ alias: '13201', communeCode: '13055', kind: 'arrondissement' });
  });

  it('moves the overseas departments into insets on a national map', () => {
    const items = dataset.departments.map((d) => ({ ...d, departmentCode: d.code }));
    const moved = insetDromGeometries(items);
    const reunion = moved.find((d) => d.code === '974');
    const box = bboxOf([reunion!.geometry!]);
    const target = DROM_INSETS['974'];
    expect(box.minLon).toBeGreaterThanOrEqual(target.minLon - 1e-3);
    expect(box.maxLat).toBeLessThanOrEqual(target.maxLat + 1e-3);
    // Metropolitan departments are untouched.
    expect(moved.find((d) => d.code === '95')!.geometry).toBe(items.find((d) => d.code === '95')!.geometry);
  });
});

describe('Paris, Lyon and Marseille by arrondissement', () => {
  const dataset = buildTerritoryDataset({
    communesCsv: geo('communes.csv'),
    communesTopology: JSON.parse(geo('communes.topojson')),
    departments: JSON.parse(geo('departements.geojson')),
    regions: JSON.parse(geo('regions.geojson')),
    decoupageCommunes: require('@etalab/decoupage-administratif/data/communes.json'),
    decoupageEpcis: require('@etalab/decoupage-administratif/data/epci.json'),
    arrondissements: JSON.parse(geo('arrondissements-municipaux.geojson')),
  });
  const byCode = new Map(dataset.communes.map((c) => [c.code, c]));

  it('adds the 45 arrondissements below their commune, populations adding up to it', () => {
    const arr = dataset.communes.filter((c) => c.parentCode);
    expect(arr).toHaveLength(45);
    for (const [city, n] of [
      ['75056', 20],
      ['69123', 9],
      ['13055', 16],
    ] as const) {
      const mine = arr.filter((a) => a.parentCode === city);
      expect(mine).toHaveLength(n);
      expect(mine.reduce((s, a) => s + a.population, 0)).toBe(byCode.get(city)?.population);
      expect(byCode.get(city)?.hasArrondissements).toBe(true);
      for (const a of mine) {
        expect(a.departmentCode).toBe(byCode.get(city)?.departmentCode);
        expect(a.epciCode).toBe(byCode.get(city)?.epciCode);
      }
    }
    expect(byCode.get('75111')).toMatchObject({ name: 'Paris 11e Arrondissement', population: 138170, departmentCode: '75' });
  });

  it('gives each arrondissement a point inside its own polygon (13207 with the Frioul islands too)', () => {
    for (const a of dataset.communes.filter((c) => c.parentCode)) {
      expect(pointInGeometry(a.geometry as GeoJsonGeometry, a.lon, a.lat)).toBe(true);
    }
  });

  it("leaves departments' and EPCIs' populations unchanged (arrondissements are not counted twice)", () => {
    expect(dataset.departments.find((d) => d.code === '75')?.population).toBe(byCode.get('75056')?.population);
    const total = dataset.departments.reduce((s, d) => s + d.population, 0);
    expect(total).toBe(68_350_798);
  });

  it('maps arrondissement postal codes to the arrondissement only: 75011 → 75111, 69001 → 69381, 13016 → 13216', () => {
    const of = (pc: string) => dataset.postalCodes.filter((p) => p.postalCode === pc).map((p) => p.communeCode);
    expect(of('75011')).toEqual(['75111']);
    expect(of('69001')).toEqual(['69381']);
    expect(of('13016')).toEqual(['13216']);
    expect(dataset.postalCodes.filter((p) => p.communeCode === '75056')).toEqual([]);
  });
});

describe('representativePoint', () => {
  it('is the centroid of a convex polygon and an inside point for a crescent', () => {
    const square: GeoJsonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    expect(representativePoint(square)).toEqual({ lat: 1, lon: 1 });
    // A "C": its area centroid lies in the empty middle.
    const c: GeoJsonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 1],
          [1, 1],
          [1, 2],
          [3, 2],
          [3, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const p = representativePoint(c);
    expect(pointInGeometry(c, p.lon, p.lat)).toBe(true);
  });
});

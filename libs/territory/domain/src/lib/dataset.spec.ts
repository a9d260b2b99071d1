import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildTerritoryDataset, parseCommunesCsv, splitCsvLine, DatasetError } from './dataset.js';
import { bboxOf, DROM_INSETS, insetDromGeometries } from './geometry.js';
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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { realGeo } from '../../fixtures/real-geo.js';
import { livingCondition, parseSettlementsCsv, parseSettlementsGeoJson, parseSettlementsXlsx } from './settlements.js';
import { collect, errorsOf, fixture, FIXTURES, NOW as now, outline, records } from './testing.js';

describe('Résorption-bidonvilles settlements', () => {
  it('reads the French export columns (CSV)', async () => {
    const rows = await collect(parseSettlementsCsv(fixture('settlements.csv'), { geo: realGeo(), now }));
    expect(outline(rows)).toEqual([
      [2, true],
      [3, true],
      [4, false],
      [5, false],
    ]);
    const [vignes, perrache] = records(rows);
    expect(vignes).toMatchObject({
      source: 'resorption-bidonvilles',
      sourceId: expect.stringMatching(/^rb-[0-9a-f]{16}$/),
      name: 'Les Vignes',
      status: 'open',
      closingReason: null,
      builtAt: '2019-03-15',
      declaredAt: '2019-04-01',
      populationTotal: 45, // first "Nombre de personnes" column, not the closing-solution one
      populationCouples: 12,
      populationMinors: 20,
      electricityAccess: true,
      waterAccess: true, // "à améliorer": there is access
      sanitaryAccess: false,
      trashEvacuation: true,
      ownerType: 'public',
      fieldType: 'land',
      updatedAt: '2024-01-10T00:00:00.000Z',
    });
    expect(vignes.location).toMatchObject({ communeCode: '93008', lat: 48.908, lon: 2.439 });
    expect(perrache).toMatchObject({
      status: 'closed',
      closingReason: 'resorbed',
      closedAt: '2023-11-30',
      waterAccess: true,
      electricityAccess: null,
      trashEvacuation: false,
      fieldType: 'building',
      ownerType: 'private',
    });
    expect(JSON.stringify(rows)).not.toContain('Jean Propriétaire');
    expect(errorsOf(rows[2]).map((e) => e[0])).toEqual([
      'status',
      'Nombre de personnes',
      "Statut de l'accès à l'électricité",
      'Type de propriétaire',
    ]);
    expect(errorsOf(rows[3])).toEqual([
      ['Code INSEE', 'missing coordinates and no resolvable commune'],
      ['Date de signalement', 'date in the future: 2035-01-01 is after 2026-11-22'],
    ]);
  });

  it('gives a stable derived id when the export has no id column', async () => {
    const a = records(await collect(parseSettlementsCsv(fixture('settlements.csv'), { geo: realGeo(), now })));
    const b = records(await collect(parseSettlementsCsv(fixture('settlements.csv'), { geo: realGeo(), now })));
    expect(a.map((r) => r.sourceId)).toEqual(b.map((r) => r.sourceId));
  });

  it('reads the same columns from XLSX, below a section title row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sites');
    ws.addRow(['Localisation', '', '', 'Site']);
    const lines = readFileSync(join(FIXTURES, 'settlements.csv'), 'utf8').trim().split('\n');
    for (const l of lines) ws.addRow(l.split(';'));
    ws.getCell('K3').value = new Date(Date.UTC(2019, 2, 15)); // a real date cell for "Date d'installation"
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const rows = await collect(parseSettlementsXlsx([buffer.subarray(0, 1000), buffer.subarray(1000)], { geo: realGeo(), now }));
    expect(outline(rows)).toEqual([
      [3, true],
      [4, true],
      [5, false],
      [6, false],
    ]);
    expect(records(rows)[0]).toMatchObject({
      builtAt: '2019-03-15',
      populationTotal: 45,
      location: expect.objectContaining({ communeCode: '93008' }),
    });
  });

  it('reads GeoJSON points with database field names', async () => {
    const rows = await collect(parseSettlementsGeoJson(fixture('settlements.geojson'), { geo: realGeo(), now }));
    expect(outline(rows)).toEqual([
      [2, true],
      [3, true],
      [4, false],
      [5, false],
    ]);
    const [a, b] = records(rows);
    expect(a).toMatchObject({
      sourceId: '101',
      status: 'open',
      waterAccess: true,
      electricityAccess: true,
      sanitaryAccess: false,
      trashEvacuation: null,
      location: expect.objectContaining({ lat: 48.908, lon: 2.439, communeCode: '93008' }),
    });
    expect(b).toMatchObject({
      sourceId: '102',
      status: 'closed',
      closingReason: 'closed_by_justice',
      location: expect.objectContaining({ communeCode: '69123' }),
    });
    expect(errorsOf(rows[2])).toEqual([['geometry', 'geometry must be a Point, got Polygon']]);
    expect(errorsOf(rows[3]).map((e) => e[0])).toEqual(['status', 'Nombre de personnes']);
    expect(JSON.stringify(rows)).not.toContain('Jean Propriétaire');
  });

  it('understands living-condition labels', () => {
    expect(
      ['oui', 'good', 'toImprove', 'à améliorer', 'Oui (accès régulier)', 'Le ramassage des déchets est en place'].map(livingCondition),
    ).toEqual([true, true, true, true, true, true]);
    expect(['non', 'bad', "Le ramassage des déchets n'est pas en place"].map(livingCondition)).toEqual([false, false, false]);
    expect(['inconnu', 'unknown', '', null].map(livingCondition)).toEqual([null, null, null, null]);
    expect(livingCondition('peut-être')).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { realGeo } from '../../fixtures/real-geo.js';
import type { ParsedRow, RowError, SettlementRecord } from '../records.js';
import { livingCondition, parseSettlementsCsv, parseSettlementsXlsx, siteIdFromLink, type SettlementScope } from './settlements.js';
import { collect, errorsOf, fixture, FIXTURES, NOW as now, outline, records } from './testing.js';

// Fixtures built by fixtures/resorption-bidonvilles/make-fixtures.mjs with RB's own export layout.
const OPEN = 'resorption-bidonvilles/2026-12-05-sites-existants-resorption-bidonvilles.xlsx';
const CLOSED = 'resorption-bidonvilles/2026-12-05-sites-fermes-resorption-bidonvilles.xlsx';
const CSV = 'resorption-bidonvilles/sites-existants-excel.csv';

async function parse(
  kind: 'xlsx' | 'csv',
  source: Parameters<typeof parseSettlementsXlsx>[0],
): Promise<{ rows: ParsedRow<SettlementRecord>[]; warnings: RowError[]; scope: SettlementScope | null }> {
  const warnings: RowError[] = [];
  let scope: SettlementScope | null = null;
  const options = { geo: realGeo(), now, onWarning: (w: RowError) => warnings.push(w), onScope: (s: SettlementScope) => (scope = s) };
  const rows = await collect(kind === 'xlsx' ? parseSettlementsXlsx(source, options) : parseSettlementsCsv(source, options));
  return { rows, warnings, scope };
}

describe('Résorption-bidonvilles sites export (RB layout)', () => {
  it('reads the "sites existants" workbook: NC cells, status sentences, site ids from the Adresse links, total row skipped', async () => {
    const { rows, warnings, scope } = await parse('xlsx', fixture(OPEN));
    expect(outline(rows)).toEqual([
      [8, true],
      [9, true],
      [10, true],
      [11, false],
    ]);
    const [roses, canal, littoral] = records(rows);
    expect(roses).toMatchObject({
      sourceId: '1201',
      name: 'Les Roses',
      status: 'open',
      builtAt: '2021-05-03',
      declaredAt: '2021-06-10',
      populationTotal: 34,
      populationCouples: 9,
      populationMinors: 12,
      electricityAccess: true, // "Accès à l'électricité existant mais à améliorer"
      waterAccess: true,
      sanitaryAccess: false, // "Pas d'accès à des toilettes"
      trashEvacuation: true,
      ownerType: 'public',
      fieldType: 'land',
      location: expect.objectContaining({ communeCode: '93048', lat: 48.861, lon: 2.443 }),
    });
    expect(canal).toMatchObject({
      sourceId: '1202',
      declaredAt: null, // "NC"
      populationCouples: null, // "NC"
      electricityAccess: false, // "Accès à l'électricité inexistant"
      sanitaryAccess: true,
      trashEvacuation: false,
      fieldType: 'building',
    });
    expect(littoral).toMatchObject({
      sourceId: '1203',
      builtAt: null,
      populationTotal: null,
      electricityAccess: null, // "inconnu"
      ownerType: null,
      location: expect.objectContaining({ communeCode: '13055', lat: null }),
    });
    expect(errorsOf(rows[3])).toEqual([
      ['Code INSEE', 'missing coordinates and no resolvable commune (commune code "99999" unknown)'],
      ['Nombre de mineurs', 'more minors (5) than people (3)'],
    ]);
    expect(rows[3].ok ? null : rows[3].errors[0].sourceId).toBe('1204');
    // Re-saved by a spreadsheet program, the SUM row keeps its results: a warning, not a failing row.
    expect(warnings).toEqual([{ line: 12, field: '*', reason: 'total row skipped: no site here, formulas (SUM) under the count columns' }]);
    expect(scope).toEqual({ statuses: ['open'], from: 'title' });
    expect(JSON.stringify(rows)).not.toContain('Jean Propriétaire');
  });

  it('reads the "sites fermés" workbook: its scope covers closed sites only', async () => {
    const { rows, warnings, scope } = await parse('xlsx', fixture(CLOSED));
    expect(outline(rows)).toEqual([
      [8, true],
      [9, true],
    ]);
    expect(records(rows)).toMatchObject([
      { sourceId: '1101', status: 'closed', closingReason: 'resorbed', closedAt: '2024-10-30', populationTotal: 40 },
      { sourceId: '1102', status: 'closed', closingReason: 'closed_by_justice', closedAt: '2024-07-12', sanitaryAccess: null },
    ]);
    // RB writes its SUM formulas without results: an empty row, skipped.
    expect(warnings).toEqual([]);
    expect(scope).toEqual({ statuses: ['closed'], from: 'title' });
  });

  it('keeps a renamed site: the id comes from the /site/<id> link, not from the name', async () => {
    const original = records((await parse('xlsx', fixture(OPEN))).rows);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(FIXTURES, OPEN)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    ws.getCell('F8').value = 'Les Roses (nouveau nom)';
    ws.getCell('E8').value = { text: '14 rue des Roses', hyperlink: 'https://resorption-bidonvilles.beta.gouv.fr/site/1201' };
    const renamed = records((await parse('xlsx', [Buffer.from(await wb.xlsx.writeBuffer())])).rows);
    expect(renamed[0]).toMatchObject({ sourceId: '1201', name: 'Les Roses (nouveau nom)' });
    expect(renamed.map((r) => r.sourceId)).toEqual(original.map((r) => r.sourceId));
    expect(siteIdFromLink('https://x.gouv.fr/site/77')).toBe('77');
    expect(siteIdFromLink('https://x.gouv.fr/site/77/edit')).toBe('77');
    expect(siteIdFromLink('https://x.gouv.fr/sites')).toBeNull();
  });

  it('reads the same export saved as a Latin-1 ";" CSV by Excel, its totals line a warning', async () => {
    const { rows, warnings, scope } = await parse('csv', fixture(CSV));
    expect(outline(rows)).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [5, false],
    ]);
    // "Nombre de ménages", "Privé", "Pas d'accès…" are Windows-1252 bytes: decoded, not mangled.
    expect(records(rows)[0]).toMatchObject({ name: 'Les Roses', builtAt: '2021-05-03', sanitaryAccess: false, populationCouples: 9 });
    expect(records(rows)[1]).toMatchObject({ ownerType: 'private', sanitaryAccess: true });
    expect(warnings).toEqual([{ line: 6, field: '*', reason: 'total row skipped: no site here, only totals under the count columns' }]);
    expect(scope).toEqual({ statuses: ['open'], from: 'rows' });
  });

  it('maps every status sentence of RB’s code', () => {
    const yes = [
      "Accès à l'électricité existant",
      "Accès à l'électricité existant mais à améliorer",
      'Accès à des toilettes existant',
      'Accès à des toilettes existant mais à améliorer',
      'Le ramassage des déchets est en place',
      'Le ramassage des déchets est en place mais à améliorer',
      'oui',
      'à améliorer',
    ];
    const no = ["Accès à l'électricité inexistant", "Pas d'accès à des toilettes", "Le ramassage des déchets n'est pas en place", 'non'];
    expect(yes.map(livingCondition)).toEqual(yes.map(() => true));
    expect(no.map(livingCondition)).toEqual(no.map(() => false));
    expect(['inconnu', 'NC', ''].map(livingCondition)).toEqual([null, null, null]);
  });
});

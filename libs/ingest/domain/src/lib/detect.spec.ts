import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, formatMismatch, DETECT_HEAD_BYTES } from './detect.js';
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { xlsxHeadText } from './io/xlsx.js';
import { FIXTURES } from './parsers/testing.js';

const head = (file: string) => readFileSync(join(FIXTURES, file)).subarray(0, DETECT_HEAD_BYTES);
const detect = (file: string, name = file) => detectFormat(head(file), name);
const kf = (file: string, name?: string) => {
  const d = detect(file, name);
  return [d.kind, d.format, d.container, d.variant ?? null];
};

// Soliguide's CSV export (autoexport renderCsv: json2csv, "," separated; header labels from fr.json / en.json; a link to the fiche).
const SOLIGUIDE_FR =
  '"rowId","Numéro de la fiche","Dernière mise à jour","Nom de la structure","Adresse postale","Ville","Code Postal","Les services","Le lien de la fiche soliguide"\n' +
  '1,123,"01-02-2025","Accueil de jour","1 rue A, 75003 Paris","Paris","75003","Douche","https://soliguide.fr/fr/fiche/123"\n';
const SOLIGUIDE_EN =
  '"rowId","Place ID","Last Update","Name of the stucture","Address","city","city","Services","The link of the soliguide file"\n' +
  '1,123,"01-02-2025","Day centre","1 rue A, 75003 Paris","Paris","75003","Showers","https://soliguide.fr/en/fiche/123"\n';

describe('detectFormat', () => {
  it('recognises each producer’s files from their content', () => {
    expect(kf('resorption-bidonvilles/2026-12-05-sites-existants-resorption-bidonvilles.xlsx')).toEqual([
      'settlements',
      'resorption-bidonvilles',
      'xlsx',
      null,
    ]);
    expect(kf('resorption-bidonvilles/sites-existants-excel.csv', 'export')).toEqual([
      'settlements',
      'resorption-bidonvilles',
      'csv',
      null,
    ]);
    expect(kf('settlements.csv')).toEqual(['settlements', 'resorption-bidonvilles', 'csv', null]);
    expect(kf('settlements.geojson', 'upload')).toEqual(['settlements', 'resorption-bidonvilles', 'geojson', null]);
    expect(kf('data-inclusion/services-v0.json')).toEqual(['services', 'data-inclusion', 'json', 'v0']);
    expect(kf('data-inclusion/search-page.json')).toEqual(['services', 'data-inclusion', 'json', 'search-page']);
    expect(kf('data-inclusion/services-datagouv.geojson', 'x')).toEqual(['services', 'data-inclusion', 'geojson', 'v1']);
    expect(kf('data-inclusion/services-datagouv.csv', 'x')).toEqual(['services', 'data-inclusion', 'csv', 'v1']);
    expect(kf('data-inclusion-services.json')).toEqual(['services', 'data-inclusion', 'json', 'v1']);
    expect(kf('data-inclusion-services.csv')).toEqual(['services', 'data-inclusion', 'csv', 'v1']);
    expect(kf('data-inclusion-structures.json')).toEqual([null, 'data-inclusion', 'json', null]);
    expect(kf('soliguide-searches.ndjson')).toEqual(['search-events', 'soliguide', 'ndjson', null]);
    expect(kf('searches.csv')).toEqual(['search-events', 'csv', 'csv', null]);
    expect(kf('services.csv')).toEqual(['services', 'csv', 'csv', null]);
    expect(kf('indicators.csv')[0]).toBeNull();
    expect(kf('soliguide-csv/autoexport-fr.csv', 'export.json')).toEqual(['services', 'soliguide', 'csv', 'fr']);
    expect(kf('soliguide-csv/autoexport-en-by-service.csv', 'upload')).toEqual(['services', 'soliguide', 'csv', 'en']);
    expect(kf('soliguide-csv/export-2020-fr.csv', 'upload')).toEqual(['services', 'soliguide', 'csv', 'fr']);
  });

  it('recognises Soliguide places as NDJSON, JSON array, API answer and CSV export (French or English headers)', () => {
    const doc = { lieu_id: 1, name: 'A', services_all: [], position: { postalCode: '75003' } };
    const b = (s: string) => Buffer.from(s);
    expect(detectFormat(b(`${JSON.stringify(doc)}\n${JSON.stringify(doc)}\n`))).toMatchObject({
      kind: 'services',
      format: 'soliguide',
      container: 'ndjson',
    });
    expect(detectFormat(b(JSON.stringify([doc, doc], null, 2)))).toMatchObject({ format: 'soliguide', container: 'json' });
    expect(detectFormat(b(JSON.stringify({ nbResults: 2, places: [doc] })))).toMatchObject({ kind: 'services', format: 'soliguide' });
    expect(detectFormat(b(SOLIGUIDE_FR))).toMatchObject({
      kind: 'services',
      format: 'soliguide',
      container: 'csv',
      variant: 'fr',
      label: 'a Soliguide CSV export (French headers) (CSV, ",")',
    });
    expect(detectFormat(b(SOLIGUIDE_EN))).toMatchObject({ format: 'soliguide', container: 'csv', variant: 'en' });
    // UTF-16 (Excel "Unicode text") is decoded before sniffing.
    expect(detectFormat(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SOLIGUIDE_FR, 'utf16le')]))).toMatchObject({
      format: 'soliguide',
      container: 'csv',
    });
  });

  it('says what a wrong or unknown file looks like, in one message', () => {
    const csvAsJson = formatMismatch(detectFormat(Buffer.from(SOLIGUIDE_FR)), 'services', 'data-inclusion');
    expect(csvAsJson).toBe(
      'this file is a Soliguide CSV export (French headers) (CSV, ","), not data-inclusion (use format=soliguide, or leave the format out)',
    );
    expect(formatMismatch(detect('settlements.csv'), 'services', undefined)).toBe(
      'this file is a Résorption-bidonvilles sites export (CSV, ";"): import it as settlements, not services',
    );
    expect(formatMismatch(detectFormat(Buffer.from('a;b\n1;2\n')), 'services', undefined)).toBe(
      'this file is a CSV file of no known producer (columns a, b) (CSV, ";"); for services see docs/FORMATS.md',
    );
    expect(formatMismatch(detectFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])), 'settlements', undefined)).toContain('.xls');
    expect(formatMismatch(detect('data-inclusion/services-v0.json'), 'services', undefined)).toBeNull();
    expect(formatMismatch(detect('data-inclusion/services-v0.json'), 'services', 'data-inclusion')).toBeNull();
  });

  it('reads a workbook’s first strings to tell whose XLSX export it is, whatever its name', async () => {
    const rbFile = readFileSync(join(FIXTURES, 'resorption-bidonvilles/2026-12-05-sites-existants-resorption-bidonvilles.xlsx'));
    expect(xlsxHeadText(rbFile)).toContain('SITUATION DES BIDONVILLES');
    expect(detectFormat(rbFile, 'upload', xlsxHeadText(rbFile)).label).toBe('a Résorption-bidonvilles sites export (XLSX)');
    expect(detectFormat(rbFile, 'upload').label).toBe('an XLSX workbook (read as a Résorption-bidonvilles sites export)');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Export').addRow(['Numéro de la fiche', 'Nom', 'Lien vers la fiche']);
    wb.worksheets[0].addRow([123, 'Accueil', 'https://soliguide.fr/fr/fiche/123']);
    const soliguide = Buffer.from(await wb.xlsx.writeBuffer());
    const d = detectFormat(soliguide, 'export.xlsx', xlsxHeadText(soliguide));
    expect(d).toMatchObject({ kind: 'services', format: 'soliguide', container: 'xlsx' });
    expect(formatMismatch(d, 'settlements', undefined)).toBe(
      'this file is a Soliguide XLSX export: import it as services, not settlements',
    );
    // A bomb gives no text (bounded inflate), never a crash.
    const bomb = Buffer.concat([Buffer.from('PK\u0003\u0004'), deflateRawSync(Buffer.alloc(1024))]);
    expect(xlsxHeadText(bomb)).toBe('');
  });
});

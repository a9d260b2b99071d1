import type { ServiceListItem } from '@vigie/contracts';
import { neutraliseFormula, parseCsv, toCsv, UTF8_BOM } from './csv.js';
import { readXlsxTable, toXlsx } from './xlsx.js';
import { esc, formatCount, formatNumber, html } from './html.js';
import { choroplethSvg, seriesChartSvg } from './charts.js';
import { servicesListHtml, servicesListTable, sortServices } from './services-list.js';
import type { ExportTable } from './table.js';

const table: ExportTable = {
  title: 'Recherches par thème',
  filters: [
    { label: 'Territoire', value: "Val-d'Oise" },
    { label: 'Période', value: '2026-01-01 – 2026-10-31' },
  ],
  columns: [
    { key: 'label', label: 'Thème', type: 'text' },
    { key: 'n', label: 'Recherches', type: 'number' },
    { key: 'rate', label: 'Taux', type: 'percent' },
    { key: 'day', label: 'Jour', type: 'date' },
  ],
  rows: [
    ['Alimentation', 1234, 0.125, '2026-03-01'],
    ['=HYPERLINK("http://x")', -5, null, '2026-03-02'],
    ['a;b "c"\nd', 3.5, 1, null],
    ['+33 1 23', 0, 0, '2026-03-03'],
    ['@SUM(A1)', 1, 0.5, '2026-03-04'],
  ],
};

describe('CSV writer', () => {
  it('starts with a BOM, prints title and filters, then header and rows', () => {
    const csv = toCsv(table);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['Recherches par thème']);
    expect(rows[1]).toEqual(['Territoire', "Val-d'Oise"]);
    expect(rows[2]).toEqual(['Période', '2026-01-01 – 2026-10-31']);
    expect(rows[3]).toEqual(['']);
    expect(rows[4]).toEqual(['Thème', 'Recherches', 'Taux', 'Jour']);
    expect(rows[5]).toEqual(['Alimentation', '1234', '0.125', '2026-03-01']);
    expect(rows).toHaveLength(5 + table.rows.length);
  });

  it('neutralises cells starting with = + - @ tab or CR, never numbers', () => {
    const rows = parseCsv(toCsv(table));
    expect(rows[6][0]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[6][1]).toBe('-5');
    expect(rows[8][0]).toBe("'+33 1 23");
    expect(rows[9][0]).toBe("'@SUM(A1)");
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula('\tx')).toBe("'\tx");
    expect(neutraliseFormula('\r=1')).toBe("'\r=1");
    expect(neutraliseFormula('ok = fine')).toBe('ok = fine');
  });

  it('quotes per RFC 4180 and uses a decimal comma with the ";" separator', () => {
    const csv = toCsv(table, { separator: ';', bom: false });
    expect(csv.startsWith(UTF8_BOM)).toBe(false);
    expect(csv).toContain('"a;b ""c""\nd";3,5;1;');
    const rows = parseCsv(csv, ';');
    expect(rows[7]).toEqual(['a;b "c"\nd', '3,5', '1', '']);
    expect(csv.split('\r\n').length).toBeGreaterThan(5);
  });
});

describe('XLSX builder', () => {
  it('writes filters first, then a typed table that reads back the same', async () => {
    const back = await readXlsxTable(await toXlsx(table));
    expect(back.title).toBe(table.title);
    expect(back.filters).toEqual(table.filters);
    expect(back.header).toEqual(['Thème', 'Recherches', 'Taux', 'Jour']);
    expect(back.rows).toEqual(table.rows);
    expect(typeof back.rows[0][1]).toBe('number');
  });
});

describe('HTML helpers and charts', () => {
  it('escapes every interpolation', () => {
    expect(esc(`<script>"x"&'y'`)).toBe('&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;');
    expect(html`<p>${'<b>'}</p>`.html).toBe('<p>&lt;b&gt;</p>');
  });

  it('formats numbers in French and prints suppressed counts as "< 11"', () => {
    expect(formatNumber(12345.67, 'fr')).toBe('12\u202f345,7');
    expect(formatNumber(12345.67, 'en')).toBe('12,345.7');
    expect(formatCount({ lt: 11 }, 'fr')).toBe('< 11');
    expect(formatCount(0, 'fr')).toBe('0');
  });

  it('renders charts to SVG with ECharts SSR', () => {
    const svg = seriesChartSvg({ categories: ['janv.', 'févr.'], series: [{ name: 'Recherches', data: [10, null], type: 'bar' }] });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Recherches');
    const map = choroplethSvg({
      features: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: 'A' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [1, 0],
                  [1, 1],
                  [0, 0],
                ],
              ],
            },
          },
        ],
      },
      values: [{ code: 'A', value: 42 }],
      higherIsWorse: true,
      legend: 'Score',
    });
    expect(map).toContain('<path');
  });
});

describe('service lists', () => {
  const item = (
    id: number,
    placeName: string,
    city: string,
    postalCode: string,
    extra: Partial<ServiceListItem> = {},
  ): ServiceListItem => ({
    id,
    placeName,
    name: null,
    categoryId: 'food_distribution',
    themeId: 'food',
    address: '1 rue de la Gare',
    postalCode,
    city,
    phone: '02 96 00 00 00',
    openingHours: { monday: [['09:00', '12:00']], tuesday: [] },
    publics: { accueil: 'unconditional', description: null, tags: [], ageMin: null, ageMax: null },
    closures: [],
    ...extra,
  });
  const items = [
    item(1, 'Épicerie solidaire', 'Saint-Brieuc', '22000'),
    item(2, 'Banque alimentaire', 'Lannion', '22300'),
    item(3, '<Resto>', 'Dinan', '22100', { closures: [{ start: '2026-08-01', end: '2026-08-31' }] }),
  ];

  it('sorts by service, city or postal code', () => {
    expect(sortServices(items, 'name').map((s) => s.id)).toEqual([3, 2, 1]);
    expect(sortServices(items, 'city').map((s) => s.id)).toEqual([3, 2, 1]);
    expect(sortServices(items, 'postal_code').map((s) => s.id)).toEqual([1, 3, 2]);
  });

  it('labels categories in French, English or Spanish and prints hours, publics and closures', () => {
    const base = {
      generatedAt: '2026-10-31',
      territory: { ref: 'department:22', name: "Côtes-d'Armor" },
      subject: { kind: 'category' as const, id: 'food_distribution' },
      sort: 'city' as const,
      filters: [],
      items,
    };
    const fr = servicesListTable({ ...base, lang: 'fr' });
    const en = servicesListTable({ ...base, lang: 'en' });
    const es = servicesListTable({ ...base, lang: 'es' });
    expect(new Set([fr.rows[0][1], en.rows[0][1], es.rows[0][1]]).size).toBe(3);
    expect(fr.rows[0][6]).toBe('lun. 09:00–12:00');
    expect(fr.rows[0][7]).toBe('Accueil inconditionnel');
    expect(fr.rows[0][8]).toMatch(/Fermé du 1 août 2026 au 31 août 2026/);
    const page = servicesListHtml({ ...base, lang: 'fr' });
    expect(page).toContain('&lt;Resto&gt;');
    expect(page).not.toContain('<Resto>');
  });
});

import type { NestExpressApplication } from '@nestjs/platform-express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { as, loginAs, testApp, workspaceRoot } from '../../test/app.js';

const fx = join(workspaceRoot, 'libs/ingest/domain/src/fixtures');

/**
 * Issue 15's table, source by source: each producer's export as its code writes it (fixtures built from
 * that code, see their READMEs), uploaded as a new user would — no format, the original file name — and
 * measured: accepted (inserted) / rejected / warnings. docs/FORMATS.md and the issue's closing note quote these.
 */
describe('real exports from the field, uploaded without a format', () => {
  let app: NestExpressApplication;
  let api: ReturnType<typeof as>;
  beforeAll(async () => {
    app = await testApp();
    api = as(app, await loginAs(app, 'admin'));
  });
  afterAll(async () => app.close());

  const cases: { source: string; kind: string; file: string; query?: string; expected: [number, number, number] }[] = [
    // Résorption-bidonvilles sites exports: open sites XLSX, closed sites XLSX, the open sites re-saved as CSV by French Excel.
    {
      source: 'field-rb-open',
      kind: 'settlements',
      file: 'resorption-bidonvilles/2026-12-05-sites-existants-resorption-bidonvilles.xlsx',
      expected: [3, 1, 1],
    },
    {
      source: 'field-rb-closed',
      kind: 'settlements',
      file: 'resorption-bidonvilles/2026-12-05-sites-fermes-resorption-bidonvilles.xlsx',
      expected: [2, 0, 0],
    },
    { source: 'field-rb-csv', kind: 'settlements', file: 'resorption-bidonvilles/sites-existants-excel.csv', expected: [3, 1, 1] },
    // Soliguide search collection (log-search model).
    { source: 'field-sg-search', kind: 'search-events', file: 'soliguide/search.ndjson', expected: [10, 1, 2] },
    // Soliguide places: 2020 numeric categories (era learnt from the file), the 2022 /new-search answer, a current full
    // export with Soliguía places and services without serviceObjectId.
    { source: 'field-sg-2020', kind: 'services', file: 'soliguide/lieux-2020.ndjson', expected: [26, 1, 0] },
    { source: 'field-sg-2022', kind: 'services', file: 'soliguide/new-search-2022.json', expected: [3, 0, 0] },
    { source: 'field-sg-current', kind: 'services', file: 'soliguide/lieux-current.ndjson', expected: [6, 0, 4] },
    // Soliguide CSV exports.
    { source: 'field-sg-csv-fr', kind: 'services', file: 'soliguide-csv/autoexport-fr.csv', expected: [10, 2, 3] },
    { source: 'field-sg-csv-en', kind: 'services', file: 'soliguide-csv/autoexport-en-by-service.csv', expected: [4, 0, 1] },
    { source: 'field-sg-csv-2020', kind: 'services', file: 'soliguide-csv/export-2020-fr.csv', expected: [6, 0, 0] },
    // data·inclusion: v0 services, a search page, the data.gouv GeoJSON and CSV, Soliguide services as d·i republishes them.
    { source: 'field-di-v0', kind: 'services', file: 'data-inclusion/services-v0.json', expected: [3, 2, 0] },
    { source: 'field-di-page', kind: 'services', file: 'data-inclusion/search-page.json', expected: [2, 0, 0] },
    { source: 'field-di-geojson', kind: 'services', file: 'data-inclusion/services-datagouv.geojson', expected: [2, 1, 0] },
    { source: 'field-di-csv', kind: 'services', file: 'data-inclusion/services-datagouv.csv', expected: [2, 0, 0] },
    { source: 'field-di-soliguide', kind: 'services', file: 'data-inclusion/soliguide-services.json', expected: [7, 0, 0] },
    // The real Soliguide test database (its places collection).
    { source: 'field-sg-testdb', kind: 'services', file: 'soliguide-test-db/lieux.ndjson', expected: [38, 2, 1] },
  ];

  it.each(cases)('$file', async ({ source, kind, file, expected }) => {
    const name = file.split('/').pop()!;
    const r = (await api.post(`/api/imports/${kind}?source=${source}&partial=true`).attach('file', readFileSync(join(fx, file)), name))
      .body;
    expect(r.status).toBe('succeeded');
    expect([r.inserted, r.rejected, r.warnings ?? 0]).toEqual(expected);
  });
});

import type { NestExpressApplication } from '@nestjs/platform-express';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { as, loginAs, testApp, testDatabaseUrl, workspaceRoot } from '../../test/app.js';

const rb = join(workspaceRoot, 'libs/ingest/domain/src/fixtures/resorption-bidonvilles');
const di = join(workspaceRoot, 'libs/ingest/domain/src/fixtures/data-inclusion');
const OPEN = '2026-12-05-sites-existants-resorption-bidonvilles.xlsx';
const CLOSED = '2026-12-05-sites-fermes-resorption-bidonvilles.xlsx';

describe('uploads recognised by their content (no ?format)', () => {
  let app: NestExpressApplication;
  let api: ReturnType<typeof as>;
  let pool: pg.Pool;
  beforeAll(async () => {
    app = await testApp();
    api = as(app, await loginAs(app, 'admin'));
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });
  // The upload's temp file has no extension: the original name and the content decide.
  const send = (kind: string, body: Buffer, name: string, query = '') =>
    api.post(`/api/imports/${kind}${query}`).attach('file', body, name);
  const sites = async (source: string) =>
    (
      await pool.query(`SELECT source_id, status, removed_at IS NOT NULL AS removed FROM settlement WHERE source = $1 ORDER BY source_id`, [
        source,
      ])
    ).rows;

  it('imports RB’s open and closed site workbooks: detected, total row a warning, ids from the links, the files do not cancel each other', async () => {
    const source = 'rb-upload-test';
    const open = (await send('settlements', readFileSync(join(rb, OPEN)), OPEN, `?source=${source}&partial=true`).expect(201)).body;
    expect(open).toMatchObject({
      status: 'succeeded',
      detected: 'a Résorption-bidonvilles sites export (XLSX)',
      read: 4,
      inserted: 3,
      rejected: 1,
      warnings: 1,
      firstWarnings: [{ line: 12, field: '*', reason: 'total row skipped: no site here, formulas (SUM) under the count columns' }],
    });
    expect(open.firstErrors[0]).toMatchObject({ line: 11, field: 'Code INSEE', sourceId: '1204' });
    expect(open.message).toContain('line 12: total row skipped');

    const closed = (await send('settlements', readFileSync(join(rb, CLOSED)), CLOSED, `?source=${source}`).expect(201)).body;
    expect(closed).toMatchObject({ status: 'succeeded', inserted: 2, rejected: 0, removed: 0 });
    expect(await sites(source)).toEqual([
      { source_id: '1101', status: 'closed', removed: false },
      { source_id: '1102', status: 'closed', removed: false },
      { source_id: '1201', status: 'open', removed: false },
      { source_id: '1202', status: 'open', removed: false },
      { source_id: '1203', status: 'open', removed: false },
    ]);

    // The next open-sites export no longer lists 1202 and renames 1201: only 1202 (open) is removed.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(rb, OPEN)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    ws.getCell('F8').value = 'Les Roses (renommé)';
    ws.spliceRows(11, 1); // the bad site
    ws.spliceRows(9, 1); // site 1202
    const next = (await send('settlements', Buffer.from(await wb.xlsx.writeBuffer()), OPEN, `?source=${source}`).expect(201)).body;
    expect(next).toMatchObject({ status: 'succeeded', inserted: 0, updated: 1, removed: 1 });
    expect(await sites(source)).toEqual([
      { source_id: '1101', status: 'closed', removed: false },
      { source_id: '1102', status: 'closed', removed: false },
      { source_id: '1201', status: 'open', removed: false },
      { source_id: '1202', status: 'open', removed: true },
      { source_id: '1203', status: 'open', removed: false },
    ]);
    const renamed = await pool.query(`SELECT name FROM settlement WHERE source = $1 AND source_id = '1201'`, [source]);
    expect(renamed.rows[0].name).toBe('Les Roses (renommé)');
  });

  it('detects data·inclusion v0 JSON, the search page and the GeoJSON without a format or an extension', async () => {
    const cases: [string, number, number][] = [
      ['services-v0.json', 3, 2],
      ['search-page.json', 2, 0],
      ['services-datagouv.geojson', 2, 1],
      ['services-datagouv.csv', 2, 0],
    ];
    for (const [file, inserted, rejected] of cases) {
      const r = (await send('services', readFileSync(join(di, file)), 'upload', `?source=di-${file.slice(0, 8)}&partial=true`).expect(201))
        .body;
      expect({ file, detected: r.detected, inserted: r.inserted, rejected: r.rejected }).toEqual({
        file,
        detected: expect.stringContaining('data·inclusion'),
        inserted,
        rejected,
      });
    }
  });

  it('reads a settlements GeoJSON and CSV sent without an extension as what they are (no longer parsed as CSV / JSON)', async () => {
    const fx = join(workspaceRoot, 'libs/ingest/domain/src/fixtures');
    const geo = (
      await send('settlements', readFileSync(join(fx, 'settlements.geojson')), 'blob', '?source=geo-noext&partial=true').expect(201)
    ).body;
    expect(geo).toMatchObject({ status: 'succeeded', detected: 'a Résorption-bidonvilles sites file (GeoJSON)', inserted: 2, rejected: 2 });
    const csv = (
      await send('settlements', readFileSync(join(rb, 'sites-existants-excel.csv')), 'blob', '?source=csv-noext&partial=true').expect(201)
    ).body;
    expect(csv).toMatchObject({ status: 'succeeded', inserted: 3, rejected: 1, warnings: 1 });
  });

  it('imports Soliguide’s CSV exports (French by place, English by service), also given as format=soliguide under a wrong name', async () => {
    const sg = join(workspaceRoot, 'libs/ingest/domain/src/fixtures/soliguide-csv');
    const fr = (
      await send(
        'services',
        readFileSync(join(sg, 'autoexport-fr.csv')),
        'export.json',
        '?format=soliguide&source=sg-csv-fr&partial=true',
      ).expect(201)
    ).body;
    expect(fr).toMatchObject({
      status: 'succeeded',
      detected: 'a Soliguide CSV export (French headers) (CSV, ",")',
      inserted: 10,
      rejected: 2,
      warnings: 3,
    });
    expect(fr.firstErrors).toEqual([
      expect.objectContaining({ line: 10, field: 'Les services', sourceId: '105:label-teleportation' }),
      expect.objectContaining({ line: 11, field: 'Nom de la structure', reason: 'missing name' }),
    ]);
    expect(fr.firstWarnings.map((w: { field: string }) => w.field)).toEqual(['Le lien de la fiche soliguide', 'Les horaires', 'Latitude']);
    const en = (
      await send(
        'services',
        readFileSync(join(sg, 'autoexport-en-by-service.csv')),
        'autoexport_soliguide (3).csv',
        '?source=sg-csv-en',
      ).expect(201)
    ).body;
    expect(en).toMatchObject({
      status: 'succeeded',
      detected: 'a Soliguide CSV export (English headers) (CSV, ",")',
      inserted: 4,
      rejected: 0,
      warnings: 1,
    });
    // An export is the answer to a search (a territory, a category): never a full export, it removes nothing.
    const other = (
      await send('services', readFileSync(join(sg, 'autoexport-en-by-service.csv')), 'export.csv', '?source=sg-csv-fr').expect(201)
    ).body;
    expect(other).toMatchObject({ status: 'succeeded', inserted: 4, removed: 0 });
    const old = (await send('services', readFileSync(join(sg, 'export-2020-fr.csv')), 'export.csv', '?source=sg-csv-2020').expect(201))
      .body;
    expect(old).toMatchObject({ status: 'succeeded', inserted: 6, rejected: 0 });
    const cat = await pool.query(`SELECT source_id, category_id FROM service WHERE source = 'sg-csv-2020' ORDER BY source_id`);
    expect(cat.rows.map((r) => `${r.source_id}=${r.category_id}`)).toEqual([
      '301:access_to_housing=access_to_housing',
      '301:legal_advice=legal_advice',
      '302:infirmary=infirmary',
      '302:vaccination=vaccination',
      '303:emergency_accommodation=emergency_accommodation',
      '303:overnight_stop=overnight_stop',
    ]);
  });

  it('categoryEra= reads renumbered Soliguide codes in the table asked for; without it they are reported, not guessed', async () => {
    const csv = Buffer.from(
      '"Numéro de la fiche","Nom de la structure","Les services","Latitude","Longitude"\n1,"A","110, 601","48.85","2.35"\n',
    );
    const none = (await send('services', csv, 'export.csv', '?source=sg-era-none&partial=true').expect(201)).body;
    expect(none).toMatchObject({ inserted: 1, rejected: 1 });
    expect(none.firstErrors[0].reason).toMatch(
      /^ambiguous legacy category 110: INFIRMERIE → infirmary in 2020-era exports, vet_care since/,
    );
    const old = (await send('services', csv, 'export.csv', '?source=sg-era-2020&categoryEra=2020').expect(201)).body;
    expect(old).toMatchObject({ status: 'succeeded', inserted: 2, rejected: 0 });
    const cat = await pool.query(`SELECT category_id FROM service WHERE source = 'sg-era-2020' ORDER BY category_id`);
    expect(cat.rows.map((r) => r.category_id)).toEqual(['food_distribution', 'infirmary']);
    const bad = await send('services', csv, 'export.csv', '?categoryEra=1999').expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('categoryEra must be 2020 or current');
  });

  it('says what a wrong file is, in one message', async () => {
    const soliguideCsv = Buffer.from(
      '"rowId","Numéro de la fiche","Nom de la structure","Les services","Le lien de la fiche soliguide"\n1,123,"Accueil","Douche","https://soliguide.fr/fr/fiche/123"\n',
    );
    const r = await send('services', soliguideCsv, 'export.json', '?format=data-inclusion').expect(400);
    expect(r.body.message).toBe(
      'this file is a Soliguide CSV export (French headers) (CSV, ","), not data-inclusion (use format=soliguide, or leave the format out)',
    );
    const asSearches = await send('search-events', soliguideCsv, 'export.csv', '?format=soliguide').expect(400);
    expect(asSearches.body.message).toContain('this file is a Soliguide CSV export (French headers) (CSV, ","): import it as services');
    const rbAsServices = await send('services', readFileSync(join(rb, OPEN)), OPEN).expect(400);
    expect(rbAsServices.body.message).toBe(
      'this file is a Résorption-bidonvilles sites export (XLSX): import it as settlements, not services',
    );
  });

  it('a NUL byte is a row error (line, column), never the database’s message nor a failed file', async () => {
    const csv = Buffer.from('id,name,category,lat,lon\nn1,Douche,shower,48.85,2.35\nn2,Bad\u0000name,shower,48.85,2.35\n');
    const r = (await send('services', csv, 'services.csv', '?source=nul-test&partial=true').expect(201)).body;
    expect(r).toMatchObject({ status: 'succeeded', inserted: 1, rejected: 1 });
    expect(r.firstErrors).toEqual([{ line: 3, field: 'name', reason: expect.stringMatching(/a NUL byte .* in column "name"/) }]);
    // In JSON, the escape \u0000: the same row error, naming the field.
    const json = Buffer.from(JSON.stringify([{ lieu_id: 1, name: 'Bad\u0000', status: 'ONLINE', services_all: [] }]));
    const j = (await send('services', json, 'lieux.json', '?source=nul-test-json').expect(201)).body;
    expect(j).toMatchObject({ status: 'rejected', rejected: 1 });
    expect(j.firstErrors[0]).toMatchObject({ line: 1, field: 'name', reason: expect.stringMatching(/a NUL byte .* in field "name"/) });
  });
});

import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { as, loginAs, testApp, testDatabaseUrl } from '../../test/app.js';

/**
 * Issue 17: writes across territories and free text. A coordinator writes only rows of their territories,
 * cannot take over a row kept elsewhere, and sees only the imports of their territories; coordinates that
 * contradict the stated commune reject the row; the search log's free text is never stored and personal
 * columns are refused.
 */
describe('imports: territory of each row, take-over, history scope, free text', () => {
  let app: NestExpressApplication;
  let pool: pg.Pool;
  let admin: ReturnType<typeof as>;
  let coordinator95: ReturnType<typeof as>;
  let coordinator75: ReturnType<typeof as>;
  const dir = mkdtempSync(join(tmpdir(), 'vigie-scope-'));
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  };
  const HEADER = 'id,name,category,lat,lon,address,postal_code,commune_code,status,updated_at';
  const source = `scope-${Date.now().toString(36)}`;

  beforeAll(async () => {
    app = await testApp();
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    admin = as(app, await loginAs(app, 'admin'));
    coordinator95 = as(app, await loginAs(app, 'coordinator', ['department:95']));
    coordinator75 = as(app, await loginAs(app, 'coordinator', ['department:75']));
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  it('keeps a coordinator to rows of their territories: no take-over of a Paris row, no Paris point stored in 95', async () => {
    const paris = await admin
      .post(`/api/imports/services?format=csv&source=${source}&partial=true`)
      .attach('file', file('paris.csv', [HEADER, 'paris-1,Halte Paris,food_distribution,48.8566,2.3522,,75004,75056,ONLINE,2026-05-02']))
      .expect(201);
    expect(paris.body).toMatchObject({ status: 'succeeded', inserted: 1 });

    const res = await coordinator95
      .post(`/api/imports/services?format=csv&source=${source}&partial=true`)
      .attach(
        'file',
        file('val-d-oise.csv', [
          HEADER,
          'vdo-1,Épicerie Cergy,food_distribution,49.0364,2.0761,,95000,95127,ONLINE,2026-05-02', // Cergy: kept
          'paris-1,Halte reprise,food_distribution,49.0364,2.0761,,95000,95127,ONLINE,2026-05-02', // the Paris row's id: refused
          'vdo-2,Faux Cergy,food_distribution,48.8566,2.3522,,95000,95127,ONLINE,2026-05-02', // commune 95127, Paris point: refused
          'vdo-3,Paris,food_distribution,48.8566,2.3522,,75004,75056,ONLINE,2026-05-02', // Paris: outside 95
        ]),
      )
      .expect(201);
    expect(res.body).toMatchObject({ status: 'succeeded', inserted: 1, rejected: 3 });
    const errors = Object.fromEntries((res.body.firstErrors as { line: number; reason: string }[]).map((e) => [e.line, e.reason]));
    expect(errors[3]).toMatch(/paris-1 already exists in department 75, outside your territories: a row cannot be taken over/);
    expect(errors[4]).toMatch(
      /coordinates \(48\.8566, 2\.3522\) are \d+ km from commune 95127 \(department 95\), near commune 75104 \(department 75\): row rejected/, // Paris 4e arrondissement (issue 16)
    );
    expect(errors[5]).toMatch(/department 75 is outside your territories/);

    const stored = await pool.query(`SELECT source_id, name, department_code, lat FROM service WHERE source = $1 ORDER BY source_id`, [
      source,
    ]);
    expect(stored.rows).toEqual([
      { source_id: 'paris-1', name: 'Halte Paris', department_code: '75', lat: 48.8566 },
      { source_id: 'vdo-1', name: 'Épicerie Cergy', department_code: '95', lat: 49.0364 },
    ]);

    // an admin too cannot store a point that contradicts its commune
    const adminRow = await admin
      .post(`/api/imports/services?format=csv&source=${source}&partial=true`)
      .attach('file', file('admin.csv', [HEADER, 'adm-1,Faux Cergy,food_distribution,48.8566,2.3522,,95000,95127,ONLINE,2026-05-02']))
      .expect(201);
    expect(adminRow.body).toMatchObject({ inserted: 0, rejected: 1 });
  });

  it('shows a coordinator only the imports of their territories (history, details, rejected rows)', async () => {
    const mine = await coordinator95
      .post(`/api/imports/services?format=csv&source=${source}-h&partial=true`)
      .attach('file', file('mine.csv', [HEADER, 'h-1,Épicerie Pontoise,food_distribution,49.0508,2.1008,,95300,95500,ONLINE,2026-05-02']))
      .expect(201);
    const adminRun = await admin
      .post(`/api/imports/services?format=csv&source=${source}-h&partial=true`)
      .attach('file', file('admin-paris.csv', [HEADER, 'h-2,Halte,food_distribution,48.8566,2.3522,,75004,75056,ONLINE,x']))
      .expect(201);
    const seen95 = (await coordinator95.get('/api/imports?limit=200').expect(200)).body.items.map((i: { id: number }) => i.id);
    expect(seen95).toContain(mine.body.id);
    expect(seen95).not.toContain(adminRun.body.id);
    await coordinator95.get(`/api/imports/${adminRun.body.id}`).expect(404);
    await coordinator95.get(`/api/imports/${adminRun.body.id}/errors.csv`).expect(404);
    await coordinator75.get(`/api/imports/${mine.body.id}`).expect(404);
    await coordinator95.get(`/api/imports/${mine.body.id}/errors.csv`).expect(200);
    const seenAdmin = (await admin.get('/api/imports?limit=200').expect(200)).body.items.map((i: { id: number }) => i.id);
    expect(seenAdmin).toEqual(expect.arrayContaining([mine.body.id, adminRun.body.id]));
  });

  it('never stores the free text of a search log; refuses rows with personal columns', async () => {
    const src = `${source}-s`;
    const res = await admin
      .post(`/api/imports/search-events?format=csv&source=${src}&partial=true`)
      .attach(
        'file',
        file('searches.csv', [
          'id;created_at;category;word;city_code;nb_results;user_status;origin;ip',
          's1;2026-02-01T09:00:00Z;food_distribution;jean dupont 06 12 34 56 78 expulse;95127;3;public;web;',
          's2;2026-02-01T09:05:00Z;food_distribution;;95127;0;public;web;203.0.113.7',
        ]),
      )
      .expect(201);
    expect(res.body).toMatchObject({ inserted: 1, rejected: 1 });
    expect(res.body.firstErrors[0]).toMatchObject({ line: 3, field: 'ip', reason: expect.stringMatching(/personal data .* is refused/) });
    const rows = await pool.query(`SELECT source_id, search_text FROM search_event WHERE source = $1`, [src]);
    expect(rows.rows).toEqual([{ source_id: 's1', search_text: null }]);
    const text = await pool.query(`SELECT count(*)::int n FROM search_event WHERE search_text IS NOT NULL`);
    expect(text.rows[0].n).toBe(0);
  });
});

import type { NestExpressApplication } from '@nestjs/platform-express';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ImportRunPage } from '@vigie/contracts';
import { as, isolatedDatabase, loginAs, testApp, testDatabaseUrl, workspaceRoot } from '../../test/app.js';
import { markInterruptedRuns } from './import-runner.js';

// The Soliguide project's own test database, copied in the repo (see its README): no ../shared needed.
const soliguide = join(workspaceRoot, 'libs/ingest/domain/src/fixtures/soliguide-test-db');
const fixtures = join(workspaceRoot, 'libs/ingest/domain/src/fixtures');

describe('imports API (real files, real Postgres)', () => {
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
  const upload = (kind: string, file: string, query = '', companion?: string) => {
    const r = api.post(`/api/imports/${kind}${query}`).attach('file', file);
    return companion ? r.attach('companion', companion) : r;
  };

  it('imports the real Soliguide test database: atomic by default, partial on request, idempotent', async () => {
    const atomic = await upload(
      'services',
      join(soliguide, 'lieux.ndjson'),
      '?format=soliguide&source=soliguide-test',
      join(soliguide, 'tempInfos.ndjson'),
    ).expect(201);
    expect(atomic.body).toMatchObject({ status: 'rejected', inserted: 0 });
    expect(atomic.body.rejected).toBeGreaterThan(0);
    expect(atomic.body.firstErrors[0]).toMatchObject({ line: expect.any(Number), field: expect.any(String), reason: expect.any(String) });
    expect(Number((await pool.query(`SELECT count(*) n FROM service WHERE source = 'soliguide-test'`)).rows[0].n)).toBe(0);

    const partial = await upload(
      'services',
      join(soliguide, 'lieux.ndjson'),
      '?format=soliguide&source=soliguide-test&partial=true',
      join(soliguide, 'tempInfos.ndjson'),
    ).expect(201);
    expect(partial.body).toMatchObject({ status: 'succeeded', rejected: atomic.body.rejected });
    expect(partial.body.inserted).toBeGreaterThan(20);
    const paris = await pool.query(
      `SELECT category_id, commune_code, department_code, region_code FROM service WHERE source = 'soliguide-test' AND place_source_id = '1'`,
    );
    expect(paris.rows[0]).toMatchObject({
      category_id: 'emergency_accommodation',
      commune_code: '75103', // postal code 75003: Paris 3e arrondissement (issue 16)
      department_code: '75',
      region_code: '11',
    });

    const again = await upload(
      'services',
      join(soliguide, 'lieux.ndjson'),
      '?format=soliguide&source=soliguide-test&partial=true',
      join(soliguide, 'tempInfos.ndjson'),
    ).expect(201);
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: partial.body.inserted });

    // Other specs import services into the same database at the same time: find this run in the history.
    const history = (await api.get('/api/imports?kind=services').expect(200)).body as ImportRunPage;
    expect(history.items.find((i) => i.id === again.body.id)).toMatchObject({
      id: again.body.id,
      fileName: 'lieux.ndjson',
      status: 'succeeded',
      fileHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const csv = await api.get(`/api/imports/${atomic.body.id}/errors.csv`).expect(200);
    expect(csv.text.startsWith('\uFEFFligne;champ;raison')).toBe(true);
    expect(csv.text.split('\r\n').filter(Boolean).length).toBeGreaterThan(1);
  });

  it.each([
    ['services', 'services.csv', 'csv'],
    ['search-events', 'searches.csv', 'csv'],
    ['search-events', 'soliguide-searches.ndjson', 'soliguide'],
    ['settlements', 'settlements.csv', 'resorption-bidonvilles'],
    ['settlements', 'settlements.geojson', 'geojson'],
    ['mutual-aid', 'mutual-aid.csv', 'csv'],
    ['indicators', 'indicators.csv', 'csv'],
    ['activities', 'activities.csv', 'csv'],
    ['targets', 'targets.csv', 'csv'],
  ])(
    '%s from %s: bad rows reported with line and reason, good rows kept in partial mode, re-import unchanged',
    async (kind, file, format) => {
      const source = `fx-${file.replace(/\W/g, '').slice(0, 20)}`;
      const q = `?format=${format}&source=${source}&partial=true`;
      const first = (await upload(kind, join(fixtures, file), q).expect(201)).body;
      expect(first.status).toBe('succeeded');
      expect(first.rejected).toBeGreaterThan(0);
      expect(first.inserted).toBeGreaterThan(0);
      for (const e of first.firstErrors)
        expect(e).toMatchObject({ line: expect.any(Number), field: expect.any(String), reason: expect.any(String) });
      const second = (await upload(kind, join(fixtures, file), q).expect(201)).body;
      expect(second).toMatchObject({ inserted: 0, updated: 0, rejected: first.rejected });
    },
  );

  it('a coordinator imports for their territories only: rows elsewhere are row errors, nothing elsewhere is marked removed', async () => {
    const coordinator = as(app, await loginAs(app, 'coordinator', ['department:75']));
    const send = (query: string) =>
      coordinator
        .post(`/api/imports/services${query}`)
        .attach('file', join(soliguide, 'lieux.ndjson'))
        .attach('companion', join(soliguide, 'tempInfos.ndjson'));
    const atomic = (await send('?format=soliguide&source=soliguide-coord').expect(201)).body;
    expect(atomic).toMatchObject({ status: 'rejected', inserted: 0 });
    const partial = (await send('?format=soliguide&source=soliguide-coord&partial=true').expect(201)).body;
    expect(partial.status).toBe('succeeded');
    const stored = (await pool.query(`SELECT department_code, count(*)::int n FROM service WHERE source = 'soliguide-coord' GROUP BY 1`))
      .rows;
    expect(stored).toEqual([{ department_code: '75', n: partial.inserted }]);
    expect(partial.inserted).toBeGreaterThan(0);
    const run = (await api.get(`/api/imports/${partial.id}`).expect(200)).body;
    expect(
      run.firstErrors.some((e: { field: string; reason: string }) => e.field === 'territory' && /outside your territories/.test(e.reason)),
    ).toBe(true);
    expect(partial.removed).toBe(0);
    // The same file by an admin keeps every located row of Paris: the coordinator lost none of theirs.
    const admin = (
      await pool.query(
        `SELECT count(*)::int n FROM service WHERE source = 'soliguide-test' AND department_code = '75' AND removed_at IS NULL`,
      )
    ).rows[0].n;
    expect(partial.inserted).toBe(admin);
  });

  it('refuses unknown kinds, formats and missing files with 400', async () => {
    await api.post('/api/imports/planets').attach('file', join(fixtures, 'services.csv')).expect(400);
    await upload('services', join(fixtures, 'services.csv'), '?format=xml').expect(400);
    await api.post('/api/imports/services').expect(400);
    await api.get('/api/imports/999999').expect(404);
    await api.get('/api/imports/abc').expect(400);
  });

  it('a kill -9 in the middle of a large import leaves the database as before', async () => {
    // Its own database: the killed transaction must not hold locks that other test files wait on.
    const url = await isolatedDatabase('vigie_kill_test');
    const db = new pg.Pool({ connectionString: url, max: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'vigie-kill-'));
    const file = join(dir, 'big.csv');
    const out = createWriteStream(file);
    out.write('id,created_at,category,commune_code,postal_code,nb_results,status,origin,language\n');
    for (let i = 0; i < 600_000; i++)
      out.write(`kill${i},2026-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z,food_distribution,95500,,${i % 5},public,web,fr\n`);
    await new Promise((r) => out.end(r));
    let stderr = '';
    const child = spawn(
      process.execPath,
      [join(workspaceRoot, 'dist/apps/api/cli.js'), 'import', 'search-events', file, '--format', 'csv', '--source', 'killtest'],
      {
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    child.stderr?.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    // Conditions, not delays: wait (up to 5 minutes on a loaded machine) until the import's transaction has written
    // rows (its backend holds a transaction id), then kill it.
    const until = async (what: string, ok: () => Promise<boolean>) => {
      for (const end = Date.now() + 300_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        if (child.exitCode !== null) throw new Error(`the import exited (${child.exitCode}) before ${what}: ${stderr}`);
        if (await ok()) return;
      }
      throw new Error(`timed out waiting until ${what}`);
    };
    await until('the run was recorded', async () => {
      const { rows } = await db.query(`SELECT count(*)::int n FROM import_run WHERE source = 'killtest' AND status = 'running'`);
      return rows[0].n > 0;
    });
    await until('the import wrote inside its transaction', async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
      );
      return rows[0].n > 0;
    });
    child.kill('SIGKILL');
    await exited;
    // Postgres notices the dead client when the statement in progress ends, then rolls back and
    // releases the import's advisory lock: only then is the run marked interrupted.
    let status = 'running';
    for (const end = Date.now() + 300_000; status === 'running' && Date.now() < end;) {
      await markInterruptedRuns(db);
      status = (await db.query(`SELECT status FROM import_run WHERE source = 'killtest'`)).rows[0].status;
      if (status === 'running') await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe('interrupted');
    expect(Number((await db.query(`SELECT count(*) n FROM search_event WHERE source = 'killtest'`)).rows[0].n)).toBe(0);
    expect(Number((await db.query(`SELECT coalesce(sum(searches), 0) n FROM search_event_day`)).rows[0].n)).toBe(0);
    await db.end();
  }, 900_000);
});

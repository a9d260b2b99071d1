import pg from 'pg';
import { ensureTestDatabase, testDatabaseUrl } from '../../test/app.js';
import { loadDemo } from './demo-loader.js';

describe('demo data through the import pipeline (real Postgres)', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    await ensureTestDatabase();
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
  });
  afterAll(async () => pool.end());

  it('loads the Cantal demo, then a second load changes nothing (idempotent)', async () => {
    const today = new Date(Date.UTC(2026, 10, 1));
    const first = await loadDemo(pool, { scale: 'department', department: '15', seed: 7, today, declareCoverage: false });
    const services = first.find((s) => s.kind === 'services')!;
    const searches = first.find((s) => s.kind === 'search-events')!;
    expect(services.inserted).toBeGreaterThan(10);
    expect(searches.inserted).toBeGreaterThan(1000);
    const db = await pool.query(`SELECT count(*)::int n FROM service WHERE source = 'demo' AND department_code = '15'`);
    expect(db.rows[0].n).toBe(services.inserted);
    const rollup = await pool.query(`SELECT sum(searches)::int n FROM search_event_day WHERE department_code = '15'`);
    const raw = await pool.query(`SELECT count(*)::int n FROM search_event WHERE source = 'demo' AND department_code = '15'`);
    // The view leaves out the administrators' searches (not demand, migration 1764000000300).
    const demand = await pool.query(
      `SELECT count(*)::int n FROM search_event WHERE source = 'demo' AND department_code = '15' AND NOT admin_search AND user_status <> 'admin'`,
    );
    expect(rollup.rows[0].n).toBe(demand.rows[0].n);
    expect(demand.rows[0].n).toBeLessThanOrEqual(raw.rows[0].n);

    const second = await loadDemo(pool, { scale: 'department', department: '15', seed: 7, today, declareCoverage: false });
    for (const s of second)
      expect({ kind: s.kind, inserted: s.inserted, updated: s.updated, removed: s.removed }).toEqual({
        kind: s.kind,
        inserted: 0,
        updated: 0,
        removed: 0,
      });
    expect((await pool.query(`SELECT count(*)::int n FROM search_event WHERE source = 'demo' AND department_code = '15'`)).rows[0].n).toBe(
      raw.rows[0].n,
    );
  });
});

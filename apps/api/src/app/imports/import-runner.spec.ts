import pg from 'pg';
import type { ParsedRow, SearchEventRecord, ServiceRecord } from '@vigie/ingest-domain';
import { ensureTestDatabase, testDatabaseUrl } from '../../test/app.js';
import { runImport } from './import-runner.js';
import { searchEventsKind } from './kinds/search-events.kind.js';
import { servicesKind } from './kinds/services.kind.js';

function service(id: string, overrides: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    source: 'test-runner',
    sourceId: id,
    placeSourceId: id.split(':')[0],
    placeName: `Lieu ${id}`,
    name: null,
    categoryId: 'food_distribution',
    themeId: 'food',
    status: 'ONLINE',
    visibility: 'ALL',
    location: {
      lat: 49.05,
      lon: 2.1,
      communeCode: '95500',
      departmentCode: null,
      postalCode: '95000',
      address: '1 rue X',
      city: 'Pontoise',
      country: 'FR',
    },
    closedPeriods: [],
    saturation: null,
    openingHours: { monday: [['09:00', '12:00']] },
    publics: null,
    languages: ['fr'],
    phone: '01 00 00 00 00',
    email: null,
    website: null,
    description: 'Distribution',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
    campaignStatus: 'FINISHED',
    ...overrides,
  };
}

async function* rows<T>(items: (T | { error: string; line: number })[]): AsyncGenerator<ParsedRow<T>> {
  let line = 0;
  for (const it of items) {
    line++;
    if (it && typeof it === 'object' && 'error' in it)
      yield { ok: false, line: it.line, errors: [{ line: it.line, field: 'category', reason: it.error }] };
    else yield { ok: true, line, record: it as T };
  }
}

describe('runImport (real Postgres)', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    await ensureTestDatabase();
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
  });
  afterAll(async () => pool.end());

  const count = async (sql: string, params: unknown[] = []) => Number((await pool.query(sql, params)).rows[0].n);

  it('inserts, then reports unchanged on re-import, then updates and marks removed services', async () => {
    const opts = { source: 'test-runner', format: 'test', fullExport: true };
    const first = await runImport(pool, servicesKind, rows([service('a:1'), service('a:2'), service('b:1')]), opts);
    expect(first).toMatchObject({ status: 'succeeded', read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const again = await runImport(pool, servicesKind, rows([service('a:1'), service('a:2'), service('b:1')]), opts);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, removed: 0 });
    const changed = await runImport(pool, servicesKind, rows([service('a:1', { status: 'OFFLINE' }), service('a:2')]), opts);
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, removed: 1 });
    expect(await count(`SELECT count(*) n FROM service WHERE source = 'test-runner' AND removed_at IS NOT NULL`)).toBe(1);
    // The region is looked up from the commune.
    expect((await pool.query(`SELECT region_code, department_code FROM service WHERE source_id = 'a:1'`)).rows[0]).toEqual({
      region_code: '11',
      department_code: '95',
    });
    // A removed service listed again comes back.
    const back = await runImport(pool, servicesKind, rows([service('a:1', { status: 'OFFLINE' }), service('a:2'), service('b:1')]), opts);
    expect(back).toMatchObject({ updated: 1, unchanged: 2, removed: 0 });
  });

  it('is atomic by default: one bad row and nothing is written, errors kept with their line', async () => {
    const before = await count(`SELECT count(*) n FROM service WHERE source = 'test-runner'`);
    const res = await runImport(
      pool,
      servicesKind,
      rows<ServiceRecord>([service('c:1'), { error: 'unknown category "pizza"', line: 2 }, service('c:3')]),
      { source: 'test-runner', format: 'test' },
    );
    expect(res).toMatchObject({ status: 'rejected', read: 3, rejected: 1, inserted: 0 });
    expect(res.firstErrors[0]).toEqual({ line: 2, field: 'category', reason: 'unknown category "pizza"' });
    expect(await count(`SELECT count(*) n FROM service WHERE source = 'test-runner'`)).toBe(before);
    expect(await count(`SELECT count(*) n FROM import_error WHERE run_id = $1`, [res.id])).toBe(1);
  });

  it('keeps the good rows in partial mode, and a dry run writes nothing', async () => {
    const dry = await runImport(pool, servicesKind, rows<ServiceRecord>([service('d:1'), { error: 'bad', line: 2 }]), {
      source: 'test-runner',
      format: 'test',
      partial: true,
      dryRun: true,
    });
    expect(dry).toMatchObject({ status: 'succeeded', dryRun: true, inserted: 1, rejected: 1 });
    expect(await count(`SELECT count(*) n FROM service WHERE source_id = 'd:1'`)).toBe(0);
    const partial = await runImport(pool, servicesKind, rows<ServiceRecord>([service('d:1'), { error: 'bad', line: 2 }]), {
      source: 'test-runner',
      format: 'test',
      partial: true,
    });
    expect(partial).toMatchObject({ status: 'succeeded', inserted: 1, rejected: 1 });
    expect(await count(`SELECT count(*) n FROM service WHERE source_id = 'd:1'`)).toBe(1);
  });

  it('imports search events idempotently, keeping rollups equal to raw counts, across chunks', async () => {
    const events: SearchEventRecord[] = Array.from({ length: 2500 }, (_, i) => ({
      sourceId: i % 2 ? `ev${i}` : null,
      occurredAt: new Date(Date.UTC(2019, 5, 1 + (i % 28), 10, i % 60)).toISOString(),
      categoryId: i % 3 ? 'food_distribution' : null,
      themeId: i % 3 ? 'food' : 'health',
      searchType: null,
      geoType: 'commune',
      communeCode: i % 5 ? '95500' : '2B033',
      departmentCode: null,
      regionCode: null,
      resultCount: i % 7,
      userStatus: i % 2 ? 'pro' : 'public',
      origin: 'web',
      language: 'fr',
      adminSearch: false,
    }));
    const kind = () => searchEventsKind('test-search');
    const first = await runImport(pool, kind(), rows(events), { source: 'test-search', format: 'test', chunkSize: 700 });
    expect(first).toMatchObject({ status: 'succeeded', inserted: 2500 });
    const again = await runImport(pool, kind(), rows(events), { source: 'test-search', format: 'test', chunkSize: 1000 });
    expect(again).toMatchObject({ inserted: 0, unchanged: 2500 });
    // A longer export: new events first (the fast path, no per-row conflict check), then the stored ones
    // (a chunk hits the unique index, rolls back to its savepoint and the import goes on skipping them).
    const newer = events.slice(0, 600).map((e, i) => ({ ...e, sourceId: `later${i}` }));
    const longer = await runImport(pool, kind(), rows([...newer, ...events]), { source: 'test-search', format: 'test', chunkSize: 700 });
    expect(longer).toMatchObject({ status: 'succeeded', inserted: 600, unchanged: 2500 });
    const raw = await pool.query(
      `SELECT department_code, count(*)::int n, count(*) FILTER (WHERE result_count = 0)::int z FROM search_event WHERE source = 'test-search' GROUP BY 1 ORDER BY 1`,
    );
    for (const rel of ['search_event_day', 'search_rollup_month_dept']) {
      const roll = await pool.query(
        `SELECT department_code, sum(searches)::int n, sum(zero_results)::int z FROM ${rel} WHERE day BETWEEN '2019-06-01' AND '2019-06-30' AND department_code IN ('2B', '95') GROUP BY 1 ORDER BY 1`,
      );
      expect(roll.rows).toEqual(raw.rows);
    }
    expect(raw.rows.find((r) => r.department_code === '2B')).toMatchObject({ n: 620 });
  });
});

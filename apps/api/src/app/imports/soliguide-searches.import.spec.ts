import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { emptySearchReport, parseSoliguideSearches, type ParsedRow, type RowError } from '@vigie/ingest-domain';
import { isolatedDatabase, workspaceRoot } from '../../test/app.js';
import { loadGeoResolver } from './geo-resolver.cache.js';
import { runImport } from './import-runner.js';
import type { KindSpec } from './kinds/kind.js';
import { searchEventsKind } from './kinds/search-events.kind.js';

/**
 * The Soliguide `search` collection as the producer logs it (fixture built from log-search.model.ts),
 * imported through the real search-event kind: a search without a category is stored and counted in
 * the monthly totals (category '' in the rollups), no searched text is stored, the territory of a
 * department search stays at its level. No schema change: category_id was already nullable.
 */
describe('Soliguide search logs through the import (real Postgres)', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await isolatedDatabase('vigie_soliguide_search_import_test') });
  }, 120_000);
  afterAll(async () => pool?.end());

  it('stores searches without a category and counts them in the totals', async () => {
    const geo = await loadGeoResolver(pool);
    const report = emptySearchReport();
    const warnings: RowError[] = [];
    const rows = parseSoliguideSearches(createReadStream(join(workspaceRoot, 'libs/ingest/domain/src/fixtures/soliguide/search.ndjson')), {
      geo,
      now: new Date('2026-11-22T00:00:00Z'),
      source: 'soliguide',
      report,
      onWarning: (w) => warnings.push(w),
    }) as AsyncIterable<ParsedRow<unknown>>;
    const summary = await runImport(pool, searchEventsKind('soliguide') as KindSpec<unknown>, rows, {
      source: 'soliguide',
      format: 'soliguide',
      partial: true,
    });
    // 13 documents: 1 page-2 repeat and 1 Spanish search skipped (warnings), 1 ambiguous numeric category rejected.
    expect([summary.rejected, report.pagedDuplicates, report.foreignSkipped, warnings.length]).toEqual([1, 1, 1, 2]);
    const stored = (
      await pool.query(
        `SELECT source_id, category_id, search_text, geo_type, commune_code, department_code, region_code, user_status, origin FROM search_event WHERE source = 'soliguide' ORDER BY source_id`,
      )
    ).rows;
    expect(stored).toHaveLength(10);
    expect(stored.every((r) => r.search_text === null)).toBe(true);
    expect(stored.find((r) => r.source_id.endsWith('03'))).toEqual({
      source_id: '66b000000000000000000003',
      category_id: null,
      search_text: null,
      geo_type: 'department',
      commune_code: null,
      department_code: '93',
      region_code: '11',
      user_status: 'public',
      origin: 'widget',
    });
    const totals = (
      await pool.query(
        `SELECT sum(searches)::int AS all, sum(searches) FILTER (WHERE category_id = '' AND theme_id = '')::int AS without FROM search_rollup_month_region WHERE day = '2025-03-01'`,
      )
    ).rows[0];
    // the free-text search (no category, no theme); the theme-only "health" search has category ''. Of the 10
    // stored, the 3 administrators' searches (adminSearch, ADMIN_* / SOLI_BOT status) are not demand: not in the rollups.
    expect(totals).toEqual({ all: 7, without: 1 });
  });
});

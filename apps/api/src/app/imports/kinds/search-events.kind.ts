import { createHash } from 'node:crypto';
import type { SearchEventRecord } from '@vigie/ingest-domain';
import type { PoolClient } from 'pg';
import type { KindSpec } from './kind.js';

const COLUMNS: [string, string][] = [
  ['occurred_at', 'timestamptz'],
  ['source', 'text'],
  ['source_id', 'text'],
  ['category_id', 'text'],
  ['theme_id', 'text'],
  ['search_text', 'text'],
  ['geo_type', 'text'],
  ['commune_code', 'text'],
  ['department_code', 'text'],
  ['region_code', 'text'],
  ['result_count', 'int4'],
  ['user_status', 'text'],
  ['origin', 'text'],
  ['language', 'text'],
  ['admin_search', 'bool'],
];

/**
 * SQL upserting the monthly rollups (see migration 1764000000005) from `rel`, a relation with the columns of
 * the view search_event_day (day, department_code, region_code, category_id, theme_id, searches,
 * zero_results; '' for unknown). Used by the import merge (from the new events) and by the rebuild.
 */
export function monthRollupsSql(rel: string): string[] {
  const m = `date_trunc('month', day)::date`;
  return [
    `INSERT INTO search_rollup_month_dept AS r (day, department_code, region_code, category_id, theme_id, searches, zero_results)
     SELECT ${m}, department_code, region_code, category_id, theme_id, sum(searches), sum(zero_results) FROM ${rel} GROUP BY 1, 2, 3, 4, 5
     ON CONFLICT (department_code, day, region_code, category_id, theme_id)
     DO UPDATE SET searches = r.searches + EXCLUDED.searches, zero_results = r.zero_results + EXCLUDED.zero_results`,
    `INSERT INTO search_rollup_month_region AS r (day, region_code, category_id, theme_id, searches, zero_results)
     SELECT ${m}, region_code, category_id, theme_id, sum(searches), sum(zero_results) FROM ${rel} GROUP BY 1, 2, 3, 4
     ON CONFLICT (day, region_code, category_id, theme_id)
     DO UPDATE SET searches = r.searches + EXCLUDED.searches, zero_results = r.zero_results + EXCLUDED.zero_results`,
  ];
}

/**
 * Events without a source id get a deterministic one: a hash of their content plus the rank of that
 * content in the file, so that re-importing the same (or a longer) export never duplicates them.
 */
export function searchIdentity(source: string): (r: SearchEventRecord) => string {
  const seen = new Map<string, number>();
  return (r) => {
    if (r.sourceId) return r.sourceId;
    const h = createHash('sha1')
      .update([r.occurredAt, r.categoryId, r.themeId, r.searchType, r.geoType, r.communeCode, r.departmentCode, r.regionCode, r.resultCount, r.userStatus, r.origin, r.language, r.adminSearch].join('|'))
      .digest('base64url')
      .slice(0, 16);
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return `h:${source}:${h}:${n}`;
  };
}

const COLUMN_NAMES = COLUMNS.map(([c]) => c);

/** Per-import temporary table of the new events' monthly counts, applied to the rollups by `finish`. */
const DELTA = 'search_month_delta';
const DELTA_COLUMNS = 'day, department_code, region_code, category_id, theme_id, searches, zero_results';

/**
 * Inserts the staged events (skipping stored ones when `skipDuplicates`) and appends their monthly counts to
 * the import's delta table. Department and region come from the parser (which resolves every commune); the
 * lookups below only run for a row that names a commune or department without its parents.
 */
async function insert(client: PoolClient, stage: string, importId: number | null, skipDuplicates: boolean): Promise<number> {
  const { rows } = await client.query(
    `WITH ins AS (
       INSERT INTO search_event (${COLUMN_NAMES.join(', ')}, import_id)
       SELECT s.occurred_at, s.source, s.source_id, s.category_id, s.theme_id, s.search_text, s.geo_type, s.commune_code,
              coalesce(s.department_code, (SELECT c.department_code FROM commune c WHERE c.country = 'FR' AND c.code = s.commune_code)),
              coalesce(s.region_code, (SELECT c.region_code FROM commune c WHERE c.country = 'FR' AND c.code = s.commune_code),
                       (SELECT d.region_code FROM department d WHERE d.country = 'FR' AND d.code = s.department_code)),
              s.result_count, s.user_status, s.origin, s.language, s.admin_search, $1::bigint
       FROM ${stage} s
       ${skipDuplicates ? 'ON CONFLICT (source, source_id) WHERE source_id IS NOT NULL DO NOTHING' : ''}
       RETURNING day, department_code, region_code, category_id, theme_id, result_count
     ), delta AS (
       INSERT INTO ${DELTA} (${DELTA_COLUMNS})
       SELECT date_trunc('month', day)::date, coalesce(department_code, ''), coalesce(region_code, ''), coalesce(category_id, ''), coalesce(theme_id, ''),
              count(*)::int, (count(*) FILTER (WHERE result_count = 0))::int
       FROM ins GROUP BY 1, 2, 3, 4, 5
     )
     SELECT (SELECT count(*) FROM ins)::int AS inserted`,
    [importId],
  );
  return rows[0].inserted;
}

export function searchEventsKind(source: string): KindSpec<SearchEventRecord> {
  const idOf = searchIdentity(source);
  /** Set once a chunk met stored events: the rest of this import skips duplicates row by row. */
  let duplicatesSeen = false;
  let deltaReady = false;
  return {
    kind: 'search-events',
    columns: COLUMNS,
    toRow: (r) => [
      r.occurredAt,
      source,
      idOf(r),
      r.categoryId,
      r.themeId,
      r.searchType,
      r.geoType,
      r.communeCode,
      r.departmentCode,
      r.regionCode,
      r.resultCount,
      r.userStatus,
      r.origin,
      r.language,
      r.adminSearch,
    ],
    async merge(client, stage, importId) {
      // Insert the new events (duplicates by source id are skipped); their monthly counts are added to the
      // rollups once, by `finish`, in the same transaction: committed rollups never disagree with the
      // events. The finer views read the events themselves (view search_event_day, migration 1764000000007).
      if (!deltaReady) {
        await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${DELTA} (day date, department_code text, region_code text, category_id text, theme_id text, searches int, zero_results int) ON COMMIT DROP`);
        await client.query(`TRUNCATE ${DELTA}`);
        deltaReady = true;
      }
      // Fast path: a plain INSERT, under a savepoint. Checking every row for a conflict (ON CONFLICT DO
      // NOTHING) costs a third of the insert (measured: 23 s → 29 s for 1.8 M events) and is only needed
      // when some events are already stored, i.e. on re-imports and overlapping exports: the first chunk
      // that hits the unique index rolls back to the savepoint and this import switches to ON CONFLICT.
      if (!duplicatesSeen) {
        await client.query('SAVEPOINT fresh_events');
        try {
          const inserted = await insert(client, stage, importId, false);
          await client.query('RELEASE SAVEPOINT fresh_events');
          return { inserted, updated: 0 };
        } catch (e) {
          if ((e as { code?: string }).code !== '23505') throw e;
          await client.query('ROLLBACK TO SAVEPOINT fresh_events');
          duplicatesSeen = true;
        }
      }
      return { inserted: await insert(client, stage, importId, true), updated: 0 };
    },
    async finish(client) {
      if (!deltaReady) return;
      const [monthDept, monthRegion] = monthRollupsSql(DELTA);
      const { rowCount } = await client.query(`SELECT 1 FROM ${DELTA} LIMIT 1`);
      if (rowCount) {
        await client.query(monthDept);
        await client.query(monthRegion);
        await client.query(`UPDATE search_rollup_version SET version = version + 1 WHERE id = 1`);
      }
      await client.query(`DROP TABLE ${DELTA}`);
      deltaReady = false;
    },
  };
}

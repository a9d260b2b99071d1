import { createHash } from 'node:crypto';
import type { SearchEventRecord } from '@vigie/ingest-domain';
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

/** Rollup dimensions: '' stands for "unknown" so that the key stays NOT NULL. */
export const ROLLUP_DIMENSIONS = ['commune_code', 'department_code', 'region_code', 'category_id', 'theme_id', 'user_status', 'origin', 'language'];

/** SQL: results bucket of a result count (0, 1–5, 6+). */
export const RESULTS_BUCKET_SQL = (col: string) => `(CASE WHEN ${col} = 0 THEN 0 WHEN ${col} <= 5 THEN 1 ELSE 2 END)::smallint`;

/**
 * SQL upserting the monthly rollups (see migration 1764000000005) from `rel`, a relation with the daily
 * rollup's columns (day, department_code, region_code, category_id, theme_id, searches, zero_results; ''
 * for unknown). Used by the import merge (from the day's new rows) and by the rebuild.
 */
export function monthRollupsSql(rel: string, cte = false): string[] {
  const m = `date_trunc('month', day)::date`;
  return [
    `INSERT INTO search_rollup_month_dept AS r (day, department_code, region_code, category_id, theme_id, searches, zero_results)
     SELECT ${m}, department_code, region_code, category_id, theme_id, sum(searches), sum(zero_results) FROM ${rel} GROUP BY 1, 2, 3, 4, 5
     ON CONFLICT (department_code, day, region_code, category_id, theme_id)
     DO UPDATE SET searches = r.searches + EXCLUDED.searches, zero_results = r.zero_results + EXCLUDED.zero_results${cte ? ' RETURNING 1' : ''}`,
    `INSERT INTO search_rollup_month_region AS r (day, region_code, category_id, theme_id, searches, zero_results)
     SELECT ${m}, region_code, category_id, theme_id, sum(searches), sum(zero_results) FROM ${rel} GROUP BY 1, 2, 3, 4
     ON CONFLICT (day, region_code, category_id, theme_id)
     DO UPDATE SET searches = r.searches + EXCLUDED.searches, zero_results = r.zero_results + EXCLUDED.zero_results${cte ? ' RETURNING 1' : ''}`,
  ];
}

/** Day of a search in French local time (the rollups' calendar). */
export const DAY_SQL = (col: string) => `(${col} AT TIME ZONE 'Europe/Paris')::date`;

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

export function searchEventsKind(source: string): KindSpec<SearchEventRecord> {
  const idOf = searchIdentity(source);
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
      // Insert the new events (duplicates by source id are skipped) and add exactly those to the
      // daily rollups, in one statement: rollups can never disagree with the raw events.
      const cols = COLUMNS.map(([c]) => c);
      const [monthDept, monthRegion] = monthRollupsSql('fresh', true);
      const { rows } = await client.query(
        `WITH ins AS (
           INSERT INTO search_event (${cols.join(', ')}, import_id)
           SELECT s.occurred_at, s.source, s.source_id, s.category_id, s.theme_id, s.search_text, s.geo_type,
                  s.commune_code, coalesce(s.department_code, c.department_code), coalesce(s.region_code, c.region_code, d.region_code),
                  s.result_count, s.user_status, s.origin, s.language, s.admin_search, $1::bigint
           FROM ${stage} s
           LEFT JOIN commune c ON c.country = 'FR' AND c.code = s.commune_code
           LEFT JOIN department d ON d.country = 'FR' AND d.code = coalesce(s.department_code, c.department_code)
           ON CONFLICT (source, source_id) WHERE source_id IS NOT NULL DO NOTHING
           RETURNING *
         ), fresh AS MATERIALIZED (
           -- The new events, grouped by the daily rollup's key (MATERIALIZED: computed once, read three times).
           SELECT ${DAY_SQL('occurred_at')} AS day, ${ROLLUP_DIMENSIONS.map((d) => `coalesce(${d}, '') AS ${d}`).join(', ')}, ${RESULTS_BUCKET_SQL('result_count')} AS results_bucket,
                  count(*)::int AS searches, (count(*) FILTER (WHERE result_count = 0))::int AS zero_results
           FROM ins
           GROUP BY 1, ${ROLLUP_DIMENSIONS.map((_, i) => i + 2).join(', ')}, ${ROLLUP_DIMENSIONS.length + 2}
         ), roll AS (
           INSERT INTO search_rollup_day AS r (day, ${ROLLUP_DIMENSIONS.join(', ')}, results_bucket, searches, zero_results)
           SELECT day, ${ROLLUP_DIMENSIONS.join(', ')}, results_bucket, searches, zero_results FROM fresh
           ON CONFLICT (day, ${ROLLUP_DIMENSIONS.join(', ')}, results_bucket)
           DO UPDATE SET searches = r.searches + EXCLUDED.searches, zero_results = r.zero_results + EXCLUDED.zero_results
           RETURNING 1
         ), month_dept AS (
           ${monthDept}
         ), month_region AS (
           ${monthRegion}
         ), bump AS (
           UPDATE search_rollup_version SET version = version + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM ins) RETURNING 1
         )
         SELECT (SELECT count(*) FROM ins)::int AS inserted`,
        [importId],
      );
      return { inserted: rows[0].inserted, updated: 0 };
    },
  };
}

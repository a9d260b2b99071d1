import { createHash } from 'node:crypto';
import type { SearchEventRecord } from '@vigie/ingest-domain';
import type { PoolClient } from 'pg';
import { copyEncoded, copyRows, copyValue } from '../copy.js';
import type { KindChunk, KindSpec } from './kind.js';

/**
 * Searches made by the directory's own administrators (back-office searches, admin accounts) are not demand
 * (docs/METRICS.md): stored, but left out of the view search_event_day (migration 1764000000300) and of the
 * monthly rollups. The same rule in SQL and for a parsed record.
 */
export const NOT_ADMIN_SQL = `NOT admin_search AND user_status <> 'admin'`;
export function isAdministratorSearch(r: Pick<SearchEventRecord, 'adminSearch' | 'userStatus'>): boolean {
  return r.adminSearch || r.userStatus === 'admin';
}

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
      .update(
        [
          r.occurredAt,
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
        ].join('|'),
      )
      .digest('base64url')
      .slice(0, 16);
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return `h:${source}:${h}:${n}`;
  };
}

const COLUMN_NAMES = COLUMNS.map(([c]) => c);

/** Per-import temporary table of the new events' monthly counts, applied to the rollups by `applyCounts`. */
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
       RETURNING day, department_code, region_code, category_id, theme_id, result_count, admin_search, user_status
     ), delta AS (
       INSERT INTO ${DELTA} (${DELTA_COLUMNS})
       SELECT date_trunc('month', day)::date, coalesce(department_code, ''), coalesce(region_code, ''), coalesce(category_id, ''), coalesce(theme_id, ''),
              count(*)::int, (count(*) FILTER (WHERE result_count = 0))::int
       FROM ins WHERE ${NOT_ADMIN_SQL} GROUP BY 1, 2, 3, 4, 5
     )
     SELECT (SELECT count(*) FROM ins)::int AS inserted`,
    [importId],
  );
  return rows[0].inserted;
}

/** Staging table of the chunks that cannot take the direct path (same columns as the COPY into search_event). */
const STAGE = 'search_event_stage';
const COPY_COLUMNS = [...COLUMN_NAMES, 'import_id'];

/**
 * The first instant of each month on the French calendar, 1900–2100, as Postgres computes it (the time
 * zone rules of the column search_event.day): an event's month is the last start at or before it. This
 * holds when the French date is before the 1st just before a start and on or after it from the start on;
 * checked 1 ms before, at the start, and every quarter of an hour for 3 hours on each side (a clock change
 * that crossed a month's first midnight would fail it; France never had one). Null if one fails: the
 * import then counts months in SQL, as for the chunks that cannot take the direct path.
 */
async function parisMonths(client: PoolClient): Promise<{ starts: Float64Array; days: string[] } | null> {
  const { rows } = await client.query<{ day: string; start: number; clean: boolean }>(
    `WITH m AS (SELECT d, d AT TIME ZONE 'Europe/Paris' AS b FROM generate_series(timestamp '1900-01-01', timestamp '2100-01-01', interval '1 month') d)
     SELECT to_char(d, 'YYYY-MM-DD') AS day, (extract(epoch FROM b) * 1000)::float8 AS start,
            (b AT TIME ZONE 'Europe/Paris')::date = d::date AND ((b - interval '1 millisecond') AT TIME ZONE 'Europe/Paris')::date < d::date
            AND (SELECT bool_and((b + q * interval '15 minutes') AT TIME ZONE 'Europe/Paris' >= d AND (b - q * interval '15 minutes') AT TIME ZONE 'Europe/Paris' < d)
                 FROM generate_series(1, 12) q) AS clean
     FROM m ORDER BY d`,
  );
  if (!rows.every((r) => r.clean)) return null;
  return { starts: Float64Array.from(rows, (r) => r.start), days: rows.map((r) => r.day) };
}

/** One cell of the import's monthly counts (the columns of the delta table, '' for unknown). */
interface MonthCount {
  /** Index of the month in `parisMonths`. */
  month: number;
  day: string;
  departmentCode: string;
  regionCode: string;
  categoryId: string;
  themeId: string;
  searches: number;
  zeroResults: number;
}

/**
 * `deferVersion`: do not bump search_rollup_version in the import's transaction; the caller bumps it after
 * the commit (live batches: at most every few seconds, see RollupVersionTicker). A bump in every batch's
 * transaction would make concurrent batches queue on that one row, and invalidate every cached answer at
 * each batch.
 */
export function searchEventsKind(source: string, opts: { deferVersion?: boolean } = {}): KindSpec<SearchEventRecord> {
  const idOf = searchIdentity(source);
  /** Set once a chunk met stored events: the rest of this import skips duplicates row by row. */
  let duplicatesSeen = false;
  let deltaReady = false;
  let stageReady = false;
  let runId: number | null = null;
  let months: { starts: Float64Array; days: string[] } | null = null;
  const sourceCell = copyValue(source);
  /** Monthly counts of the chunks written by the direct path, not yet added to the rollups. */
  const counts = new Map<string, MonthCount>();
  /** The latest month met by the direct path (index in `months`), and whether rollups were changed. */
  let latestMonth = -1;
  let rollupsChanged = false;
  /** Whether the delta table holds counts not yet added to the rollups (rows copied or events inserted). */
  let deltaPending = false;

  /**
   * Adds to the rollups, in the import's transaction, the direct path's counts of the months before `before`
   * and everything in the delta table (the staged chunks' counts), then empties both.
   */
  async function applyCounts(client: PoolClient, before: number): Promise<void> {
    const due: MonthCount[] = [];
    for (const [key, c] of counts) {
      if (c.month < before) {
        due.push(c);
        counts.delete(key);
      }
    }
    if (due.length) {
      await ensureDelta(client);
      await copyRows(
        client,
        DELTA,
        ['day', 'department_code', 'region_code', 'category_id', 'theme_id', 'searches', 'zero_results'],
        due.map((c) => [c.day, c.departmentCode, c.regionCode, c.categoryId, c.themeId, c.searches, c.zeroResults]),
      );
      deltaPending = true;
    }
    if (!deltaPending) return;
    for (const sql of monthRollupsSql(DELTA)) await client.query(sql);
    await client.query(`TRUNCATE ${DELTA}`);
    deltaPending = false;
    rollupsChanged = true;
  }

  async function ensureDelta(client: PoolClient): Promise<void> {
    if (deltaReady) return;
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS ${DELTA} (day date, department_code text, region_code text, category_id text, theme_id text, searches int, zero_results int) ON COMMIT DROP`,
    );
    await client.query(`TRUNCATE ${DELTA}`);
    deltaReady = true;
  }

  /** Index of the month of `t` (epoch ms) in `months`, or -1 outside 1900–2100. Rows come mostly in time order. */
  let monthLo = 0;
  let monthHi = 0;
  let monthAt = -1;
  function monthOf(t: number): number {
    if (t >= monthLo && t < monthHi) return monthAt;
    const starts = months!.starts;
    if (!(t >= starts[0] && t < starts[starts.length - 1])) return -1;
    let lo = 0;
    let hi = starts.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= t) lo = mid;
      else hi = mid;
    }
    monthLo = starts[lo];
    monthHi = starts[lo + 1];
    monthAt = lo;
    return lo;
  }

  async function merge(client: PoolClient, stage: string, importId: number | null) {
    // Insert the new events (duplicates by source id are skipped); their monthly counts are added to the
    // rollups by `applyCounts` (next direct chunk or `finish`), in the same transaction: committed rollups never disagree with the
    // events. The finer views read the events themselves (view search_event_day, migration 1764000000007).
    await ensureDelta(client);
    // Fast path: a plain INSERT, under a savepoint. Checking every row for a conflict (ON CONFLICT DO
    // NOTHING) costs a third of the insert (measured: 23 s → 29 s for 1.8 M events) and is only needed
    // when some events are already stored, i.e. on re-imports and overlapping exports: the first chunk
    // that hits the unique index rolls back to the savepoint and this import switches to ON CONFLICT.
    if (!duplicatesSeen) {
      await client.query('SAVEPOINT fresh_events');
      try {
        const inserted = await insert(client, stage, importId, false);
        await client.query('RELEASE SAVEPOINT fresh_events');
        if (inserted) deltaPending = true;
        return { inserted, updated: 0 };
      } catch (e) {
        if ((e as { code?: string }).code !== '23505') throw e;
        await client.query('ROLLBACK TO SAVEPOINT fresh_events');
        duplicatesSeen = true;
      }
    }
    const inserted = await insert(client, stage, importId, true);
    if (inserted) deltaPending = true;
    return { inserted, updated: 0 };
  }

  /**
   * A chunk of a file import. Direct path, while no stored event was met: COPY straight into search_event
   * under a savepoint, the monthly counts kept here from the rows (one write per event instead of a
   * staging COPY plus an INSERT … SELECT). A unique violation rolls back to the savepoint and the chunk,
   * like the rest of the import, goes through the staging table and `merge` (ON CONFLICT, counts from
   * RETURNING). So does a chunk with a row that the SQL completes (a commune or department without its
   * parents, looked up in the geography tables) or dated outside 1900–2100.
   */
  function chunk(): KindChunk<SearchEventRecord> {
    const pieces: string[] = [];
    // Cells and rows joined (512 rows a piece): flat strings. Concatenating them one by one builds trees of
    // string fragments (measured: 9.6 s of garbage collection instead of 0.5 s for 1.8 M rows).
    const lines: string[] = [];
    let rows = 0;
    let direct = months !== null;
    const monthly = new Map<string, MonthCount>();
    return {
      add(r) {
        const department = r.departmentCode;
        const region = r.regionCode;
        lines.push(
          [
            copyValue(r.occurredAt),
            sourceCell,
            copyValue(idOf(r)),
            copyValue(r.categoryId),
            copyValue(r.themeId),
            '\\N', // search_text: free search text is never stored (docs/PRIVACY.md)
            copyValue(r.geoType),
            copyValue(r.communeCode),
            copyValue(department),
            copyValue(region),
            copyValue(r.resultCount),
            copyValue(r.userStatus),
            copyValue(r.origin),
            copyValue(r.language),
            copyValue(r.adminSearch),
            runId,
          ].join('\t'),
        );
        rows++;
        if (lines.length === 512) {
          pieces.push(lines.join('\n') + '\n');
          lines.length = 0;
        }
        if (!direct) return;
        // Only "…Z" timestamps are read here (Date.parse and Postgres agree on them: UTC); anything else goes to SQL.
        const at = r.occurredAt;
        const m = typeof at === 'string' && at.length === 24 && at.charCodeAt(23) === 90 ? monthOf(Date.parse(at)) : -1;
        if (
          m < 0 ||
          (department === null && r.communeCode !== null) ||
          (region === null && (r.communeCode !== null || department !== null))
        ) {
          direct = false;
          return;
        }
        // Searches by the directory's administrators are stored but are not demand: not in the rollups.
        if (isAdministratorSearch(r)) return;
        const day = months!.days[m];
        const key = `${day}\0${department ?? ''}\0${region ?? ''}\0${r.categoryId ?? ''}\0${r.themeId ?? ''}`;
        let c = monthly.get(key);
        if (!c) {
          c = {
            month: m,
            day,
            departmentCode: department ?? '',
            regionCode: region ?? '',
            categoryId: r.categoryId ?? '',
            themeId: r.themeId ?? '',
            searches: 0,
            zeroResults: 0,
          };
          monthly.set(key, c);
        }
        c.searches++;
        if (r.resultCount === 0) c.zeroResults++;
      },
      async write(client) {
        if (lines.length) pieces.push(lines.join('\n') + '\n');
        lines.length = 0;
        if (direct && !duplicatesSeen) {
          await client.query('SAVEPOINT fresh_events');
          try {
            await copyEncoded(client, 'search_event', COPY_COLUMNS, pieces);
            await client.query('RELEASE SAVEPOINT fresh_events');
            for (const [key, c] of monthly) {
              const total = counts.get(key);
              if (total) {
                total.searches += c.searches;
                total.zeroResults += c.zeroResults;
              } else counts.set(key, c);
              if (c.month > latestMonth) latestMonth = c.month;
            }
            // Exports come in time order: the months before the latest one met are complete, add them to
            // the rollups now, while the next chunk is parsed, rather than all at the end (175,000 keys
            // for 1.8 M events: ~3.5 s after the last COPY). A later event of such a month is counted
            // again (the upsert adds): out of order costs time, never counts.
            await applyCounts(client, latestMonth);
            return { inserted: rows, updated: 0 };
          } catch (e) {
            if ((e as { code?: string }).code !== '23505') throw e;
            await client.query('ROLLBACK TO SAVEPOINT fresh_events');
            await client.query('RELEASE SAVEPOINT fresh_events');
            duplicatesSeen = true;
          }
        }
        if (!stageReady) {
          await client.query(
            `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (${COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')}, import_id bigint) ON COMMIT DROP`,
          );
          await client.query(`TRUNCATE ${STAGE}`);
          stageReady = true;
        }
        await copyEncoded(client, STAGE, COPY_COLUMNS, pieces);
        const r = await merge(client, STAGE, runId);
        await client.query(`TRUNCATE ${STAGE}`);
        return r;
      },
    };
  }
  return {
    kind: 'search-events',
    columns: COLUMNS,
    toRow: (r) => [
      r.occurredAt,
      source,
      idOf(r),
      r.categoryId,
      r.themeId,
      null, // search_text: free search text is never stored (docs/PRIVACY.md)
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
    merge,
    chunks: {
      async prepare(client, id) {
        // Temporary tables of a previous import on this connection were dropped with its transaction.
        deltaReady = false;
        stageReady = false;
        duplicatesSeen = false;
        counts.clear();
        latestMonth = -1;
        rollupsChanged = false;
        deltaPending = false;
        runId = id;
        months = await parisMonths(client);
      },
      start: chunk,
    },
    async finish(client) {
      await applyCounts(client, Infinity);
      if (rollupsChanged && !opts.deferVersion) await client.query(`UPDATE search_rollup_version SET version = version + 1 WHERE id = 1`);
      rollupsChanged = false;
      if (deltaReady) await client.query(`DROP TABLE ${DELTA}`);
      deltaReady = false;
    },
  };
}

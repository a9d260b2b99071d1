import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';

export type ImportKindName = 'services' | 'search-events' | 'settlements' | 'mutual-aid' | 'indicators' | 'activities' | 'targets';

export interface MergeResult {
  inserted: number;
  updated: number;
}

/**
 * How one kind of record goes from a staging table to its real table. Staging is a temporary table
 * with `columns` plus `line`; rows reach it through COPY.
 */
export interface KindSpec<R> {
  kind: ImportKindName;
  columns: [name: string, type: string][];
  toRow(record: R): unknown[];
  /** Merges the staged chunk into the real table (and its rollups); returns inserted/updated. */
  merge(client: PoolClient, stage: string, importId: number | null): Promise<MergeResult>;
  /**
   * After the last merge, in the same transaction: what is cheaper once per import than once per chunk
   * (search events: their monthly rollups). Callers of `merge` must call it before committing.
   */
  finish?(client: PoolClient): Promise<void>;
  /** Full exports: marks as removed what the source no longer lists (services, settlements). */
  markRemoved?(client: PoolClient, seen: string): Promise<number>;
  /** Key of a record in the `seen` table for markRemoved: [source, sourceId]. */
  identity?(record: R): [string, string];
  /**
   * Optional: the kind encodes and writes its chunks itself instead of toRow + the staging COPY + merge
   * (search events: COPY straight into their table while no stored event is met). Not used with
   * markRemoved (full exports need the staging table).
   */
  chunks?: {
    /** Once per import, in its transaction, before the first row is read. */
    prepare(client: PoolClient, importId: number): Promise<void>;
    start(): KindChunk<R>;
  };
}

/** One chunk of good rows: `add` runs as the file is parsed, `write` once, in the import's transaction. */
export interface KindChunk<R> {
  add(record: R, line: number): void;
  write(client: PoolClient): Promise<MergeResult>;
}

export function rowHash(values: unknown[]): string {
  return createHash('sha1').update(JSON.stringify(values)).digest('base64url').slice(0, 22);
}

/**
 * INSERT … SELECT DISTINCT ON (key) … ON CONFLICT (key) DO UPDATE … WHERE the row changed, counting
 * inserted and updated rows (xmax = 0 marks an insert). Unchanged rows are not touched.
 */
export async function upsertFromStage(
  client: PoolClient,
  opts: {
    table: string;
    stage: string;
    key: string[];
    columns: string[];
    importId: number | null;
    /** SQL expression per column when it is not the staged value (e.g. a region looked up from the commune). */
    select?: Record<string, string>;
    join?: string;
    extraSet?: string[];
    /** Rows marked removed come back when a later export lists them again. */
    revive?: boolean;
  },
): Promise<MergeResult> {
  const cols = [...opts.columns, 'import_id'];
  const select = cols.map((c) => (c === 'import_id' ? `$1::bigint` : (opts.select?.[c] ?? `s."${c}"`)));
  const sets = opts.columns.filter((c) => !opts.key.includes(c)).map((c) => `"${c}" = EXCLUDED."${c}"`);
  sets.push('import_id = EXCLUDED.import_id', ...(opts.extraSet ?? []));
  const changed = `${opts.table}.row_hash <> EXCLUDED.row_hash${opts.revive ? ` OR ${opts.table}.removed_at IS NOT NULL` : ''}`;
  const sql = `
    WITH up AS (
      INSERT INTO ${opts.table} (${cols.map((c) => `"${c}"`).join(', ')})
      SELECT DISTINCT ON (${opts.key.map((k) => `s."${k}"`).join(', ')}) ${select.join(', ')}
      FROM ${opts.stage} s
      ${opts.join ?? ''}
      ORDER BY ${opts.key.map((k) => `s."${k}"`).join(', ')}, s.line DESC
      ON CONFLICT (${opts.key.map((k) => `"${k}"`).join(', ')}) DO UPDATE SET ${sets.join(', ')}
      WHERE ${changed}
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`;
  const { rows } = await client.query(sql, [opts.importId]);
  return { inserted: rows[0].inserted, updated: rows[0].updated };
}

import type { ImportSummary } from '@vigie/contracts';
import type { ParsedRow, RowError } from '@vigie/ingest-domain';
import type { Pool, PoolClient } from 'pg';
import { copyEncoded, copyRows, encodeRow } from './copy.js';
import type { KindChunk, KindSpec } from './kinds/kind.js';

export interface ImportOptions {
  source: string;
  format: string;
  fileName?: string | null;
  createdBy?: string | null;
  /** Keep good rows when some are rejected (default: atomic, nothing written if any row is rejected). */
  partial?: boolean;
  /** Compute everything, report it, write nothing. */
  dryRun?: boolean;
  /** The file is a full export of its source: what it no longer lists is marked removed. */
  fullExport?: boolean;
  /** Rows per COPY + merge chunk. */
  chunkSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /**
   * Row-level check of where a record is: returns the reason to reject it (e.g. outside the importer's
   * territories), or null. Rejected rows are reported like parse errors (line, field "territory").
   */
  rowCheck?: (record: unknown) => string | null;
  /** Filled once the input is fully read (hash computed while streaming). */
  fileInfo?: () => { hash: string | null; bytes: number | null };
}

/** Tables whose rows a file can update by (source, source_id): a scoped importer cannot take over one kept elsewhere. */
const OWNED_TABLES: Partial<Record<KindSpec<unknown>['kind'], string>> = {
  services: 'service',
  settlements: 'settlement',
  'mutual-aid': 'mutual_aid',
};

/**
 * For an import with a row check (a coordinator's): the check refusing a record whose (source, source id) is
 * already stored in a department the importer's check refuses. Without it, a Val-d'Oise coordinator's file
 * with the id of a Paris service would overwrite that service and move it into the Val-d'Oise.
 */
async function foreignOwners(
  client: PoolClient,
  kind: KindSpec<unknown>['kind'],
  source: string,
  rowCheck: (record: unknown) => string | null,
): Promise<((record: unknown) => string | null) | null> {
  const table = OWNED_TABLES[kind];
  if (!table) return null;
  const { rows } = await client.query<{ source_id: string; department_code: string | null }>(
    `SELECT source_id, department_code FROM ${table} WHERE source = $1`,
    [source],
  );
  const refusedDept = new Map<string | null, boolean>();
  const foreign = new Map<string, string>();
  for (const r of rows) {
    let refused = refusedDept.get(r.department_code);
    if (refused === undefined) {
      refused = rowCheck(r.department_code === null ? {} : { departmentCode: r.department_code }) !== null;
      refusedDept.set(r.department_code, refused);
    }
    if (refused) foreign.set(r.source_id, r.department_code ?? 'unknown');
  }
  if (!foreign.size) return null;
  return (record) => {
    const id = (record as { sourceId?: unknown }).sourceId;
    const dept = typeof id === 'string' ? foreign.get(id) : undefined;
    return dept === undefined
      ? null
      : `${source} ${id} already exists in department ${dept}, outside your territories: a row cannot be taken over from another territory`;
  };
}

/** Defined once in the contracts lib (the upload response); re-exported for the API's importers. */
export type { ImportSummary };

export interface ImportProgress {
  read: number;
  rejected: number;
  merged: number;
}

const MAX_STORED_ERRORS = 100_000;
const FIRST_ERRORS = 20;
/** Advisory-lock namespace held by a running import (lets a restart tell running from interrupted). */
export const IMPORT_LOCK_NS = 764_100;

/**
 * Streams parsed rows into Postgres in one transaction: good rows go through COPY into a temporary
 * staging table and are merged chunk by chunk (or are written by the kind's own chunks: search events
 * COPY straight into their table); errors are collected with their line. The file is
 * atomic unless `partial`; a crash or a kill leaves the database as before (the transaction never
 * commits). The run, its counts and its errors are recorded in import_run / import_error.
 */
export async function runImport<R>(
  pool: Pool,
  spec: KindSpec<R>,
  rows: AsyncIterable<ParsedRow<R>>,
  opts: ImportOptions,
): Promise<ImportSummary> {
  const t0 = Date.now();
  const mode = opts.partial ? 'partial' : 'atomic';
  const { rows: created } = await pool.query(
    // scope: the importer's territories, which decide who sees the run (NULL: national users and the CLI, admins only)
    `INSERT INTO import_run (kind, format, source, file_name, created_by, mode, dry_run, scope)
     VALUES ($1, $2, $3, $4, $5, $6, $7,
       (SELECT CASE WHEN u.role = 'admin' OR u.territories ? 'national' THEN NULL ELSE u.territories END FROM app_user u WHERE u.email = $5))
     RETURNING id`,
    [spec.kind, opts.format, opts.source, opts.fileName ?? null, opts.createdBy ?? null, mode, !!opts.dryRun],
  );
  const id = Number(created[0].id);
  const errors: RowError[] = [];
  let errorCount = 0;
  let read = 0;
  let good = 0;
  let inserted = 0;
  let updated = 0;
  let removed = 0;
  let message: string | null = null;
  let status: ImportSummary['status'] = 'succeeded';
  const client: PoolClient = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [IMPORT_LOCK_NS, id]);
    await client.query('BEGIN');
    const stage = `stage_${id}`;
    const seen = `seen_${id}`;
    const trackSeen = !!(opts.fullExport && spec.markRemoved && spec.identity);
    const own = trackSeen ? undefined : spec.chunks;
    let merged = 0;
    let newChunk: () => KindChunk<R>;
    if (own) {
      await own.prepare(client, id);
      newChunk = () => own.start();
    } else {
      await client.query(
        `CREATE TEMP TABLE ${stage} (line int4, ${spec.columns.map(([c, t]) => `"${c}" ${t}`).join(', ')}) ON COMMIT DROP`,
      );
      if (trackSeen) await client.query(`CREATE TEMP TABLE ${seen} (source text, source_id text) ON COMMIT DROP`);
      newChunk = () => stagedChunk(spec, stage, id, trackSeen ? seen : null);
    }

    const takenOver = opts.rowCheck ? await foreignOwners(client, spec.kind, opts.source, opts.rowCheck) : null;
    const iterator = rows[Symbol.asyncIterator]();
    const chunkSize = opts.chunkSize ?? 50_000;
    let exhausted = false;
    // Parses rows until `chunkSize` good rows are read or the input ends, handing the good ones to a new
    // chunk (which encodes them for COPY); errors are kept aside. While Postgres writes a chunk, the next
    // one is parsed (the parse runs on this thread while it awaits the database: file imports use both cores).
    // A kind's own chunks start smaller (5 000 good rows, doubling up to chunkSize): Postgres starts sooner.
    // Not the staged ones: a key repeated in two chunks counts as inserted then updated, in one as inserted.
    let chunks = 0;
    async function collect(): Promise<{ chunk: KindChunk<R>; rows: number }> {
      const chunk = newChunk();
      const size = own ? Math.min(chunkSize, 5_000 * 2 ** chunks++) : chunkSize;
      let n = 0;
      let kept = 0;
      while (n < size) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        read++;
        let row = next.value;
        const refused = row.ok && opts.rowCheck ? (opts.rowCheck(row.record) ?? takenOver?.(row.record) ?? null) : null;
        if (refused && row.ok) {
          const sourceId = (row.record as { sourceId?: unknown }).sourceId;
          row = {
            ok: false,
            line: row.line,
            errors: [{ line: row.line, field: 'territory', reason: refused, ...(typeof sourceId === 'string' ? { sourceId } : {}) }],
          };
        }
        if (row.ok) {
          good++;
          n++;
          if (errorCount === 0 || opts.partial) {
            chunk.add(row.record, row.line);
            kept++;
          }
        } else {
          errorCount++;
          for (const e of row.errors) if (errors.length < MAX_STORED_ERRORS) errors.push(withoutNul(e));
        }
        if (read % 10_000 === 0) opts.onProgress?.({ read, rejected: errorCount, merged });
        // Let the event loop run: a buffered input resolves every read without it, and the chunk being
        // written to Postgres would wait (its COPY data, the replies) until this whole chunk is parsed.
        if (read % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      return { chunk, rows: kept };
    }
    let pending = collect();
    for (;;) {
      const batch = await pending;
      const more = !exhausted;
      // Start parsing the next chunk now; its failure is awaited (and thrown) at the next turn.
      pending = more ? collect() : Promise.resolve({ chunk: batch.chunk, rows: 0 });
      pending.catch(() => undefined);
      // Atomic imports with a rejected row write nothing: no need to stage or merge what follows.
      if (batch.rows > 0 && (errorCount === 0 || opts.partial)) {
        const r = await batch.chunk.write(client);
        inserted += r.inserted;
        updated += r.updated;
        merged += batch.rows;
      }
      opts.onProgress?.({ read, rejected: errorCount, merged });
      if (!more) break;
    }
    if (errorCount > 0 && !opts.partial) {
      status = 'rejected';
      message = `${errorCount} row(s) rejected: nothing was written (atomic import; use partial mode to keep the good rows)`;
      await client.query('ROLLBACK');
    } else {
      await spec.finish?.(client);
      if (trackSeen && errorCount === 0 && spec.markRemoved) removed = await spec.markRemoved(client, seen);
      if (opts.dryRun) {
        await client.query('ROLLBACK');
        message = 'dry run: nothing was written';
      } else {
        await client.query('COMMIT');
      }
      if (errorCount > 0)
        message = `${errorCount} row(s) rejected and skipped (partial import)${opts.dryRun ? '; dry run: nothing was written' : ''}`;
    }
  } catch (e) {
    status = 'failed';
    message = cleanText((e as Error).message);
    await client.query('ROLLBACK').catch(() => undefined);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1, $2)', [IMPORT_LOCK_NS, id]).catch(() => undefined);
    client.release();
  }
  const written = status === 'succeeded';
  const summary: ImportSummary = {
    id,
    kind: spec.kind,
    status,
    dryRun: !!opts.dryRun,
    mode,
    read,
    inserted: written ? inserted : 0,
    updated: written ? updated : 0,
    unchanged: written ? Math.max(0, good - inserted - updated) : 0,
    rejected: errorCount,
    removed: written ? removed : 0,
    durationMs: Date.now() - t0,
    message,
    firstErrors: errors.slice(0, FIRST_ERRORS),
  };
  const file = opts.fileInfo?.() ?? { hash: null, bytes: null };
  await pool.query(
    `UPDATE import_run SET status = $2, finished_at = now(), duration_ms = $3, read_count = $4, inserted_count = $5, updated_count = $6,
       unchanged_count = $7, rejected_count = $8, removed_count = $9, message = $10, first_errors = $11, file_hash = $12, file_bytes = $13
     WHERE id = $1`,
    [
      id,
      status,
      summary.durationMs,
      read,
      summary.inserted,
      summary.updated,
      summary.unchanged,
      errorCount,
      summary.removed,
      message,
      JSON.stringify(summary.firstErrors),
      file.hash,
      file.bytes,
    ],
  );
  if (errors.length) await storeErrors(pool, id, errors);
  return summary;
}

/**
 * The default chunk: rows encoded for COPY (pieces of ~64 KB) with their line, copied into the import's
 * staging table and merged by the kind; full exports also note the keys seen.
 */
function stagedChunk<R>(spec: KindSpec<R>, stage: string, importId: number, seen: string | null): KindChunk<R> {
  const columns = ['line', ...spec.columns.map(([c]) => c)];
  const types = ['int4', ...spec.columns.map(([, t]) => t)];
  const pieces: string[] = [];
  let buf = '';
  return {
    add(record, line) {
      buf += encodeRow([line, ...spec.toRow(record)], types);
      if (buf.length > 65_536) {
        pieces.push(buf);
        buf = '';
      }
    },
    async write(client) {
      if (buf) pieces.push(buf);
      buf = '';
      await copyEncoded(client, stage, columns, pieces);
      const r = await spec.merge(client, stage, importId);
      if (seen) await client.query(`INSERT INTO ${seen} SELECT source, source_id FROM ${stage}`);
      await client.query(`TRUNCATE ${stage}`);
      return r;
    },
  };
}

/**
 * Postgres text and jsonb refuse U+0000 and unpaired surrogates (a multi-byte character cut in half
 * by a hostile file): both are shown as U+FFFD in the error report.
 */
export function cleanText(v: string): string {
  return (v.includes('\u0000') ? v.replaceAll('\u0000', '\uFFFD') : v).toWellFormed();
}

function withoutNul(e: RowError): RowError {
  const clean = cleanText;
  return {
    ...e,
    field: clean(e.field),
    reason: clean(e.reason),
    ...(typeof e.sourceId === 'string' ? { sourceId: clean(e.sourceId) } : {}),
  };
}

async function storeErrors(pool: Pool, runId: number, errors: RowError[]): Promise<void> {
  const client = await pool.connect();
  try {
    await copyRows(
      client,
      'import_error',
      ['run_id', 'line', 'field', 'reason', 'source_id'],
      errors.map((e) => [runId, e.line, e.field, e.reason, e.sourceId ?? null]),
    );
  } finally {
    client.release();
  }
}

/** Marks runs left 'running' by a killed process as interrupted (their advisory lock is free). */
export async function markInterruptedRuns(pool: Pool): Promise<number> {
  const { rows } = await pool.query(`SELECT id FROM import_run WHERE status = 'running'`);
  let n = 0;
  for (const { id } of rows) {
    const client = await pool.connect();
    try {
      const { rows: l } = await client.query('SELECT pg_try_advisory_lock($1, $2) AS free', [IMPORT_LOCK_NS, Number(id)]);
      if (l[0].free) {
        await client.query(
          `UPDATE import_run SET status = 'interrupted', finished_at = now(), message = 'the process stopped during the import; nothing was written' WHERE id = $1 AND status = 'running'`,
          [id],
        );
        await client.query('SELECT pg_advisory_unlock($1, $2)', [IMPORT_LOCK_NS, Number(id)]);
        n++;
      }
    } finally {
      client.release();
    }
  }
  return n;
}

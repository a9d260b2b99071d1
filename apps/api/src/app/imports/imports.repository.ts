import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ImportRun, ImportRunPage } from '@vigie/contracts';
import { PG_POOL } from '../database/pg-pool.js';

const SELECT = `SELECT id, kind, format, source, file_name, file_hash, file_bytes, created_by, mode, dry_run, status, started_at, finished_at, duration_ms,
  read_count, inserted_count, updated_count, unchanged_count, rejected_count, removed_count, message, first_errors FROM import_run`;

interface Row {
  id: string;
  kind: ImportRun['kind'];
  format: string;
  source: string;
  file_name: string | null;
  file_hash: string | null;
  file_bytes: string | null;
  created_by: string | null;
  mode: ImportRun['mode'];
  dry_run: boolean;
  status: ImportRun['status'];
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  read_count: number;
  inserted_count: number;
  updated_count: number;
  unchanged_count: number;
  rejected_count: number;
  removed_count: number;
  message: string | null;
  first_errors: ImportRun['firstErrors'];
}

function toRun(r: Row): ImportRun {
  return {
    id: Number(r.id),
    kind: r.kind,
    format: r.format,
    source: r.source,
    fileName: r.file_name,
    fileHash: r.file_hash,
    fileBytes: r.file_bytes === null ? null : Number(r.file_bytes),
    createdBy: r.created_by,
    mode: r.mode,
    dryRun: r.dry_run,
    status: r.status,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    durationMs: r.duration_ms,
    counts: {
      read: r.read_count,
      inserted: r.inserted_count,
      updated: r.updated_count,
      unchanged: r.unchanged_count,
      rejected: r.rejected_count,
      removed: r.removed_count,
    },
    message: r.message,
    firstErrors: r.first_errors,
  };
}

@Injectable()
export class ImportsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * `visible`: the territories of a scoped viewer (coordinator), who sees only the runs whose scope lies within
   * them (runs of admins, national users and the CLI have no scope: hidden); null for admins: every run.
   */
  async list(limit: number, offset: number, kind?: string, visible: string[] | null = null): Promise<ImportRunPage> {
    const where = `($3::text IS NULL OR kind = $3) AND ($4::jsonb IS NULL OR (scope IS NOT NULL AND scope <@ $4::jsonb))`;
    const v = visible === null ? null : JSON.stringify(visible);
    const [items, total] = await Promise.all([
      this.pool.query(`${SELECT} WHERE ${where} ORDER BY id DESC LIMIT $1 OFFSET $2`, [limit, offset, kind ?? null, v]),
      this.pool.query(`SELECT count(*)::int AS n FROM import_run WHERE ${where.replace(/\$3/g, '$1').replace(/\$4/g, '$2')}`, [
        kind ?? null,
        v,
      ]),
    ]);
    return { total: total.rows[0].n, items: items.rows.map(toRun) };
  }

  /** A run, or null when it does not exist or is not visible to a scoped viewer (see list). */
  async get(id: number, visible: string[] | null = null): Promise<ImportRun | null> {
    const { rows } = await this.pool.query(
      `${SELECT} WHERE id = $1 AND ($2::jsonb IS NULL OR (scope IS NOT NULL AND scope <@ $2::jsonb))`,
      [id, visible === null ? null : JSON.stringify(visible)],
    );
    return rows[0] ? toRun(rows[0]) : null;
  }

  /** Every stored error of a run, in line order, as an async stream of rows. */
  async *errors(id: number): AsyncGenerator<{ line: number; field: string; reason: string; source_id: string | null }> {
    let after = -1;
    for (;;) {
      const { rows } = await this.pool.query(
        `SELECT line, field, reason, source_id FROM import_error WHERE run_id = $1 AND line > $2 ORDER BY line, field LIMIT 5000`,
        [id, after],
      );
      if (!rows.length) return;
      // Keep every error of the last line of the page together.
      const last = rows[rows.length - 1].line;
      const page = rows.length === 5000 ? rows.filter((r) => r.line < last) : rows;
      if (!page.length) {
        const all = await this.pool.query(
          `SELECT line, field, reason, source_id FROM import_error WHERE run_id = $1 AND line = $2 ORDER BY field`,
          [id, last],
        );
        yield* all.rows;
        after = last;
        continue;
      }
      yield* page;
      after = page[page.length - 1].line;
      if (rows.length < 5000) return;
    }
  }
}

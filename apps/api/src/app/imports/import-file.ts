import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { Pool } from 'pg';
import type { CategoryEra } from '@vigie/taxonomy';
import { type GeoResolver, NUL_REASON, type ParsedRow, type RowError } from '@vigie/ingest-domain';
import type { FormatEntry, ImportInput } from './formats.js';
import { type ImportProgress, type ImportSummary, runImport } from './import-runner.js';

export interface ImportFileOptions {
  source?: string;
  partial?: boolean;
  dryRun?: boolean;
  /** services/settlements: false when the file is not a full export of its source. */
  fullExport?: boolean;
  fileName?: string;
  createdBy?: string | null;
  onProgress?: (p: ImportProgress) => void;
  /** See ImportOptions.rowCheck (territory scoping of coordinators' imports). */
  rowCheck?: (record: unknown) => string | null;
  /** Soliguide numeric category codes: read them in this era's table when the file does not tell (FormatContext.categoryEra). */
  categoryEra?: CategoryEra;
}

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Imports one file of a known format (used by the CLI and the upload endpoint). */
export async function importFile(
  pool: Pool,
  geo: GeoResolver,
  entry: FormatEntry,
  input: ImportInput,
  opts: ImportFileOptions,
): Promise<ImportSummary> {
  const source = opts.source ?? entry.defaultSource;
  if (!/^[a-z0-9_-]{1,40}$/.test(source)) throw new Error('source must be 1–40 characters among a-z 0-9 _ -');
  const hashing = sha256(input.path);
  const bytes = statSync(input.path).size;
  let hash: string | null = null;
  hashing.then((h) => (hash = h)).catch(() => undefined);
  const warnings: RowError[] = [];
  const ctx = {
    geo,
    source,
    now: new Date(),
    onWarning: (w: RowError) => warnings.push(w),
    categoryEra: opts.categoryEra,
    // Settlements: the statuses the file covers, known once it is parsed (before markRemoved runs).
    scope: { statuses: null },
  };
  const detected = input.detected ?? ('detected' in entry ? (entry as { detected?: ImportInput['detected'] }).detected : undefined);
  const parsed = entry.parse({ ...input, detected }, ctx);
  // Search events stream millions of rows: no extra step per row there (their reason names the column too).
  const rows = entry.kind === 'search-events' ? parsed : nulFields(parsed);
  const summary = await runImport(pool, entry.spec(source, ctx), rows, {
    source,
    format: entry.format,
    fileName: opts.fileName ?? input.path.split('/').pop() ?? null,
    createdBy: opts.createdBy ?? null,
    partial: opts.partial,
    dryRun: opts.dryRun,
    fullExport: opts.fullExport ?? (detected && entry.neverFull?.includes(detected.container) ? false : entry.fullExport),
    onProgress: opts.onProgress,
    rowCheck: opts.rowCheck,
    fileInfo: () => ({ hash, bytes }),
  });
  await hashing.catch(() => undefined);
  if (hash) await pool.query(`UPDATE import_run SET file_hash = $2 WHERE id = $1`, [summary.id, hash]);
  if (detected) summary.detected = detected.label;
  if (warnings.length) {
    summary.warnings = warnings.length;
    summary.firstWarnings = warnings.slice(0, 20);
    const note = `${warnings.length} row(s) skipped with a warning: ${warnings
      .slice(0, 3)
      .map((w) => `line ${w.line}: ${w.reason}`)
      .join('; ')}${warnings.length > 3 ? '; …' : ''}`;
    summary.message = summary.message ? `${summary.message}; ${note}` : note;
    await pool.query(`UPDATE import_run SET message = $2 WHERE id = $1`, [summary.id, summary.message]);
  }
  return summary;
}

/** A NUL byte reported by the readers names its column in the reason: make it the error's field when the parser left `*`. */
async function* nulFields<T>(rows: AsyncIterable<ParsedRow<T>>): AsyncGenerator<ParsedRow<T>> {
  for await (const row of rows) {
    if (!row.ok && row.errors.some((e) => e.field === '*' && e.reason.startsWith(NUL_REASON))) {
      yield {
        ...row,
        errors: row.errors.map((e) => {
          const col = e.field === '*' && e.reason.startsWith(NUL_REASON) ? /in (?:column|field) "([^"]*)"$/.exec(e.reason)?.[1] : undefined;
          return col ? { ...e, field: col } : e;
        }),
      };
    } else yield row;
  }
}

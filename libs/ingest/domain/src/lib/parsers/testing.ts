// Helpers shared by the parser specs (compiled into the library but not exported by it).
import { createReadStream, type ReadStream } from 'node:fs';
import { join } from 'node:path';
import type { ParsedRow } from '../records.js';

export const NOW = new Date('2026-11-22T00:00:00Z');
export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

export function fixture(name: string): ReadStream {
  return createReadStream(join(FIXTURES, name));
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** [line, ok] of every row: the shape most assertions start with. */
export const outline = (rows: ParsedRow<unknown>[]) => rows.map((r) => [r.line, r.ok]);

/** [field, reason] of a failed row's errors ([] for a good row). */
export const errorsOf = (r: ParsedRow<unknown>) => (r.ok ? [] : r.errors.map((e) => [e.field, e.reason]));

export const records = <T>(rows: ParsedRow<T>[]): T[] => rows.flatMap((r) => (r.ok ? [r.record] : []));

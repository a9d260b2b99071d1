import type { ParsedRow, RowError } from './records.js';

/** Collects the problems of one input row; a row can have several. */
export class RowIssues {
  readonly errors: RowError[] = [];
  constructor(
    readonly line: number,
    public sourceId?: string,
  ) {}

  add(field: string, reason: string): void {
    this.errors.push(this.sourceId ? { line: this.line, field, reason, sourceId: this.sourceId } : { line: this.line, field, reason });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** The parsed row: the record when no problem was found, else the errors. */
  result<T>(record: () => T): ParsedRow<T> {
    if (!this.ok)
      return {
        ok: false,
        line: this.line,
        errors: this.sourceId ? this.errors.map((e) => ({ ...e, sourceId: this.sourceId })) : this.errors,
      };
    return { ok: true, line: this.line, record: record() };
  }
}

/** A row that could not even be read (malformed JSON or CSV). */
export function unreadable<T>(line: number, reason: string, field = '*'): ParsedRow<T> {
  return { ok: false, line, errors: [{ line, field, reason }] };
}

/** Options shared by every parser. */
export interface ParseOptions {
  /** Reference time for "date in the future" checks (defaults to the current time). */
  now?: Date;
  /** `source` written on the records (defaults per parser, e.g. 'soliguide'). */
  source?: string;
}

import { peekText } from './peek.js';
import { decodeText, type TextEncodingName, type TextSource } from './source.js';

export type CsvItem =
  /** The header (line 1): raw column names and their normalised keys. */
  | { kind: 'header'; line: 1; columns: string[]; keys: string[] }
  /** A data row; `values` is keyed by normalised column name (first column wins on duplicates). */
  | { kind: 'row'; line: number; values: Map<string, string> }
  /** A row that could not be read (bad quoting, wrong number of columns). */
  | { kind: 'error'; line: number; reason: string };

export interface CsvReadOptions {
  /** Field separator; detected from the header line when omitted (`,`, `;` or tab). */
  delimiter?: string;
  encoding?: TextEncodingName | 'auto';
}

/**
 * Normalised column key: lower case, accents removed, runs of non-alphanumerics as one underscore.
 * "Date d'installation" → "date_d_installation", "Code INSEE" → "code_insee".
 */
export function columnKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Counts candidate separators outside quotes in the header line; the most frequent wins (`,` on ties/none). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** One physical record from the tokenizer: its cells, or why it is malformed. */
type RawRecord = { line: number; cells: string[]; error: null } | { line: number; cells: null; error: string };

/**
 * RFC 4180 tokenizer over a text stream. Quotes open a field only at its start (a bare quote inside
 * an unquoted field is kept as text); `""` inside quotes is a quote. After a closing quote only the
 * separator or the end of line may follow: otherwise the record is reported and skipped up to the
 * end of its line, so one bad row never swallows the next ones. Only the current record is buffered.
 */
async function* tokenize(texts: AsyncIterable<string>, delimiter: string): AsyncGenerator<RawRecord> {
  const d = delimiter.charCodeAt(0);
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let field = '';
  let state: 'start' | 'plain' | 'quoted' | 'quote-in-quoted' | 'skip' = 'start';
  let error = '';
  const endRecord = (): RawRecord => {
    const rec: RawRecord = state === 'skip' ? { line: recordLine, cells: null, error } : { line: recordLine, cells: [...cells, field], error: null };
    cells = [];
    field = '';
    state = 'start';
    return rec;
  };
  for await (const text of texts) {
    let plainFrom = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (state === 'quoted') {
        if (c === 34) state = 'quote-in-quoted';
        else {
          if (c === 10) line++;
          field += text[i];
        }
        continue;
      }
      if (state === 'skip') {
        if (c === 10) {
          yield endRecord();
          recordLine = ++line;
        }
        continue;
      }
      if (state === 'quote-in-quoted') {
        if (c === 34) {
          field += '"';
          state = 'quoted';
          continue;
        }
        if (c !== d && c !== 10 && c !== 13) {
          state = 'skip';
          error = `malformed CSV row: unexpected character '${text[i]}' after a closing quote`;
          continue;
        }
        state = 'plain';
      }
      if (c === d) {
        if (plainFrom >= 0) field += text.slice(plainFrom, i);
        plainFrom = -1;
        cells.push(field);
        field = '';
        state = 'start';
      } else if (c === 10) {
        if (plainFrom >= 0) field += text.slice(plainFrom, i);
        plainFrom = -1;
        if (field.endsWith('\r')) field = field.slice(0, -1);
        yield endRecord();
        recordLine = ++line;
      } else if (state === 'start' && c === 34) {
        state = 'quoted';
      } else if (state === 'start' || state === 'plain') {
        if (plainFrom < 0) plainFrom = i;
        state = 'plain';
      }
    }
    if (plainFrom >= 0) field += text.slice(plainFrom);
  }
  if (state === 'quoted') {
    yield { line: recordLine, cells: null, error: 'malformed CSV row: a quoted field is not closed before the end of the file' };
  } else if (state === 'skip' || cells.length > 0 || field.length > 0) {
    if (field.endsWith('\r')) field = field.slice(0, -1);
    yield endRecord();
  }
}

/**
 * Streams a CSV file: UTF-8 (BOM stripped) or Windows-1252, `,`/`;`/tab detected, RFC 4180 quoting,
 * multi-line quoted fields. Yields the header, then each row with the 1-based line where it starts
 * (the header is line 1). Blank rows (only separators) are skipped. A row with another number of
 * cells than the header, or with broken quoting, is yielded as an error and reading goes on.
 */
export async function* readCsv(source: TextSource, options: CsvReadOptions = {}): AsyncGenerator<CsvItem> {
  const { head, rest } = await peekText(decodeText(source, options.encoding ?? 'auto'), (h) => h.includes('\n'));
  const delimiter = options.delimiter ?? detectDelimiter(head.split('\n', 1)[0]);
  let header: string[] | null = null;
  let keys: string[] = [];
  for await (const rec of tokenize(rest, delimiter)) {
    if (rec.cells === null) {
      yield { kind: 'error', line: rec.line, reason: rec.error };
      continue;
    }
    const cells = rec.cells;
    if (!header) {
      header = cells.map((c) => c.trim());
      keys = header.map(columnKey);
      yield { kind: 'header', line: 1, columns: header, keys };
      continue;
    }
    // One pass: trimmed cells, and whether any is non-blank (blank rows are skipped).
    let blank = true;
    for (let i = 0; i < cells.length; i++) {
      const t = cells[i].trim();
      cells[i] = t;
      if (t !== '') blank = false;
    }
    if (blank) continue;
    let extra = false;
    for (let i = header.length; i < cells.length; i++) if (cells[i] !== '') extra = true;
    if (cells.length < header.length || extra) {
      yield { kind: 'error', line: rec.line, reason: `malformed CSV row: ${cells.length} cells, the header has ${header.length} columns` };
      continue;
    }
    const values = new Map<string, string>();
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k && !values.has(k)) values.set(k, cells[i]);
    }
    yield { kind: 'row', line: rec.line, values };
  }
}

import { peekText } from './peek.js';
import { decodeText, type TextEncodingName, type TextSource } from './source.js';

export type CsvItem =
  /** The header (line 1): raw column names and their normalised keys. */
  | { kind: 'header'; line: 1; columns: string[]; keys: string[] }
  /** A data row; `values` is keyed by normalised column name (first column wins on duplicates). */
  | { kind: 'row'; line: number; values: Map<string, string> }
  /** A row that could not be read (bad quoting, wrong number of columns, a NUL byte: then `field` names the column). */
  | { kind: 'error'; line: number; reason: string; field?: string };

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
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
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
 * RFC 4180 tokenizer over a text stream, fed chunk by chunk. Quotes open a field only at its start (a
 * bare quote inside an unquoted field is kept as text); `""` inside quotes is a quote. After a closing
 * quote only the separator or the end of line may follow: otherwise the record is reported and skipped
 * up to the end of its line, so one bad row never swallows the next ones. Only the current record is
 * buffered. A whole line without a quote is split at once (the common case); anything else goes
 * character by character.
 */
class CsvTokenizer {
  private readonly d: number;
  private line = 1;
  private recordLine = 1;
  private cells: string[] = [];
  private field = '';
  private state: 'start' | 'plain' | 'quoted' | 'quote-in-quoted' | 'skip' = 'start';
  private error = '';

  constructor(private readonly delimiter: string) {
    this.d = delimiter.charCodeAt(0);
  }

  private endRecord(): RawRecord {
    const rec: RawRecord =
      this.state === 'skip'
        ? { line: this.recordLine, cells: null, error: this.error }
        : { line: this.recordLine, cells: [...this.cells, this.field], error: null };
    this.cells = [];
    this.field = '';
    this.state = 'start';
    return rec;
  }

  /** Appends to `out` the records that `text` completes. */
  push(text: string, out: RawRecord[]): void {
    const d = this.d;
    let plainFrom = -1;
    // Next quote in `text` at or after i (-1: none); looked up again only once passed.
    let quote = text.indexOf('"');
    for (let i = 0; i < text.length; i++) {
      if (this.state === 'start' && this.cells.length === 0 && this.field === '') {
        if (quote >= 0 && quote < i) quote = text.indexOf('"', i);
        const nl = text.indexOf('\n', i);
        if (nl >= 0 && (quote < 0 || quote > nl)) {
          const end = nl > i && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
          out.push({ line: this.recordLine, cells: text.slice(i, end).split(this.delimiter), error: null });
          this.recordLine = ++this.line;
          i = nl;
          continue;
        }
        if (nl < 0 && quote < 0) {
          // The rest of the chunk starts a record that the next chunk continues.
          const parts = text.slice(i).split(this.delimiter);
          this.field = parts.pop()!;
          this.cells = parts;
          this.state = this.field === '' ? 'start' : 'plain';
          return;
        }
      }
      const c = text.charCodeAt(i);
      if (this.state === 'quoted') {
        if (c === 34) this.state = 'quote-in-quoted';
        else {
          if (c === 10) this.line++;
          this.field += text[i];
        }
        continue;
      }
      if (this.state === 'skip') {
        if (c === 10) {
          out.push(this.endRecord());
          this.recordLine = ++this.line;
        }
        continue;
      }
      if (this.state === 'quote-in-quoted') {
        if (c === 34) {
          this.field += '"';
          this.state = 'quoted';
          continue;
        }
        if (c !== d && c !== 10 && c !== 13) {
          this.state = 'skip';
          this.error = `malformed CSV row: unexpected character '${text[i]}' after a closing quote`;
          continue;
        }
        this.state = 'plain';
      }
      if (c === d) {
        if (plainFrom >= 0) this.field += text.slice(plainFrom, i);
        plainFrom = -1;
        this.cells.push(this.field);
        this.field = '';
        this.state = 'start';
      } else if (c === 10) {
        if (plainFrom >= 0) this.field += text.slice(plainFrom, i);
        plainFrom = -1;
        if (this.field.endsWith('\r')) this.field = this.field.slice(0, -1);
        out.push(this.endRecord());
        this.recordLine = ++this.line;
      } else if (this.state === 'start' && c === 34) {
        this.state = 'quoted';
      } else if (this.state === 'start' || this.state === 'plain') {
        if (plainFrom < 0) plainFrom = i;
        this.state = 'plain';
      }
    }
    if (plainFrom >= 0) this.field += text.slice(plainFrom);
  }

  /** Appends the last record, when the input does not end with a newline (or ends inside quotes). */
  end(out: RawRecord[]): void {
    if (this.state === 'quoted') {
      out.push({ line: this.recordLine, cells: null, error: 'malformed CSV row: a quoted field is not closed before the end of the file' });
    } else if (this.state === 'skip' || this.cells.length > 0 || this.field.length > 0) {
      if (this.field.endsWith('\r')) this.field = this.field.slice(0, -1);
      out.push(this.endRecord());
    }
  }
}

/** {@link readCsv}'s items with each data row as its cells rather than a map (see {@link readCsvChunks}). */
export type CsvCellsItem =
  | Extract<CsvItem, { kind: 'header' | 'error' }>
  /** Trimmed cells in header order: at least as many as the header's columns (extra ones are blank). */
  | { kind: 'row'; line: number; cells: string[] };

/**
 * Streams a CSV file: UTF-8 (BOM stripped) or Windows-1252, `,`/`;`/tab detected, RFC 4180 quoting,
 * multi-line quoted fields. Yields the header, then each row with the 1-based line where it starts
 * (the header is line 1). Blank rows (only separators) are skipped. A row with another number of
 * cells than the header, or with broken quoting, is yielded as an error and reading goes on.
 */
export async function* readCsv(source: TextSource, options: CsvReadOptions = {}): AsyncGenerator<CsvItem> {
  let keys: string[] = [];
  for await (const items of readCsvChunks(source, options)) {
    for (const item of items) {
      if (item.kind !== 'row') {
        if (item.kind === 'header') keys = item.keys;
        yield item;
        continue;
      }
      const values = new Map<string, string>();
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (k && !values.has(k)) values.set(k, item.cells[i]);
      }
      yield { kind: 'row', line: item.line, values };
    }
  }
}

/**
 * The items of {@link readCsv} a chunk of input at a time (one array per chunk of text read), data rows
 * as their cells: for large files, where an item at a time and a map per row cost more than the parse.
 */
export async function* readCsvChunks(source: TextSource, options: CsvReadOptions = {}): AsyncGenerator<CsvCellsItem[]> {
  const { head, rest } = await peekText(decodeText(source, options.encoding ?? 'auto'), (h) => h.includes('\n'));
  const delimiter = options.delimiter ?? detectDelimiter(head.split('\n', 1)[0]);
  const tokenizer = new CsvTokenizer(delimiter);
  let header: string[] | null = null;
  const records: RawRecord[] = [];
  const items = (): CsvCellsItem[] => {
    const out: CsvCellsItem[] = [];
    for (const rec of records) {
      if (rec.cells === null) {
        out.push({ kind: 'error', line: rec.line, reason: rec.error });
        continue;
      }
      const cells = rec.cells;
      if (!header) {
        header = cells.map((c) => c.trim());
        out.push({ kind: 'header', line: 1, columns: header, keys: header.map(columnKey) });
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
      if (nul) {
        const at = cells.findIndex((c) => c.includes('\u0000'));
        if (at >= 0) {
          const field = header[at] ?? `column ${at + 1}`;
          out.push({ kind: 'error', line: rec.line, field, reason: `${NUL_REASON} in column "${field}"` });
          continue;
        }
      }
      let extra = false;
      for (let i = header.length; i < cells.length; i++) if (cells[i] !== '') extra = true;
      if (cells.length < header.length || extra) {
        out.push({
          kind: 'error',
          line: rec.line,
          reason: `malformed CSV row: ${cells.length} cells, the header has ${header.length} columns`,
        });
        continue;
      }
      out.push({ kind: 'row', line: rec.line, cells });
    }
    records.length = 0;
    return out;
  };
  // A NUL byte is searched per chunk of text (one native search); once seen, every later row's cells are checked.
  let nul = false;
  for await (const text of rest) {
    nul ||= text.includes('\u0000');
    tokenizer.push(text, records);
    if (records.length) yield items();
  }
  tokenizer.end(records);
  if (records.length) yield items();
}

/** Why a row holding a NUL byte is refused (a binary or damaged file; the database refuses it too). */
export const NUL_REASON = 'a NUL byte (\\0, binary or damaged data) cannot be imported';

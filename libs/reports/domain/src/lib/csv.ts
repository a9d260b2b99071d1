import type { ExportCell, ExportColumn } from '@vigie/contracts';
import type { ExportTable } from './table.js';

export const UTF8_BOM = '\uFEFF';

/**
 * Formula injection (CSV injection): a spreadsheet runs a cell that starts with = + - @ (or a tab / CR,
 * which some parse away first) as a formula. Such text cells are prefixed with an apostrophe, which
 * spreadsheets show as text. Numbers are never touched (-3 stays a number).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting: quotes around fields holding the separator, a quote, CR or LF; quotes doubled. */
export function quoteCsvField(text: string, separator: ',' | ';'): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Text of one cell: numbers with a decimal comma when the separator is ';' (French Excel), booleans as 0/1… */
export function csvCellText(cell: ExportCell, column: ExportColumn | undefined, separator: ',' | ';'): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    const s = String(cell);
    return separator === ';' ? s.replace('.', ',') : s;
  }
  if (typeof cell === 'boolean') return cell ? '1' : '0';
  void column;
  return neutraliseFormula(String(cell));
}

export interface CsvOptions {
  separator?: ',' | ';';
  /** UTF-8 byte-order mark so that Excel opens the file as UTF-8 (default true). */
  bom?: boolean;
  /** Print the title and the filters above the header (default true). */
  preamble?: boolean;
  /** Label of the filters line ("Filtres"). */
  filtersLabel?: string;
}

/** One line per record, CRLF line ends (RFC 4180). */
export function csvLine(cells: string[], separator: ',' | ';'): string {
  return cells.map((c) => quoteCsvField(c, separator)).join(separator);
}

/**
 * The CSV of a table: [BOM] title line, one line per active filter ("label", "value"), an empty line,
 * the header, then the rows. Every text cell goes through `neutraliseFormula`.
 */
export function toCsv(table: ExportTable, options: CsvOptions = {}): string {
  const sep = options.separator ?? ',';
  const lines: string[] = [];
  if (options.preamble ?? true) {
    lines.push(csvLine([neutraliseFormula(table.title)], sep));
    for (const f of table.filters) lines.push(csvLine([neutraliseFormula(f.label), neutraliseFormula(f.value)], sep));
    lines.push('');
  }
  lines.push(
    csvLine(
      table.columns.map((c) => neutraliseFormula(c.label)),
      sep,
    ),
  );
  for (const row of table.rows)
    lines.push(
      csvLine(
        table.columns.map((c, i) => csvCellText(row[i] ?? null, c, sep)),
        sep,
      ),
    );
  return ((options.bom ?? true) ? UTF8_BOM : '') + lines.join('\r\n') + '\r\n';
}

/**
 * Parses CSV text produced by `toCsv` (or any RFC 4180 CSV): BOM dropped, quoted fields, doubled quotes,
 * CRLF or LF. Used by the tests and to re-read exports.
 */
export function parseCsv(text: string, separator: ',' | ';' = ','): string[][] {
  const s = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}

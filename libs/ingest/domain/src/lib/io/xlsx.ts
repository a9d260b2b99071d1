import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnKey, type CsvItem } from './csv.js';
import type { TextSource } from './source.js';

export interface XlsxReadOptions {
  /**
   * Recognises the header row among the first 20 rows (exports often put a title or section row
   * above it). Default: the first non-empty row.
   */
  isHeader?: (keys: string[]) => boolean;
}

/** An XLSX cell as text: dates as ISO strings, rich text and hyperlinks as their text, formulas as their result. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
    return '';
  }
  return String(v).trim();
}

/**
 * Streams the first worksheet of an XLSX workbook with exceljs' streaming reader (shared strings are
 * cached, and styles so that date cells come back as dates; rows are not). Yields the same items as {@link readCsv}; `line` is the spreadsheet row number.
 */
export async function* readXlsx(source: TextSource, options: XlsxReadOptions = {}): AsyncGenerator<CsvItem> {
  const input = Readable.from(source as AsyncIterable<string | Uint8Array>);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let keys: string[] | null = null;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (!keys) {
          const candidate = cells.map((c) => columnKey(c));
          if (candidate.some(Boolean) && (!options.isHeader || options.isHeader(candidate))) {
            keys = candidate;
            yield { kind: 'header', line: 1, columns: cells, keys };
          } else if (row.number >= 20) {
            yield { kind: 'error', line: row.number, reason: 'no header row found in the first 20 rows' };
            return;
          }
          continue;
        }
        if (cells.every((c) => c === '')) continue;
        const values = new Map<string, string>();
        keys.forEach((k, i) => {
          if (k && !values.has(k)) values.set(k, cells[i] ?? '');
        });
        yield { kind: 'row', line: row.number, values };
      }
      return; // first worksheet only
    }
  } catch (e) {
    yield { kind: 'error', line: 1, reason: `unreadable XLSX file: ${(e as Error).message}` };
  }
}

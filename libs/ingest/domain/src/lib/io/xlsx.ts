import { Readable } from 'node:stream';
import { constants as zlibConstants, createInflateRaw, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { columnKey, NUL_REASON, type CsvItem } from './csv.js';
import type { Chunk, TextSource } from './source.js';

export interface XlsxLimits {
  /** Size of the workbook file itself (it is a zip, held in memory while read). Default 64 MB. */
  maxFileBytes?: number;
  /** Total uncompressed size of every part of the workbook. Default 128 MB. */
  maxUncompressedBytes?: number;
  /** Rows (`<row>` elements) in all worksheets together. Default 200,000. */
  maxRows?: number;
}

export interface XlsxReadOptions extends XlsxLimits {
  /**
   * Recognises the header row among the first 20 rows (exports often put a title or section row
   * above it). Default: the first non-empty row.
   */
  isHeader?: (keys: string[]) => boolean;
  /** Called once with what precedes the header row (title rows, as text) and the worksheet's name. */
  onPreamble?: (info: { sheetName: string; titleRows: string[] }) => void;
}

export const XLSX_DEFAULT_LIMITS: Required<XlsxLimits> = {
  maxFileBytes: 64 * 1024 * 1024,
  maxUncompressedBytes: 128 * 1024 * 1024,
  maxRows: 200_000,
};

/** An XLSX data row: {@link CsvItem}'s row with the hyperlinks and formula cells of the row, by column key. */
export type XlsxRowItem = Extract<CsvItem, { kind: 'row' }> & { links?: Map<string, string>; formulas?: Set<string> };
export type XlsxItem = Exclude<CsvItem, { kind: 'row' }> | XlsxRowItem;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

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

const isFormula = (v: ExcelJS.CellValue) => v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v);

/** What the zip check learns: the first worksheet's hyperlinks by row then column (1-based), and its name in the zip. */
interface WorkbookCheck {
  links: Map<number, Map<number, string>>;
}

interface ZipEntry {
  name: string;
  method: number;
  csize: number;
  usize: number;
  offset: number;
}

/** The entries of a zip's central directory (throws on a damaged or ZIP64 file). */
function zipEntries(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not an XLSX workbook (no zip directory found)');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new Error('ZIP64 workbooks are not accepted (a workbook this large is refused)');
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new Error('damaged XLSX workbook (zip directory)');
    const nameLen = zip.readUInt16LE(at + 28);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      csize: zip.readUInt32LE(at + 20),
      usize: zip.readUInt32LE(at + 24),
      name: zip.toString('utf8', at + 46, at + 46 + nameLen),
      offset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * The first text of a workbook (shared strings, then the first worksheet's inline strings): at most
 * 64 KB of each compressed part inflated, into at most 1 MB (a part that would inflate beyond gives
 * nothing), XML tags dropped: enough to tell whose export it is. Synchronous and bounded; empty when
 * the file is not a readable zip.
 */
export function xlsxHeadText(zip: Buffer): string {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(zip);
  } catch {
    return '';
  }
  const wanted = [
    entries.find((e) => e.name === 'xl/sharedStrings.xml'),
    entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name)),
  ];
  let out = '';
  for (const e of wanted) {
    if (!e || e.offset + 30 > zip.length || zip.readUInt32LE(e.offset) !== 0x04034b50) continue;
    const start = e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
    const data = zip.subarray(start, start + Math.min(e.csize, 64 * 1024));
    let xml = '';
    try {
      xml = (
        e.method === 0 ? data : inflateRawSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 1024 * 1024 })
      ).toString('utf8');
    } catch {
      continue;
    }
    out += ' ' + xml.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  }
  return out.trim();
}

/** Spreadsheet column letters → 1-based index ("E" → 5, "AA" → 27). */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag) ?? new RegExp(`\\s${name}\\s*=\\s*'([^']*)'`).exec(tag);
  return m
    ? m[1]
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
    : null;
}

/**
 * Checks a workbook before exceljs opens it. An XLSX is a zip: a small file can inflate to hundreds of
 * MB (exceljs then writes whole worksheets to temporary files). The central directory gives each part's
 * sizes: their total is checked first, then every part is inflated here, counted and thrown away, so a
 * part whose declared size lies is caught too; the worksheets' `<row>` elements are counted. Throws an
 * Error with a clear message when a limit is passed. Collects the first worksheet's hyperlinks (they sit
 * after the rows in the sheet, where exceljs' streaming reader cannot attach them to cells).
 */
async function checkWorkbook(zip: Buffer, limits: Required<XlsxLimits>): Promise<WorkbookCheck> {
  const entries = zipEntries(zip);
  const declared = entries.reduce((s, e) => s + e.usize, 0);
  if (declared > limits.maxUncompressedBytes) {
    throw new Error(
      `XLSX workbook too large once uncompressed: ${mb(declared)} (limit ${mb(limits.maxUncompressedBytes)}); export fewer rows or columns, or as CSV`,
    );
  }
  const sheets = entries.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
  const first = sheets[0]?.name;
  const relsName = first ? first.replace(/^xl\/worksheets\//, 'xl/worksheets/_rels/') + '.rels' : null;
  let total = 0;
  let rows = 0;
  const linkTags: string[] = [];
  let rels = '';
  for (const e of entries) {
    if (e.offset + 30 > zip.length || zip.readUInt32LE(e.offset) !== 0x04034b50) throw new Error(`damaged XLSX workbook (part ${e.name})`);
    const start = e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
    const data = zip.subarray(start, start + e.csize);
    if (e.method !== 0 && e.method !== 8) throw new Error(`XLSX part ${e.name} uses an unsupported compression (method ${e.method})`);
    const isSheet = /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name);
    const keep = e.name === first || e.name === relsName;
    let size = 0;
    let tail = '';
    const pieces = e.method === 0 ? [data] : Readable.from([data]).pipe(createInflateRaw());
    for await (const piece of pieces as AsyncIterable<Buffer>) {
      size += piece.length;
      total += piece.length;
      if (size > e.usize + 1024 || total > limits.maxUncompressedBytes) {
        if (pieces instanceof Readable) pieces.destroy();
        throw new Error(
          size > e.usize + 1024
            ? `damaged or hostile XLSX workbook: part ${e.name} inflates beyond its declared size`
            : `XLSX workbook too large once uncompressed (over ${mb(limits.maxUncompressedBytes)})`,
        );
      }
      if (!isSheet && !keep) continue;
      const text = tail + piece.toString('latin1');
      const re = isSheet ? /<(?:\w+:)?row[\s>]/g : null;
      if (re) {
        for (let m = re.exec(text); m; m = re.exec(text)) if (m.index + m[0].length > tail.length) rows++;
        if (rows > limits.maxRows) {
          if (pieces instanceof Readable) pieces.destroy();
          throw new Error(`XLSX workbook has more than ${limits.maxRows.toLocaleString('en')} rows (limit); split the export`);
        }
      }
      if (e.name === first) {
        const tags = /<(?:\w+:)?hyperlink\s[^>]*>/g;
        for (let m = tags.exec(text); m; m = tags.exec(text)) if (m.index + m[0].length > tail.length) linkTags.push(m[0]);
      }
      if (e.name === relsName) rels += piece.toString('utf8');
      tail = text.slice(-1024);
    }
  }
  const targets = new Map<string, string>();
  for (const tag of rels.match(/<(?:\w+:)?Relationship\s[^>]*>/g) ?? []) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (id && target) targets.set(id, target);
  }
  const links = new Map<number, Map<number, string>>();
  for (const tag of linkTags) {
    const ref = /^([A-Za-z]+)(\d+)/.exec(attr(tag, 'ref') ?? '');
    const id = attr(tag, 'r:id') ?? attr(tag, '[\\w]+:id');
    const target = id ? targets.get(id) : null;
    if (!ref || !target) continue;
    const row = Number(ref[2]);
    if (!links.has(row)) links.set(row, new Map());
    links.get(row)!.set(columnIndex(ref[1]), target);
  }
  return { links };
}

/** Reads a whole workbook file into memory, refusing it past `maxFileBytes`. */
async function readAll(source: TextSource, maxFileBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source as AsyncIterable<Chunk>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += b.length;
    if (size > maxFileBytes) throw new Error(`XLSX file larger than ${mb(maxFileBytes)} (limit); export fewer rows, or as CSV`);
    parts.push(b);
  }
  return Buffer.concat(parts);
}

/**
 * Streams the first worksheet of an XLSX workbook with exceljs' streaming reader (shared strings and
 * styles cached, so date cells come back as dates; rows are not). Yields the same items as
 * {@link readCsv}, `line` being the spreadsheet row number; data rows also carry their hyperlinks and
 * formula cells. The workbook is checked first ({@link XlsxLimits}): a file past a limit gives one
 * error item, before exceljs inflates anything. A cell holding a NUL character rejects its row.
 */
export async function* readXlsx(source: TextSource, options: XlsxReadOptions = {}): AsyncGenerator<XlsxItem> {
  const limits = { ...XLSX_DEFAULT_LIMITS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'number')) };
  let zip: Buffer;
  let check: WorkbookCheck;
  try {
    zip = await readAll(source, limits.maxFileBytes);
    check = await checkWorkbook(zip, limits);
  } catch (e) {
    yield { kind: 'error', line: 1, reason: (e as Error).message };
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([zip]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let keys: string[] | null = null;
  const titleRows: string[] = [];
  try {
    for await (const sheet of reader) {
      const sheetName = (sheet as unknown as { name?: string }).name ?? '';
      for await (const row of sheet) {
        const raw = (row.values as ExcelJS.CellValue[]).slice(1);
        const cells = Array.from(raw, cellText);
        if (!keys) {
          const candidate = cells.map((c) => columnKey(c));
          if (candidate.some(Boolean) && (!options.isHeader || options.isHeader(candidate))) {
            keys = candidate;
            options.onPreamble?.({ sheetName, titleRows });
            yield { kind: 'header', line: 1, columns: cells, keys };
          } else if (row.number >= 20) {
            yield { kind: 'error', line: row.number, reason: 'no header row found in the first 20 rows' };
            return;
          } else {
            const t = cells.filter(Boolean).join(' ');
            if (t) titleRows.push(t);
          }
          continue;
        }
        if (cells.every((c) => c === '')) continue;
        const nul = cells.findIndex((c) => c.includes('\u0000'));
        if (nul >= 0) {
          const field = keys[nul] || `column ${nul + 1}`;
          yield { kind: 'error', line: row.number, field, reason: `${NUL_REASON} in column "${field}"` };
          continue;
        }
        const values = new Map<string, string>();
        keys.forEach((k, i) => {
          if (k && !values.has(k)) values.set(k, cells[i] ?? '');
        });
        const item: XlsxRowItem = { kind: 'row', line: row.number, values };
        const rowLinks = check.links.get(row.number);
        if (rowLinks) {
          item.links = new Map();
          for (const [col, url] of rowLinks) {
            const k = keys[col - 1];
            if (k && !item.links.has(k)) item.links.set(k, url);
          }
        }
        raw.forEach((v, i) => {
          if (keys![i] && isFormula(v)) (item.formulas ??= new Set()).add(keys![i]);
        });
        yield item;
      }
      return; // first worksheet only
    }
  } catch (e) {
    yield { kind: 'error', line: 1, reason: `unreadable XLSX file: ${(e as Error).message}` };
  }
}

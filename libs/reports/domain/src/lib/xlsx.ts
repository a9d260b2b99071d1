import ExcelJS from 'exceljs';
import type { ExportCell, ExportColumn } from '@vigie/contracts';
import { TABLE_LABELS, type ExportTable, type TableLang } from './table.js';

/** A cell value for exceljs: numbers stay numbers, dates become dates, text stays text (never a formula). */
function xlsxValue(cell: ExportCell, column: ExportColumn): ExcelJS.CellValue {
  if (cell === null || cell === undefined) return null;
  if (column.type === 'date' && typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}/.test(cell)) {
    const d = new Date(cell.length === 10 ? `${cell}T00:00:00Z` : cell);
    return Number.isNaN(d.getTime()) ? cell : d;
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  // Text cells are written as shared strings: a spreadsheet never evaluates them, "=…" included.
  return cell;
}

const NUM_FMT: Partial<Record<NonNullable<ExportColumn['type']>, string>> = { number: '#,##0.##', percent: '0.0%', date: 'yyyy-mm-dd' };

/**
 * An XLSX workbook (one sheet): the title on row 1, "Filtres" then one row per active filter (label,
 * value), an empty row, the header (bold, frozen, auto-filter), then typed rows.
 */
export async function toXlsx(table: ExportTable, lang: TableLang = 'fr'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigie';
  wb.created = new Date();
  const sheetName =
    table.title
      .replace(/[\\/?*[\]:]/g, ' ')
      .slice(0, 31)
      .trim() || 'Export';
  const ws = wb.addWorksheet(sheetName);
  const L = TABLE_LABELS[lang];
  ws.addRow([table.title]).font = { bold: true, size: 13 };
  ws.addRow([L.filters]).font = { italic: true };
  if (table.filters.length) for (const f of table.filters) ws.addRow([f.label, f.value]);
  else ws.addRow([L.none]);
  ws.addRow([]);
  const header = ws.addRow(table.columns.map((c) => c.label));
  header.font = { bold: true };
  const headerRow = header.number;
  table.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.min(60, Math.max(10, c.label.length + 2));
    const fmt = c.type ? NUM_FMT[c.type] : undefined;
    if (fmt) col.numFmt = fmt;
  });
  for (const row of table.rows) ws.addRow(table.columns.map((c, i) => xlsxValue(row[i] ?? null, c)));
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  if (table.columns.length)
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + table.rows.length, column: table.columns.length } };
  // Header rows above the table keep their own format (column formats apply to data cells only).
  for (let r = 1; r <= headerRow; r++) ws.getRow(r).eachCell((cell) => (cell.numFmt = 'General'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Re-reads a workbook built by `toXlsx`: filters, header and rows as plain values (dates as YYYY-MM-DD). */
export async function readXlsxTable(
  data: Buffer | Uint8Array,
): Promise<{ title: string; filters: { label: string; value: string }[]; header: string[]; rows: (string | number | boolean | null)[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const values = (r: number): (string | number | boolean | null)[] => {
    const row = ws.getRow(r);
    const out: (string | number | boolean | null)[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const v = row.getCell(c).value;
      out.push(
        v === null || v === undefined
          ? null
          : v instanceof Date
            ? v.toISOString().slice(0, 10)
            : typeof v === 'object'
              ? String((v as { text?: string }).text ?? '')
              : (v as string | number | boolean),
      );
    }
    return out;
  };
  const title = String(values(1)[0] ?? '');
  let r = 3;
  const filters: { label: string; value: string }[] = [];
  while (r <= ws.rowCount && values(r).length) {
    const [label, value] = values(r);
    if (value !== undefined) filters.push({ label: String(label ?? ''), value: String(value ?? '') });
    r++;
  }
  const headerRow = r + 1;
  const header = values(headerRow).map((v) => String(v ?? ''));
  const rows: (string | number | boolean | null)[][] = [];
  for (let i = headerRow + 1; i <= ws.rowCount; i++) {
    const v = values(i);
    while (v.length < header.length) v.push(null);
    rows.push(v.slice(0, header.length));
  }
  return { title, filters, header, rows };
}

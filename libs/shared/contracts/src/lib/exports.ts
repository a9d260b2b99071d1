/**
 * Table exports (CSV / XLSX) built by the API from what a dashboard table shows, with the active
 * filters printed above the rows. `POST /api/exports` answers the file (Content-Disposition).
 */
export type ExportFormat = 'csv' | 'xlsx';

export interface ExportColumn {
  key: string;
  /** Header shown in the file (already translated by the caller). */
  label: string;
  /** Number columns are written as numbers in XLSX (French formatting is left to the spreadsheet). */
  type?: 'text' | 'number' | 'percent' | 'date';
}

export interface ExportFilter {
  label: string;
  value: string;
}

export type ExportCell = string | number | boolean | null;

export interface ExportRequest {
  /** Title of the table (file name and first line). */
  title: string;
  /** Active filters, printed on the export. */
  filters: ExportFilter[];
  columns: ExportColumn[];
  /** One array per row, cells in the order of `columns`. At most 100,000 rows. */
  rows: ExportCell[][];
  format: ExportFormat;
  /** CSV separator: ',' (default) or ';' (French Excel). Ignored for XLSX. */
  separator?: ',' | ';';
  lang?: 'fr' | 'en';
}

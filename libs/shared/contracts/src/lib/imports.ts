export type ImportKind = 'services' | 'search-events' | 'settlements' | 'mutual-aid' | 'indicators' | 'activities' | 'targets';

export const IMPORT_KINDS: readonly ImportKind[] = [
  'services',
  'search-events',
  'settlements',
  'mutual-aid',
  'indicators',
  'activities',
  'targets',
];

export type ImportFormat = 'soliguide' | 'data-inclusion' | 'csv' | 'resorption-bidonvilles' | 'xlsx' | 'geojson' | 'demo' | 'api';

export interface ImportRowError {
  line: number;
  field: string;
  reason: string;
  sourceId?: string;
}

/** One import, as listed by GET /api/imports. */
export interface ImportRun {
  id: number;
  kind: ImportKind;
  format: string;
  source: string;
  fileName: string | null;
  fileHash: string | null;
  fileBytes: number | null;
  createdBy: string | null;
  mode: 'atomic' | 'partial';
  dryRun: boolean;
  status: 'running' | 'succeeded' | 'rejected' | 'failed' | 'interrupted';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: { read: number; inserted: number; updated: number; unchanged: number; rejected: number; removed: number };
  message: string | null;
  firstErrors: ImportRowError[];
}

export interface ImportRunPage {
  total: number;
  items: ImportRun[];
}

/** What an import returns (upload response of POST /api/imports/:kind, CLI, demo loader). */
export interface ImportSummary {
  id: number;
  kind: string;
  status: 'succeeded' | 'rejected' | 'failed';
  dryRun: boolean;
  mode: 'atomic' | 'partial';
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  removed: number;
  durationMs: number;
  message: string | null;
  firstErrors: ImportRowError[];
  /** Rows skipped without failing the import (e.g. the total row of a spreadsheet), with the first ones. */
  warnings?: number;
  firstWarnings?: ImportRowError[];
  /** What the file was recognised as ("a Résorption-bidonvilles sites export (XLSX)"). */
  detected?: string;
}

/** One accepted (kind, format) pair, as listed by GET /api/imports/formats. */
export interface ImportFormatInfo {
  kind: ImportKind;
  format: string;
  fullExport: boolean;
}

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
  /** English reason as the parser wrote it (the CLI prints it); screens render `code` (or importErrorCode(reason)). */
  reason: string;
  sourceId?: string;
  /** Message code and its parameters (see importErrorCode), when the producer sets them. */
  code?: string;
  params?: Record<string, string>;
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

/**
 * Row errors and import outcomes by code, for the dashboard's message catalogue (`imports.codes.*`, French and
 * English): the parsers and the runner write English reasons; `importErrorCode` reads the code and its parameters
 * back from them (one table, tested), so nothing English reaches a French screen. An unknown reason gives null
 * (the dashboard then shows it as is, marked as the file's own words).
 */
export interface ImportErrorCode {
  code: string;
  params: Record<string, string>;
}

const ROW_ERROR_PATTERNS: readonly [RegExp, string, readonly string[]][] = [
  [/^missing value \(allowed: (.*)\)$/, 'missingAllowed', ['allowed']],
  [/^missing coordinates and no resolvable commune/, 'noLocation', []],
  [/^missing column\(s\): (.*)$/, 'missingColumns', ['columns']],
  [/^missing (\w[\w ]*) code$/, 'missingCode', ['level']],
  [/^missing ([\w.]+)$/, 'missing', ['what']],
  [/^unknown category "(.*)"$/, 'unknownCategory', ['value']],
  [/^unknown thematique\(s\): (.*)$/, 'unknownTheme', ['value']],
  [/^unknown value "(.*)" \(allowed: (.*)\)$/, 'unknownValue', ['value', 'allowed']],
  [/^unparseable date "(.*)"/, 'badDate', ['value']],
  [/^not a whole number: (.*)$/, 'notInteger', ['value']],
  [/^not a number: "?(.*?)"?$/, 'notNumber', ['value']],
  [/^negative (?:count|amount|target): (.*)$/, 'negative', ['value']],
  [/^latitude out of range: (.*)$/, 'latitudeRange', ['value']],
  [/^longitude out of range: (.*)$/, 'longitudeRange', ['value']],
  [/^latitude and longitude must be given together$/, 'latLonTogether', []],
  [/^invalid territory code: (region|department|commune) "(.*)" does not exist$/, 'unknownTerritory', ['level', 'code']],
  [/^invalid territory code: "(.*)" is not a valid (\w+) code$/, 'invalidCode', ['code', 'level']],
  [/^date in the future: (\S+) is after (\S+)$/, 'futureDate', ['date', 'today']],
  [/^invalid year (\S+) \(expected 1900–(\d+)\)$/, 'badYear', ['value', 'max']],
  [/^more minors \((\d+)\) than people \((\d+)\)$/, 'moreMinors', ['minors', 'people']],
  [/^more listeners \((\d+)\) than people \((\d+)\)$/, 'moreListeners', ['listeners', 'people']],
  [/^closing date before the installation date$/, 'closingBeforeOpening', []],
  [/^an open site has a closing date$/, 'openWithClosing', []],
  [/^a funding line needs an amount$/, 'fundingAmount', []],
  [/^legacy category (\S+) names the theme "(.*)", not a category$/, 'legacyTheme', ['value', 'theme']],
  [/^invalid indicator "(.*)"/, 'badIndicator', ['value']],
  [/^(region|department) (\S+) is outside your territories/, 'outsideTerritory', ['level', 'code']],
  [/already exists in department (\S+), outside your territories/, 'takenOver', ['department']],
  [/^expected a place object$/, 'notAPlace', []],
  [/^expected a GeoJSON Feature/, 'notAFeature', []],
  [/^geometry must be a Point, got (.*)$/, 'notAPoint', ['value']],
  [/^no location column/, 'noLocationColumn', []],
  [/NUL byte/i, 'nulByte', []],
];

export function importErrorCode(reason: string): ImportErrorCode | null {
  for (const [re, code, names] of ROW_ERROR_PATTERNS) {
    const m = re.exec(reason.trim());
    if (m) return { code, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? ''])) };
  }
  return null;
}

/** The outcome of an import in words: from its status, mode and counts (the run's `message` is English). */
export function importOutcomeCode(s: Pick<ImportSummary, 'status' | 'mode' | 'dryRun' | 'rejected'>): string {
  if (s.status === 'failed') return 'failed';
  if (s.status === 'rejected') return 'rejectedAtomic';
  if (s.rejected > 0) return s.dryRun ? 'rejectedPartialDry' : 'rejectedPartial';
  return s.dryRun ? 'dryRun' : 'ok';
}

import { closeSync, createReadStream, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportFormat, ImportKind } from '@vigie/contracts';
import type { CategoryEra } from '@vigie/taxonomy';
import {
  collectStructures,
  DETECT_HEAD_BYTES,
  detectFormat,
  type DetectedFormat,
  formatMismatch,
  type RowError,
  type SettlementScope,
  XLSX_DEFAULT_LIMITS,
  xlsxHeadText,
  type GeoResolver,
  type ParsedRow,
  parseActivitiesCsv,
  parseDataInclusionServices,
  parseDataInclusionStructures,
  parseIndicatorsCsv,
  parseMutualAidCsv,
  parsePlainServicesCsv,
  parseSearchesCsv,
  parseSettlementsCsv,
  parseSettlementsGeoJson,
  parseSettlementsXlsx,
  parseSoliguideCsvServices,
  parseSoliguideSearches,
  parseSoliguideServices,
  parseTargetsCsv,
  readSoliguideTempClosures,
} from '@vigie/ingest-domain';
import type { KindSpec } from './kinds/kind.js';
import { activitiesKind, indicatorsKind, mutualAidKind, settlementsKindFor, targetsKind } from './kinds/other.kinds.js';
import { searchEventsKind } from './kinds/search-events.kind.js';
import { servicesKind } from './kinds/services.kind.js';

/** What an import reads: the main file and, for some formats, a companion file. */
export interface ImportInput {
  path: string;
  /** data·inclusion: the structures file; Soliguide places: the tempInfos collection. */
  companionPath?: string | null;
  /** What the file is, from its content and original name (set by {@link findFormat}). */
  detected?: DetectedFormat;
}

export interface FormatContext {
  geo: GeoResolver;
  source: string;
  now: Date;
  /** Rows kept or skipped with a doubt, for the import summary (every parser that has some gets it through {@link base}). */
  onWarning?: (w: RowError) => void;
  /** Soliguide numeric category codes: the table of this era (`--category-era`, `categoryEra=`), when the file cannot tell. */
  categoryEra?: CategoryEra;
  /** Full exports of settlements: the statuses the file covers (filled while it is parsed, read by markRemoved). */
  scope?: { statuses: SettlementScope['statuses'] | null };
}

export interface FormatEntry {
  kind: ImportKind;
  format: ImportFormat;
  defaultSource: string;
  /** Full exports mark what they no longer list as removed (services, settlements). */
  fullExport: boolean;
  /** Layouts that are never a full export (Soliguide's CSV export is the answer to a search: a territory, a category). */
  neverFull?: DetectedFormat['container'][];
  /** Layouts the parser reads (see DetectedFormat.container). */
  containers: DetectedFormat['container'][];
  spec(source: string, ctx?: Pick<FormatContext, 'scope'>): KindSpec<unknown>;
  parse(input: ImportInput, ctx: FormatContext): AsyncIterable<ParsedRow<unknown>>;
}

const read = (path: string) => createReadStream(path, { highWaterMark: 256 * 1024 });
/** Options every parser takes: a parser's warnings always reach the import summary, the category era every Soliguide parser. */
const base = (ctx: FormatContext) => ({
  geo: ctx.geo,
  source: ctx.source,
  now: ctx.now,
  onWarning: ctx.onWarning,
  ...(ctx.categoryEra ? { categoryEra: ctx.categoryEra } : {}),
});
type AnySpec = KindSpec<unknown>;

/** Every accepted (kind, format) pair. See docs/FORMATS.md for the columns and fields of each. */
export const FORMATS: FormatEntry[] = [
  {
    kind: 'services',
    format: 'soliguide',
    defaultSource: 'soliguide',
    fullExport: true,
    neverFull: ['csv'],
    containers: ['json', 'ndjson', 'csv'],
    spec: () => servicesKind as AnySpec,
    async *parse(input, ctx) {
      // Soliguide's CSV export (autoexport): one place per row (or per service), rebuilt and read with the same rules.
      if ((input.detected ?? detectFile(input.path)).container === 'csv') {
        yield* parseSoliguideCsvServices(read(input.path), base(ctx));
        return;
      }
      const tempClosures = input.companionPath ? await readSoliguideTempClosures(read(input.companionPath)) : undefined;
      yield* parseSoliguideServices(read(input.path), { ...base(ctx), tempClosures });
    },
  },
  {
    kind: 'services',
    format: 'data-inclusion',
    defaultSource: 'data-inclusion',
    fullExport: true,
    containers: ['json', 'ndjson', 'csv', 'geojson'],
    spec: () => servicesKind as AnySpec,
    async *parse(input, ctx) {
      const format = diFormat(input.detected ?? detectFile(input.path));
      const structures = input.companionPath
        ? await collectStructures(
            parseDataInclusionStructures(read(input.companionPath), {
              geo: ctx.geo,
              now: ctx.now,
              format: diFormat(detectFile(input.companionPath)),
            }),
          )
        : undefined;
      yield* parseDataInclusionServices(read(input.path), { ...base(ctx), structures, format });
    },
  },
  {
    kind: 'services',
    format: 'csv',
    defaultSource: 'csv',
    fullExport: true,
    containers: ['csv'],
    spec: () => servicesKind as AnySpec,
    parse: (input, ctx) => parsePlainServicesCsv(read(input.path), base(ctx)),
  },
  {
    kind: 'search-events',
    format: 'soliguide',
    defaultSource: 'soliguide',
    fullExport: false,
    containers: ['json', 'ndjson'],
    spec: (source) => searchEventsKind(source) as AnySpec,
    parse: (input, ctx) => parseSoliguideSearches(read(input.path), base(ctx)),
  },
  {
    kind: 'search-events',
    format: 'csv',
    defaultSource: 'csv',
    fullExport: false,
    containers: ['csv'],
    spec: (source) => searchEventsKind(source) as AnySpec,
    parse: (input, ctx) => parseSearchesCsv(read(input.path), base(ctx)),
  },
  {
    kind: 'settlements',
    format: 'resorption-bidonvilles',
    defaultSource: 'resorption-bidonvilles',
    fullExport: true,
    containers: ['xlsx', 'csv', 'geojson', 'json'],
    spec: (_source, ctx) => settlementsKindFor(ctx?.scope) as AnySpec,
    parse: (input, ctx) => {
      const container = (input.detected ?? detectFile(input.path)).container;
      const options = {
        ...base(ctx),
        onScope: (s: SettlementScope) => ctx.scope && (ctx.scope.statuses = s.statuses),
      };
      return container === 'xlsx'
        ? parseSettlementsXlsx(read(input.path), options)
        : container === 'geojson' || container === 'json'
          ? parseSettlementsGeoJson(read(input.path), options)
          : parseSettlementsCsv(read(input.path), options);
    },
  },
  {
    kind: 'settlements',
    format: 'geojson',
    defaultSource: 'geojson',
    fullExport: true,
    containers: ['geojson', 'json'],
    spec: (_source, ctx) => settlementsKindFor(ctx?.scope) as AnySpec,
    parse: (input, ctx) =>
      parseSettlementsGeoJson(read(input.path), {
        ...base(ctx),
        onScope: (s: SettlementScope) => ctx.scope && (ctx.scope.statuses = s.statuses),
      }),
  },
  {
    kind: 'mutual-aid',
    format: 'csv',
    defaultSource: 'mutual-aid',
    fullExport: false,
    containers: ['csv'],
    spec: () => mutualAidKind as AnySpec,
    parse: (input, ctx) => parseMutualAidCsv(read(input.path), base(ctx)),
  },
  {
    kind: 'indicators',
    format: 'csv',
    defaultSource: 'csv',
    fullExport: false,
    containers: ['csv'],
    spec: () => indicatorsKind as AnySpec,
    parse: (input, ctx) => parseIndicatorsCsv(read(input.path), base(ctx)),
  },
  {
    kind: 'activities',
    format: 'csv',
    defaultSource: 'csv',
    fullExport: false,
    containers: ['csv'],
    spec: (source) => activitiesKind(source) as AnySpec,
    parse: (input, ctx) => parseActivitiesCsv(read(input.path), base(ctx)),
  },
  {
    kind: 'targets',
    format: 'csv',
    defaultSource: 'csv',
    fullExport: false,
    containers: ['csv'],
    spec: () => targetsKind as AnySpec,
    parse: (input, ctx) => parseTargetsCsv(read(input.path), base(ctx)),
  },
];

const diFormat = (d: DetectedFormat) => (d.container === 'csv' ? 'csv' : d.container === 'geojson' ? 'geojson' : 'json');

/** What a file on disk is, from its first bytes and its original name. */
export function detectFile(path: string, fileName?: string | null): DetectedFormat {
  const head = Buffer.alloc(DETECT_HEAD_BYTES);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, head, 0, head.length, 0);
    const name = fileName ?? basename(path);
    // A workbook is a zip: its first strings tell whose export it is (the directory is at the end of the file).
    const size = fstatSync(fd).size;
    const isZip = n >= 4 && head.readUInt32LE(0) === 0x04034b50;
    const text = isZip && size <= XLSX_DEFAULT_LIMITS.maxFileBytes ? xlsxHeadText(readFileSync(path)) : undefined;
    return detectFormat(head.subarray(0, n), name, text);
  } finally {
    closeSync(fd);
  }
}

/**
 * The format entry for an upload, from what the file is (its content and original name: an upload's
 * temp path has no extension). A given `format` overrides the detection unless the file clearly is
 * something else (another kind, or a layout the format's parser does not read): then one message
 * names what the file looks like. Returns the entry with `detected`, or that message.
 */
export function findFormat(
  kind: string,
  format: string | undefined,
  path: string,
  fileName?: string | null,
): (FormatEntry & { detected: DetectedFormat }) | string {
  const ofKind = FORMATS.filter((f) => f.kind === kind);
  if (!ofKind.length) return `unknown kind "${kind}" (expected one of ${[...new Set(FORMATS.map((f) => f.kind))].join(', ')})`;
  let detected: DetectedFormat;
  try {
    detected = detectFile(path, fileName);
  } catch (e) {
    return `cannot read the file: ${(e as Error).message}`;
  }
  const withDetected = (entry: FormatEntry) => ({ ...entry, detected });
  if (detected.format === 'soliguide' && detected.container === 'xlsx' && (kind === 'services' || format === 'soliguide')) {
    return `this file is ${detected.label}: Vigie reads Soliguide's export as CSV (choose CSV in Soliguide's export), or places as JSON or NDJSON (mongoexport of the lieux collection, or the API's search answer)`;
  }
  if (format) {
    const entry = ofKind.find((f) => f.format === format);
    if (!entry) return `format "${format}" is not accepted for ${kind} (accepted: ${ofKind.map((f) => f.format).join(', ')})`;
    const otherKind = detected.kind !== null && detected.kind !== kind;
    const unreadable = detected.container !== 'unknown' && !entry.containers.includes(detected.container);
    const otherProducer =
      detected.format !== null && detected.format !== format && !(format === 'geojson' && detected.container === 'geojson');
    if (otherKind || unreadable || (otherProducer && detected.kind !== null))
      return formatMismatch(detected, kind, format) ?? `this file is ${detected.label}`;
    return withDetected(entry);
  }
  if (detected.kind === kind && detected.format) {
    const entry = ofKind.find((f) => f.format === detected.format);
    if (entry) return withDetected(entry);
  }
  // Vigie's own CSVs of the other kinds (mutual aid, indicators, activities, targets) have one format.
  if (detected.kind === null && ofKind.length === 1 && ofKind[0].containers.includes(detected.container)) return withDetected(ofKind[0]);
  return formatMismatch(detected, kind, undefined) ?? `this file is ${detected.label}, which is not imported as ${kind}`;
}

import { createReadStream } from 'node:fs';
import type { ImportFormat, ImportKind } from '@vigie/contracts';
import {
  collectStructures,
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
  parseSoliguideSearches,
  parseSoliguideServices,
  parseTargetsCsv,
  readSoliguideTempClosures,
} from '@vigie/ingest-domain';
import type { KindSpec } from './kinds/kind.js';
import { activitiesKind, indicatorsKind, mutualAidKind, settlementsKind, targetsKind } from './kinds/other.kinds.js';
import { searchEventsKind } from './kinds/search-events.kind.js';
import { servicesKind } from './kinds/services.kind.js';

/** What an import reads: the main file and, for some formats, a companion file. */
export interface ImportInput {
  path: string;
  /** data·inclusion: the structures file; Soliguide places: the tempInfos collection. */
  companionPath?: string | null;
}

export interface FormatContext {
  geo: GeoResolver;
  source: string;
  now: Date;
}

export interface FormatEntry {
  kind: ImportKind;
  format: ImportFormat;
  defaultSource: string;
  /** Full exports mark what they no longer list as removed (services, settlements). */
  fullExport: boolean;
  spec(source: string): KindSpec<unknown>;
  parse(input: ImportInput, ctx: FormatContext): AsyncIterable<ParsedRow<unknown>>;
}

const read = (path: string) => createReadStream(path, { highWaterMark: 256 * 1024 });
/** Options every parser takes. */
const base = (ctx: FormatContext) => ({ geo: ctx.geo, source: ctx.source, now: ctx.now });
type AnySpec = KindSpec<unknown>;

/** Every accepted (kind, format) pair. See docs/FORMATS.md for the columns and fields of each. */
export const FORMATS: FormatEntry[] = [
  {
    kind: 'services',
    format: 'soliguide',
    defaultSource: 'soliguide',
    fullExport: true,
    spec: () => servicesKind as AnySpec,
    async *parse(input, ctx) {
      const tempClosures = input.companionPath ? await readSoliguideTempClosures(read(input.companionPath)) : undefined;
      yield* parseSoliguideServices(read(input.path), { ...base(ctx), tempClosures });
    },
  },
  {
    kind: 'services',
    format: 'data-inclusion',
    defaultSource: 'data-inclusion',
    fullExport: true,
    spec: () => servicesKind as AnySpec,
    async *parse(input, ctx) {
      const format = input.path.endsWith('.csv') ? 'csv' : 'json';
      const structures = input.companionPath
        ? await collectStructures(
            parseDataInclusionStructures(read(input.companionPath), {
              geo: ctx.geo,
              now: ctx.now,
              format: input.companionPath.endsWith('.csv') ? 'csv' : 'json',
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
    spec: () => servicesKind as AnySpec,
    parse: (input, ctx) => parsePlainServicesCsv(read(input.path), base(ctx)),
  },
  {
    kind: 'search-events',
    format: 'soliguide',
    defaultSource: 'soliguide',
    fullExport: false,
    spec: (source) => searchEventsKind(source) as AnySpec,
    parse: (input, ctx) => parseSoliguideSearches(read(input.path), base(ctx)),
  },
  {
    kind: 'search-events',
    format: 'csv',
    defaultSource: 'csv',
    fullExport: false,
    spec: (source) => searchEventsKind(source) as AnySpec,
    parse: (input, ctx) => parseSearchesCsv(read(input.path), base(ctx)),
  },
  {
    kind: 'settlements',
    format: 'resorption-bidonvilles',
    defaultSource: 'resorption-bidonvilles',
    fullExport: true,
    spec: () => settlementsKind as AnySpec,
    parse: (input, ctx) =>
      /\.xlsx$/i.test(input.path)
        ? parseSettlementsXlsx(read(input.path), base(ctx))
        : /\.(geo)?json$/i.test(input.path)
          ? parseSettlementsGeoJson(read(input.path), base(ctx))
          : parseSettlementsCsv(read(input.path), base(ctx)),
  },
  {
    kind: 'settlements',
    format: 'geojson',
    defaultSource: 'geojson',
    fullExport: true,
    spec: () => settlementsKind as AnySpec,
    parse: (input, ctx) => parseSettlementsGeoJson(read(input.path), base(ctx)),
  },
  {
    kind: 'mutual-aid',
    format: 'csv',
    defaultSource: 'mutual-aid',
    fullExport: false,
    spec: () => mutualAidKind as AnySpec,
    parse: (input, ctx) => parseMutualAidCsv(read(input.path), base(ctx)),
  },
  {
    kind: 'indicators',
    format: 'csv',
    defaultSource: 'csv',
    fullExport: false,
    spec: () => indicatorsKind as AnySpec,
    parse: (input, ctx) => parseIndicatorsCsv(read(input.path), base(ctx)),
  },
  {
    kind: 'activities',
    format: 'csv',
    defaultSource: 'csv',
    fullExport: false,
    spec: (source) => activitiesKind(source) as AnySpec,
    parse: (input, ctx) => parseActivitiesCsv(read(input.path), base(ctx)),
  },
  {
    kind: 'targets',
    format: 'csv',
    defaultSource: 'csv',
    fullExport: false,
    spec: () => targetsKind as AnySpec,
    parse: (input, ctx) => parseTargetsCsv(read(input.path), base(ctx)),
  },
];

/** Default format of a kind when none is given: the first listed (settlements: guessed from the extension). */
export function findFormat(kind: string, format: string | undefined, path: string): FormatEntry | string {
  const ofKind = FORMATS.filter((f) => f.kind === kind);
  if (!ofKind.length) return `unknown kind "${kind}" (expected one of ${[...new Set(FORMATS.map((f) => f.kind))].join(', ')})`;
  if (!format) {
    if (kind === 'services' && /\.csv$/i.test(path)) return ofKind.find((f) => f.format === 'csv')!;
    if (kind === 'search-events' && /\.csv$/i.test(path)) return ofKind.find((f) => f.format === 'csv')!;
    return ofKind[0];
  }
  return (
    ofKind.find((f) => f.format === format) ??
    `format "${format}" is not accepted for ${kind} (accepted: ${ofKind.map((f) => f.format).join(', ')})`
  );
}

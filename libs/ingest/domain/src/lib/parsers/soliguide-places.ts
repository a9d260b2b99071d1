import { createHash } from 'node:crypto';
import { eraOfCode, isEraIndependent, resolveLegacyCategory, type CategoryEra } from '@vigie/taxonomy';
import type { GeoResolver } from '../geo-resolver.js';
import { serviceCategory, type ServiceCategory } from '../category.js';
import { resolveLocation } from '../location.js';
import type { TextSource } from '../io/source.js';
import type {
  CampaignStatus,
  ClosedPeriod,
  Location,
  OpeningHours,
  ParsedRow,
  PlaceStatus,
  Publics,
  RowError,
  ServiceRecord,
  Visibility,
} from '../records.js';
import { RowIssues, unreadable, type ParseOptions } from '../validation.js';
import { identity, isoTimestamp, parseDate, parseEnum, text } from '../values.js';
import { first, get, isDoc, plainText, readMongoDocuments, stringArray, type Doc } from './common.js';

export const PLACE_STATUSES: readonly PlaceStatus[] = ['ONLINE', 'OFFLINE', 'DRAFT', 'PERMANENTLY_CLOSED'];
const VISIBILITIES: readonly Visibility[] = ['ALL', 'PRO'];
const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['TO_DO', 'STARTED', 'FINISHED'];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** Closures from the separate `tempInfos` collection, by lieu_id (see {@link readSoliguideTempClosures}). */
export type TempClosures = Map<string, { serviceId: string | null; period: ClosedPeriod }[]>;

export interface SoliguidePlacesOptions extends ParseOptions {
  geo: GeoResolver;
  /** Closures read from `tempInfos` (CLOSURE and serviceClosure documents). */
  tempClosures?: TempClosures;
  /** Campaign whose status fills `campaignStatus` (default: the latest campaign the place takes part in). */
  campaign?: string;
  /**
   * Table of numeric `categorie` codes when a service has no string `category` (Soliguide renumbered
   * them in 2022). Default: learnt from the file (a code that exists in one era only, e.g. 708 or 1302,
   * or a string category); until then a code whose meaning changed is an "ambiguous" service error.
   */
  categoryEra?: CategoryEra;
  /** Coordinates farther than this from the stated commune win over it, with a warning (default 5 km). */
  maxCommuneDisagreementMeters?: number;
  /** Filled while parsing: places left out on purpose. */
  report?: SoliguidePlacesReport;
  /**
   * Called for each place accepted with a doubt (coordinates far from the stated commune) and each place
   * skipped as foreign (same callback as the settlements parser's).
   */
  onWarning?: (warning: RowError) => void;
}

/** Places left out without being errors, so that the import can say so. */
export interface SoliguidePlacesReport {
  /** Soliguía places (Spain, Andorra…): by country code, or `position` when only the point is abroad. */
  foreignSkipped: Record<string, number>;
}

export function emptyPlacesReport(): SoliguidePlacesReport {
  return { foreignSkipped: {} };
}

/** "3 foreign places skipped (es 2, ad 1)", or null. */
export function describePlacesReport(report: SoliguidePlacesReport): string | null {
  const entries = Object.entries(report.foreignSkipped);
  const n = entries.reduce((t, [, c]) => t + c, 0);
  if (!n) return null;
  return `${n} foreign place${n > 1 ? 's' : ''} skipped (${entries.map(([k, c]) => `${k} ${c}`).join(', ')})`;
}

/** A place with its services; `serviceErrors` lists services left out (unknown category…). */
export interface SoliguidePlace {
  sourceId: string;
  name: string;
  status: PlaceStatus;
  location: Location;
  services: ServiceRecord[];
  serviceErrors: RowError[];
  /** Accepted, with a doubt worth reading (coordinates far from the stated commune…). */
  warnings: RowError[];
}

/**
 * Soliguide places (`lieux` collection): NDJSON or JSON array, relaxed or canonical Extended JSON,
 * or an API search response (`{ "places": [...] }`). One result per place, with one ServiceRecord
 * per `services_all[]` entry. Place-level problems (no lieu_id, unknown status, no location) reject
 * the place; a service with an unknown category is listed in `serviceErrors` and the others are kept.
 * Personal data is never copied: no editor names (`createdBy`), no user ids (`users`), no
 * placeChanges `userData`; only the place's public contact (first phone, e-mail, website).
 */
export function parseSoliguidePlaces(source: TextSource, options: SoliguidePlacesOptions): AsyncGenerator<ParsedRow<SoliguidePlace>> {
  return placesFromDocuments(readMongoDocuments(source, { itemsAt: 'places' }), options);
}

/**
 * A place document to read, or a row that could not become one (`field` names the column of a CSV
 * export). Used by {@link parseSoliguidePlaces} and by the CSV export parser, which rebuilds each
 * place as a document so that both follow the same rules (territory, era, foreign places).
 */
export type PlaceDocumentItem = { ok: true; line: number; value: unknown } | { ok: false; line: number; reason: string; field?: string };

/** The places of a stream of documents (see {@link parseSoliguidePlaces}). */
export async function* placesFromDocuments(
  items: AsyncIterable<PlaceDocumentItem>,
  options: SoliguidePlacesOptions,
): AsyncGenerator<ParsedRow<SoliguidePlace>> {
  const now = options.now ?? new Date();
  const report = options.report ?? emptyPlacesReport();
  const era: EraState = { fixed: options.categoryEra ?? null, learnt: null };
  // Places whose renumbered codes wait for a later place to tell the file's era (bounded look-ahead).
  const waiting: { doc: Doc; line: number }[] = [];
  const emit = function* (doc: Doc, line: number): Generator<ParsedRow<SoliguidePlace>> {
    const foreign = foreignCountry(doc);
    const row = foreign ? 'abroad' : mapPlace(doc, line, options, now, era);
    if (row === 'abroad') {
      const key = foreign ?? 'position';
      report.foreignSkipped[key] = (report.foreignSkipped[key] ?? 0) + 1;
      const lieuId = text(doc['lieu_id']);
      options.onWarning?.({
        line,
        field: text(doc['_positionField']) ?? (foreign ? 'position.country' : 'position.location.coordinates'),
        reason: foreign
          ? `foreign place skipped (country "${foreign}", Soliguía): only French places are imported`
          : 'foreign place skipped: its coordinates are in no French commune (no country given)',
        ...(lieuId ? { sourceId: lieuId } : {}),
      });
      return;
    }
    for (const w of row.ok ? row.record.warnings : []) options.onWarning?.(w);
    yield row;
  };
  for await (const item of items) {
    if (!item.ok) {
      yield unreadable(item.line, item.reason, item.field);
      continue;
    }
    if (!isDoc(item.value)) {
      yield unreadable(item.line, 'expected a place object');
      continue;
    }
    const doc = item.value;
    const list = Array.isArray(doc['services_all']) ? doc['services_all'] : [];
    if (!era.fixed && !era.learnt && !eraOfPlace(list) && needsEra(list) && waiting.length < MAX_WAITING) {
      waiting.push({ doc, line: item.line });
      continue;
    }
    yield* emit(doc, item.line);
    // Once the era is known (or the look-ahead is full), the waiting places are read with it (or rejected as ambiguous).
    if (waiting.length && (era.learnt || waiting.length >= MAX_WAITING)) for (const w of waiting.splice(0)) yield* emit(w.doc, w.line);
  }
  for (const w of waiting.splice(0)) yield* emit(w.doc, w.line);
}

/** Places held while the file's era is unknown; beyond, their renumbered codes are reported as ambiguous. */
const MAX_WAITING = 2_000;

/** Whether a service list has a numeric-only category whose meaning changed in 2022. */
function needsEra(list: unknown[]): boolean {
  return list.some((s) => {
    const str = get(s, 'category');
    const num = get(s, 'categorie');
    if ((str !== undefined && str !== null && str !== '') || (typeof num !== 'number' && typeof num !== 'string')) return false;
    const code = Number(num);
    return Number.isInteger(code) && !isEraIndependent(code);
  });
}

/** Soliguía places: `position.country` / `country` other than France (Soliguide's CountryCodes: fr, es, ad). */
function foreignCountry(doc: Doc): string | null {
  const c = first(get(doc, 'position', 'country'), doc['country'], get(doc, 'position', 'pays'));
  if (typeof c !== 'string') return null;
  const k = c.trim().toLowerCase();
  if (k === '' || k === 'fr' || k === 'france') return null;
  return k === 'españa' || k === 'espana' || k === 'spain' ? 'es' : k === 'andorra' || k === 'andorre' ? 'ad' : k;
}

interface EraState {
  fixed: CategoryEra | null;
  /** Learnt from an earlier place of the same file. */
  learnt: CategoryEra | null;
}

/** The same input flattened to one row per service (what the services table stores). */
export async function* parseSoliguideServices(
  source: TextSource,
  options: SoliguidePlacesOptions,
): AsyncGenerator<ParsedRow<ServiceRecord>> {
  for await (const row of parseSoliguidePlaces(source, options)) {
    if (!row.ok) {
      yield row;
      continue;
    }
    for (const record of row.record.services) yield { ok: true, line: row.line, record };
    const byService = new Map<string, RowError[]>();
    for (const e of row.record.serviceErrors) byService.set(e.sourceId ?? '', [...(byService.get(e.sourceId ?? '') ?? []), e]);
    for (const errors of byService.values()) yield { ok: false, line: row.line, errors };
  }
}

function mapPlace(doc: Doc, line: number, options: SoliguidePlacesOptions, now: Date, era: EraState): ParsedRow<SoliguidePlace> | 'abroad' {
  const lieuId = text(doc['lieu_id']);
  const issues = new RowIssues(line, lieuId ?? undefined);
  if (!lieuId) issues.add('lieu_id', 'missing lieu_id');
  const name = text(doc['name']);
  if (!name) issues.add('name', 'missing name');
  // The 2022 API (`/new-search`) answered `statut`; the collection and today's API say `status`.
  const statusField = doc['status'] === undefined && doc['statut'] !== undefined ? 'statut' : 'status';
  const status = parseEnum(doc[statusField], statusField, issues, identity(PLACE_STATUSES), { required: true });
  const visibility =
    doc['visibility'] === undefined || doc['visibility'] === null
      ? 'ALL'
      : parseEnum(doc['visibility'], 'visibility', issues, identity(VISIBILITIES));
  const position = get(doc, 'position');
  const coords = get(position, 'location', 'coordinates');
  const [lon, lat] =
    Array.isArray(coords) && coords.length >= 2 ? coords : [get(position, 'coordinates', 'x'), get(position, 'coordinates', 'y')];
  const city = first(get(position, 'city'), get(position, 'ville'));
  const postalCode = first(get(position, 'postalCode'), get(position, 'codePostal'));
  const location = resolveLocation(
    {
      lat,
      lon,
      cityCode: get(position, 'cityCode'),
      postalCode,
      departmentCode: first(get(position, 'departmentCode'), get(position, 'departementCode')),
      address: first(get(position, 'address'), get(position, 'adresse')),
      city,
      country: first(get(position, 'country'), get(doc, 'country')),
    },
    options.geo,
    issues,
    { lat: 'position.location.coordinates', lon: 'position.location.coordinates', cityCode: 'position.cityCode' },
  );
  const warnings: RowError[] = [];
  if (issues.ok) {
    // A postal code shared by several communes: the city name chooses (resolveLocation does not pass it).
    const pc = text(postalCode);
    const cityName = text(city);
    if (pc && cityName && options.geo.communesOfPostalCode(pc).length > 1) {
      const named = options.geo.resolve({ postalCode: pc, city: cityName });
      if (named && named.communeCode !== location.communeCode && !text(get(position, 'cityCode'))) {
        location.communeCode = named.communeCode;
        location.departmentCode = named.departmentCode;
      }
    }
    if (location.lat !== null && location.lon !== null) {
      const near = options.geo.nearestCommune(location.lat, location.lon);
      if (!near && !location.communeCode) return 'abroad';
      const stated = location.communeCode ? options.geo.commune(location.communeCode) : null;
      const limit = options.maxCommuneDisagreementMeters ?? 5_000;
      if (near && stated && near.commune.code !== stated.code) {
        const toStated = metres(location.lat, location.lon, stated.lat, stated.lon);
        if (toStated - near.meters > limit) {
          warnings.push({
            line,
            field: 'position',
            reason: `coordinates are ${(toStated / 1000).toFixed(1)} km from the stated commune ${stated.code}${stated.name ? ` (${stated.name})` : ''}: kept the commune at the coordinates, ${near.commune.code}${near.commune.name ? ` (${near.commune.name})` : ''}`,
            ...(lieuId ? { sourceId: lieuId } : {}),
          });
          location.communeCode = near.commune.code;
          location.departmentCode = near.commune.departmentCode;
        }
      }
    }
  }
  const createdAt = isoTimestamp(parseDate(doc['createdAt'], 'createdAt', issues, now));
  const updatedAt = isoTimestamp(parseDate(first(doc['updatedByUserAt'], doc['updatedAt']), 'updatedByUserAt', issues, now));
  if (!issues.ok) return issues.result(() => null as never);

  const placeClosures = [
    ...closedPeriod(get(doc, 'tempInfos', 'closure'), 'place'),
    ...(options.tempClosures?.get(lieuId!) ?? []).filter((c) => !c.serviceId).map((c) => c.period),
  ];
  const base = {
    source: options.source ?? 'soliguide',
    placeSourceId: lieuId!,
    placeName: name!,
    status: status!,
    visibility: visibility!,
    location,
    languages: stringArray(doc['languages']),
    phone: text(get(doc, 'entity', 'phones', 0, 'phoneNumber')),
    email: text(get(doc, 'entity', 'mail')),
    website: text(get(doc, 'entity', 'website')),
    updatedAt,
    campaignStatus: campaignStatus(doc['campaigns'], options.campaign),
  };
  const services: ServiceRecord[] = [];
  const serviceErrors: RowError[] = [];
  const list = Array.isArray(doc['services_all']) ? doc['services_all'] : [];
  const placeEra = era.fixed ?? eraOfPlace(list) ?? era.learnt;
  if (!era.fixed && placeEra) era.learnt = placeEra;
  const contentIds = new Map<string, number>();
  list.forEach((s: unknown, i: number) => {
    const serviceId = text(get(s, 'serviceObjectId')) ?? contentId(s, contentIds);
    const sourceId = `${lieuId}:${serviceId}`;
    const sIssues = new RowIssues(line, sourceId);
    const field = text(get(s, '_field')) ?? `services_all[${i}].category`;
    const cat = categoryOfService(s, field, sIssues, placeEra);
    const sCreated = isoTimestamp(parseDate(get(s, 'createdAt'), `services_all[${i}].createdAt`, sIssues, now));
    if (!cat) {
      serviceErrors.push(...sIssues.errors);
      return;
    }
    const differentHours = get(s, 'differentHours') === true;
    const differentPublics = get(s, 'differentPublics') === true;
    services.push({
      ...base,
      sourceId,
      name: text(get(s, 'name')),
      categoryId: cat.categoryId,
      themeId: cat.themeId,
      closedPeriods: [
        ...placeClosures,
        ...closedPeriod(get(s, 'close'), 'service'),
        ...(options.tempClosures?.get(lieuId!) ?? []).filter((c) => c.serviceId === serviceId).map((c) => c.period),
      ].filter(uniquePeriod),
      saturation: saturation(get(s, 'saturated', 'status')),
      openingHours: openingHours(differentHours ? get(s, 'hours') : (doc['newhours'] ?? get(s, 'hours'))),
      publics: publics(differentPublics ? get(s, 'publics') : (doc['publics'] ?? get(s, 'publics'))),
      description: plainText(get(s, 'description')),
      createdAt: sCreated ?? createdAt,
    });
  });
  return { ok: true, line, record: { sourceId: lieuId!, name: name!, status: status!, location, services, serviceErrors, warnings } };
}

/** Great-circle distance in metres. */
function metres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Id of a service without `serviceObjectId` (seen since 2026): a hash of what the service is (category,
 * name, description), not of its position in the list, so that reordering the next export keeps each
 * id on the same service. Identical services of one place get #2, #3… in their order.
 */
function contentId(s: unknown, seen: Map<string, number>): string {
  const h = createHash('sha1')
    .update(
      JSON.stringify([get(s, 'category') ?? null, get(s, 'categorie') ?? null, text(get(s, 'name')), plainText(get(s, 'description'))]),
    )
    .digest('base64url')
    .slice(0, 12);
  const n = (seen.get(h) ?? 0) + 1;
  seen.set(h, n);
  return n === 1 ? `c:${h}` : `c:${h}#${n}`;
}

/** The era the place's own services prove: a string category (current) or a code of one era only. */
function eraOfPlace(list: unknown[]): CategoryEra | null {
  for (const s of list) {
    // A category read from a label (CSV export) says nothing of the era of the file's numeric codes.
    if (typeof get(s, 'category') === 'string' && text(get(s, 'category')) && get(s, '_label') === undefined) return 'current';
    const c = get(s, 'categorie');
    const e = typeof c === 'number' || typeof c === 'string' ? eraOfCode(c) : null;
    if (e) return e;
  }
  return null;
}

/** A service's category: the string id when given, else the numeric code read in the table of its era. */
function categoryOfService(s: unknown, field: string, issues: RowIssues, era: CategoryEra | null): ServiceCategory | null {
  const str = get(s, 'category');
  const num = get(s, 'categorie');
  const numeric = typeof num === 'number' || (typeof num === 'string' && /^\s*\d{3,4}\s*$/.test(num));
  if ((str !== undefined && str !== null && str !== '') || !numeric) return serviceCategory([str, num], field, issues);
  const a = resolveLegacyCategory(num as number | string, era);
  if (a.kind === 'resolved') {
    if (a.category.categoryId) return { categoryId: a.category.categoryId, themeId: a.category.themeId };
    issues.add(field, `legacy category ${String(num).trim()} names the theme "${a.category.themeId}", not a category`);
  } else if (a.kind === 'ambiguous')
    issues.add(
      field,
      `ambiguous legacy category ${String(num).trim()}: ${a.meanings['2020']} in 2020-era exports, ${a.meanings.current} since Soliguide's 2022 renumbering; nothing in the file tells its era (give it)`,
    );
  else issues.add(field, a.reason);
  return null;
}

function uniquePeriod(p: ClosedPeriod, i: number, all: ClosedPeriod[]): boolean {
  return all.findIndex((q) => q.start === p.start && q.end === p.end && q.scope === p.scope) === i;
}

/** An active `{actif, dateDebut, dateFin}` block → a closed period (inactive or undated → none). */
function closedPeriod(block: unknown, scope: ClosedPeriod['scope']): ClosedPeriod[] {
  if (!isDoc(block) || block['actif'] !== true) return [];
  const start = dayOf(block['dateDebut']);
  if (!start) return [];
  return [{ start, end: dayOf(block['dateFin']), scope, description: text(block['description']) }];
}

/**
 * Soliguide stores closure bounds as local midnight (2022-03-02T23:00:00Z = 3 March in Paris) or
 * end of day (…T23:59:59.999Z); the Paris calendar day is kept.
 */
function dayOf(v: unknown): string | null {
  const s = text(v);
  if (!s) return null;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return null;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

function saturation(v: unknown): ServiceRecord['saturation'] {
  return v === 'LOW' || v === 'MODERATE' || v === 'HIGH' ? v : null;
}

/** Soliguide time: 930 → "09:30", "9:30" → "09:30"; null when unreadable. */
function hhmm(v: unknown): string | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2400)
    return `${String(Math.floor(v / 100)).padStart(2, '0')}:${String(v % 100).padStart(2, '0')}`;
  if (typeof v === 'string') {
    const m = /^(\d{1,2}):?(\d{2})$/.exec(v.trim());
    if (m) return `${m[1].padStart(2, '0')}:${m[2]}`;
  }
  return null;
}

function openingHours(hours: unknown): OpeningHours | null {
  if (!isDoc(hours)) return null;
  const out: OpeningHours = {};
  let any = false;
  for (const day of DAYS) {
    const d = hours[day];
    if (!isDoc(d)) continue;
    any = true;
    const slots = d['open'] === true && Array.isArray(d['timeslot']) ? d['timeslot'] : [];
    out[day] = slots.flatMap((t: unknown) => {
      const a = hhmm(get(t, 'start'));
      const b = hhmm(get(t, 'end'));
      return a && b ? [[a, b] as [string, string]] : [];
    });
  }
  return any ? out : null;
}

function publics(p: unknown): Publics | null {
  if (!isDoc(p)) return null;
  const accueil = p['accueil'];
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    accueil: accueil === 0 ? 'unconditional' : accueil === 1 ? 'adapted' : accueil === 2 ? 'exclusive' : null,
    description: plainText(p['description']),
    tags: [...new Set(['gender', 'administrative', 'familialle', 'other'].flatMap((k) => stringArray(p[k])))],
    ageMin: num(get(p, 'age', 'min')),
    ageMax: num(get(p, 'age', 'max')),
  };
}

/** Rank of a Soliguide campaign key: MAJ_ETE_2022 < MAJ_HIVER_2022 < MID_YEAR_2025 < END_YEAR_2025. */
function campaignRank(key: string): number {
  const year = Number(/(\d{4})/.exec(key)?.[1] ?? 0);
  const season = /HIVER|END_YEAR/.test(key) ? 2 : /ETE|MID_YEAR/.test(key) ? 1 : 0;
  return year * 10 + season;
}

/** Status of the chosen campaign, else of the latest campaign whose `toUpdate` is true. */
function campaignStatus(campaigns: unknown, wanted?: string): CampaignStatus | null {
  if (!isDoc(campaigns)) return null;
  const keys = wanted
    ? [wanted]
    : Object.keys(campaigns)
        .filter((k) => get(campaigns, k, 'toUpdate') === true)
        .sort((a, b) => campaignRank(b) - campaignRank(a));
  const s = keys.length ? get(campaigns, keys[0], 'status') : null;
  return (CAMPAIGN_STATUSES as readonly unknown[]).includes(s) ? (s as CampaignStatus) : null;
}

/**
 * Reads the `tempInfos` collection and keeps closures (`CLOSURE` for a place, `serviceClosure` for
 * one service) that are not `OBSOLETE`, keyed by lieu_id. Small collection: it is held in memory.
 */
export async function readSoliguideTempClosures(source: TextSource): Promise<TempClosures> {
  const out: TempClosures = new Map();
  for await (const item of readMongoDocuments(source)) {
    if (!item.ok || !isDoc(item.value)) continue;
    const d = item.value;
    const type = d['tempInfoType'];
    if ((type !== 'CLOSURE' && type !== 'serviceClosure') || d['status'] === 'OBSOLETE') continue;
    const placeId = text(d['placeId']);
    const start = dayOf(d['dateDebut']);
    if (!placeId || !start) continue;
    const scope = type === 'CLOSURE' ? 'place' : 'service';
    const entry = {
      serviceId: scope === 'service' ? text(d['serviceObjectId']) : null,
      period: { start, end: dayOf(d['dateFin']), scope, description: text(d['description']) } as ClosedPeriod,
    };
    out.set(placeId, [...(out.get(placeId) ?? []), entry]);
  }
  return out;
}

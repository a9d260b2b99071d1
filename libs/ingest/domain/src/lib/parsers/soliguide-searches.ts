import { createHash } from 'node:crypto';
import { resolveLegacyCategory, type CategoryEra } from '@vigie/taxonomy';
import { lookupCategory } from '../category.js';
import { normaliseDepartmentCode, type GeoResolver } from '../geo-resolver.js';
import { readCsvChunks } from '../io/csv.js';
import type { TextSource } from '../io/source.js';
import type { ParsedRow, RowError, SearchEventRecord, SearchGeoType, SearchOrigin, SearchUserStatus } from '../records.js';
import { RowIssues, unreadable, type ParseOptions } from '../validation.js';
import { normaliseLabel, parseBoolean, parseCount, parseEnum, parseNumber, parseTimestamp, text } from '../values.js';
import { get, isDoc, readMongoDocuments, type Doc } from './common.js';
import { CsvColumns, jsonFields, type FieldSource } from './fields.js';

export interface SearchParseOptions extends ParseOptions {
  geo: GeoResolver;
  /**
   * Table of numeric `categorie` codes (Soliguide renumbered them in 2022, see @vigie/taxonomy
   * legacy-eras). Without it, a code whose meaning changed is rejected as ambiguous.
   */
  categoryEra?: CategoryEra;
  /** Paged duplicates: a page > 1 of the same query by the same user within this delay is not a new search (default 30 s). */
  pagedWithinMs?: number;
  /** Filled while parsing: what was left out without being an error. */
  report?: SearchParseReport;
  /** Called for each search skipped on purpose (page > 1 already counted, foreign), as the settlements parser does. */
  onWarning?: (warning: RowError) => void;
}

/** Rows left out on purpose (not errors): counted so the import can say so. */
export interface SearchParseReport {
  /** Page > 1 of a search already counted (same user, same query, within `pagedWithinMs`). */
  pagedDuplicates: number;
  /** Searches located outside France (Soliguía Spain / Andorra). */
  foreignSkipped: number;
}

export function emptySearchReport(): SearchParseReport {
  return { pagedDuplicates: 0, foreignSkipped: 0 };
}

/** Soliguide `location.geoType` values (and plain English ones) → record geo types. */
const GEO_TYPES: Record<string, SearchGeoType> = {
  ville: 'commune',
  commune: 'commune',
  city: 'commune',
  codePostal: 'postal_code',
  postal_code: 'postal_code',
  postalCode: 'postal_code',
  departement: 'department',
  department: 'department',
  region: 'region',
  position: 'position',
  pays: 'country',
  country: 'country',
  // Soliguide GeoTypes also has citiesGroup (EPCI…) and inconnu: no geo type of ours, territory from `areas`.
  citiesGroup: 'unknown',
  inconnu: 'unknown',
  unknown: 'unknown',
};
const GEO_ALLOWED = ['ville', 'codePostal', 'departement', 'region', 'position', 'pays', 'citiesGroup', 'inconnu'];

/**
 * Soliguide `userData.status` (packages/common users/enums UserStatus + UserStatusNotLogged, the list
 * USER_STATUS_FOR_LOGS of the log schema) → Vigie's status. VOLUNTEER accounts work on the helping
 * side: pro. WIDGET_USER is an anonymous visitor of a partner's widget: public.
 */
const USER_STATUS: Record<string, SearchUserStatus> = {
  pro: 'pro',
  api_user: 'pro',
  volunteer: 'pro',
  public: 'public',
  simple_user: 'public',
  not_logged: 'public',
  widget_user: 'public',
  admin: 'admin',
  admin_soliguide: 'admin',
  admin_territory: 'admin',
  soli_bot: 'admin',
};
/**
 * Soliguide `userData.origin` (packages/api _models/users/enums Origin.enum.ts, set by
 * handleOriginForLogs) → Vigie's origin. LOCALHOST_DEV and ORIGIN_UNDEFINED are unknown.
 */
const ORIGINS: Record<string, SearchOrigin> = {
  web: 'web',
  soliguide: 'web',
  soliguide_fr: 'web',
  solinum_org: 'web',
  webapp_soliguide: 'web',
  widget: 'widget',
  soliguide_widget: 'widget',
  widget_soliguide: 'widget',
  api: 'api',
  mobile: 'mobile',
  app: 'mobile',
  soliguide_app: 'mobile',
  mobile_app: 'mobile',
  origin_undefined: 'unknown',
  localhost_dev: 'unknown',
};

/**
 * Soliguide search logs (`search` collection): NDJSON or JSON array, Extended JSON. Only
 * whitelisted, non-personal fields are read: date, category, searched words, location, result count,
 * and from `userData` only status, origin, language and territory. IP addresses, user ids, names,
 * e-mails and organisation names are never read, so they cannot leak into records.
 */
export async function* parseSoliguideSearches(
  source: TextSource,
  options: SearchParseOptions,
): AsyncGenerator<ParsedRow<SearchEventRecord>> {
  const now = options.now ?? new Date();
  const report = options.report ?? emptySearchReport();
  const paged = new PagedSearches(options.pagedWithinMs ?? 30_000);
  for await (const item of readMongoDocuments(source)) {
    if (!item.ok) yield unreadable(item.line, item.reason);
    else if (!isDoc(item.value)) yield unreadable(item.line, 'expected a search object');
    else {
      const doc = item.value;
      const foreign = foreignCountry(doc);
      if (foreign) {
        report.foreignSkipped++;
        options.onWarning?.({
          line: item.line,
          field: 'location.country',
          reason: `foreign search skipped (country "${foreign}", Soliguía): only searches in France are counted`,
        });
        continue;
      }
      const row = mapSearch(jsonFields(doc), item.line, options.geo, now, { era: options.categoryEra ?? null, freeText: false });
      if (row.ok && paged.isRepeat(doc, row.record.occurredAt)) {
        report.pagedDuplicates++;
        options.onWarning?.({
          line: item.line,
          field: 'options.page',
          reason: `page ${String(get(doc, 'options', 'page') ?? get(doc, 'page'))} of a search already counted (same user and query within ${Math.round(paged.withinMs / 1000)} s): counted once`,
          ...(row.record.sourceId ? { sourceId: row.record.sourceId } : {}),
        });
        continue;
      }
      yield row;
    }
  }
}

/** Country of a logged search (`location.country`, `location.areas.country` / `pays`) when not France, else null. */
function foreignCountry(doc: Doc): string | null {
  const c = [get(doc, 'location', 'country'), get(doc, 'location', 'areas', 'country'), get(doc, 'location', 'areas', 'pays')].find(
    (v) => typeof v === 'string' && v.trim() !== '',
  ) as string | undefined;
  if (!c) return null;
  const k = c.trim().toLowerCase();
  return k === 'fr' || k === 'france' ? null : k;
}

/**
 * Soliguide logs one `search` document per API call: page 2 of a result list is a second document,
 * logged a few milliseconds or seconds later with `options.page` 2. Such a document counts as a new
 * search only when no search of the same query by the same user was seen within the delay. The
 * query key is a hash held in memory only (it covers the searched words, which are never output).
 */
class PagedSearches {
  private readonly last = new Map<string, number>();
  constructor(readonly withinMs: number) {}

  isRepeat(doc: Doc, occurredAt: string): boolean {
    const t = Date.parse(occurredAt);
    const key = this.key(doc);
    const before = this.last.get(key);
    this.last.set(key, t);
    if (this.last.size > 50_000) for (const [k, v] of this.last) if (v < t - this.withinMs) this.last.delete(k);
    const page = Number(get(doc, 'options', 'page') ?? get(doc, 'page') ?? 1);
    return page > 1 && before !== undefined && t >= before && t - before <= this.withinMs;
  }

  private key(doc: Doc): string {
    const user = [get(doc, 'userData', 'user_id'), get(doc, 'user'), get(doc, 'userData', 'userObjectId'), get(doc, 'ip')].find(
      (v) => v !== null && v !== undefined && v !== '',
    );
    const who =
      user !== undefined
        ? `u:${JSON.stringify(user)}`
        : `anon:${JSON.stringify([get(doc, 'userData', 'status'), get(doc, 'userData', 'origin'), get(doc, 'userData', 'language')])}`;
    const query = JSON.stringify([
      doc['category'] ?? null,
      doc['categories'] ?? null,
      doc['categorie'] ?? null,
      doc['word'] ?? null,
      doc['searchType'] ?? null,
      get(doc, 'location', 'geoType') ?? null,
      get(doc, 'location', 'geoValue') ?? null,
      get(doc, 'location', 'coordinates') ?? null,
      get(doc, 'location', 'distance') ?? null,
      doc['publics'] ?? null,
      doc['modalities'] ?? null,
      doc['placeType'] ?? null,
      doc['openToday'] ?? null,
      doc['languages'] ?? null,
      doc['adminSearch'] ?? null,
    ]);
    return createHash('sha1').update(who).update('\0').update(query).digest('base64url');
  }
}

/**
 * The CSV equivalent, one search per row. Columns (any case, `_` or camelCase): `id`, `created_at`,
 * `category`, `word`, `geo_type`, `geo_value`, `lat`, `lon`, `postal_code`, `city_code`,
 * `department_code`, `region_code`, `nb_results`, `user_status`, `origin`, `language`, `territory`,
 * `admin_search`. The free-text `word` column is never read. A row with a value in a personal column (ip, e-mail,
 * phone, user or session id, name, address…) is refused with a row error naming the column.
 */
export async function* parseSearchesCsv(source: TextSource, options: SearchParseOptions): AsyncGenerator<ParsedRow<SearchEventRecord>> {
  const now = options.now ?? new Date();
  let columns = new CsvColumns([]);
  let personal: { index: number; name: string }[] = [];
  for await (const items of readCsvChunks(source)) {
    for (const item of items) {
      if (item.kind === 'header') {
        columns = new CsvColumns(item.keys);
        personal = item.columns.flatMap((name, index) => (isPersonalColumn(name) ? [{ index, name }] : []));
      } else if (item.kind === 'error') yield unreadable(item.line, item.reason);
      else {
        // A row holding personal data (docs/PRIVACY.md) is refused with a row error, never stored nor dropped silently.
        const filled = personal.find((p) => (item.cells[p.index] ?? '').trim() !== '');
        if (filled) {
          yield unreadable(item.line, PERSONAL_REASON, filled.name);
          continue;
        }
        columns.cells = item.cells;
        yield mapSearch(columns, item.line, options.geo, now, { era: options.categoryEra ?? null, freeText: true });
      }
    }
  }
}

export const PERSONAL_REASON = 'personal data (IP address, e-mail, phone, user id, name…) is refused: remove this column (docs/PRIVACY.md)';
const PERSONAL = new Set([
  'ip',
  'ipaddress',
  'ipv4',
  'ipv6',
  'remoteaddr',
  'clientip',
  'email',
  'mail',
  'emailaddress',
  'courriel',
  'phone',
  'phonenumber',
  'telephone',
  'tel',
  'mobile',
  'portable',
  'userid',
  'useremail',
  'username',
  'login',
  'sessionid',
  'deviceid',
  'cookie',
  'useragent',
  'name',
  'fullname',
  'firstname',
  'lastname',
  'nom',
  'prenom',
  'address',
  'adresse',
  'birthdate',
  'datenaissance',
]);
/** A column whose name says it holds personal data (any case, separators ignored: `IP`, `e-mail`, `user_id`…). */
export function isPersonalColumn(name: string): boolean {
  const k = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return PERSONAL.has(k) || PERSONAL.has(k.replace(/^userdata/, ''));
}

/** The names each field is read under, in order (constant lists: a CSV header resolves each once). */
const F = {
  id: ['_id', 'id'],
  createdAt: ['createdAt', 'created_at', 'date'],
  category: ['category', 'categorie', 'categories'],
  geoType: ['location.geoType', 'geoType', 'geo_type'],
  nbResults: ['nbResults', 'nb_results', 'results'],
  status: ['userData.status', 'user_status', 'status'],
  origin: ['userData.origin', 'origin'],
  // Free text only (CSV): Soliguide's `searchType` (CATEGORY, EXPRESSION, ORGANIZATION…) is a kind of search, not text.
  words: ['word', 'searchText', 'search_text'],
  territory: ['userData.territory', 'territory'],
  language: ['userData.language', 'language', 'lang'],
  adminSearch: ['adminSearch', 'admin_search'],
  geoValue: ['location.geoValue', 'geoValue', 'geo_value'],
  // `location.areas` is what Soliguide's log-search-query stores (getAreasFromLocation): new names, then
  // the deprecated French ones.
  cityCode: ['location.cityCode', 'location.areas.cityCode', 'cityCode', 'city_code', 'commune_code'],
  postalCode: ['location.postalCode', 'location.areas.postalCode', 'location.areas.codePostal', 'postalCode', 'postal_code'],
  coordinates: ['location.coordinates'],
  lat: ['location.lat', 'lat', 'latitude'],
  lon: ['location.lon', 'lon', 'longitude'],
  departmentCode: [
    'location.departmentCode',
    'location.areas.departmentCode',
    'location.areas.departementCode',
    'departmentCode',
    'department_code',
  ],
  regionCode: ['location.regionCode', 'location.areas.regionCode', 'regionCode', 'region_code'],
  /** City name: chooses among the communes of a shared postal code. */
  city: ['location.areas.city', 'location.areas.ville', 'location.city'],
} as const;

/** lookupCategory of the spellings met (a file repeats a few dozen); bounded like normaliseLabel's. */
const categoryCache = new Map<string, ReturnType<typeof lookupCategory>>();
function categoryOf(raw: unknown): ReturnType<typeof lookupCategory> {
  if (typeof raw !== 'string') return lookupCategory(raw);
  let c = categoryCache.get(raw);
  if (c === undefined) {
    c = lookupCategory(raw);
    if (categoryCache.size >= 5_000) categoryCache.clear();
    categoryCache.set(raw, c);
  }
  return c;
}

/** A spelling of a status or origin → its value ('unknown' when not listed), cached per raw value. */
function labelIn<T extends string>(table: Record<string, T>, cache: Map<string, T>, raw: string, unknown: T): T {
  let v = cache.get(raw);
  if (v === undefined) {
    const k = normaliseLabel(raw).replace(/ /g, '_');
    v = Object.hasOwn(table, k) ? table[k] : unknown;
    if (cache.size >= 5_000) cache.clear();
    cache.set(raw, v);
  }
  return v;
}
const statusCache = new Map<string, SearchUserStatus>();
const originCache = new Map<string, SearchOrigin>();

interface MapOptions {
  era: CategoryEra | null;
  /** Whether a searched text may be copied (CSV); Soliguide documents: never (privacy). */
  freeText: boolean;
}

/** The first category of a value: a string, a number, or an array (`categories`); null when none is named. */
function firstCategoryOf(raw: unknown): unknown {
  if (Array.isArray(raw)) return raw.find((c) => c !== null && c !== undefined && c !== '') ?? null;
  if (typeof raw === 'string' && raw.includes('|')) return raw.split('|')[0];
  return raw ?? null;
}

/** A category spelling: numeric codes through the table of their era, the rest through lookupCategory. */
function searchCategory(raw: unknown, era: CategoryEra | null, issues: RowIssues): ReturnType<typeof lookupCategory> {
  const numeric = typeof raw === 'number' || (typeof raw === 'string' && /^\s*\d{3,4}\s*$/.test(raw));
  if (!numeric) {
    const c = categoryOf(raw);
    if (!c) issues.add('category', `unknown category "${String(raw)}"`);
    return c;
  }
  const a = resolveLegacyCategory(raw as number | string, era);
  if (a.kind === 'resolved') return a.category;
  if (a.kind === 'ambiguous')
    issues.add(
      'category',
      `ambiguous legacy category ${String(raw).trim()}: ${a.meanings['2020']} in 2020-era exports, ${a.meanings.current} since Soliguide's 2022 renumbering (give the export's era)`,
    );
  else issues.add('category', a.reason);
  return null;
}

function mapSearch(f: FieldSource, line: number, geo: GeoResolver, now: Date, opts: MapOptions): ParsedRow<SearchEventRecord> {
  const sourceId = text(f.pickIn(F.id));
  const issues = new RowIssues(line, sourceId ?? undefined);
  const occurredAt = parseTimestamp(f.pickIn(F.createdAt), 'createdAt', issues, now);
  if (!occurredAt && !issues.errors.some((e) => e.field === 'createdAt')) issues.add('createdAt', 'missing date');

  // `category: null, categories: []` is a free-text search: a search without a category, not an error.
  const firstCategory = firstCategoryOf(f.pickIn(F.category));
  const category = firstCategory === null ? null : searchCategory(firstCategory, opts.era, issues);

  const rawGeoType = f.pickIn(F.geoType);
  const geoType =
    rawGeoType === undefined ? 'unknown' : parseEnum(rawGeoType, 'location.geoType', issues, GEO_TYPES, { allowed: GEO_ALLOWED });
  const territory = resolveSearchTerritory(f, geoType ?? 'unknown', geo, issues);
  const resultCount = parseCount(f.pickIn(F.nbResults), 'nbResults', issues);
  if (resultCount === null && !issues.errors.some((e) => e.field === 'nbResults')) issues.add('nbResults', 'missing result count');

  const status = text(f.pickIn(F.status));
  const origin = text(f.pickIn(F.origin));
  const userTerritory = text(f.pickIn(F.territory));
  return issues.result(() => ({
    sourceId,
    occurredAt: occurredAt!,
    categoryId: category?.categoryId ?? null,
    themeId: category?.themeId ?? null,
    // Free search text (`word`) is dropped at parse: never stored (it can hold names, phone numbers…).
    searchType: null,
    geoType: geoType ?? 'unknown',
    ...territory,
    resultCount: resultCount!,
    userStatus: status ? labelIn(USER_STATUS, statusCache, status, 'unknown') : 'unknown',
    origin: origin ? labelIn(ORIGINS, originCache, origin, 'unknown') : 'unknown',
    language: text(f.pickIn(F.language))?.toLowerCase() ?? null,
    adminSearch: parseBoolean(f.pickIn(F.adminSearch)) ?? false,
    userTerritory: userTerritory && geo.isDepartment(userTerritory) ? normaliseDepartmentCode(userTerritory) : null,
  }));
}

/**
 * The finest territory a search names: a commune (from its code, postal code or coordinates), else
 * its department, else its region; nothing for country-wide searches. Codes given but unknown are
 * errors ("invalid territory code").
 */
function resolveSearchTerritory(
  f: FieldSource,
  geoType: SearchGeoType,
  geo: GeoResolver,
  issues: RowIssues,
): Pick<SearchEventRecord, 'communeCode' | 'departmentCode' | 'regionCode'> {
  const none = { communeCode: null, departmentCode: null, regionCode: null };
  if (geoType === 'country') return none;
  const geoValue = text(f.pickIn(F.geoValue));
  const cityCode = text(f.pickIn(F.cityCode));
  const postalCode = text(f.pickIn(F.postalCode)) ?? (geoType === 'postal_code' && geoValue && /^\d{5}$/.test(geoValue) ? geoValue : null);
  const coords = f.pickIn(F.coordinates);
  let lat = parseNumber(Array.isArray(coords) ? coords[1] : f.pickIn(F.lat), 'location.coordinates', issues);
  let lon = parseNumber(Array.isArray(coords) ? coords[0] : f.pickIn(F.lon), 'location.coordinates', issues);
  // The log schema's default position is [0, 0]: no position.
  if (lat === 0 && lon === 0) lat = lon = null;
  const deptRaw = text(f.pickIn(F.departmentCode));
  const regionRaw = text(f.pickIn(F.regionCode));
  if (deptRaw && !geo.isDepartment(deptRaw))
    issues.add('location.departmentCode', `invalid territory code: department "${deptRaw}" does not exist`);
  if (regionRaw && !geo.isRegion(regionRaw))
    issues.add('location.regionCode', `invalid territory code: region "${regionRaw}" does not exist`);

  if (geoType !== 'department' && geoType !== 'region') {
    const m = geo.resolve({ cityCode, postalCode, lat, lon, departmentCode: deptRaw, city: text(f.pickIn(F.city)) });
    if (m) return { communeCode: m.communeCode, departmentCode: m.departmentCode, regionCode: m.regionCode };
    if (cityCode) issues.add('location.cityCode', `invalid territory code: commune "${cityCode}" does not exist`);
  }
  if (deptRaw && geo.isDepartment(deptRaw)) {
    const d = normaliseDepartmentCode(deptRaw);
    return { communeCode: null, departmentCode: d, regionCode: geo.regionOfDepartment(d) };
  }
  if (regionRaw && geo.isRegion(regionRaw)) return { communeCode: null, departmentCode: null, regionCode: regionRaw };
  return none;
}

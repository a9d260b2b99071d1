import { lookupCategory } from '../category.js';
import { normaliseDepartmentCode, type GeoResolver } from '../geo-resolver.js';
import { readCsvChunks } from '../io/csv.js';
import type { TextSource } from '../io/source.js';
import type { ParsedRow, SearchEventRecord, SearchGeoType, SearchOrigin, SearchUserStatus } from '../records.js';
import { RowIssues, unreadable, type ParseOptions } from '../validation.js';
import { normaliseLabel, parseBoolean, parseCount, parseEnum, parseNumber, parseTimestamp, text } from '../values.js';
import { isDoc, readMongoDocuments } from './common.js';
import { CsvColumns, jsonFields, type FieldSource } from './fields.js';

export interface SearchParseOptions extends ParseOptions {
  geo: GeoResolver;
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
};
const GEO_ALLOWED = ['ville', 'codePostal', 'departement', 'region', 'position', 'pays'];

const USER_STATUS: Record<string, SearchUserStatus> = {
  pro: 'pro',
  api_user: 'pro',
  public: 'public',
  simple_user: 'public',
  admin: 'admin',
  admin_soliguide: 'admin',
  admin_territory: 'admin',
  soli_bot: 'admin',
};
const ORIGINS: Record<string, SearchOrigin> = {
  web: 'web',
  soliguide: 'web',
  soliguide_fr: 'web',
  widget: 'widget',
  soliguide_widget: 'widget',
  api: 'api',
  mobile: 'mobile',
  app: 'mobile',
  soliguide_app: 'mobile',
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
  for await (const item of readMongoDocuments(source)) {
    if (!item.ok) yield unreadable(item.line, item.reason);
    else if (!isDoc(item.value)) yield unreadable(item.line, 'expected a search object');
    else yield mapSearch(jsonFields(item.value), item.line, options.geo, now);
  }
}

/**
 * The CSV equivalent, one search per row. Columns (any case, `_` or camelCase): `id`, `created_at`,
 * `category`, `word`, `geo_type`, `geo_value`, `lat`, `lon`, `postal_code`, `city_code`,
 * `department_code`, `region_code`, `nb_results`, `user_status`, `origin`, `language`, `territory`,
 * `admin_search`. Any other column (ip, email…) is ignored.
 */
export async function* parseSearchesCsv(source: TextSource, options: SearchParseOptions): AsyncGenerator<ParsedRow<SearchEventRecord>> {
  const now = options.now ?? new Date();
  let columns = new CsvColumns([]);
  for await (const items of readCsvChunks(source)) {
    for (const item of items) {
      if (item.kind === 'header') columns = new CsvColumns(item.keys);
      else if (item.kind === 'error') yield unreadable(item.line, item.reason);
      else {
        columns.cells = item.cells;
        yield mapSearch(columns, item.line, options.geo, now);
      }
    }
  }
}

/** The names each field is read under, in order (constant lists: a CSV header resolves each once). */
const F = {
  id: ['_id', 'id'],
  createdAt: ['createdAt', 'created_at', 'date'],
  category: ['category', 'categorie', 'categories.0', 'categories'],
  geoType: ['location.geoType', 'geoType', 'geo_type'],
  nbResults: ['nbResults', 'nb_results', 'results'],
  status: ['userData.status', 'user_status', 'status'],
  origin: ['userData.origin', 'origin'],
  words: ['word', 'searchText', 'search_text', 'searchType', 'search_type'],
  territory: ['userData.territory', 'territory'],
  language: ['userData.language', 'language', 'lang'],
  adminSearch: ['adminSearch', 'admin_search'],
  geoValue: ['location.geoValue', 'geoValue', 'geo_value'],
  cityCode: ['location.cityCode', 'cityCode', 'city_code', 'commune_code'],
  postalCode: ['location.postalCode', 'postalCode', 'postal_code'],
  coordinates: ['location.coordinates'],
  lat: ['location.lat', 'lat', 'latitude'],
  lon: ['location.lon', 'lon', 'longitude'],
  departmentCode: ['location.departmentCode', 'departmentCode', 'department_code'],
  regionCode: ['location.regionCode', 'regionCode', 'region_code'],
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

function mapSearch(f: FieldSource, line: number, geo: GeoResolver, now: Date): ParsedRow<SearchEventRecord> {
  const sourceId = text(f.pickIn(F.id));
  const issues = new RowIssues(line, sourceId ?? undefined);
  const occurredAt = parseTimestamp(f.pickIn(F.createdAt), 'createdAt', issues, now);
  if (!occurredAt && !issues.errors.some((e) => e.field === 'createdAt')) issues.add('createdAt', 'missing date');

  const rawCategory = f.pickIn(F.category);
  const firstCategory = typeof rawCategory === 'string' && rawCategory.includes('|') ? rawCategory.split('|')[0] : rawCategory;
  const category = firstCategory === undefined ? null : categoryOf(firstCategory);
  if (firstCategory !== undefined && !category) issues.add('category', `unknown category "${String(firstCategory)}"`);

  const rawGeoType = f.pickIn(F.geoType);
  const geoType =
    rawGeoType === undefined ? 'unknown' : parseEnum(rawGeoType, 'location.geoType', issues, GEO_TYPES, { allowed: GEO_ALLOWED });
  const territory = resolveSearchTerritory(f, geoType ?? 'unknown', geo, issues);
  const resultCount = parseCount(f.pickIn(F.nbResults), 'nbResults', issues);
  if (resultCount === null && !issues.errors.some((e) => e.field === 'nbResults')) issues.add('nbResults', 'missing result count');

  const status = text(f.pickIn(F.status));
  const origin = text(f.pickIn(F.origin));
  const words = text(f.pickIn(F.words));
  const userTerritory = text(f.pickIn(F.territory));
  return issues.result(() => ({
    sourceId,
    occurredAt: occurredAt!,
    categoryId: category?.categoryId ?? null,
    themeId: category?.themeId ?? null,
    searchType: words ? words.slice(0, 120) : null,
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
  const lat = parseNumber(Array.isArray(coords) ? coords[1] : f.pickIn(F.lat), 'location.coordinates', issues);
  const lon = parseNumber(Array.isArray(coords) ? coords[0] : f.pickIn(F.lon), 'location.coordinates', issues);
  const deptRaw = text(f.pickIn(F.departmentCode));
  const regionRaw = text(f.pickIn(F.regionCode));
  if (deptRaw && !geo.isDepartment(deptRaw))
    issues.add('location.departmentCode', `invalid territory code: department "${deptRaw}" does not exist`);
  if (regionRaw && !geo.isRegion(regionRaw))
    issues.add('location.regionCode', `invalid territory code: region "${regionRaw}" does not exist`);

  if (geoType !== 'department' && geoType !== 'region') {
    const m = geo.resolve({ cityCode, postalCode, lat, lon, departmentCode: deptRaw });
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

import { lookupCategory } from '../category.js';
import { normaliseDepartmentCode, type GeoResolver } from '../geo-resolver.js';
import { readCsv } from '../io/csv.js';
import type { TextSource } from '../io/source.js';
import type { ParsedRow, SearchEventRecord, SearchGeoType, SearchOrigin, SearchUserStatus } from '../records.js';
import { RowIssues, unreadable, type ParseOptions } from '../validation.js';
import { isoTimestamp, normaliseLabel, parseBoolean, parseCount, parseDate, parseEnum, parseNumber, text } from '../values.js';
import { isDoc, readMongoDocuments } from './common.js';
import { csvFields, jsonFields, type FieldSource } from './fields.js';

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
export async function* parseSoliguideSearches(source: TextSource, options: SearchParseOptions): AsyncGenerator<ParsedRow<SearchEventRecord>> {
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
  for await (const item of readCsv(source)) {
    if (item.kind === 'error') yield unreadable(item.line, item.reason);
    else if (item.kind === 'row') yield mapSearch(csvFields(item.values), item.line, options.geo, now);
  }
}

function mapSearch(f: FieldSource, line: number, geo: GeoResolver, now: Date): ParsedRow<SearchEventRecord> {
  const sourceId = text(f.pick('_id', 'id'));
  const issues = new RowIssues(line, sourceId ?? undefined);
  const occurred = parseDate(f.pick('createdAt', 'created_at', 'date'), 'createdAt', issues, now);
  if (!occurred && !issues.errors.some((e) => e.field === 'createdAt')) issues.add('createdAt', 'missing date');

  const rawCategory = f.pick('category', 'categorie', 'categories.0', 'categories');
  const firstCategory = typeof rawCategory === 'string' && rawCategory.includes('|') ? rawCategory.split('|')[0] : rawCategory;
  const category = firstCategory === undefined ? null : lookupCategory(firstCategory);
  if (firstCategory !== undefined && !category) issues.add('category', `unknown category "${String(firstCategory)}"`);

  const rawGeoType = f.pick('location.geoType', 'geoType', 'geo_type');
  const geoType = rawGeoType === undefined ? 'unknown' : parseEnum(rawGeoType, 'location.geoType', issues, GEO_TYPES, { allowed: GEO_ALLOWED });
  const territory = resolveSearchTerritory(f, geoType ?? 'unknown', geo, issues);
  const resultCount = parseCount(f.pick('nbResults', 'nb_results', 'results'), 'nbResults', issues);
  if (resultCount === null && !issues.errors.some((e) => e.field === 'nbResults')) issues.add('nbResults', 'missing result count');

  const status = text(f.pick('userData.status', 'user_status', 'status'));
  const origin = text(f.pick('userData.origin', 'origin'));
  const words = text(f.pick('word', 'searchText', 'search_text', 'searchType', 'search_type'));
  const userTerritory = text(f.pick('userData.territory', 'territory'));
  return issues.result(() => ({
    sourceId,
    occurredAt: isoTimestamp(occurred)!,
    categoryId: category?.categoryId ?? null,
    themeId: category?.themeId ?? null,
    searchType: words ? words.slice(0, 120) : null,
    geoType: geoType ?? 'unknown',
    ...territory,
    resultCount: resultCount!,
    userStatus: status ? (USER_STATUS[normaliseLabel(status).replace(/ /g, '_')] ?? 'unknown') : 'unknown',
    origin: origin ? (ORIGINS[normaliseLabel(origin).replace(/ /g, '_')] ?? 'unknown') : 'unknown',
    language: text(f.pick('userData.language', 'language', 'lang'))?.toLowerCase() ?? null,
    adminSearch: parseBoolean(f.pick('adminSearch', 'admin_search')) ?? false,
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
  const geoValue = text(f.pick('location.geoValue', 'geoValue', 'geo_value'));
  const cityCode = text(f.pick('location.cityCode', 'cityCode', 'city_code', 'commune_code'));
  const postalCode = text(f.pick('location.postalCode', 'postalCode', 'postal_code')) ?? (geoType === 'postal_code' && geoValue && /^\d{5}$/.test(geoValue) ? geoValue : null);
  const coords = f.pick('location.coordinates');
  const lat = parseNumber(Array.isArray(coords) ? coords[1] : f.pick('location.lat', 'lat', 'latitude'), 'location.coordinates', issues);
  const lon = parseNumber(Array.isArray(coords) ? coords[0] : f.pick('location.lon', 'lon', 'longitude'), 'location.coordinates', issues);
  const deptRaw = text(f.pick('location.departmentCode', 'departmentCode', 'department_code'));
  const regionRaw = text(f.pick('location.regionCode', 'regionCode', 'region_code'));
  if (deptRaw && !geo.isDepartment(deptRaw)) issues.add('location.departmentCode', `invalid territory code: department "${deptRaw}" does not exist`);
  if (regionRaw && !geo.isRegion(regionRaw)) issues.add('location.regionCode', `invalid territory code: region "${regionRaw}" does not exist`);

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

import type { GeoResolver, RowError, SearchEventRecord, SearchGeoType } from '@vigie/ingest-domain';
import { resolveCategory } from '@vigie/taxonomy';

/** One search as sent to POST /api/ingest/search-events (Vigie live format v1). No personal data. */
export interface LiveSearchEvent {
  id?: string;
  occurredAt: string;
  category?: string | number | null;
  geoType?: SearchGeoType;
  communeCode?: string | null;
  postalCode?: string | null;
  departmentCode?: string | null;
  regionCode?: string | null;
  lat?: number | null;
  lon?: number | null;
  resultCount: number;
  userStatus?: 'pro' | 'public' | 'admin' | 'unknown';
  origin?: 'web' | 'widget' | 'api' | 'mobile' | 'unknown';
  language?: string | null;
  adminSearch?: boolean;
}

/**
 * Normalises a live event: category resolved through the Soliguide taxonomy (legacy ids too), place
 * resolved to the finest known territory. Returns the record, or the reasons it is refused.
 */
export function normaliseLiveEvent(
  e: LiveSearchEvent,
  index: number,
  batchKey: string,
  geo: GeoResolver,
  now: Date,
  hashId: (id: string) => string = (id) => id,
): { record: SearchEventRecord } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const line = index + 1;
  const at = new Date(e.occurredAt);
  if (Number.isNaN(at.getTime())) errors.push({ line, field: 'occurredAt', reason: `"${e.occurredAt}" is not a date` });
  else if (at.getTime() > now.getTime() + 5 * 60_000) errors.push({ line, field: 'occurredAt', reason: 'date in the future' });
  let categoryId: string | null = null;
  let themeId: string | null = null;
  if (e.category !== undefined && e.category !== null && e.category !== '') {
    const c = resolveCategory(e.category);
    if (!c) errors.push({ line, field: 'category', reason: `unknown category "${e.category}"` });
    else {
      categoryId = c.categoryId;
      themeId = c.themeId;
    }
  }
  const match = geo.resolve({
    cityCode: e.communeCode,
    postalCode: e.postalCode,
    lat: e.lat,
    lon: e.lon,
    departmentCode: e.departmentCode,
  });
  let departmentCode = match?.departmentCode ?? null;
  let regionCode = match?.regionCode ?? null;
  if (!match && e.departmentCode) {
    if (geo.isDepartment(e.departmentCode)) {
      departmentCode = e.departmentCode;
      regionCode = geo.regionOfDepartment(e.departmentCode);
    } else errors.push({ line, field: 'departmentCode', reason: `unknown department "${e.departmentCode}"` });
  }
  if (!match && !departmentCode && e.regionCode) {
    if (geo.isRegion(e.regionCode)) regionCode = e.regionCode;
    else errors.push({ line, field: 'regionCode', reason: `unknown region "${e.regionCode}"` });
  }
  if (errors.length) return { errors };
  const geoType: SearchGeoType =
    e.geoType ??
    (match
      ? match.method === 'position'
        ? 'position'
        : match.method === 'postal_code'
          ? 'postal_code'
          : 'commune'
      : departmentCode
        ? 'department'
        : regionCode
          ? 'region'
          : 'unknown');
  return {
    record: {
      // the sender's id is free text (it may hold an e-mail or an IP): stored only as a keyed hash (HMAC)
      sourceId: e.id ? `live:h:${hashId(e.id)}` : `live:${batchKey}:${index}`,
      occurredAt: at.toISOString(),
      categoryId,
      themeId,
      searchType: null,
      geoType,
      communeCode: match?.communeCode ?? null,
      departmentCode,
      regionCode,
      resultCount: e.resultCount,
      userStatus: e.userStatus ?? 'unknown',
      origin: e.origin ?? 'api',
      language: e.language ?? null,
      adminSearch: e.adminSearch ?? false,
    },
  };
}

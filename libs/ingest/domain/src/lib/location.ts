import type { GeoResolver } from './geo-resolver.js';
import { normaliseDepartmentCode } from './geo-resolver.js';
import type { Location } from './records.js';
import { parseNumber, text } from './values.js';
import type { RowIssues } from './validation.js';

/** Geocoder fallbacks that mean "somewhere in France", not a place: the centre of France, and 0,0. */
const PLACEHOLDER_POINTS: readonly [number, number][] = [
  [46.227638, 2.213749],
  [0, 0],
];

export interface RawLocation {
  lat?: unknown;
  lon?: unknown;
  cityCode?: unknown;
  postalCode?: unknown;
  departmentCode?: unknown;
  address?: unknown;
  city?: unknown;
  country?: unknown;
}

/** Field names to blame in errors, as they appear in the input. */
export interface LocationFields {
  lat: string;
  lon: string;
  cityCode: string;
}

/**
 * Builds a {@link Location}: validates the point (ranges; placeholder points dropped), resolves the
 * commune with the resolver, and fills the department. Records "missing coordinates and no
 * resolvable commune" when neither a point nor a commune is known.
 */
export function resolveLocation(raw: RawLocation, geo: GeoResolver, issues: RowIssues, fields: LocationFields): Location {
  let lat = parseNumber(raw.lat, fields.lat, issues);
  let lon = parseNumber(raw.lon, fields.lon, issues);
  if (lat !== null && (lat < -90 || lat > 90)) {
    issues.add(fields.lat, `latitude out of range: ${lat}`);
    lat = null;
  }
  if (lon !== null && (lon < -180 || lon > 180)) {
    issues.add(fields.lon, `longitude out of range: ${lon}`);
    lon = null;
  }
  const outOfRange = issues.errors.some((e) => e.reason.includes('out of range'));
  if (outOfRange) lat = lon = null;
  else if ((lat === null) !== (lon === null)) {
    issues.add(lat === null ? fields.lat : fields.lon, 'latitude and longitude must be given together');
    lat = lon = null;
  }
  if (lat !== null && lon !== null && PLACEHOLDER_POINTS.some(([a, b]) => Math.abs(lat! - a) < 1e-6 && Math.abs(lon! - b) < 1e-6)) {
    lat = lon = null;
  }
  const cityCode = text(raw.cityCode);
  const postalCode = text(raw.postalCode);
  const dept = text(raw.departmentCode);
  const m = geo.resolve({ cityCode, postalCode, lat, lon, departmentCode: dept });
  if (lat === null && !m) {
    const given = [cityCode && `commune code "${cityCode}"`, postalCode && `postal code "${postalCode}"`].filter(Boolean).join(', ');
    issues.add(fields.cityCode, `missing coordinates and no resolvable commune${given ? ` (${given} unknown)` : ''}`);
  }
  return {
    lat,
    lon,
    communeCode: m?.communeCode ?? null,
    departmentCode: m?.departmentCode ?? (dept && geo.isDepartment(dept) ? normaliseDepartmentCode(dept) : null),
    postalCode,
    address: text(raw.address),
    city: text(raw.city),
    country: (text(raw.country) ?? 'fr').toLowerCase(),
  };
}

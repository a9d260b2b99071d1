import type { GeoResolver } from '@vigie/ingest-domain';

/** A point farther than this from the centre of the commune its row states, and nearer a commune of another department, is refused. */
export const PLACE_TOLERANCE_METERS = 10_000;

function meters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Row check of every uploaded file: a record whose coordinates contradict the commune it states is rejected
 * (never stored in the stated commune's department at a point elsewhere: "commune 95127" with the coordinates of
 * Paris would have put a Paris point in the Val-d'Oise, inside a Val-d'Oise coordinator's scope). Contradiction:
 * the point is more than 10 km from the stated commune's centre and its nearest commune centre lies in
 * another department. Records without a point or without a commune pass.
 */
export function placeCheck(geo: GeoResolver): (record: unknown) => string | null {
  return (record) => {
    const loc = (record as { location?: { lat?: unknown; lon?: unknown; communeCode?: unknown } } | null)?.location;
    if (!loc || typeof loc.lat !== 'number' || typeof loc.lon !== 'number' || typeof loc.communeCode !== 'string') return null;
    const stated = geo.commune(loc.communeCode);
    if (!stated) return null;
    const d = meters(loc.lat, loc.lon, stated.lat, stated.lon);
    if (d <= PLACE_TOLERANCE_METERS) return null;
    const near = geo.nearestCommune(loc.lat, loc.lon, Infinity);
    if (!near || near.commune.departmentCode === stated.departmentCode) return null;
    return (
      `the coordinates (${loc.lat}, ${loc.lon}) are ${Math.round(d / 1000)} km from commune ${stated.code} (department ${stated.departmentCode}), ` +
      `near commune ${near.commune.code} (department ${near.commune.departmentCode}): row rejected, fix the commune or the coordinates`
    );
  };
}

/** Both checks: the first reason wins. */
export function bothChecks(
  a: (record: unknown) => string | null,
  b: ((record: unknown) => string | null) | undefined,
): (record: unknown) => string | null {
  return b ? (r) => a(r) ?? b(r) : a;
}

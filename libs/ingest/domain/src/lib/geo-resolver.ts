import { PointIndex } from '@vigie/coverage-engine';

/** A commune as the resolver needs it: current INSEE code, parents and centroid. */
export interface GeoCommune {
  code: string;
  departmentCode: string;
  regionCode: string;
  lat: number;
  lon: number;
  /** Used to choose among the communes of a shared postal code when no position is known. */
  population?: number;
  /** Official name: chooses among the communes of a shared postal code when the row names its city. */
  name?: string;
}

export interface GeoResolverInput {
  communes: readonly GeoCommune[];
  postalCodes: readonly { postalCode: string; communeCode: string }[];
  /** Former codes, communes déléguées/associées, municipal arrondissements → current commune code. */
  aliases: readonly { alias: string; communeCode: string }[];
  /** Radius of the centroid fallback, metres (default 20 km). */
  maxCentroidMeters?: number;
}

/** What a row says about where it is; every field is optional. */
export interface GeoQuery {
  cityCode?: string | null;
  postalCode?: string | null;
  lat?: number | null;
  lon?: number | null;
  /** When given, a city code from another department is not trusted. */
  departmentCode?: string | null;
  /** City name as written ("Saint-Jean-de-Boiseau", "ST JEAN DE BOISEAU"): picks among a shared postal code's communes. */
  city?: string | null;
}

/** A city name compared loosely: accents, case, punctuation, "Saint"/"St", leading article ignored. */
export function cityKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(ste)\b/g, 'sainte')
    .replace(/\b(st)\b/g, 'saint')
    .replace(/\bcedex( \d+)?\b/g, '')
    .replace(/^(le|la|les|l) /, '')
    .trim();
}

export type GeoMethod = 'code' | 'alias' | 'postal_code' | 'position';

export interface GeoMatch {
  communeCode: string;
  departmentCode: string;
  regionCode: string;
  method: GeoMethod;
  /** For `position`: distance to the chosen centroid. */
  meters?: number;
}

export interface GeoResolver {
  /** The commune of a row, or null when nothing resolves. See {@link createGeoResolver} for the order. */
  resolve(query: GeoQuery): GeoMatch | null;
  /** Current code of a commune code (itself, or the commune an alias now belongs to), or null. */
  currentCommuneCode(code: string): string | null;
  commune(code: string): GeoCommune | null;
  /** Current communes served by a postal code (sorted by code). */
  communesOfPostalCode(postalCode: string): string[];
  /** Nearest commune centroid within `maxMeters` (default: the resolver's radius). */
  nearestCommune(lat: number, lon: number, maxMeters?: number): { commune: GeoCommune; meters: number } | null;
  isDepartment(code: string): boolean;
  isRegion(code: string): boolean;
  regionOfDepartment(departmentCode: string): string | null;
}

/** '2a' → '2A', '1' → '01', ' 75 ' → '75'; other strings upper-cased and trimmed. */
export function normaliseDepartmentCode(raw: string): string {
  const s = raw.trim().toUpperCase();
  return /^\d$/.test(s) ? `0${s}` : s;
}

/** Upper-cases and left-pads a commune or postal code given as a number ("1001" → "01001"). */
export function normaliseFiveCharCode(raw: string): string {
  const s = raw.trim().toUpperCase();
  return /^\d{4}$/.test(s) ? `0${s}` : s;
}

/**
 * Builds a resolver from the geography tables (the API loads them from the database).
 *
 * Resolution order:
 * 1. `cityCode`: a current INSEE code, or an alias mapped to its current commune (former code,
 *    commune déléguée, Paris/Lyon/Marseille arrondissement). It is *not* trusted when the row's
 *    postal code is known and does not serve that commune, or when it lies in another department
 *    than `departmentCode`: exports often put the postal code in the INSEE column (the Soliguide test
 *    database does: `cityCode: "75003"`).
 * 2. `postalCode`: its only commune; when it serves several, the one named by `city` (when the
 *    communes have names), else the one whose centroid is nearest to lat/lon when given, else the most
 *    populated, else the first by code.
 * 3. lat/lon: the commune whose **centroid** is nearest, within `maxCentroidMeters` (20 km). This is
 *    an approximation: near a boundary the nearest centroid can be the neighbouring commune's.
 */
const NONE: readonly string[] = [];

export function createGeoResolver(input: GeoResolverInput): GeoResolver {
  const maxMeters = input.maxCentroidMeters ?? 20_000;
  const communes = new Map(input.communes.map((c) => [c.code, c]));
  const aliases = new Map<string, string>();
  for (const a of input.aliases) if (communes.has(a.communeCode) && !communes.has(a.alias)) aliases.set(a.alias, a.communeCode);
  const byPostal = new Map<string, string[]>();
  for (const p of input.postalCodes) {
    const current = communes.has(p.communeCode) ? p.communeCode : aliases.get(p.communeCode);
    if (!current) continue;
    const list = byPostal.get(p.postalCode) ?? [];
    if (!list.includes(current)) list.push(current);
    byPostal.set(p.postalCode, list);
  }
  for (const list of byPostal.values()) list.sort();
  const regionOfDept = new Map<string, string>();
  const regions = new Set<string>();
  for (const c of input.communes) {
    regionOfDept.set(c.departmentCode, c.regionCode);
    regions.add(c.regionCode);
  }
  // When every stored code is its own normal form (the real geography), a code found as is needs no
  // normalising: the common case, on every row of a large file.
  const communesNormal = [...communes.keys()].every((c) => normaliseFiveCharCode(c) === c);
  const deptsNormal = [...regionOfDept.keys()].every((d) => normaliseDepartmentCode(d) === d);
  const normalDept = (code: string) => (deptsNormal && regionOfDept.has(code) ? code : normaliseDepartmentCode(code));
  const index = new PointIndex(input.communes.filter((c) => Number.isFinite(c.lat) && Number.isFinite(c.lon)));

  const currentCommuneCode = (code: string): string | null => {
    if (communes.has(code)) return code; // the common case: already a current, well-formed code
    const c = normaliseFiveCharCode(code);
    return communes.has(c) ? c : (aliases.get(c) ?? null);
  };
  const communesOfPostalCode = (pc: string): string[] => byPostal.get(normaliseFiveCharCode(pc)) ?? [];
  const nearestCommune = (lat: number, lon: number, max = maxMeters) => {
    const n = index.nearest(lat, lon, max);
    return n ? { commune: n.item, meters: n.meters } : null;
  };
  const match = (code: string, method: GeoMethod, meters?: number): GeoMatch => {
    const c = communes.get(code)!;
    return meters === undefined
      ? { communeCode: c.code, departmentCode: c.departmentCode, regionCode: c.regionCode, method }
      : { communeCode: c.code, departmentCode: c.departmentCode, regionCode: c.regionCode, method, meters };
  };
  const hasPoint = (q: GeoQuery): q is GeoQuery & { lat: number; lon: number } =>
    typeof q.lat === 'number' && typeof q.lon === 'number' && Number.isFinite(q.lat) && Number.isFinite(q.lon);

  return {
    currentCommuneCode,
    commune: (code) => {
      const c = currentCommuneCode(code);
      return c ? communes.get(c)! : null;
    },
    communesOfPostalCode,
    nearestCommune,
    isDepartment: (code) => regionOfDept.has(normalDept(code)),
    isRegion: (code) => regions.has(code.trim()),
    regionOfDepartment: (code) => regionOfDept.get(normalDept(code)) ?? null,
    resolve(q) {
      const postal = q.postalCode ? communesOfPostalCode(q.postalCode) : NONE;
      if (q.cityCode) {
        const raw = communesNormal && communes.has(q.cityCode) ? q.cityCode : normaliseFiveCharCode(q.cityCode);
        const current = currentCommuneCode(raw);
        const dept = q.departmentCode ? normalDept(q.departmentCode) : null;
        const consistent =
          current !== null &&
          (postal.length === 0 || postal.includes(current)) &&
          (!dept || communes.get(current)!.departmentCode === dept);
        if (consistent) return match(current, current === raw ? 'code' : 'alias');
      }
      if (postal.length === 1) return match(postal[0], 'postal_code');
      if (postal.length > 1) {
        if (q.city) {
          const key = cityKey(q.city);
          const named = postal.filter((c) => {
            const n = communes.get(c)!.name;
            return n !== undefined && cityKey(n) === key;
          });
          if (named.length === 1) return match(named[0], 'postal_code');
        }
        if (hasPoint(q)) {
          const n = index.nearest(q.lat, q.lon, Infinity, (c) => postal.includes(c.code));
          if (n) return match(n.item.code, 'postal_code');
        }
        const best = [...postal].sort((a, b) => (communes.get(b)!.population ?? 0) - (communes.get(a)!.population ?? 0))[0];
        return match(best, 'postal_code');
      }
      if (hasPoint(q)) {
        const n = nearestCommune(q.lat, q.lon);
        if (n) return match(n.commune.code, 'position', Math.round(n.meters));
      }
      return null;
    },
  };
}

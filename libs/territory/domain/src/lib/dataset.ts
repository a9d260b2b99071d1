import type { GeoJsonGeometry } from '@vigie/contracts';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Topology, Polygon, MultiPolygon } from 'topojson-specification';
import { departmentOfCommune, isValidCode } from './codes.js';
import { representativePoint } from './geometry.js';

/** One row of data/geo/communes.csv. */
export interface CommuneRecord {
  code: string;
  name: string;
  departmentCode: string;
  regionCode: string;
  epciCode: string | null;
  population: number;
  lat: number;
  lon: number;
  geometry: GeoJsonGeometry | null;
  /** Arrondissement municipal (Paris, Lyon, Marseille): its commune's code. */
  parentCode?: string | null;
  /** Paris, Lyon, Marseille: the commune is divided into arrondissements, which are the analysis units. */
  hasArrondissements?: boolean;
}

export interface AreaRecord {
  code: string;
  name: string;
  population: number;
  regionCode: string | null;
  departmentCode: string | null;
  lat: number | null;
  lon: number | null;
  geometry: GeoJsonGeometry | null;
}

export interface PostalCodeRecord {
  postalCode: string;
  communeCode: string;
}

/** A former or subordinate commune code (commune déléguée, associée, arrondissement, pre-merger code). */
export interface CommuneAliasRecord {
  alias: string;
  communeCode: string;
  kind: 'former' | 'deleguee' | 'associee' | 'arrondissement';
}

export interface TerritoryDataset {
  regions: AreaRecord[];
  departments: AreaRecord[];
  epcis: AreaRecord[];
  communes: CommuneRecord[];
  postalCodes: PostalCodeRecord[];
  aliases: CommuneAliasRecord[];
}

/** Minimal view of @etalab/decoupage-administratif records (communes.json, epci.json). */
export interface DecoupageCommune {
  code: string;
  nom: string;
  type: string;
  chefLieu?: string;
  commune?: string;
  codesPostaux?: string[];
  anciensCodes?: string[];
}
export interface DecoupageEpci {
  code: string;
  nom: string;
}

interface GeoJsonFeatureCollectionInput {
  features: { id?: string | number; properties: Record<string, unknown>; geometry: GeoJsonGeometry }[];
}

export class DatasetError extends Error {}

/** Parses communes.csv (`code,nom,departement,region,epci,population,lat,lon`). Names may be quoted. */
export function parseCommunesCsv(text: string): Omit<CommuneRecord, 'geometry'>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines.shift();
  if (header !== 'code,nom,departement,region,epci,population,lat,lon') {
    throw new DatasetError(`communes.csv: unexpected header "${header}"`);
  }
  return lines.map((line, i) => {
    const cells = splitCsvLine(line);
    if (cells.length !== 8) throw new DatasetError(`communes.csv line ${i + 2}: expected 8 fields, got ${cells.length}`);
    const [code, name, departmentCode, regionCode, epci, population, lat, lon] = cells;
    if (!isValidCode('commune', code)) throw new DatasetError(`communes.csv line ${i + 2}: invalid code "${code}"`);
    return {
      code,
      name,
      departmentCode,
      regionCode,
      epciCode: epci || null,
      population: Number(population),
      lat: Number(lat),
      lon: Number(lon),
    };
  });
}

/** RFC 4180 split of one line (no embedded newlines in this file). */
export function splitCsvLine(line: string, sep = ','): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function roundGeometry(g: GeoJsonGeometry, digits = 5): GeoJsonGeometry {
  const f = 10 ** digits;
  const r = (p: number[]) => [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: (g.coordinates as number[][][]).map((ring) => ring.map(r)) };
  return { type: 'MultiPolygon', coordinates: (g.coordinates as number[][][][]).map((p) => p.map((ring) => ring.map(r))) };
}

function weightedCentre(members: { population: number; lat: number; lon: number }[]): { lat: number; lon: number } {
  let w = 0;
  let la = 0;
  let lo = 0;
  for (const m of members) {
    const k = Math.max(m.population, 1);
    w += k;
    la += m.lat * k;
    lo += m.lon * k;
  }
  return { lat: Math.round((la / w) * 1e5) / 1e5, lon: Math.round((lo / w) * 1e5) / 1e5 };
}

/**
 * Builds the whole territorial dataset from the shipped files: communes from the CSV with their
 * TopoJSON contours, EPCI contours dissolved from their member communes, departments and regions from
 * their GeoJSON, postal codes and commune aliases from @etalab/decoupage-administratif.
 */
export function buildTerritoryDataset(input: {
  communesCsv: string;
  communesTopology: Topology;
  departments: GeoJsonFeatureCollectionInput;
  regions: GeoJsonFeatureCollectionInput;
  decoupageCommunes: DecoupageCommune[];
  decoupageEpcis: DecoupageEpci[];
  /** data/geo/arrondissements-municipaux.geojson: `{code, name, commune, population}` per arrondissement. */
  arrondissements?: GeoJsonFeatureCollectionInput;
}): TerritoryDataset {
  const rows = parseCommunesCsv(input.communesCsv);
  const communesObject = input.communesTopology.objects['communes'] as GeometryCollection<{ code: string }>;
  if (!communesObject) throw new DatasetError('communes.topojson has no "communes" object');
  const geomByCode = new Map<string, (typeof communesObject.geometries)[number]>();
  for (const g of communesObject.geometries) geomByCode.set(String(g.id ?? (g.properties as { code?: string } | undefined)?.code), g);

  const communes: CommuneRecord[] = rows.map((r) => {
    const g = geomByCode.get(r.code);
    const geometry = g
      ? (feature(input.communesTopology, g as Polygon | MultiPolygon) as unknown as { geometry: GeoJsonGeometry }).geometry
      : null;
    return { ...r, geometry: geometry ? roundGeometry(geometry) : null };
  });

  const arrondissements = buildArrondissements(input.arrondissements, communes);

  const membersBy = (key: (c: CommuneRecord) => string | null) => {
    const m = new Map<string, CommuneRecord[]>();
    for (const c of communes) {
      const k = key(c);
      if (!k) continue;
      const list = m.get(k) ?? [];
      list.push(c);
      m.set(k, list);
    }
    return m;
  };

  const epciNames = new Map(input.decoupageEpcis.map((e) => [e.code, e.nom]));
  const epcis: AreaRecord[] = [];
  for (const [code, members] of membersBy((c) => c.epciCode)) {
    const geoms = members.map((m) => geomByCode.get(m.code)).filter((g) => g !== undefined) as (Polygon | MultiPolygon)[];
    const merged = geoms.length ? (merge(input.communesTopology, geoms) as GeoJsonGeometry) : null;
    // An EPCI can straddle departments; its "department" is the one holding most of its population.
    const popByDept = new Map<string, number>();
    for (const m of members) popByDept.set(m.departmentCode, (popByDept.get(m.departmentCode) ?? 0) + m.population);
    const mainDept = [...popByDept.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const mainRegion = members.find((m) => m.departmentCode === mainDept)?.regionCode ?? null;
    epcis.push({
      code,
      name: epciNames.get(code) ?? `EPCI ${code}`,
      population: members.reduce((s, m) => s + m.population, 0),
      departmentCode: mainDept,
      regionCode: mainRegion,
      ...weightedCentre(members),
      geometry: merged ? roundGeometry(merged) : null,
    });
  }

  const communesByDept = membersBy((c) => c.departmentCode);
  const departments: AreaRecord[] = input.departments.features.map((f) => {
    const code = String(f.properties['code']);
    const members = communesByDept.get(code) ?? [];
    return {
      code,
      name: String(f.properties['nom']),
      population: members.reduce((s, m) => s + m.population, 0),
      regionCode: String(f.properties['region']),
      departmentCode: null,
      ...(members.length ? weightedCentre(members) : { lat: null, lon: null }),
      geometry: f.geometry,
    };
  });
  const communesByRegion = membersBy((c) => c.regionCode);
  const regions: AreaRecord[] = input.regions.features.map((f) => {
    const code = String(f.properties['code']);
    const members = communesByRegion.get(code) ?? [];
    return {
      code,
      name: String(f.properties['nom']),
      population: members.reduce((s, m) => s + m.population, 0),
      regionCode: null,
      departmentCode: null,
      ...(members.length ? weightedCentre(members) : { lat: null, lon: null }),
      geometry: f.geometry,
    };
  });

  const known = new Set([...communes, ...arrondissements].map((c) => c.code));
  // A commune divided into arrondissements keeps only the postal codes that none of them serves (75001 → 75101).
  const arrondissementPostal = new Set<string>();
  for (const c of input.decoupageCommunes) {
    if (c.type === 'arrondissement-municipal' && known.has(c.code)) for (const pc of c.codesPostaux ?? []) arrondissementPostal.add(pc);
  }
  const split = new Set(arrondissements.map((a) => a.parentCode));
  const postal = new Set<string>();
  const postalCodes: PostalCodeRecord[] = [];
  const aliasSeen = new Set<string>();
  const aliases: CommuneAliasRecord[] = [];
  const addAlias = (alias: string, communeCode: string, kind: CommuneAliasRecord['kind']) => {
    if (alias === communeCode || !known.has(communeCode) || known.has(alias) || aliasSeen.has(alias)) return;
    aliasSeen.add(alias);
    aliases.push({ alias, communeCode, kind });
  };
  for (const c of input.decoupageCommunes) {
    const target =
      c.type === 'commune-actuelle'
        ? c.code
        : c.type === 'arrondissement-municipal'
          ? known.has(c.code)
            ? c.code
            : c.commune
          : c.chefLieu;
    if (!target || !known.has(target)) continue;
    for (const pc of c.codesPostaux ?? []) {
      if (split.has(target) && arrondissementPostal.has(pc)) continue;
      const key = `${pc}|${target}`;
      if (!postal.has(key)) {
        postal.add(key);
        postalCodes.push({ postalCode: pc, communeCode: target });
      }
    }
    if (c.type === 'commune-actuelle') for (const old of c.anciensCodes ?? []) addAlias(old, target, 'former');
    else if (c.type === 'arrondissement-municipal') addAlias(c.code, target, 'arrondissement');
    else if (c.type === 'commune-deleguee') addAlias(c.code, target, 'deleguee');
    else if (c.type === 'commune-associee') addAlias(c.code, target, 'associee');
  }

  for (const c of communes) {
    if (departmentOfCommune(c.code) !== c.departmentCode) {
      throw new DatasetError(`commune ${c.code} is in department ${c.departmentCode}, expected ${departmentOfCommune(c.code)}`);
    }
  }
  return { regions, departments, epcis, communes: [...communes, ...arrondissements], postalCodes, aliases };
}

/**
 * The arrondissements municipaux as communes below their commune (`parentCode`), with the commune's department,
 * region and EPCI, their own contour and point (representativePoint). Their populations must add up to the
 * commune's: the commune is then flagged `hasArrondissements` (its arrondissements are the analysis units).
 */
function buildArrondissements(input: GeoJsonFeatureCollectionInput | undefined, communes: CommuneRecord[]): CommuneRecord[] {
  if (!input) return [];
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const out: CommuneRecord[] = [];
  const sums = new Map<string, number>();
  for (const f of input.features) {
    const code = String(f.properties['code']);
    const parentCode = String(f.properties['commune']);
    const parent = byCode.get(parentCode);
    if (!isValidCode('commune', code)) throw new DatasetError(`arrondissements: invalid code "${code}"`);
    if (!parent) throw new DatasetError(`arrondissement ${code}: unknown commune ${parentCode}`);
    if (byCode.has(code)) throw new DatasetError(`arrondissement ${code} is also a commune`);
    const population = Number(f.properties['population']);
    if (!Number.isInteger(population) || population < 0) throw new DatasetError(`arrondissement ${code}: bad population`);
    sums.set(parentCode, (sums.get(parentCode) ?? 0) + population);
    out.push({
      code,
      name: String(f.properties['name']),
      departmentCode: parent.departmentCode,
      regionCode: parent.regionCode,
      epciCode: parent.epciCode,
      population,
      ...representativePoint(f.geometry),
      geometry: roundGeometry(f.geometry),
      parentCode,
    });
  }
  for (const [parentCode, sum] of sums) {
    const parent = byCode.get(parentCode) as CommuneRecord;
    if (sum !== parent.population) {
      throw new DatasetError(`arrondissements of ${parentCode}: population ${sum}, the commune has ${parent.population}`);
    }
    parent.hasArrondissements = true;
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

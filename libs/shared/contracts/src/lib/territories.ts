/** Territorial levels, from the coarsest to the finest. */
export type TerritoryLevel = 'region' | 'department' | 'epci' | 'commune';

export const TERRITORY_LEVELS: readonly TerritoryLevel[] = ['region', 'department', 'epci', 'commune'];

/** Country code (ISO 3166-1 alpha-2). Vigie ships French geography; the key allows others. */
export type CountryCode = string;

/** A territory reference: codes are strings ('2A', '01', '976', EPCI SIREN '200069193'). */
export interface TerritoryRef {
  level: TerritoryLevel;
  code: string;
}

export interface TerritorySummary extends TerritoryRef {
  country: CountryCode;
  name: string;
  population: number;
}

/** Properties carried by each feature of `GET /api/territories/{level}`. */
export interface TerritoryFeatureProperties extends TerritorySummary {
  regionCode: string | null;
  departmentCode: string | null;
  epciCode: string | null;
  /** Centroid (communes) or population-weighted centre (higher levels), WGS84. */
  lat: number | null;
  lon: number | null;
}

export interface GeoJsonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface TerritoryFeature {
  type: 'Feature';
  id: string;
  properties: TerritoryFeatureProperties;
  geometry: GeoJsonGeometry | null;
}

export interface TerritoryFeatureCollection {
  type: 'FeatureCollection';
  level: TerritoryLevel;
  parent: TerritoryRef | null;
  features: TerritoryFeature[];
}

export interface TerritoryDetail extends TerritoryFeatureProperties {
  /** Ancestors from the region down to the direct parent. */
  ancestors: TerritorySummary[];
  /** Number of children per finer level (e.g. a department: EPCI and communes). */
  childCounts: Partial<Record<TerritoryLevel, number>>;
  postalCodes?: string[];
}

export interface TerritorySearchResult extends TerritorySummary {
  /** Human label with context, e.g. "Pontoise (95)". */
  label: string;
}

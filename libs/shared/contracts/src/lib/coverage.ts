import type { Count } from './searches.js';
import type { TerritoryCoverage } from './directory-coverage.js';
import type { PovertyInfo, TerritoryLevel, TerritoryRef, TerritorySummary } from './territories.js';

/** Metrics a map can show (columns of a coverage snapshot). Definitions: docs/METRICS.md. */
export type CoverageMetric =
  | 'gap_score'
  | 'services'
  | 'services_per_10k'
  | 'services_per_10k_poor'
  | 'nearest_m'
  | 'median_nearest_m'
  | 'population_beyond'
  | 'share_beyond'
  | 'accessibility'
  | 'accessibility_poor'
  | 'searches_per_10k'
  | 'zero_result_rate'
  | 'demand_pressure'
  | 'settlement_residents_beyond'
  | 'share_updated_recently'
  | 'mean_completeness';

export interface CoverageMetricInfo {
  id: CoverageMetric;
  unit: string;
  /** True when a higher value means a worse situation (colour scales and sorting follow). */
  higherIsWorse: boolean;
}

export const COVERAGE_METRICS: readonly CoverageMetricInfo[] = [
  { id: 'gap_score', unit: 'score 0–100', higherIsWorse: true },
  { id: 'services', unit: 'services', higherIsWorse: false },
  { id: 'services_per_10k', unit: 'services / 10 000 hab.', higherIsWorse: false },
  { id: 'services_per_10k_poor', unit: 'services / 10 000 hab. pauvres', higherIsWorse: false },
  { id: 'nearest_m', unit: 'm', higherIsWorse: true },
  { id: 'median_nearest_m', unit: 'm', higherIsWorse: true },
  { id: 'population_beyond', unit: 'habitants', higherIsWorse: true },
  { id: 'share_beyond', unit: '%', higherIsWorse: true },
  { id: 'accessibility', unit: 'services / 10 000 hab. (E2SFCA)', higherIsWorse: false },
  { id: 'accessibility_poor', unit: 'services / 10 000 hab. pauvres (E2SFCA)', higherIsWorse: false },
  { id: 'searches_per_10k', unit: 'recherches / 10 000 hab.', higherIsWorse: false },
  { id: 'zero_result_rate', unit: '%', higherIsWorse: true },
  { id: 'demand_pressure', unit: 'recherches / service', higherIsWorse: true },
  { id: 'settlement_residents_beyond', unit: 'habitants', higherIsWorse: true },
  { id: 'share_updated_recently', unit: '%', higherIsWorse: false },
  { id: 'mean_completeness', unit: 'score 0–100', higherIsWorse: false },
];

export type CoverageLevel = TerritoryLevel | 'country';

export interface CoverageSnapshotInfo {
  id: number;
  referenceDay: string;
  computedAt: string;
  durationMs: number | null;
}

/**
 * Why a value is null when the reason matters to the reader: `no_reachable_service`, demand pressure with searches but
 * no open service within reach (« aucun service accessible », never a ratio).
 */
export type CoverageNullReason = 'no_reachable_service';

export interface CoverageMapValue {
  code: string;
  name: string;
  /** Covered population when the territory is partly covered (see coverage). */
  population: number;
  value: number | null;
  /** Set when value is null for a reason the map should say (see CoverageNullReason). */
  reason?: CoverageNullReason | null;
  /** False when the directory is not deployed in the territory (« annuaire non déployé »): hatched, left out of rankings. */
  covered: boolean;
  /** How much of the territory the directory covers (null: no snapshot row). */
  coverage: TerritoryCoverage | null;
}

export interface CoverageMap {
  snapshot: CoverageSnapshotInfo;
  level: TerritoryLevel;
  parent: TerritoryRef | null;
  key: string;
  keyType: 'category' | 'theme';
  metric: CoverageMetric;
  unit: string;
  values: CoverageMapValue[];
  /** Directory coverage of the parent (France without one): « données pour 1 département sur 8, 10 % de la population ». */
  coverage: TerritoryCoverage | null;
}

export interface GapComponentInfo {
  /** Null when it is computed from a count hidden by statistical secrecy (docs/PRIVACY.md). */
  value: number | null;
  weight: number;
  share: number;
}

export interface GapInfo {
  score: number;
  rank: number;
  components: Record<string, GapComponentInfo>;
  explanation: { fr: string[]; en: string[] };
}

/** Every metric of a territory for one key (category or theme). */
export interface CoverageKeyProfile {
  key: string;
  keyType: 'category' | 'theme';
  label: string;
  population: number;
  services: number;
  servicesPer10k: number | null;
  servicesPer10kPoor: number | null;
  nearestMeters: number | null;
  medianNearestMeters: number | null;
  thresholdMeters: number;
  populationBeyond: number;
  shareBeyond: number | null;
  accessibility: number | null;
  /**
   * Need-weighted accessibility: the same E2SFCA with demand = poor population (services per 10,000 poor inhabitants;
   * higher levels weighted by the poor population); null where poverty is unknown (docs/METRICS.md §3).
   */
  accessibilityPoor: number | null;
  reachable: number;
  /** Counts under 11 (and the values computed from them) hidden from COPIL and funders (docs/PRIVACY.md). */
  searches: Count;
  zeroResults: Count;
  searchesPer10k: number | null;
  zeroResultRate: number | null;
  /** searches / reachable; null without searches or without any reachable service (then demandPressureReason says so). */
  demandPressure: number | null;
  demandPressureReason: CoverageNullReason | null;
  settlementSites: number;
  settlementSitesBeyond: number;
  settlementResidentsBeyond: Count;
  activeServices: number;
  shareUpdatedRecently: number | null;
  campaign: { toDo: number; started: number; finished: number };
  meanCompleteness: number | null;
  /** Null for territories the directory does not cover (left out of rankings). */
  gap: GapInfo | null;
  /** False when the directory is not deployed in the territory (its values are shown but not ranked). */
  covered: boolean;
}

export interface CoverageProfile {
  snapshot: CoverageSnapshotInfo;
  territory: TerritorySummary | { level: 'country'; code: 'FR'; country: 'FR'; name: string; population: number };
  keys: CoverageKeyProfile[];
  /** Directory coverage of the territory (null: not computed in this snapshot). */
  coverage: TerritoryCoverage | null;
  /** Poverty behind poorPopulation and the gap score's poverty component: sources, estimate flag (issue 16). */
  poverty?: PovertyInfo;
}

export interface PriorityZone {
  level: TerritoryLevel;
  code: string;
  name: string;
  key: string;
  label: string;
  population: number;
  populationBeyond: number;
  score: number;
  rank: number;
  components: Record<string, GapComponentInfo>;
  explanation: { fr: string[]; en: string[] };
  /** Always true: uncovered territories are not ranked. Partly covered ones are ranked on their covered part. */
  covered: boolean;
  coverage: TerritoryCoverage;
}

export interface PriorityList {
  snapshot: CoverageSnapshotInfo;
  level: TerritoryLevel;
  parent: TerritoryRef | null;
  theme: string | null;
  zones: PriorityZone[];
}

/** Distance class of a settlement to the nearest service of a theme: within or beyond the theme's threshold, or no service at all. */
export type SettlementDistanceClass = 'within' | 'beyond' | 'none';

export interface SettlementDistanceInfo {
  themeId: string;
  /** Metres, for admins and coordinators of the territory only; null for others (and when there is no service). */
  meters: number | null;
  thresholdMeters: number;
  beyond: boolean;
  /** The class every viewer gets (distances in metres would give the site's position back by trilateration). */
  distanceClass: SettlementDistanceClass;
}

export interface SettlementAccessItem {
  id: number;
  name: string | null;
  communeCode: string;
  communeName: string;
  departmentCode: string;
  /** Residents; null when unknown or, for COPIL and funders, under 11 (or hidden to protect one under 11). */
  population: number | null;
  /** Exact position for admins and coordinators of the territory; the commune centre for others. */
  lat: number;
  lon: number;
  precise: boolean;
  distances: SettlementDistanceInfo[];
}

export interface SettlementAccessList {
  snapshot: CoverageSnapshotInfo;
  sites: number;
  residents: Count;
  sitesBeyondAny: number;
  items: SettlementAccessItem[];
}

export interface SeasonalSeries {
  key: string;
  label: string;
  openAnyDay: number[];
  openAllWeek: number[];
  meanDailyOpen: number[];
}

export interface SeasonalView {
  snapshot: CoverageSnapshotInfo;
  territory: { level: 'country' | 'region' | 'department'; code: string };
  year: number;
  weeks: string[];
  series: SeasonalSeries[];
  forecastWeeks: string[];
  forecast: SeasonalSeries[];
}

export interface WhatIfRequest {
  lat: number;
  lon: number;
  category: string;
  /** The commune clicked or chosen (INSEE code): the point counts as inside it near its outline. */
  commune?: string;
}

/** A settlement (informal living site) that would gain access: only for viewers who may see exact sites. */
export interface WhatIfSettlement {
  communeCode: string;
  communeName: string;
  residents: number | null;
  lat: number;
  lon: number;
}

export interface WhatIfKey {
  key: string;
  /** 'category': the simulated category alone; 'theme': any service of its theme (the map's metrics). */
  keyType: 'category' | 'theme';
  label: string;
  thresholdMeters: number;
  populationGaining: number;
  /** Null for COPIL and funders: probing hypothetical services would locate the sites. */
  settlementSitesGaining: number | null;
  settlementResidentsGaining: number | null;
  communes: {
    code: string;
    name: string;
    departmentCode: string | null;
    population: number;
    gainsAccess: boolean;
    accessibilityDelta: number;
  }[];
  territories: { level: string; code: string; populationGaining: number; accessibilityDelta: number }[];
  /** Null for COPIL and funders (see settlementSitesGaining). */
  settlements: WhatIfSettlement[] | null;
}

export interface WhatIfResponse {
  snapshot: CoverageSnapshotInfo;
  request: WhatIfRequest;
  /** The commune the service would stand in (its polygon holds the point). */
  place: { code: string; name: string; departmentCode: string | null };
  keys: WhatIfKey[];
}

/** Body of the 403 of POST /api/what-if when the point is outside the viewer's territories (code 'point_outside_territory'). */
export interface WhatIfOutsideError {
  statusCode: 403;
  code: 'point_outside_territory';
  message: string;
}

/** Data freshness and quality of the records of a territory (Qualité des données). */
export interface QualityView {
  snapshot: CoverageSnapshotInfo;
  territory: { level: 'country' | 'region' | 'department'; code: string; name: string };
  activeServices: number;
  updatedRecently: number;
  shareUpdatedRecently: number | null;
  campaign: { toDo: number; started: number; finished: number };
  meanCompleteness: number | null;
  /** Places per completeness band: [0,10), [10,20) … [90,100]. */
  completenessHistogram: number[];
  byTerritory: {
    level: string;
    code: string;
    name: string;
    activeServices: number;
    shareUpdatedRecently: number | null;
    meanCompleteness: number | null;
  }[];
  /** Records to update first: oldest update first, then the most searched categories. */
  toUpdate: {
    serviceId: number;
    placeName: string;
    categoryId: string;
    categoryLabel: string;
    communeName: string | null;
    updatedAt: string | null;
    monthsSinceUpdate: number | null;
    /** Searches of the category over 12 months; null for COPIL and funders (the same counts as the search breakdowns, unprotected here). */
    categorySearches: number | null;
  }[];
  /** The same records, one line per place (fiche): its categories to update, the link to its public page and its public contact. */
  placesToUpdate?: QualityPlaceToUpdate[];
}

export interface QualityPlaceToUpdate {
  source: string;
  placeSourceId: string;
  placeName: string;
  communeName: string | null;
  categories: { id: string; label: string }[];
  /** Oldest update of its stale services; null when one was never updated. */
  updatedAt: string | null;
  monthsSinceUpdate: number | null;
  /** Public page of the fiche (Soliguide: https://soliguide.fr/fr/fiche/<lieu_id>); null when the directory has none. */
  url: string | null;
  /** Contact as the directory publishes it on the fiche. */
  phone: string | null;
  email: string | null;
  website: string | null;
}

/**
 * Inputs, configuration and output rows of the coverage engine. Plain data: the API server maps its
 * database rows onto these shapes. Days are ISO 'YYYY-MM-DD' strings; distances are great-circle
 * metres; codes are strings (INSEE '2A004', department '976', EPCI SIREN).
 */

export type Level = 'commune' | 'epci' | 'department' | 'region' | 'country';
export const LEVELS: readonly Level[] = ['commune', 'epci', 'department', 'region', 'country'];

export type KeyType = 'category' | 'theme';
export type CampaignStatus = 'TO_DO' | 'STARTED' | 'FINISHED';

/** A closed period, inclusive days; end null = closed until further notice. */
export interface ClosedPeriodInput {
  start: string;
  end: string | null;
}

/** What the completeness score looks at (see docs/METRICS.md, "Completeness"). */
export interface CompletenessInput {
  hasAddress: boolean;
  hasHours: boolean;
  /** Any public contact: phone, e-mail or website. */
  hasContact: boolean;
  hasPublics: boolean;
  /** Length of the description in characters (0 when none). */
  descriptionLength: number;
}

export interface ServiceInput {
  id: string;
  /** Place (structure) the service belongs to; defaults to the service id. */
  placeId?: string;
  lat: number;
  lon: number;
  categoryId: string;
  themeId: string;
  /**
   * false for services that do not exist for users any more (place offline, draft, permanently
   * closed). Temporary closures are closedPeriods, not this flag.
   */
  active: boolean;
  closedPeriods: readonly ClosedPeriodInput[];
  visibility: 'ALL' | 'PRO';
  /** Last human update (ISO timestamp or day), null when unknown. */
  updatedAt: string | null;
  campaignStatus: CampaignStatus | null;
  completeness: CompletenessInput;
  /** INSEE code of the commune that holds the service; when missing, the nearest commune centroid. */
  communeCode?: string | null;
}

export interface CommuneInput {
  code: string;
  lat: number;
  lon: number;
  population: number;
  departmentCode: string;
  regionCode: string;
  epciCode: string | null;
  /** Poor inhabitants (below the poverty line); wins over povertyRate. */
  poorPopulation?: number | null;
  /** Poverty rate in percent (INSEE Filosofi convention, 0–100). */
  povertyRate?: number | null;
  /**
   * Whether the directory covers the commune on the reference day (its department is declared covered; docs/METRICS.md,
   * "Directory coverage"). Default true. A higher territory with some covered communes is computed over them only.
   */
  covered?: boolean;
}

export interface SettlementInput {
  id: string;
  lat: number;
  lon: number;
  /** Residents; null = unknown (the site counts, its residents count as 0). */
  population: number | null;
  communeCode: string | null;
  open: boolean;
}

/** Searches aggregated per commune and key (a category id or a theme id) over the analysis period. */
export interface SearchAggregateInput {
  communeCode: string;
  key: string;
  count: number;
  zeroResultCount: number;
}

/** A distance band of the E2SFCA weight function: distances ≤ maxMeters (and above the previous band) get weight. */
export interface DistanceBand {
  maxMeters: number;
  weight: number;
}

export interface GapWeights {
  beyond: number;
  accessibility: number;
  demand: number;
  zeroResults: number;
  settlements: number;
  poverty: number;
}

export interface KeyLabel {
  fr: string;
  en: string;
  /** Noun phrase after "à plus de 10 km" in French, e.g. "d'une aide alimentaire". */
  frPhrase?: string;
  /** Noun phrase after "more than 10 km from", e.g. "food aid". */
  enPhrase?: string;
}

export interface CoverageConfig {
  /** Reference day ("today"), ISO 'YYYY-MM-DD'. */
  today: string;
  /** Access threshold per theme id, metres. */
  thresholdsByTheme: Record<string, number>;
  /** Threshold of themes not listed, metres. */
  defaultThresholdMeters: number;
  /** E2SFCA weight bands, increasing maxMeters; the last maxMeters is the catchment radius. */
  bands: readonly DistanceBand[];
  /** Count PRO-only services (visibility 'PRO') as supply. */
  includeProOnly: boolean;
  /** Themes for settlement access (water/hygiene, food, health, access to rights). */
  settlementThemes: readonly string[];
  /** "Updated recently" = updated less than this many months before today. */
  freshMonths: number;
  /** Zero-result rates on fewer searches than this are shrunk towards 0 in the gap score. */
  minSearchesForRate: number;
  gapWeights: GapWeights;
  /** Category id → theme id (to roll category searches up to themes and to list theme keys). */
  categoryTheme?: Record<string, string>;
  /** Keys to report; default: every category and theme seen in services or searches. */
  categories?: readonly string[];
  themes?: readonly string[];
  /** Labels for explanations; default the key id. Built-in phrases exist for the Soliguide themes. */
  labels?: Record<string, KeyLabel>;
  /** Roll category searches up into their theme's search count (default true). */
  rollUpSearches: boolean;
}

export const DEFAULT_CONFIG: Omit<CoverageConfig, 'today'> = {
  thresholdsByTheme: { food: 5_000, hygiene_and_wellness: 5_000, health: 10_000, counseling: 10_000 },
  defaultThresholdMeters: 10_000,
  bands: [
    { maxMeters: 5_000, weight: 1 },
    { maxMeters: 10_000, weight: 0.66 },
    { maxMeters: 20_000, weight: 0.33 },
  ],
  includeProOnly: true,
  settlementThemes: ['food', 'hygiene_and_wellness', 'health', 'counseling'],
  freshMonths: 6,
  minSearchesForRate: 20,
  gapWeights: { beyond: 0.3, accessibility: 0.2, demand: 0.15, zeroResults: 0.1, settlements: 0.15, poverty: 0.1 },
  rollUpSearches: true,
};

export interface CoverageInput {
  services: readonly ServiceInput[];
  communes: readonly CommuneInput[];
  settlements?: readonly SettlementInput[];
  searches?: readonly SearchAggregateInput[];
  config: Partial<CoverageConfig> & { today: string };
}

/**
 * One territory × key row of the dated snapshot. Commune rows give the commune's own values
 * (nearestMeters = its distance); higher levels give population-weighted mean / median.
 * null = not computable (no population, no service of that key anywhere, no poverty indicator...).
 */
export interface CoverageRow {
  level: Level;
  code: string;
  key: string;
  keyType: KeyType;
  population: number;
  /** Poor inhabitants (sum, or estimate when some communes lack the indicator); null = unknown. */
  poorPopulation: number | null;
  /** Open services located in the territory (open on the reference day). */
  services: number;
  servicesPer10k: number | null;
  servicesPer10kPoor: number | null;
  /** Commune: distance to the nearest open service; higher levels: population-weighted mean. */
  nearestMeters: number | null;
  /** Commune: same as nearestMeters; higher levels: population-weighted median. */
  medianNearestMeters: number | null;
  thresholdMeters: number;
  populationBeyond: number;
  shareBeyond: number | null;
  /** E2SFCA index, services per 10,000 inhabitants (higher levels: population-weighted mean). */
  accessibility: number | null;
  /**
   * Need-weighted E2SFCA: the same index with demand = poor population (communes with a known poverty rate), services
   * per 10,000 poor inhabitants (higher levels: mean weighted by the poor population); null where poverty is unknown.
   */
  accessibilityPoor?: number | null;
  /** Open services within the catchment radius of at least one commune centroid of the territory. */
  reachable: number;
  searches: number;
  zeroResults: number;
  searchesPer10k: number | null;
  zeroResultRate: number | null;
  /** searches / reachable; null without searches or without any reachable service (never a ratio over 0). */
  demandPressure: number | null;
  /** Open settlements located in the territory (settlement themes only, else 0). */
  settlementSites: number;
  settlementSitesBeyond: number;
  settlementResidentsBeyond: number;
  /** Active services (open or temporarily closed) located in the territory. */
  activeServices: number;
  updatedRecently: number;
  shareUpdatedRecently: number | null;
  campaignToDo: number;
  campaignStarted: number;
  campaignFinished: number;
  /** Mean completeness score (0–100) of the active services located in the territory. */
  meanCompleteness: number | null;
  /**
   * Directory coverage (docs/METRICS.md): false when no commune of the territory is covered (its values are computed
   * over all its communes, but it is not ranked); when some are, every value above is over the covered communes only
   * (population = covered population). Rows built by hand without it count as covered.
   */
  covered?: boolean;
  /** Population of the territory, covered or not. */
  totalPopulation?: number;
  /** Covered population / totalPopulation (0–1; 1 when fully covered, 0 when uncovered). */
  coveredShare?: number;
  /** Departments with covered communes, and all departments of the territory. */
  coveredDepartments?: number;
  departments?: number;
}

export interface SettlementDistance {
  themeId: string;
  /** Great-circle metres to the nearest open service of the theme; null when the theme has none. */
  meters: number | null;
  thresholdMeters: number;
  beyond: boolean;
}

export interface SettlementAccessRow {
  id: string;
  communeCode: string;
  departmentCode: string;
  population: number | null;
  distances: SettlementDistance[];
}

export interface PlaceQualityRow {
  placeId: string;
  communeCode: string;
  services: number;
  /** 0–100 (mean over the place's active services). */
  score: number;
  criteria: { address: number; hours: number; contact: number; publics: number; description: number; freshness: number };
}

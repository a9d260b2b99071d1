import type { TerritoryLevel } from './territories.js';

export type Granularity = 'day' | 'week' | 'month';

/** A count hidden because it is below the disclosure threshold k (default 11, INSEE practice). */
export interface SuppressedCount {
  lt: number;
}
/**
 * A count of k or more hidden so that a count below k cannot be recovered from its totals or siblings
 * (secondary statistical secrecy, docs/PRIVACY.md): its value is not given, not even a bound.
 */
export interface SecretCount {
  secret: true;
}
export type Count = number | SuppressedCount | SecretCount;

/** A count that is not shown: below k (`{ lt: k }`) or hidden to protect another one (`{ secret: true }`). */
export function isSuppressed(c: Count | null | undefined): c is SuppressedCount | SecretCount {
  return typeof c === 'object' && c !== null && ('lt' in c || 'secret' in c);
}

/** "< 11" for a count below k, "secret" for a count hidden to protect another (secondary secrecy). */
export function suppressedLabel(c: SuppressedCount | SecretCount, format: (n: number) => string = String): string {
  return 'lt' in c ? `< ${format(c.lt)}` : 's';
}

export type SearchDimension = 'category' | 'theme' | 'territory' | 'status' | 'origin' | 'language' | 'results';

/** Filters shared by every search-analytics endpoint (all optional but the period). */
export interface SearchFilters {
  from: string;
  to: string;
  level?: TerritoryLevel;
  code?: string;
  category?: string;
  theme?: string;
  status?: string;
  origin?: string;
  language?: string;
}

export interface SeriesPoint {
  /** First day of the period (ISO date; weeks start on Monday). */
  period: string;
  searches: Count;
  zeroResults: Count;
  /** zeroResults / searches, null when suppressed or no search. */
  zeroResultRate: number | null;
}

export interface SearchSeries {
  granularity: Granularity;
  filters: SearchFilters;
  /** Population of the filtered territory (for per-capita rates). */
  population: number;
  current: SeriesPoint[];
  /** The same number of periods immediately before `from`. */
  previousPeriod: SeriesPoint[];
  /** The same periods one year earlier (52 weeks earlier for weekly series, to keep weekdays aligned). */
  previousYear: SeriesPoint[];
  totals: {
    searches: Count;
    zeroResults: Count;
    zeroResultRate: number | null;
    per10kInhabitants: number | null;
    previousPeriod: Count;
    previousYear: Count;
  };
  /** k used for suppression, or null when the caller may see exact small counts. */
  suppressionThreshold: number | null;
}

export interface BreakdownRow {
  key: string;
  label: string;
  searches: Count;
  zeroResults: Count;
  zeroResultRate: number | null;
  /** Share of all searches matching the filters (0–1), null when suppressed. */
  share: number | null;
  per10kInhabitants?: number | null;
}

export interface SearchBreakdown {
  by: SearchDimension;
  filters: SearchFilters;
  total: Count;
  rows: BreakdownRow[];
  suppressionThreshold: number | null;
}

export interface SearchPeak {
  period: string;
  granularity: 'month' | 'week';
  searches: number;
  /** Expected value from the trend (rolling median of the surrounding periods). */
  trend: number;
  /** (searches - trend) / trend */
  excess: number;
  /** Robust z-score: (searches - trend) / (1.4826 · MAD of the residuals). */
  score: number;
}

export interface SearchPeaks {
  filters: SearchFilters;
  method: string;
  peaks: SearchPeak[];
  series: { period: string; searches: number; trend: number }[];
}

export interface UnmetDemandRow {
  level: TerritoryLevel;
  code: string;
  name: string;
  key: string;
  label: string;
  searches: Count;
  zeroResults: Count;
  zeroResultRate: number | null;
  /** Open services of that category/theme reachable within the catchment (coverage engine). */
  reachableServices: number | null;
  /** searches / max(1, reachableServices) over the period. */
  searchesPerService: number | null;
}

export interface UnmetDemand {
  filters: SearchFilters;
  /** Level of the rows (the level below the filtered territory unless `rows=` says otherwise). */
  rowLevel: TerritoryLevel;
  /** Rows per category, or per theme at the commune level (coverage keeps commune values per theme). */
  keyType: 'category' | 'theme';
  sort: 'zero_results' | 'searches_per_service';
  /** Coverage snapshot the reachable-service counts come from (null: not computed yet). */
  snapshotId: number | null;
  rows: UnmetDemandRow[];
  suppressionThreshold: number | null;
}

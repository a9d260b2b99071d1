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

/** An inclusive range of calendar days (YYYY-MM-DD). */
export interface DayRange {
  from: string;
  to: string;
}

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
  /**
   * First day of the calendar bucket (ISO date; weeks start on Monday). For a point of a comparison series,
   * the first day of its counterpart range (`from`).
   */
  period: string;
  /** The days this point counts, inclusive: the bucket cut to the period and to today (`from` after `to` when none). */
  from: string;
  to: string;
  /** Number of days counted. */
  days: number;
  /**
   * True when the point does not count its whole bucket: a month or ISO week only partly inside the period, or
   * reaching past today. In a comparison series, true when the current point it is compared with is partial
   * (it then counts the same days). Charts and tables must show it as partial, never as a whole bucket.
   */
  partial: boolean;
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
  /**
   * Like-for-like comparisons, point by point with `current`: each point counts the same days as the current
   * point of the same index, shifted back by the length of the observed period (previous period) or to the same
   * dates one year earlier (previous year; 29 February has none).
   */
  previousPeriod: SeriesPoint[];
  previousYear: SeriesPoint[];
  /**
   * The ranges compared: `observed` = the period cut at today (the days that can hold data; null when the
   * period starts after today); `previousPeriod` = the same number of days just before; `previousYear` = the
   * same dates one year earlier. The totals count exactly these days.
   */
  ranges: { observed: DayRange | null; previousPeriod: DayRange | null; previousYear: DayRange | null };
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
  /** searches / reachableServices over the period; null when no service is reachable (reachableServices 0) or hidden. */
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

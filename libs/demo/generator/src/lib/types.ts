import type {
  ActivityRecord,
  IndicatorRecord,
  MutualAidRecord,
  SearchEventRecord,
  ServiceRecord,
  SettlementRecord,
  TargetRecord,
} from '@vigie/ingest-domain';

/** One commune of the real geography (the `communes` table or data/geo/communes.csv). */
export interface DemoCommune {
  code: string;
  name: string;
  departmentCode: string;
  regionCode: string;
  epciCode: string | null;
  population: number;
  lat: number;
  lon: number;
  /** Main postal code when the caller knows it; generated locations keep null otherwise. */
  postalCode?: string | null;
}

/**
 * - `department`: one department (default '95'), volumes proportional to its share of the national ones;
 * - `national`: ≈ 18,000 places, 60,000 services, 1.8 M searches a year;
 * - `national-x10`: load test, ×10 places, services, searches and mutual aid (settlements, indicators
 *   and deployment stay at their national size).
 */
export type DemoScale = 'department' | 'national' | 'national-x10';

export interface DemoOptions {
  scale: DemoScale;
  seed: number;
  /** Department code for scale 'department' (default '95'). Ignored otherwise. */
  department?: string;
  /** "Now" of the demo: nothing is dated after it except announced closures. */
  today: Date;
  /** Years of search history ending at `today` (default 2). */
  years?: number;
}

export interface ResolvedDemoOptions {
  scale: DemoScale;
  seed: number;
  department: string | null;
  today: Date;
  years: number;
  /** Multiplier on national volumes (1 for national, 10 for national-x10, 1 for department). */
  multiplier: number;
}

export interface DemoData {
  options: ResolvedDemoOptions;
  /** Communes in scope (the department's, or all). */
  communes: DemoCommune[];
  services: ServiceRecord[];
  settlements: SettlementRecord[];
  mutualAid: MutualAidRecord[];
  indicators: IndicatorRecord[];
  activities: ActivityRecord[];
  targets: TargetRecord[];
  /**
   * Directory coverage to declare (issue 16): the departments where the demo directory is deployed, from the day of
   * their first deployment activity (else the start of the search history). Department scale: that department only;
   * national: the deployment departments (services elsewhere are then flagged « undeclared with services »).
   */
  coverage: { departmentCode: string; from: string }[];
  /** Expected number of search events `searches()` yields (exact). */
  searchCount: number;
  /**
   * Streams the search events in chronological order, one by one (never an array: ≈ 3.6 M at national
   * scale for 2 years). Each call restarts the same deterministic sequence.
   */
  searches(): Generator<SearchEventRecord, void, undefined>;
}

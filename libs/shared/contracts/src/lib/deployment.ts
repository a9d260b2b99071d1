/**
 * Deployment follow-up (`/api/deployment/*`): KPIs against the yearly targets of a territory,
 * the activity timeline, mutual aid, and the departments that have targets.
 */

/** Where the deployment is followed: France as a whole, a region (sum of its departments) or a department. */
export type DeploymentLevel = 'national' | 'region' | 'department';

export const DEPLOYMENT_LEVELS: readonly DeploymentLevel[] = ['national', 'region', 'department'];

/** The KPIs followed against a target (the `target.metric` names, without `budget`). */
export type DeploymentMetric =
  'structures' | 'searches_per_month' | 'people_sensitised' | 'listeners_trained' | 'copil_held' | 'funds_raised';

export const DEPLOYMENT_METRICS: readonly DeploymentMetric[] = [
  'structures',
  'searches_per_month',
  'people_sensitised',
  'listeners_trained',
  'copil_held',
  'funds_raised',
];

/** on_track: progress ≥ the share of the year elapsed; behind: below it; no_target: nothing to compare with. */
export type KpiStatus = 'on_track' | 'behind' | 'no_target';

export type ActivityKindName = 'training' | 'sensitisation' | 'copil' | 'funding';

export const ACTIVITY_KINDS: readonly ActivityKindName[] = ['training', 'sensitisation', 'copil', 'funding'];

export interface DeploymentTerritory {
  level: DeploymentLevel;
  /** 'FR' for national. */
  code: string;
  name: string;
  population: number;
}

export interface DeploymentKpi {
  metric: DeploymentMetric;
  /** structures: distinct ONLINE places now; searches_per_month: average over the months counted; others: sums over the year. */
  value: number;
  /** The year's target (for a region or France: the sum of its departments' targets); null when none is set. */
  target: number | null;
  /** value / target (can exceed 1); null without a target. */
  progress: number | null;
  status: KpiStatus;
}

export interface DeploymentKpis {
  territory: DeploymentTerritory;
  year: number;
  /** Share of the year elapsed (1 for a past year, 0 for a future one): what progress is compared with. */
  expectedProgress: number;
  /** Months over which searches_per_month is averaged (the complete months of the year so far, at least 1). */
  searchMonths: number;
  /** Departments whose targets were summed (one for a department). */
  departmentsWithTargets: number;
  kpis: DeploymentKpi[];
}

export interface DeploymentActivity {
  id: number;
  kind: ActivityKindName;
  date: string;
  level: string;
  code: string;
  departmentCode: string | null;
  title: string | null;
  people: number | null;
  listeners: number | null;
  funder: string | null;
  amount: number | null;
}

export interface ActivityMonth {
  /** First day of the month, YYYY-MM-DD. */
  month: string;
  training: number;
  sensitisation: number;
  copil: number;
  funding: number;
  people: number;
  amount: number;
}

export interface DeploymentActivities {
  territory: DeploymentTerritory;
  from: string;
  to: string;
  kind: ActivityKindName | null;
  /** Number of activities in the period (items holds the 500 most recent). */
  total: number;
  /** The activities of the period, newest first (at most 500). */
  items: DeploymentActivity[];
  /** Count per kind per month, oldest first, every month of the period (zeros included). */
  months: ActivityMonth[];
}

export type MutualAidKindName = 'offer' | 'request';
export type MutualAidStatus = 'offered' | 'matched' | 'done' | 'cancelled';

export interface MutualAidCount {
  offers: number;
  requests: number;
  total: number;
}

export interface MutualAidCategoryRow extends MutualAidCount {
  category: string;
  /** Status → count (offers and requests together). */
  byStatus: Record<MutualAidStatus, number>;
}

export interface MutualAidCommuneRow extends MutualAidCount {
  code: string;
  name: string;
  population: number;
}

export interface DeploymentMutualAid {
  territory: DeploymentTerritory;
  totals: MutualAidCount & { byStatus: Record<MutualAidStatus, number> };
  byCategory: MutualAidCategoryRow[];
  byCommune: MutualAidCommuneRow[];
  /**
   * The "1 % of the population" goal: actions (every offer and request not cancelled) against 1 % of
   * the population of the territory.
   */
  onePercent: { actions: number; population: number; target: number; progress: number | null };
}

export interface DeploymentDepartment {
  code: string;
  name: string;
  regionCode: string;
  /** Mean of the KPI progress ratios (each capped at 1) over the metrics with a target. */
  progress: number | null;
  onTrack: number;
  behind: number;
  metricsWithTarget: number;
}

export interface DeploymentTerritories {
  year: number;
  /** Years that have at least one target, newest first. */
  years: number[];
  expectedProgress: number;
  departments: DeploymentDepartment[];
}

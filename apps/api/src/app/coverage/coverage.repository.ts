import { Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { Pool } from 'pg';
import type {
  CoverageKeyProfile,
  CoverageMapValue,
  CoverageMetric,
  CoverageSnapshotInfo,
  GapInfo,
  PriorityZone,
  SettlementAccessItem,
  SettlementDistanceInfo,
  TerritoryCoverage,
  TerritoryLevel,
  TerritoryRef,
} from '@vigie/contracts';
import { categoryLabel } from '@vigie/taxonomy';
import { PG_POOL } from '../database/pg-pool.js';

/** Child territories of a parent, as SQL on alias t (levels and columns from closed sets). */
function parentFilter(level: TerritoryLevel, parent: TerritoryRef | null, param: string): string {
  if (!parent) return 'true';
  if (parent.level === 'region') return `t.region_code = ${param}`;
  if (parent.level === 'department')
    return level === 'epci' ? `t.code IN (SELECT epci_code FROM commune WHERE department_code = ${param})` : `t.department_code = ${param}`;
  return `t.epci_code = ${param}`;
}

const METRIC_COLUMN: Record<CoverageMetric, string> = {
  gap_score: 'v.gap_score',
  services: 'v.services',
  services_per_10k: 'v.services_per_10k',
  services_per_10k_poor: 'v.services_per_10k_poor',
  nearest_m: 'v.nearest_m',
  median_nearest_m: 'v.median_nearest_m',
  population_beyond: 'v.population_beyond',
  share_beyond: 'v.share_beyond',
  accessibility: 'v.accessibility',
  accessibility_poor: 'v.accessibility_poor',
  searches_per_10k: 'v.searches_per_10k',
  zero_result_rate: 'v.zero_result_rate',
  demand_pressure: 'v.demand_pressure',
  settlement_residents_beyond: 'v.settlement_residents_beyond',
  share_updated_recently: 'v.share_updated_recently',
  mean_completeness: 'v.mean_completeness',
};

interface ValueRow {
  key: string;
  key_type: 'category' | 'theme';
  population: number;
  services: number;
  services_per_10k: number | null;
  services_per_10k_poor: number | null;
  nearest_m: number | null;
  median_nearest_m: number | null;
  threshold_m: number;
  population_beyond: number;
  share_beyond: number | null;
  accessibility: number | null;
  reachable: number;
  searches: number;
  zero_results: number;
  searches_per_10k: number | null;
  zero_result_rate: number | null;
  demand_pressure: number | null;
  settlement_sites: number;
  settlement_sites_beyond: number;
  settlement_residents_beyond: number;
  active_services: number;
  share_updated_recently: number | null;
  campaign_todo: number;
  campaign_started: number;
  campaign_finished: number;
  mean_completeness: number | null;
  gap_score: number | null;
  gap_rank: number | null;
  gap_components: GapInfo['components'] | null;
  explanation_fr: string[] | null;
  explanation_en: string[] | null;
  covered: boolean;
  covered_share: number;
  covered_departments: number | null;
  departments: number | null;
  total_population: string | number | null;
  accessibility_poor: number | null;
}

/** The coverage columns of a value row (snapshots before issue 16: covered, 1 of 1). */
type CoverageColumns = Pick<
  ValueRow,
  'covered' | 'covered_share' | 'covered_departments' | 'departments' | 'total_population' | 'population'
>;

/** How much of a territory the directory covers, from the coverage columns of one of its value rows. */
export function territoryCoverage(r: CoverageColumns): TerritoryCoverage {
  const share = r.covered_share ?? 1;
  return {
    status: !r.covered ? 'uncovered' : share < 1 ? 'partial' : 'covered',
    departments: r.covered_departments ?? (r.covered ? 1 : 0),
    of: r.departments ?? 1,
    populationShare: share,
    totalPopulation: r.total_population === null ? r.population : Number(r.total_population),
  };
}

/** Demand pressure is null with searches and no reachable service: « aucun service accessible », never a ratio. */
function pressureReason(r: { searches: number; reachable: number; demand_pressure: number | null }) {
  return r.demand_pressure === null && r.searches > 0 && r.reachable === 0 ? ('no_reachable_service' as const) : null;
}

/** The counts behind a territory's values, for statistical secrecy (CoverageService `disclose…`): never served as such. */
export interface RawCounts {
  searches: number;
  zero: number;
  residentsBeyond: number;
}

/** A profile row with its exact counts (the controller discloses it per viewer). */
export type RawKeyProfile = Omit<CoverageKeyProfile, 'searches' | 'zeroResults' | 'settlementResidentsBeyond'> & {
  searches: number;
  zeroResults: number;
  settlementResidentsBeyond: number;
};
export type RawMapValue = CoverageMapValue & { counts: RawCounts | null };
export type RawPriorityZone = PriorityZone & { counts: RawCounts };

function gapOf(r: ValueRow): GapInfo | null {
  return r.gap_score === null
    ? null
    : {
        score: r.gap_score,
        rank: r.gap_rank ?? 0,
        components: r.gap_components ?? {},
        explanation: { fr: r.explanation_fr ?? [], en: r.explanation_en ?? [] },
      };
}

@Injectable()
export class CoverageRepository {
  /**
   * A snapshot never changes once ready: answers are memoised per snapshot and arguments (bounded LRU),
   * so a dashboard's repeated map, profile and priority reads cost no query (~17 ms of CPU each before).
   */
  private readonly memo = new Map<string, Promise<unknown>>();

  private cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.memo.get(key);
    if (hit) {
      this.memo.delete(key);
      this.memo.set(key, hit);
      return hit as Promise<T>;
    }
    const p = compute();
    this.memo.set(key, p);
    p.catch(() => this.memo.delete(key));
    if (this.memo.size > 1000) this.memo.delete(this.memo.keys().next().value as string);
    return p;
  }

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async current(): Promise<CoverageSnapshotInfo> {
    const { rows } = await this.pool.query(
      `SELECT s.id, to_char(s.reference_day, 'YYYY-MM-DD') AS day, s.finished_at, s.duration_ms FROM coverage_current c JOIN coverage_snapshot s ON s.id = c.snapshot_id`,
    );
    if (!rows.length)
      throw new ServiceUnavailableException('coverage metrics have not been computed yet (npx vigie metrics refresh); retry in a moment');
    return {
      id: Number(rows[0].id),
      referenceDay: rows[0].day,
      computedAt: rows[0].finished_at.toISOString(),
      durationMs: rows[0].duration_ms,
    };
  }

  /** `only`: the codes the viewer may see (null: all; see TerritoryAccess.childScope). */
  map(
    snapshot: number,
    level: TerritoryLevel,
    parent: TerritoryRef | null,
    key: string,
    metric: CoverageMetric,
    only: string[] | null = null,
  ): Promise<RawMapValue[]> {
    return this.cached(JSON.stringify(['map', snapshot, level, parent, key, metric, only]), () =>
      this.mapUncached(snapshot, level, parent, key, metric, only),
    );
  }

  private async mapUncached(
    snapshot: number,
    level: TerritoryLevel,
    parent: TerritoryRef | null,
    key: string,
    metric: CoverageMetric,
    only: string[] | null,
  ): Promise<RawMapValue[]> {
    const { rows } = await this.pool.query(
      `SELECT t.code, t.name, t.population AS territory_population, ${METRIC_COLUMN[metric]} AS value, v.searches, v.zero_results,
              v.settlement_residents_beyond, v.reachable, v.demand_pressure, v.population, v.covered, v.covered_share, v.covered_departments,
              v.departments, v.total_population
       FROM ${level} t
       LEFT JOIN coverage_value v ON v.snapshot_id = $1 AND v.level = $2 AND v.key = $3 AND v.code = t.code
       WHERE t.country = 'FR' AND ($4::text[] IS NULL OR t.code = ANY($4)) AND ${parentFilter(level, parent, '$5')}${level === 'commune' ? ' AND NOT t.has_arrondissements' : ''}
       ORDER BY t.code`,
      parent ? [snapshot, level, key, only, parent.code] : [snapshot, level, key, only],
    );
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      // The covered population of a partly covered territory (its values are over that part).
      population: r.covered && r.covered_share < 1 ? r.population : r.territory_population,
      value: r.value,
      reason: metric === 'demand_pressure' && r.searches !== null ? pressureReason(r) : null,
      covered: r.covered ?? true,
      coverage: r.searches === null ? null : territoryCoverage(r),
      counts: r.searches === null ? null : { searches: r.searches, zero: r.zero_results, residentsBeyond: r.settlement_residents_beyond },
    }));
  }

  /** The counts of one territory and key (the margin of a map of its children), null when not computed. */
  async counts(snapshot: number, level: string, code: string, key: string): Promise<RawCounts | null> {
    const { rows } = await this.pool.query(
      `SELECT searches, zero_results, settlement_residents_beyond FROM coverage_value WHERE snapshot_id = $1 AND level = $2 AND code = $3 AND key = $4`,
      [snapshot, level, code, key],
    );
    const r = rows[0];
    return r ? { searches: r.searches, zero: r.zero_results, residentsBeyond: r.settlement_residents_beyond } : null;
  }

  /** Directory coverage of a territory in a snapshot (its value rows all carry it), null when it has none. */
  coverage(snapshot: number, level: string, code: string): Promise<TerritoryCoverage | null> {
    return this.cached(JSON.stringify(['coverage', snapshot, level, code]), async () => {
      const { rows } = await this.pool.query<CoverageColumns>(
        `SELECT population, covered, covered_share, covered_departments, departments, total_population
         FROM coverage_value WHERE snapshot_id = $1 AND level = $2 AND code = $3 LIMIT 1`,
        [snapshot, level, code],
      );
      return rows[0] ? territoryCoverage(rows[0]) : null;
    });
  }

  profile(snapshot: number, level: string, code: string): Promise<RawKeyProfile[]> {
    return this.cached(JSON.stringify(['profile', snapshot, level, code]), () => this.profileUncached(snapshot, level, code));
  }

  private async profileUncached(snapshot: number, level: string, code: string): Promise<RawKeyProfile[]> {
    const { rows } = await this.pool.query<ValueRow>(
      `SELECT * FROM coverage_value WHERE snapshot_id = $1 AND level = $2 AND code = $3 ORDER BY key_type DESC, key`,
      [snapshot, level, code],
    );
    return rows.map((r) => ({
      key: r.key,
      keyType: r.key_type,
      label: categoryLabel(r.key, 'fr'),
      population: r.population,
      services: r.services,
      servicesPer10k: r.services_per_10k,
      servicesPer10kPoor: r.services_per_10k_poor,
      nearestMeters: r.nearest_m,
      medianNearestMeters: r.median_nearest_m,
      thresholdMeters: r.threshold_m,
      populationBeyond: r.population_beyond,
      shareBeyond: r.share_beyond,
      accessibility: r.accessibility,
      accessibilityPoor: r.accessibility_poor,
      reachable: r.reachable,
      searches: r.searches,
      zeroResults: r.zero_results,
      searchesPer10k: r.searches_per_10k,
      zeroResultRate: r.zero_result_rate,
      demandPressure: r.demand_pressure,
      demandPressureReason: pressureReason(r),
      settlementSites: r.settlement_sites,
      settlementSitesBeyond: r.settlement_sites_beyond,
      settlementResidentsBeyond: r.settlement_residents_beyond,
      activeServices: r.active_services,
      shareUpdatedRecently: r.share_updated_recently,
      campaign: { toDo: r.campaign_todo, started: r.campaign_started, finished: r.campaign_finished },
      meanCompleteness: r.mean_completeness,
      gap: gapOf(r),
      covered: r.covered,
    }));
  }

  priorities(
    snapshot: number,
    level: TerritoryLevel,
    parent: TerritoryRef | null,
    theme: string | null,
    limit: number,
    only: string[] | null = null,
  ): Promise<RawPriorityZone[]> {
    return this.cached(JSON.stringify(['priorities', snapshot, level, parent, theme, limit, only]), () =>
      this.prioritiesUncached(snapshot, level, parent, theme, limit, only),
    );
  }

  private async prioritiesUncached(
    snapshot: number,
    level: TerritoryLevel,
    parent: TerritoryRef | null,
    theme: string | null,
    limit: number,
    only: string[] | null,
  ): Promise<RawPriorityZone[]> {
    const { rows } = await this.pool.query(
      `SELECT v.*, t.name FROM coverage_value v JOIN ${level} t ON t.country = 'FR' AND t.code = v.code
       WHERE v.snapshot_id = $1 AND v.level = $2 AND v.key_type = 'theme' AND ($3::text IS NULL OR v.key = $3) AND v.gap_score > 0 AND v.covered
         AND ($5::text[] IS NULL OR t.code = ANY($5)) AND ${parentFilter(level, parent, '$6')}
       ORDER BY v.gap_score DESC, v.population_beyond DESC LIMIT $4`,
      parent ? [snapshot, level, theme, limit, only, parent.code] : [snapshot, level, theme, limit, only],
    );
    return rows.map((r) => ({
      level,
      code: r.code,
      name: r.name,
      key: r.key,
      label: categoryLabel(r.key, 'fr'),
      population: r.population,
      populationBeyond: r.population_beyond,
      score: r.gap_score,
      rank: r.gap_rank,
      components: r.gap_components ?? {},
      explanation: { fr: r.explanation_fr ?? [], en: r.explanation_en ?? [] },
      covered: r.covered,
      coverage: territoryCoverage(r),
      counts: { searches: r.searches, zero: r.zero_results, residentsBeyond: r.settlement_residents_beyond },
    }));
  }

  /**
   * Settlements with distances; exact coordinates, names and distances in metres only when
   * `precise(departmentCode)` says so: others get the commune centre and distance classes (docs/PRIVACY.md).
   */
  async settlements(
    snapshot: number,
    level: TerritoryLevel | null,
    code: string | null,
    precise: (departmentCode: string) => boolean,
  ): Promise<SettlementAccessItem[]> {
    const filter = !level
      ? 'true'
      : level === 'region'
        ? 's.region_code = $2'
        : level === 'department'
          ? 's.department_code = $2'
          : level === 'epci'
            ? 'c.epci_code = $2'
            : 's.commune_code = $2';
    const { rows } = await this.pool.query(
      `SELECT s.id, s.name, s.lat, s.lon, cs.commune_code, c.name AS commune_name, c.lat AS clat, c.lon AS clon, cs.department_code, cs.population, cs.distances
       FROM coverage_settlement cs JOIN settlement s ON s.id = cs.settlement_id JOIN commune c ON c.country = 'FR' AND c.code = cs.commune_code
       WHERE cs.snapshot_id = $1 AND ${filter} ORDER BY cs.population DESC NULLS LAST, s.id`,
      level ? [snapshot, code] : [snapshot],
    );
    return rows.map((r) => {
      const exact = precise(r.department_code);
      return {
        id: Number(r.id),
        name: exact ? r.name : null,
        communeCode: r.commune_code,
        communeName: r.commune_name,
        departmentCode: r.department_code,
        population: r.population,
        lat: exact ? r.lat : r.clat,
        lon: exact ? r.lon : r.clon,
        precise: exact,
        distances: (r.distances as Omit<SettlementDistanceInfo, 'distanceClass'>[]).map((d) => ({
          themeId: d.themeId,
          meters: exact ? d.meters : null,
          thresholdMeters: d.thresholdMeters,
          beyond: d.beyond,
          distanceClass: d.meters === null ? ('none' as const) : d.beyond ? ('beyond' as const) : ('within' as const),
        })),
      };
    });
  }

  async seasonal(snapshot: number): Promise<{ year: number; weekly: SeasonalJson; forecast: SeasonalJson }> {
    const { rows } = await this.pool.query(`SELECT seasonal FROM coverage_snapshot WHERE id = $1`, [snapshot]);
    if (!rows[0]?.seasonal) throw new NotFoundException('no seasonal series in this snapshot');
    return rows[0].seasonal;
  }
}

export interface SeasonalJson {
  weeks: { label: string; start: string }[];
  rows: { level: string; code: string; key: string; openAllWeek: number[]; openAnyDay: number[]; meanDailyOpen: number[] }[];
}

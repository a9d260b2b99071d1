import type { Clock } from '@vigie/calendar';
import { InjectClock } from '../calendar/clock.js';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import {
  ACTIVITY_KINDS,
  type ActivityKindName,
  type ActivityMonth,
  type DeploymentActivities,
  type DeploymentDepartment,
  type DeploymentKpi,
  type DeploymentKpis,
  type DeploymentMetric,
  DEPLOYMENT_METRICS,
  type DeploymentMutualAid,
  type DeploymentTerritories,
  type DeploymentTerritory,
  type KpiStatus,
  type MutualAidCount,
  type MutualAidStatus,
} from '@vigie/contracts';
import { isValidCode } from '@vigie/territory-domain';
import type { ActivitiesQuery, DeploymentTerritoryQuery } from './deployment.dto.js';
import { DeploymentRepository, EMPTY_VALUES, type RawValues, type Scope } from './deployment.repository.js';

const DAY_MS = 86_400_000;
const MAX_ACTIVITIES = 500;
const STATUSES: readonly MutualAidStatus[] = ['offered', 'matched', 'done', 'cancelled'];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/**
 * The calendar of a year seen from `today`: share of the year elapsed (what progress is compared
 * with), and the months over which searches are averaged (complete months; month-to-date in January).
 */
export function yearCalendar(
  year: number,
  today: Date,
): { yearStart: string; yearEnd: string; searchEnd: string; searchMonths: number; expected: number } {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year + 1}-01-01`;
  const cy = today.getUTCFullYear();
  if (year < cy) return { yearStart, yearEnd, searchEnd: yearEnd, searchMonths: 12, expected: 1 };
  if (year > cy) return { yearStart, yearEnd, searchEnd: yearStart, searchMonths: 1, expected: 0 };
  const month = today.getUTCMonth();
  const dayOfYear = Math.floor((Date.UTC(cy, month, today.getUTCDate()) - Date.UTC(cy, 0, 1)) / DAY_MS) + 1;
  const daysInYear = Math.round((Date.UTC(cy + 1, 0, 1) - Date.UTC(cy, 0, 1)) / DAY_MS);
  const searchEnd = month === 0 ? iso(utc(cy, 0, today.getUTCDate() + 1)) : iso(utc(cy, month, 1));
  return { yearStart, yearEnd, searchEnd, searchMonths: Math.max(1, month), expected: dayOfYear / daysInYear };
}

/** on_track when progress reaches the share of the year elapsed. */
export function kpiStatus(progress: number | null, expected: number): KpiStatus {
  if (progress === null) return 'no_target';
  return progress + 1e-9 >= expected ? 'on_track' : 'behind';
}

function metricValue(metric: DeploymentMetric, v: RawValues, searchMonths: number): number {
  switch (metric) {
    case 'structures':
      return v.structures;
    case 'searches_per_month':
      return Math.round((v.searches / searchMonths) * 10) / 10;
    case 'people_sensitised':
      return v.people;
    case 'listeners_trained':
      return v.listeners;
    case 'copil_held':
      return v.copil;
    case 'funds_raised':
      return Math.round(v.funds * 100) / 100;
  }
}

function kpi(metric: DeploymentMetric, value: number, target: number | undefined, expected: number): DeploymentKpi {
  const t = target === undefined ? null : target;
  const progress = t !== null && t > 0 ? value / t : null;
  return { metric, value, target: t, progress, status: kpiStatus(progress, expected) };
}

@Injectable()
export class DeploymentService {
  constructor(
    private readonly repo: DeploymentRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Today (Vigie's calendar) as a Date whose UTC fields are the Paris day's: what yearCalendar reads. */
  private today(): Date {
    return new Date(`${this.clock.today()}T00:00:00Z`);
  }

  /** Validates level + code (400) and checks that the territory exists (404). */
  async territory(q: DeploymentTerritoryQuery): Promise<{ scope: Scope; territory: DeploymentTerritory }> {
    const level = q.level ?? 'national';
    let code = q.code?.toUpperCase() ?? null;
    if (level === 'national') {
      if (code && code !== 'FR') throw new BadRequestException('national takes no code (or code=FR)');
      code = 'FR';
    } else {
      if (!code)
        throw new BadRequestException(`level=${level} needs a code (e.g. level=${level}&code=${level === 'region' ? '11' : '95'})`);
      if (!isValidCode(level, code)) throw new BadRequestException(`"${q.code}" is not a valid ${level} code`);
    }
    const scope: Scope = { level, code };
    const found = await this.repo.territory(scope);
    if (!found) throw new NotFoundException(`${level} ${code} does not exist`);
    return { scope, territory: { level, code, ...found } };
  }

  async kpis(q: DeploymentTerritoryQuery & { year?: number }): Promise<DeploymentKpis> {
    const { scope, territory } = await this.territory(q);
    const year = q.year ?? this.today().getUTCFullYear();
    const cal = yearCalendar(year, this.today());
    const [values, targets] = await Promise.all([this.repo.values(scope, cal), this.repo.targets(scope, year)]);
    const v = values.get('') ?? EMPTY_VALUES;
    return {
      territory,
      year,
      expectedProgress: cal.expected,
      searchMonths: cal.searchMonths,
      departmentsWithTargets: targets.departments,
      kpis: DEPLOYMENT_METRICS.map((m) => kpi(m, metricValue(m, v, cal.searchMonths), targets.sums[m], cal.expected)),
    };
  }

  async territories(year: number | undefined): Promise<DeploymentTerritories> {
    const y = year ?? this.today().getUTCFullYear();
    const cal = yearCalendar(y, this.today());
    const [departments, years] = await Promise.all([this.repo.departmentTargets(y), this.repo.targetYears()]);
    const values = departments.length
      ? await this.repo.values(
          { level: 'national', code: 'FR' },
          cal,
          departments.map((d) => d.code),
        )
      : new Map<string, RawValues>();
    const rows: DeploymentDepartment[] = departments.map((d) => {
      const v = values.get(d.code) ?? EMPTY_VALUES;
      const kpis = DEPLOYMENT_METRICS.map((m) => kpi(m, metricValue(m, v, cal.searchMonths), d.targets[m], cal.expected)).filter(
        (k) => k.progress !== null,
      );
      return {
        code: d.code,
        name: d.name,
        regionCode: d.regionCode,
        progress: kpis.length ? kpis.reduce((s, k) => s + Math.min(1, k.progress!), 0) / kpis.length : null,
        onTrack: kpis.filter((k) => k.status === 'on_track').length,
        behind: kpis.filter((k) => k.status === 'behind').length,
        metricsWithTarget: kpis.length,
      };
    });
    return { year: y, years, expectedProgress: cal.expected, departments: rows };
  }

  async activities(q: ActivitiesQuery): Promise<DeploymentActivities> {
    const { scope, territory } = await this.territory(q);
    const to = q.to ?? this.clock.today();
    const from = q.from ?? `${to.slice(0, 4)}-01-01`;
    for (const [name, d] of [
      ['from', from],
      ['to', to],
    ] as const) {
      const t = Date.parse(`${d}T00:00:00Z`);
      if (Number.isNaN(t) || iso(new Date(t)) !== d) throw new BadRequestException(`${name} is not a valid date: ${d}`);
    }
    if (from > to) throw new BadRequestException('from must not be after to');
    if (Date.parse(to) - Date.parse(from) > 10 * 366 * DAY_MS) throw new BadRequestException('the period cannot exceed 10 years');
    const kind = q.kind ?? null;
    const [list, monthly] = await Promise.all([
      this.repo.activities(scope, from, to, kind, MAX_ACTIVITIES),
      this.repo.activityMonths(scope, from, to, kind),
    ]);
    const byMonth = new Map<string, ActivityMonth>();
    for (let d = utc(+from.slice(0, 4), +from.slice(5, 7) - 1, 1); iso(d) <= to; d = utc(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)) {
      byMonth.set(iso(d), { month: iso(d), training: 0, sensitisation: 0, copil: 0, funding: 0, people: 0, amount: 0 });
    }
    for (const r of monthly) {
      const m = byMonth.get(r.month);
      if (!m || !(ACTIVITY_KINDS as readonly string[]).includes(r.kind)) continue;
      m[r.kind as ActivityKindName] += r.n;
      m.people += r.people;
      m.amount += r.amount;
    }
    return { territory, from, to, kind, total: list.total, items: list.items, months: [...byMonth.values()] };
  }

  async mutualAid(q: DeploymentTerritoryQuery): Promise<DeploymentMutualAid> {
    const { scope, territory } = await this.territory(q);
    const rows = await this.repo.mutualAid(scope);
    const zeroStatus = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<MutualAidStatus, number>;
    const add = (c: MutualAidCount, kind: 'offer' | 'request', n: number) => {
      if (kind === 'offer') c.offers += n;
      else c.requests += n;
      c.total += n;
    };
    const totals = { offers: 0, requests: 0, total: 0, byStatus: zeroStatus() };
    const categories = new Map<string, MutualAidCount & { category: string; byStatus: Record<MutualAidStatus, number> }>();
    const communes = new Map<string, MutualAidCount>();
    for (const r of rows) {
      add(totals, r.kind, r.n);
      totals.byStatus[r.status] = (totals.byStatus[r.status] ?? 0) + r.n;
      let c = categories.get(r.category);
      if (!c) categories.set(r.category, (c = { category: r.category, offers: 0, requests: 0, total: 0, byStatus: zeroStatus() }));
      add(c, r.kind, r.n);
      c.byStatus[r.status] = (c.byStatus[r.status] ?? 0) + r.n;
      if (r.commune) {
        let m = communes.get(r.commune);
        if (!m) communes.set(r.commune, (m = { offers: 0, requests: 0, total: 0 }));
        add(m, r.kind, r.n);
      }
    }
    const names = await this.repo.communes([...communes.keys()]);
    const actions = totals.total - totals.byStatus.cancelled;
    const target = Math.ceil(territory.population * 0.01);
    return {
      territory,
      totals,
      byCategory: [...categories.values()].sort((a, b) => b.total - a.total || a.category.localeCompare(b.category)),
      byCommune: [...communes.entries()]
        .map(([code, c]) => ({ code, name: names.get(code)?.name ?? code, population: names.get(code)?.population ?? 0, ...c }))
        .sort((a, b) => b.total - a.total || a.code.localeCompare(b.code)),
      onePercent: { actions, population: territory.population, target, progress: target > 0 ? actions / target : null },
    };
  }
}

import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  BreakdownRow,
  Granularity,
  SearchBreakdown,
  SearchDimension,
  SearchFilters,
  SearchPeaks,
  SearchSeries,
  SeriesPoint,
  TerritoryLevel,
  UnmetDemand,
} from '@vigie/contracts';
import {
  detectPeaks,
  disclose,
  enumeratePeriods,
  parseDay,
  previousPeriod,
  previousYear,
  protectRows,
  ratioIf,
  type Secrecy,
} from '@vigie/analytics-domain';
import { addMonths, type Clock, monthStart } from '@vigie/calendar';
import { categoryLabel, isCategoryId, isThemeId } from '@vigie/taxonomy';
import { isValidCode, levelRank } from '@vigie/territory-domain';
import { InjectClock } from '../calendar/clock.js';
import { suppressionFor, type Viewer } from '../common/viewer.js';
import { TerritoriesRepository } from '../territories/territories.repository.js';
import type { SearchFiltersQuery } from './searches.dto.js';
import { SearchesRepository } from './searches.repository.js';

const LABELS: Record<string, Record<string, string>> = {
  status: { pro: 'Professionnels', public: 'Grand public', admin: 'Administrateurs', unknown: 'Inconnu', '': 'Inconnu' },
  origin: { web: 'Site web', widget: 'Widget', api: 'API', mobile: 'Application mobile', unknown: 'Inconnue', '': 'Inconnue' },
  results: { '0': 'Aucun résultat', '1': '1 à 5 résultats', '2': '6 résultats et plus' },
};

@Injectable()
export class SearchesService {
  constructor(
    private readonly repo: SearchesRepository,
    private readonly territories: TerritoriesRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Today on Vigie's calendar (Europe/Paris, or the day pinned by VIGIE_TODAY). */
  today(): string {
    return this.clock.today();
  }

  /** Defaults (last 12 months), validation that the DTO cannot express, and existence of the territory. */
  async filters(q: SearchFiltersQuery): Promise<SearchFilters> {
    const to = q.to ?? this.clock.today();
    // Default: 12 calendar months, the current one included (whole months read the monthly rollups).
    const from = q.from ?? (/^\d{4}-\d{2}-\d{2}$/.test(to) ? addMonths(monthStart(to), -11) : to);
    try {
      parseDay(from);
      parseDay(to);
    } catch (e) {
      throw new BadRequestException((e as Error).message);
    }
    if (from > to) throw new BadRequestException('from must not be after to');
    if (parseDay(to).getTime() - parseDay(from).getTime() > 10 * 366 * 86_400_000)
      throw new BadRequestException('the period cannot exceed 10 years');
    if ((q.level && !q.code) || (!q.level && q.code))
      throw new BadRequestException('level and code go together (e.g. level=department&code=95)');
    const code = q.code?.toUpperCase();
    if (q.level && code) {
      if (!isValidCode(q.level, code)) throw new BadRequestException(`"${q.code}" is not a valid ${q.level} code`);
      if (!(await this.territories.exists({ level: q.level, code }))) throw new NotFoundException(`${q.level} ${code} does not exist`);
    }
    if (q.category && !isCategoryId(q.category)) throw new BadRequestException(`unknown category "${q.category}"`);
    if (q.theme && !isThemeId(q.theme)) throw new BadRequestException(`unknown theme "${q.theme}"`);
    return {
      from,
      to,
      level: q.level,
      code,
      category: q.category,
      theme: q.theme,
      status: q.status,
      origin: q.origin,
      language: q.language,
    };
  }

  /** `coordinatorOfTerritory`: the controller checked that the territory is inside the viewer's (TerritoryAccess.scope). */
  private k(viewer: Viewer, coordinatorOfTerritory: boolean): number | null {
    return suppressionFor(viewer, coordinatorOfTerritory);
  }

  /**
   * One series (current, previous period or previous year) under its totals, through the disclosure-control
   * library: points, zero-result points and the totals form one table (the points add up to the totals), so a
   * point under k can be recovered neither from the totals nor from its zero-result count (docs/PRIVACY.md).
   */
  private points(
    rows: { period: string; searches: number; zero: number }[],
    totals: { searches: number; zero: number },
    from: string,
    to: string,
    g: Granularity,
    k: number | null,
  ): { points: SeriesPoint[]; total: Secrecy; totalZero: Secrecy } {
    const by = new Map(rows.map((r) => [r.period, r]));
    const all = enumeratePeriods(from, to, g).map((period) => ({ period, ...(by.get(period) ?? { searches: 0, zero: 0 }) }));
    const sum = all.reduce((a, r) => [a[0] + r.searches, a[1] + r.zero], [0, 0]);
    const rest =
      sum[0] <= totals.searches && sum[1] <= totals.zero ? { count: totals.searches - sum[0], zero: totals.zero - sum[1] } : null;
    const p = protectRows(
      { total: totals.searches, totalZero: totals.zero, rows: all.map((r) => ({ count: r.searches, zero: r.zero })), rest },
      k,
    );
    return {
      total: p.total,
      totalZero: p.totalZero,
      points: all.map((r, i) => {
        const s = p.rows[i];
        return {
          period: r.period,
          searches: disclose(r.searches, s.count, k),
          zeroResults: disclose(r.zero, s.zero, k),
          zeroResultRate: ratioIf(k === null || (s.count === 'shown' && s.zero === 'shown'), r.zero, r.searches),
        };
      }),
    };
  }

  async series(f: SearchFilters, granularity: Granularity, viewer: Viewer, coordinatorOfTerritory = false): Promise<SearchSeries> {
    const k = this.k(viewer, coordinatorOfTerritory);
    const prev = previousPeriod(f, granularity);
    const lastYear = previousYear(f, granularity);
    const [cur, p, y, totals, pTotals, yTotals, population] = await Promise.all([
      this.repo.series(f, granularity),
      this.repo.series({ ...f, ...prev }, granularity),
      this.repo.series({ ...f, ...lastYear }, granularity),
      this.repo.totals(f),
      this.repo.totals({ ...f, ...prev }),
      this.repo.totals({ ...f, ...lastYear }),
      this.repo.populationOf(f.level, f.code),
    ]);
    const current = this.points(cur, totals, f.from, f.to, granularity, k);
    const previous = this.points(p, pTotals, prev.from, prev.to, granularity, k);
    const year = this.points(y, yTotals, lastYear.from, lastYear.to, granularity, k);
    const totalShown = k === null || current.total === 'shown';
    return {
      granularity,
      filters: f,
      population,
      current: current.points,
      previousPeriod: previous.points,
      previousYear: year.points,
      totals: {
        searches: disclose(totals.searches, current.total, k),
        zeroResults: disclose(totals.zero, current.totalZero, k),
        zeroResultRate: ratioIf(totalShown && (k === null || current.totalZero === 'shown'), totals.zero, totals.searches),
        // Per 10,000 inhabitants × the population gives the count back: published only with the count.
        per10kInhabitants: totalShown && population > 0 ? (totals.searches / population) * 10_000 : null,
        previousPeriod: disclose(pTotals.searches, previous.total, k),
        previousYear: disclose(yTotals.searches, year.total, k),
      },
      suppressionThreshold: k,
    };
  }

  async breakdown(
    f: SearchFilters,
    by: SearchDimension,
    limit: number,
    viewer: Viewer,
    coordinatorOfTerritory = false,
  ): Promise<SearchBreakdown> {
    const k = this.k(viewer, coordinatorOfTerritory);
    const child = !f.level
      ? 'region'
      : f.level === 'region'
        ? 'department'
        : f.level === 'department' || f.level === 'epci'
          ? 'commune'
          : null;
    const [rows, totals] = await Promise.all([this.repo.breakdown(f, by, child), this.repo.totals(f)]);
    const top = rows.slice(0, limit);
    const names = by === 'territory' && child ? await this.repo.names(child, top.map((r) => r.key).filter(Boolean)) : null;
    // Rows + the unlisted rest add up to the totals when the dimension partitions them (one key per search).
    const listed = top.reduce((a, r) => [a[0] + r.searches, a[1] + r.zero], [0, 0]);
    const whole = rows.reduce((a, r) => [a[0] + r.searches, a[1] + r.zero], [0, 0]);
    const partition = whole[0] === totals.searches && whole[1] === totals.zero;
    const p = protectRows(
      {
        total: totals.searches,
        totalZero: totals.zero,
        rows: top.map((r) => ({ count: r.searches, zero: r.zero })),
        rest: partition ? { count: totals.searches - listed[0], zero: totals.zero - listed[1] } : null,
      },
      k,
    );
    const totalShown = k === null || p.total === 'shown';
    const out: BreakdownRow[] = top.map((r, i) => {
      const s = p.rows[i];
      const shown = k === null || s.count === 'shown';
      const label =
        by === 'category' || by === 'theme'
          ? r.key
            ? categoryLabel(r.key, 'fr')
            : by === 'category'
              ? 'Thème entier (sans catégorie)'
              : 'Inconnu'
          : by === 'territory'
            ? (names?.get(r.key)?.name ?? (r.key ? r.key : 'Territoire non précisé'))
            : (LABELS[by]?.[r.key] ?? (r.key || 'Inconnu'));
      const row: BreakdownRow = {
        key: r.key,
        label,
        searches: disclose(r.searches, s.count, k),
        zeroResults: disclose(r.zero, s.zero, k),
        zeroResultRate: ratioIf(shown && (k === null || s.zero === 'shown'), r.zero, r.searches),
        share: ratioIf(shown && totalShown, r.searches, totals.searches),
      };
      if (by === 'territory' && names?.has(r.key)) {
        const pop = names.get(r.key)!.population;
        row.per10kInhabitants = shown && pop > 0 ? (r.searches / pop) * 10_000 : null;
      }
      return row;
    });
    return { by, filters: f, total: disclose(totals.searches, p.total, k), rows: out, suppressionThreshold: k };
  }

  /**
   * Unmet demand: territories × categories (themes at the commune level) ranked by zero-result searches or
   * by searches per service reachable in the coverage engine's catchment (docs/METRICS.md, "Unmet demand").
   */
  async unmet(
    f: SearchFilters,
    opts: { rows?: TerritoryLevel; sort?: 'zero_results' | 'searches_per_service'; limit?: number },
    viewer: Viewer,
    coordinatorOfTerritory = false,
  ): Promise<UnmetDemand> {
    const k = this.k(viewer, coordinatorOfTerritory);
    const rowLevel: TerritoryLevel = opts.rows ?? (!f.level || f.level === 'region' ? 'department' : 'commune');
    if (f.level && levelRank(rowLevel) < levelRank(f.level))
      throw new BadRequestException(`rows=${rowLevel} is coarser than the ${f.level} filtered on`);
    const keyType = rowLevel === 'commune' ? 'theme' : 'category';
    const sort = opts.sort ?? 'zero_results';
    const snapshotId = await this.repo.currentSnapshotId();
    const rows = await this.repo.unmet(f, rowLevel, keyType, sort, opts.limit ?? 50, snapshotId);
    return {
      filters: f,
      rowLevel,
      keyType,
      sort,
      snapshotId,
      suppressionThreshold: k,
      rows: rows.map((r) => {
        // Each row stands alone (a ranking, not a partition): its searches and zero-result searches, and the
        // searches with results they imply, are protected together.
        const s = protectRows({ total: r.searches, totalZero: r.zero, rows: [], rest: null }, k);
        const hidden = k !== null && s.total !== 'shown';
        return {
          level: rowLevel,
          code: r.code,
          name: r.name,
          key: r.key,
          label: categoryLabel(r.key, 'fr'),
          searches: disclose(r.searches, s.total, k),
          zeroResults: disclose(r.zero, s.totalZero, k),
          zeroResultRate: ratioIf(!hidden && (k === null || s.totalZero === 'shown'), r.zero, r.searches),
          reachableServices: r.reachable,
          searchesPerService: hidden || r.reachable === null ? null : Math.round((r.searches / Math.max(1, r.reachable)) * 100) / 100,
        };
      }),
    };
  }

  /** Peaks are ≥ 11 searches; the raw series behind them is only given to viewers who see exact counts. */
  async peaks(f: SearchFilters, granularity: 'month' | 'week', viewer: Viewer, coordinatorOfTerritory = false): Promise<SearchPeaks> {
    const k = this.k(viewer, coordinatorOfTerritory);
    const rows = await this.repo.series(f, granularity);
    const by = new Map(rows.map((r) => [r.period, r.searches]));
    const series = enumeratePeriods(f.from, f.to, granularity).map((period) => ({ period, value: by.get(period) ?? 0 }));
    const { points, peaks } = detectPeaks(series, { halfWindow: granularity === 'month' ? 6 : 8 });
    // A peak gives its exact count: only the periods the series endpoint shows exactly (same table, same secrecy).
    const shown = new Set<string>();
    if (k !== null) {
      const totals = await this.repo.totals(f);
      for (const p of this.points(rows, totals, f.from, f.to, granularity, k).points)
        if (typeof p.searches === 'number') shown.add(p.period);
    }
    return {
      filters: f,
      method:
        'Trend = rolling median of the surrounding periods (±6 months or ±8 weeks, the period itself excluded). A period is a peak when its robust z-score (residual / (1.4826 × median absolute deviation)) is at least 2.5 and it exceeds the trend by at least 15 %.',
      peaks: peaks
        .filter((p) => p.value >= 11 && (k === null || shown.has(p.period)))
        .map((p) => ({
          period: p.period,
          granularity,
          searches: p.value,
          trend: p.trend,
          excess: Math.round(p.excess * 1000) / 1000,
          score: Math.round(p.score * 100) / 100,
        })),
      series: k === null ? points.map((p) => ({ period: p.period, searches: p.value, trend: p.trend })) : [],
    };
  }
}

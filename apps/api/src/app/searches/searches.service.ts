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
  type Bucket,
  buckets,
  counterparts,
  type DayRange,
  detectPeaks,
  disclose,
  observedRange,
  periodStart,
  previousPeriod,
  previousYear,
  protectRows,
  rangesAreMonths,
  ratioIf,
  type Secrecy,
  sumOver,
} from '@vigie/analytics-domain';
import { addDays, addMonths, type Clock, daysBetween, isDay, monthStart } from '@vigie/calendar';
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

/** Context before the period for the peaks' rolling median: three years. */
const PEAK_CONTEXT_MONTHS = 36;
const PEAK_CONTEXT_WEEKS = 156;

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
    for (const [name, day] of [
      ['from', from],
      ['to', to],
    ])
      if (!isDay(day)) throw new BadRequestException(`${name} "${day}" is not a calendar day (YYYY-MM-DD)`);
    if (from > to) throw new BadRequestException('from must not be after to');
    if (daysBetween(from, to) > 10 * 366) throw new BadRequestException('the period cannot exceed 10 years');
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

  /** The filters with the period cut at today (the days that can hold searches), or null when it starts after today. */
  observed(f: SearchFilters): SearchFilters | null {
    const o = observedRange(f, this.clock.today());
    return o ? { ...f, ...o } : null;
  }

  /** `coordinatorOfTerritory`: the controller checked that the territory is inside the viewer's (TerritoryAccess.scope). */
  private k(viewer: Viewer, coordinatorOfTerritory: boolean): number | null {
    return suppressionFor(viewer, coordinatorOfTerritory);
  }

  /**
   * One series (current, previous period or previous year) under its totals, through the disclosure-control
   * library: points, zero-result points and the totals form one table (the points add up to the totals, the
   * days of the range no point counts being the rest), so a point under k can be recovered neither from the
   * totals nor from its zero-result count (docs/PRIVACY.md).
   */
  private points(
    cells: { period: string; from: string; to: string; days: number; partial: boolean; searches: number; zero: number }[],
    totals: { searches: number; zero: number },
    k: number | null,
  ): { points: SeriesPoint[]; total: Secrecy; totalZero: Secrecy } {
    const sum = cells.reduce((a, r) => [a[0] + r.searches, a[1] + r.zero], [0, 0]);
    const rest =
      sum[0] <= totals.searches && sum[1] <= totals.zero ? { count: totals.searches - sum[0], zero: totals.zero - sum[1] } : null;
    const p = protectRows(
      { total: totals.searches, totalZero: totals.zero, rows: cells.map((r) => ({ count: r.searches, zero: r.zero })), rest },
      k,
    );
    return {
      total: p.total,
      totalZero: p.totalZero,
      points: cells.map((r, i) => {
        const s = p.rows[i];
        return {
          period: r.period,
          from: r.from,
          to: r.to,
          days: r.days,
          partial: r.partial,
          searches: disclose(r.searches, s.count, k),
          zeroResults: disclose(r.zero, s.zero, k),
          zeroResultRate: ratioIf(k === null || (s.count === 'shown' && s.zero === 'shown'), r.zero, r.searches),
        };
      }),
    };
  }

  /** Counts of the current buckets (the period cut at today), keyed as the buckets. */
  private async bucketCounts(f: SearchFilters, bs: Bucket[], g: Granularity, observed: DayRange | null) {
    const rows = observed ? await this.repo.series({ ...f, ...observed }, g) : [];
    const by = new Map(rows.map((r) => [r.period, r]));
    return bs.map((b) => ({ ...b, searches: by.get(b.period)?.searches ?? 0, zero: by.get(b.period)?.zero ?? 0 }));
  }

  /**
   * Counts over arbitrary ranges (the counterparts of the buckets): monthly counts when the ranges are the months
   * of their union (previous year of a monthly series: the monthly rollups answer), daily counts summed otherwise.
   */
  private async rangeCounts(f: SearchFilters, ranges: DayRange[]): Promise<{ searches: number; zero: number }[]> {
    const live = ranges.filter((r) => r.from <= r.to);
    if (!live.length) return ranges.map(() => ({ searches: 0, zero: 0 }));
    const union = { from: live[0].from, to: live[live.length - 1].to };
    for (const r of live) {
      if (r.from < union.from) union.from = r.from;
      if (r.to > union.to) union.to = r.to;
    }
    if (rangesAreMonths(live)) {
      const by = new Map((await this.repo.series({ ...f, ...union }, 'month')).map((r) => [r.period, r]));
      return ranges.map((r) => {
        const row = r.from <= r.to ? by.get(monthStart(r.from)) : undefined;
        return { searches: row?.searches ?? 0, zero: row?.zero ?? 0 };
      });
    }
    const days = await this.repo.series({ ...f, ...union }, 'day');
    const searches = sumOver(days, ranges, (r) => r.searches);
    const zero = sumOver(days, ranges, (r) => r.zero);
    return ranges.map((_, i) => ({ searches: searches[i], zero: zero[i] }));
  }

  /**
   * The series of a period and its like-for-like comparisons (docs/METRICS.md, "Periods and comparisons"):
   * calendar buckets with the partial ones flagged; the previous period = the same number of days just before
   * the observed period (the period cut at today); the previous year = the same dates one year earlier; each
   * comparison point counts the same days as its current point.
   */
  async series(f: SearchFilters, granularity: Granularity, viewer: Viewer, coordinatorOfTerritory = false): Promise<SearchSeries> {
    const k = this.k(viewer, coordinatorOfTerritory);
    const today = this.clock.today();
    const bs = buckets(f, granularity, today);
    const observed = observedRange(f, today);
    const prev = observed ? previousPeriod(observed) : null;
    const lastYear = observed ? previousYear(observed) : null;
    const prevSpans = observed ? counterparts(bs, observed, 'previous-period') : [];
    const yearSpans = observed ? counterparts(bs, observed, 'previous-year') : [];
    const none = { searches: 0, zero: 0 };
    const [cur, p, y, totals, pTotals, yTotals, population] = await Promise.all([
      this.bucketCounts(f, bs, granularity, observed),
      this.rangeCounts(f, prevSpans),
      this.rangeCounts(f, yearSpans),
      observed ? this.repo.totals({ ...f, ...observed }) : none,
      prev ? this.repo.totals({ ...f, ...prev }) : none,
      lastYear && lastYear.from <= lastYear.to ? this.repo.totals({ ...f, ...lastYear }) : none,
      this.repo.populationOf(f.level, f.code),
    ]);
    const mirror = (spans: DayRange[], counts: { searches: number; zero: number }[]) =>
      spans.map((r, i) => ({
        period: r.from,
        from: r.from,
        to: r.to,
        days: Math.max(0, daysBetween(r.from, r.to) + 1),
        partial: bs[i].partial,
        ...counts[i],
      }));
    const current = this.points(cur, totals, k);
    const previous = this.points(observed ? mirror(prevSpans, p) : [], pTotals, k);
    const year = this.points(observed ? mirror(yearSpans, y) : [], yTotals, k);
    const totalShown = k === null || current.total === 'shown';
    return {
      granularity,
      filters: f,
      population,
      current: current.points,
      previousPeriod: previous.points,
      previousYear: year.points,
      ranges: { observed, previousPeriod: prev, previousYear: lastYear },
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
    // Days after today hold no search yet: counted up to today, as the series (a period starting later counts nothing).
    const o = this.observed(f);
    const [rows, totals] = o ? await Promise.all([this.repo.breakdown(o, by, child), this.repo.totals(o)]) : [[], { searches: 0, zero: 0 }];
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
    const o = this.observed(f);
    const rows = o ? await this.repo.unmet(o, rowLevel, keyType, sort, opts.limit ?? 50, snapshotId) : [];
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
          // No reachable service: no ratio (the dashboard says "aucun service accessible"), never searches / 0 or / 1.
          searchesPerService:
            hidden || r.reachable === null || r.reachable === 0 ? null : Math.round((r.searches / r.reachable) * 100) / 100,
        };
      }),
    };
  }

  /**
   * Peaks of the period: detected over whole buckets only (a partial month or week is never compared with the
   * trend), with up to three years before the period as context for the rolling median (from the first bucket
   * with a search), and reported only for the whole buckets inside the period. Peaks are ≥ 11 searches; the
   * raw series behind them is only given to viewers who see exact counts.
   */
  async peaks(f: SearchFilters, granularity: 'month' | 'week', viewer: Viewer, coordinatorOfTerritory = false): Promise<SearchPeaks> {
    const k = this.k(viewer, coordinatorOfTerritory);
    const today = this.clock.today();
    const start = periodStart(f.from, granularity);
    const context = granularity === 'month' ? addMonths(start, -PEAK_CONTEXT_MONTHS) : addDays(start, -7 * PEAK_CONTEXT_WEEKS);
    const whole = buckets({ from: context, to: f.to }, granularity, today).filter((b) => !b.partial);
    const rows = whole.length ? await this.repo.series({ ...f, from: whole[0].from, to: whole[whole.length - 1].to }, granularity) : [];
    const by = new Map(rows.map((r) => [r.period, r.searches]));
    const all = whole.map((b) => ({ period: b.period, value: by.get(b.period) ?? 0 }));
    // Months before the first search are no data, not zero demand: they would drag the trend down.
    const first = all.findIndex((p) => p.value > 0);
    const series = first < 0 ? [] : all.slice(first);
    const { points, peaks } = detectPeaks(series, { halfWindow: granularity === 'month' ? 6 : 8 });
    const inPeriod = (period: string) => period >= f.from && period <= f.to;
    // A peak gives its exact count: only the periods the series endpoint shows exactly (same table, same secrecy).
    const shown = new Set<string>();
    if (k !== null) {
      const observed = observedRange(f, today);
      const bs = buckets(f, granularity, today);
      const totals = observed ? await this.repo.totals({ ...f, ...observed }) : { searches: 0, zero: 0 };
      for (const p of this.points(await this.bucketCounts(f, bs, granularity, observed), totals, k).points)
        if (typeof p.searches === 'number') shown.add(p.period);
    }
    return {
      filters: f,
      method:
        'Trend = rolling median of the surrounding periods (±6 months or ±8 weeks, the period itself excluded), over whole months or weeks only, with up to three years before the period as context. A period is a peak when its robust z-score (residual / (1.4826 × median absolute deviation)) is at least 2.5 and it exceeds the trend by at least 15 %. Partial months or weeks (cut by the period or by today) are never peaks.',
      peaks: peaks
        .filter((p) => inPeriod(p.period) && p.value >= 11 && (k === null || shown.has(p.period)))
        .map((p) => ({
          period: p.period,
          granularity,
          searches: p.value,
          trend: p.trend,
          excess: Math.round(p.excess * 1000) / 1000,
          score: Math.round(p.score * 100) / 100,
        })),
      series:
        k === null ? points.filter((p) => inPeriod(p.period)).map((p) => ({ period: p.period, searches: p.value, trend: p.trend })) : [],
    };
  }
}

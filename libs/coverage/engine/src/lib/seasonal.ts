import { dayNumber, isoDay, isoWeeksInYear, isoYearStart, mondayOf } from './dates.js';
import type { CoverageModel } from './model.js';
import type { Level } from './types.js';

export interface WeekInfo {
  /** ISO week label, e.g. '2026-W33'. */
  label: string;
  /** Monday, ISO day. */
  start: string;
}

/** Weekly open-service series of one territory × key; arrays are indexed like `weeks`. */
export interface WeeklySeriesRow {
  level: Level;
  code: string;
  key: string;
  /** Services open every day of the week. */
  openAllWeek: number[];
  /** Services open at least one day of the week. */
  openAnyDay: number[];
  /** Mean number of services open per day of the week (Σ open days / 7). */
  meanDailyOpen: number[];
}

export interface WeeklySeries {
  weeks: WeekInfo[];
  rows: WeeklySeriesRow[];
}

export interface SeriesOptions {
  levels?: readonly Level[];
  keys?: readonly string[];
}

function weekLabel(monday: number): string {
  // The ISO week-year is the year of the week's Thursday.
  const year = Number(isoDay(monday + 3).slice(0, 4));
  const week = (monday - isoYearStart(year)) / 7 + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Days of [from, from + 6] inside the closed periods (pairs of day numbers), 0–7. */
function closedDays(closed: readonly number[], from: number): number {
  if (closed.length === 0) return 0;
  if (closed.length === 2) {
    const a = Math.max(closed[0], from),
      b = Math.min(closed[1], from + 6);
    return b >= a ? b - a + 1 : 0;
  }
  let n = 0;
  for (let d = from; d <= from + 6; d++) {
    for (let j = 0; j < closed.length; j += 2) {
      if (d >= closed[j] && d <= closed[j + 1]) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** Open services per week from `firstMonday`, for `nWeeks` weeks, from the services' closed periods. */
export function openServicesSeries(model: CoverageModel, firstMonday: number, nWeeks: number, opts: SeriesOptions = {}): WeeklySeries {
  const levels = opts.levels ?? ['country', 'region', 'department'];
  const keys = (opts.keys ?? model.keys.map((k) => k.id)).map((id) => model.keyIndex.get(id)).filter((k): k is number => k !== undefined);
  const wanted = new Int32Array(model.keys.length).fill(-1);
  keys.forEach((k, j) => (wanted[k] = j));
  const weeks: WeekInfo[] = Array.from({ length: nWeeks }, (_, w) => ({
    label: weekLabel(firstMonday + 7 * w),
    start: isoDay(firstMonday + 7 * w),
  }));
  const tables = levels.map((level) => {
    const nt = model.territories[level].codes.length;
    // [key j][territory t][week w] × 3 measures.
    return {
      level,
      nt,
      all: new Float64Array(keys.length * nt * nWeeks),
      any: new Float64Array(keys.length * nt * nWeeks),
      mean: new Float64Array(keys.length * nt * nWeeks),
    };
  });
  const closed = new Int8Array(nWeeks);
  for (const st of model.services) {
    if (!model.target[st.commune]) continue;
    const ks = [st.cat, st.theme].filter((k, j, a) => k >= 0 && wanted[k] >= 0 && a.indexOf(k) === j);
    if (!ks.length) continue;
    for (let w = 0; w < nWeeks; w++) closed[w] = closedDays(st.closed, firstMonday + 7 * w);
    for (const tb of tables) {
      const t = model.parent[tb.level][st.commune];
      if (t < 0) continue;
      for (const k of ks) {
        const base = (wanted[k] * tb.nt + t) * nWeeks;
        for (let w = 0; w < nWeeks; w++) {
          const c = closed[w];
          if (c === 0) tb.all[base + w]++;
          if (c < 7) tb.any[base + w]++;
          tb.mean[base + w] += (7 - c) / 7;
        }
      }
    }
  }
  const rows: WeeklySeriesRow[] = [];
  for (const tb of tables) {
    const tt = model.territories[tb.level];
    for (let j = 0; j < keys.length; j++) {
      for (let t = 0; t < tb.nt; t++) {
        if (!model.isComputed(tb.level, t)) continue;
        const base = (j * tb.nt + t) * nWeeks;
        rows.push({
          level: tb.level,
          code: tt.codes[t],
          key: model.keys[keys[j]].id,
          openAllWeek: Array.from(tb.all.subarray(base, base + nWeeks)),
          openAnyDay: Array.from(tb.any.subarray(base, base + nWeeks)),
          meanDailyOpen: Array.from(tb.mean.subarray(base, base + nWeeks), (x) => Math.round(x * 1000) / 1000),
        });
      }
    }
  }
  return { weeks, rows };
}

/** Open services in every ISO week of an ISO week-year (52 or 53 weeks): shows the August drop. */
export function weeklyOpenServices(model: CoverageModel, opts: SeriesOptions & { year: number }): WeeklySeries {
  return openServicesSeries(model, isoYearStart(opts.year), isoWeeksInYear(opts.year), opts);
}

/**
 * Forecast of the next `weeks` weeks (default 8) from the closures announced today: the series
 * starts on the Monday after the reference day.
 */
export function forecastOpenServices(model: CoverageModel, opts: SeriesOptions & { weeks?: number } = {}): WeeklySeries {
  return openServicesSeries(model, mondayOf(model.today) + 7, opts.weeks ?? 8, opts);
}

export interface AccessLossRow {
  communeCode: string;
  departmentCode: string;
  key: string;
  population: number;
  thresholdMeters: number;
  /** Services of the key within the threshold in a normal week (not under an open-ended closure). */
  servicesWithinThreshold: number;
}

/**
 * Communes that lose all access to a key in one week: at least one service of the key within the
 * threshold normally, none of them open on any day of that week. `week` is an ISO week of `year`,
 * or pass `weekStart` (any day of the week). Default keys: the themes.
 */
export function accessLoss(
  model: CoverageModel,
  opts: { year?: number; week?: number; weekStart?: string; keys?: readonly string[] },
): AccessLossRow[] {
  let monday: number;
  if (opts.weekStart) monday = mondayOf(dayNumber(opts.weekStart));
  else if (opts.year !== undefined && opts.week !== undefined) monday = isoYearStart(opts.year) + 7 * (opts.week - 1);
  else throw new Error('accessLoss needs {year, week} or {weekStart}');
  const keys = (opts.keys ?? model.keys.filter((k) => k.type === 'theme').map((k) => k.id))
    .map((id) => model.keyIndex.get(id))
    .filter((k): k is number => k !== undefined);
  const n = model.nCommunes;
  const nLoc = model.locLat.length;
  const out: AccessLossRow[] = [];
  for (const k of keys) {
    const base = new Int32Array(nLoc);
    const open = new Int32Array(nLoc);
    for (const st of model.services) {
      if (st.cat !== k && st.theme !== k) continue;
      // Open-ended closures (end null) are not "normal" supply.
      let openEnded = false;
      for (let j = 1; j < st.closed.length; j += 2) if (st.closed[j] === Infinity && st.closed[j - 1] <= monday + 6) openEnded = true;
      if (openEnded) continue;
      base[st.location]++;
      if (closedDays(st.closed, monday) < 7) open[st.location]++;
    }
    const thr = model.keys[k].thresholdMeters;
    const normal = new Int32Array(n);
    const weekOk = new Uint8Array(n);
    for (let l = 0; l < nLoc; l++) {
      if (!base[l] || !model.locComputed[l]) continue;
      for (let p = model.catStart[l]; p < model.catStart[l + 1]; p++) {
        if (model.catMeters[p] > thr) continue;
        const i = model.catCommune[p];
        normal[i] += base[l];
        if (open[l]) weekOk[i] = 1;
      }
    }
    for (let i = 0; i < n; i++) {
      if (!model.target[i] || normal[i] === 0 || weekOk[i]) continue;
      out.push({
        communeCode: model.communeCodes[i],
        departmentCode: model.territories.department.codes[model.fullParent.department[i]],
        key: model.keys[k].id,
        population: model.territories.commune.population[i],
        thresholdMeters: thr,
        servicesWithinThreshold: normal[i],
      });
    }
  }
  return out;
}

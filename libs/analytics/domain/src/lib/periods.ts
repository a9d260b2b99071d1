import type { Granularity } from '@vigie/contracts';
import { addDays, addMonths, daysBetween, monthStart, weekStart } from '@vigie/calendar';

// Calendar periods of the search analytics: buckets (day, ISO week from Monday, calendar month), the
// like-for-like comparisons (previous period, previous year) and the partial buckets. Every day
// computation goes through @vigie/calendar (days are calendar days, no time zone involved).

export interface DayRange {
  from: string;
  to: string;
}

/** Start of the bucket containing `day`: the day, the ISO week's Monday, or the 1st of the month. */
export function periodStart(day: string, g: Granularity): string {
  if (g === 'day') return day;
  if (g === 'month') return monthStart(day);
  return weekStart(day);
}

/** Last day of the bucket starting on `start`. */
export function periodEnd(start: string, g: Granularity): string {
  if (g === 'day') return start;
  if (g === 'week') return addDays(start, 6);
  return addDays(addMonths(monthStart(start), 1), -1);
}

/** Every bucket start from the bucket of `from` to the bucket of `to`, inclusive. */
export function enumeratePeriods(from: string, to: string, g: Granularity): string[] {
  const out: string[] = [];
  let cur = periodStart(from, g);
  const end = periodStart(to, g);
  while (cur <= end) {
    out.push(cur);
    cur = g === 'day' ? addDays(cur, 1) : g === 'week' ? addDays(cur, 7) : addMonths(cur, 1);
    if (out.length > 5000) throw new RangeError('too many periods: narrow the range or use a coarser granularity');
  }
  return out;
}

/** Number of days of an inclusive range (0 when `to` is before `from`). */
export function rangeDays(r: DayRange): number {
  return Math.max(0, daysBetween(r.from, r.to) + 1);
}

/**
 * The part of a period that can hold data: [from, min(to, today)], or null when the period starts after
 * today. Comparisons are made on it, so that days still to come are never compared with days gone by.
 */
export function observedRange(r: DayRange, today: string): DayRange | null {
  const to = r.to < today ? r.to : today;
  return to < r.from ? null : { from: r.from, to };
}

/** Previous period: the same number of days, just before `from`. */
export function previousPeriod(r: DayRange): DayRange {
  const n = rangeDays(r);
  return { from: addDays(r.from, -n), to: addDays(r.from, -1) };
}

/** The same calendar day one year earlier; 29 February has none (→ 28 February). */
export function minusOneYear(day: string): string {
  return addMonths(day, -12);
}

/**
 * Previous year: the same dates one year earlier, whatever the granularity (1 Jan–5 Dec 2026 → 1 Jan–5 Dec
 * 2025). 29 February has no counterpart: a range starting on it starts on 1 March, one ending on it ends on
 * 28 February (a range made of 29 February alone is empty: `from` after `to`).
 */
export function previousYear(r: DayRange): DayRange {
  const from = r.from.endsWith('-02-29') ? addDays(minusOneYear(r.from), 1) : minusOneYear(r.from);
  return { from, to: minusOneYear(r.to) };
}

export type Comparison = 'previous-period' | 'previous-year';

/** The comparison range of a range. */
export function comparisonRange(r: DayRange, c: Comparison): DayRange {
  return c === 'previous-period' ? previousPeriod(r) : previousYear(r);
}

/** One bucket of a series: its start, the days it counts (inside the period and up to today), and whether that is all of it. */
export interface Bucket {
  /** First day of the calendar bucket (weeks start on Monday). */
  period: string;
  /** Days counted: the bucket ∩ the period ∩ up to today (`from` after `to` when none). */
  from: string;
  to: string;
  /** Number of days counted. */
  days: number;
  /** True when the days counted are not the whole bucket (cut by the period's ends or by today). */
  partial: boolean;
}

/**
 * The buckets of a period. A bucket only partly inside [from, to], or reaching past `today`, is partial:
 * its days counted are given, and a chart or a table must not show it as a whole one.
 */
export function buckets(r: DayRange, g: Granularity, today: string): Bucket[] {
  const last = r.to < today ? r.to : today;
  return enumeratePeriods(r.from, r.to, g).map((period) => {
    const end = periodEnd(period, g);
    const from = period < r.from ? r.from : period;
    const to = end < last ? end : last;
    const days = to < from ? 0 : daysBetween(from, to) + 1;
    return { period, from, to, days, partial: days < daysBetween(period, end) + 1 };
  });
}

/**
 * The counterparts of the buckets' counted days in a comparison: the same days shifted by the length of the
 * observed period (previous period) or the same dates a year earlier (previous year). Each counterpart counts
 * the same days as its bucket (29 February aside), so the comparison is like for like bucket by bucket.
 */
export function counterparts(bs: readonly Bucket[], observed: DayRange, c: Comparison): DayRange[] {
  const n = rangeDays(observed);
  const shift = (r: DayRange): DayRange => (c === 'previous-year' ? previousYear(r) : { from: addDays(r.from, -n), to: addDays(r.to, -n) });
  // A bucket with no day counted (after today) has an empty counterpart: its shifted start, ending the day before.
  return bs.map((b) => (b.days ? shift(b) : { from: shift(b).from, to: addDays(shift(b).from, -1) }));
}

/**
 * Sums day counts (or counts of buckets of `g` restricted to a range) over ranges. `rows` are keyed by their
 * first day; a row counts for a range when its key is inside it.
 */
export function sumOver<T extends { period: string }>(rows: readonly T[], ranges: readonly DayRange[], value: (r: T) => number): number[] {
  const sorted = [...rows].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return ranges.map((r) => {
    let s = 0;
    for (const row of sorted) {
      if (row.period > r.to) break;
      if (row.period >= r.from) s += value(row);
    }
    return s;
  });
}

/**
 * True when the ranges are exactly the months of their union cut to it (contiguous, each inside one calendar
 * month and reaching its month's ends or the union's): monthly counts of the union then answer each range.
 */
export function rangesAreMonths(ranges: readonly DayRange[]): boolean {
  const live = ranges.filter((r) => r.from <= r.to);
  if (live.length !== ranges.length) return false;
  for (let i = 0; i < live.length; i++) {
    const r = live[i];
    if (monthStart(r.from) !== monthStart(r.to)) return false;
    if (i > 0 && r.from !== addDays(live[i - 1].to, 1)) return false;
    if (i > 0 && r.from !== monthStart(r.from)) return false;
    if (i < live.length - 1 && r.to !== addDays(addMonths(monthStart(r.to), 1), -1)) return false;
  }
  return true;
}

/**
 * Splits an inclusive day range into the whole calendar months it covers (answered by monthly rollups)
 * and the partial months at either end (answered by daily rollups). `months` holds the first days of
 * the first and last whole month; null parts are empty.
 */
export function splitWholeMonths(from: string, to: string): { head: DayRange | null; months: DayRange | null; tail: DayRange | null } {
  const first = from.endsWith('-01') ? from : addMonths(monthStart(from), 1);
  const nextOfTo = addDays(to, 1);
  const lastStart = addMonths(monthStart(nextOfTo), -1); // first day of the last month ending on or before `to`
  if (first > lastStart) return { head: { from, to }, months: null, tail: null };
  return {
    head: from < first ? { from, to: addDays(first, -1) } : null,
    months: { from: first, to: lastStart },
    tail: nextOfTo.endsWith('-01') ? null : { from: monthStart(nextOfTo), to },
  };
}

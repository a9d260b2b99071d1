import type { Granularity } from '@vigie/contracts';

const DAY = 86_400_000;

export function parseDay(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`"${iso}" is not a date (YYYY-MM-DD)`);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.toISOString().slice(0, 10) !== iso) throw new RangeError(`"${iso}" is not a valid date`);
  return d;
}

export function formatDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  return formatDay(new Date(parseDay(iso).getTime() + n * DAY));
}

/** Same calendar day one year earlier (29 February → 28 February). */
export function minusOneYear(iso: string): string {
  const d = parseDay(iso);
  const y = new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate()));
  if (y.getUTCMonth() !== d.getUTCMonth()) return formatDay(new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth() + 1, 0)));
  return formatDay(y);
}

/** Start of the period containing `iso`: the day, the ISO week's Monday, or the 1st of the month. */
export function periodStart(iso: string, g: Granularity): string {
  const d = parseDay(iso);
  if (g === 'day') return iso;
  if (g === 'month') return formatDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  return formatDay(new Date(d.getTime() - dow * DAY));
}

/** Every period start from the period of `from` to the period of `to`, inclusive. */
export function enumeratePeriods(from: string, to: string, g: Granularity): string[] {
  const out: string[] = [];
  let cur = periodStart(from, g);
  const end = periodStart(to, g);
  while (cur <= end) {
    out.push(cur);
    if (g === 'day') cur = addDays(cur, 1);
    else if (g === 'week') cur = addDays(cur, 7);
    else {
      const d = parseDay(cur);
      cur = formatDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
    }
    if (out.length > 5000) throw new RangeError('too many periods: narrow the range or use a coarser granularity');
  }
  return out;
}

export interface DayRange {
  from: string;
  to: string;
}

/** The range of the same length immediately before [from, to]. */
export function previousPeriod(r: DayRange, g: Granularity): DayRange {
  if (g === 'month') {
    const months = enumeratePeriods(r.from, r.to, 'month').length;
    const start = parseDay(periodStart(r.from, 'month'));
    const prevFrom = formatDay(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - months, 1)));
    return { from: prevFrom, to: addDays(formatDay(start), -1) };
  }
  const len = Math.round((parseDay(r.to).getTime() - parseDay(r.from).getTime()) / DAY) + 1;
  return { from: addDays(r.from, -len), to: addDays(r.from, -1) };
}

/**
 * The same range one year earlier. Weekly series shift by 52 weeks (364 days) so that ISO weeks stay
 * aligned on Mondays; daily and monthly series shift by one calendar year.
 */
export function previousYear(r: DayRange, g: Granularity): DayRange {
  if (g === 'week') return { from: addDays(r.from, -364), to: addDays(r.to, -364) };
  return { from: minusOneYear(r.from), to: minusOneYear(r.to) };
}

/**
 * Splits an inclusive day range into the whole calendar months it covers (answered by monthly rollups)
 * and the partial months at either end (answered by daily rollups). `months` holds the first days of
 * the first and last whole month; null parts are empty.
 */
export function splitWholeMonths(from: string, to: string): { head: DayRange | null; months: DayRange | null; tail: DayRange | null } {
  const first = from.endsWith('-01') ? from : addMonths(from.slice(0, 8) + '01', 1);
  const nextOfTo = addDays(to, 1);
  const lastStart = addMonths(nextOfTo.slice(0, 8) + '01', -1); // first day of the last month ending on or before `to`
  if (first > lastStart) return { head: { from, to }, months: null, tail: null };
  return {
    head: from < first ? { from, to: addDays(first, -1) } : null,
    months: { from: first, to: lastStart },
    tail: nextOfTo.endsWith('-01') ? null : { from: nextOfTo.slice(0, 8) + '01', to },
  };
}

/** First day of the month `n` months after the month of `iso` (a first day of month). */
function addMonths(iso: string, n: number): string {
  const d = parseDay(iso);
  return formatDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
}

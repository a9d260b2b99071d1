/** Day arithmetic on ISO days, as integer day numbers (days since 1970-01-01, UTC). */

const DAY_MS = 86_400_000;

/** Day number of 'YYYY-MM-DD' (or of the day part of an ISO timestamp); NaN when unparsable. */
export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return NaN;
  return Math.floor(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday 1 (Monday) … 7 (Sunday). */
export function isoWeekday(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function mondayOf(day: number): number {
  return day - isoWeekday(day) + 1;
}

/** Monday of ISO week 1 of an ISO week-year (the week holding 4 January). */
export function isoYearStart(year: number): number {
  return mondayOf(dayNumber(`${String(year).padStart(4, '0')}-01-04`));
}

/** Number of ISO weeks (52 or 53) of an ISO week-year. */
export function isoWeeksInYear(year: number): number {
  return (isoYearStart(year + 1) - isoYearStart(year)) / 7;
}

/** Month difference (fractional, 30.44-day months) from day a to day b. */
export function monthsBetween(a: number, b: number): number {
  return (b - a) / 30.436875;
}

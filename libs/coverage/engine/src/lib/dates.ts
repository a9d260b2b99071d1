/** Day arithmetic on ISO days, as integer day numbers (days since 1970-01-01, UTC). */

const DAY_MS = 86_400_000;

/** Day number of 'YYYY-MM-DD' (or of the day part of an ISO timestamp); NaN when unparsable. */
export function dayNumber(iso: string): number {
  // Same as /^(\d{4})-(\d{2})-(\d{2})/ then Date.UTC, without the regular expression (which would
  // read a non-string argument as its string form).
  const s = typeof iso === 'string' ? iso : String(iso);
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y = digits(s, 0, 4),
    m = digits(s, 5, 2),
    d = digits(s, 8, 2);
  if (y < 0 || m < 0 || d < 0) return NaN;
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Value of the ASCII decimal digits iso[from, from + count), or -1 if one is not a digit. */
function digits(iso: string, from: number, count: number): number {
  let v = 0;
  for (let j = from; j < from + count; j++) {
    const c = iso.charCodeAt(j) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
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

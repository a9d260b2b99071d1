// Vigie's one calendar. Its users are in France: "today", the day of an event, a month, an ISO week
// are read on the Europe/Paris calendar everywhere (API, CLI, demo generator, dashboard, tests), never
// on UTC or on the machine's or the browser's local zone. Between 00:00 and 02:00 Paris time the UTC
// day is still yesterday: `parisDay` is right, `toISOString().slice(0, 10)` is not.
//
// The clock is injectable: `VIGIE_TODAY=YYYY-MM-DD` pins the day for tests, demos and e2e runs, so that
// nothing depends on the day a test runs.

/** The users' time zone: every calendar day in Vigie is a day in this zone. */
export const VIGIE_TIME_ZONE = 'Europe/Paris';

/** Oldest and newest days Vigie accepts anywhere (query parameters, pinned days). */
export const MIN_DAY = '2000-01-01';
export const MAX_DAY = '2100-12-31';

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: VIGIE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIGIE_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Paris calendar day (YYYY-MM-DD) of an instant. */
export function parisDay(instant: Date | number): string {
  const parts = dayFormat.formatToParts(typeof instant === 'number' ? new Date(instant) : instant);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Offset of Paris from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: Date | number): number {
  const d = typeof instant === 'number' ? new Date(instant) : instant;
  const p = Object.fromEntries(partsFormat.formatToParts(d).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p['year'], +p['month'] - 1, +p['day'], +p['hour'], +p['minute'], +p['second']);
  return Math.round((asUtc - (d.getTime() - d.getUTCMilliseconds())) / 60_000);
}

/** The instant a Paris wall-clock time happens (`day` at `hh:mm`); noon is never in a DST gap. */
export function parisInstant(day: string, hour = 0, minute = 0): Date {
  assertDay(day);
  const guess = Date.parse(`${day}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  // Two passes: the offset at the guess, then at the corrected instant (exact outside the DST hour).
  let t = guess - parisOffsetMinutes(guess) * 60_000;
  t = guess - parisOffsetMinutes(t) * 60_000;
  return new Date(t);
}

/** True for a real calendar day written YYYY-MM-DD (2026-02-29 is not one). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** True for a real day between MIN_DAY and MAX_DAY. */
export function isDayInRange(value: unknown): value is string {
  return isDay(value) && value >= MIN_DAY && value <= MAX_DAY;
}

export function assertDay(value: string, what = 'day'): void {
  if (!isDay(value)) throw new RangeError(`${what} "${value}" is not a calendar day written YYYY-MM-DD`);
}

/** Day arithmetic on calendar days (no time zone involved: a day is a day). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Number of days from `from` to `to` (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The same day `n` months later (or earlier), clamped to the month's last day (31 March − 1 month = 28/29 February). */
export function addMonths(day: string, n: number): string {
  const y = +day.slice(0, 4);
  const m = +day.slice(5, 7) - 1 + n;
  const first = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(+day.slice(8, 10), last))).toISOString().slice(0, 10);
}

/** First day of the day's month. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** ISO 8601 week of a day: its year (which may differ from the calendar year) and number (1–53). */
export function isoWeek(day: string): { year: number; week: number } {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(d.getTime() + (3 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week };
}

/** Monday of the day's ISO week. */
export function weekStart(day: string): string {
  const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -dow);
}

/** What "now" and "today" are. Inject it; never call `new Date()` for a calendar question. */
export interface Clock {
  /** The current instant (pinned clocks answer noon, Paris time, of their day). */
  now(): Date;
  /** Today on the Paris calendar, YYYY-MM-DD. */
  today(): string;
  /** The pinned day, or null when the clock follows the system's. */
  readonly pinned: string | null;
}

/** The system's clock, read on the Paris calendar. */
export function systemClock(): Clock {
  return { now: () => new Date(), today: () => parisDay(Date.now()), pinned: null };
}

/** A clock stopped on one day (noon, Paris time): tests, demos and e2e runs. */
export function fixedClock(day: string): Clock {
  if (!isDayInRange(day)) throw new RangeError(`"${day}" is not a calendar day between ${MIN_DAY} and ${MAX_DAY} (YYYY-MM-DD)`);
  const noon = parisInstant(day, 12).getTime();
  return { now: () => new Date(noon), today: () => day, pinned: day };
}

/** `VIGIE_TODAY=YYYY-MM-DD` pins the day; unset or empty, the system's clock. A bad value throws a clear RangeError. */
export function clockFromEnv(env: Record<string, string | undefined>): Clock {
  const pinned = env['VIGIE_TODAY']?.trim();
  if (!pinned) return systemClock();
  if (!isDayInRange(pinned))
    throw new RangeError(`VIGIE_TODAY="${pinned}" is not a calendar day between ${MIN_DAY} and ${MAX_DAY} (YYYY-MM-DD)`);
  return fixedClock(pinned);
}

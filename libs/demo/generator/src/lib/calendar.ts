/** UTC day arithmetic. Days are integers (days since 1970-01-01) or 'YYYY-MM-DD' strings. */

export const DAY_MS = 86_400_000;

export function dayOf(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function dayFromYmd(year: number, month1: number, day: number): number {
  return Math.floor(Date.UTC(year, month1 - 1, day) / DAY_MS);
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function monthOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCMonth();
}

export function weekdayOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

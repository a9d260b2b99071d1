import { type Count, type Granularity, isSuppressed, type SeriesPoint, suppressedLabel } from '@vigie/contracts';
import { addDays, addMonths, daysBetween, isoWeek } from '@vigie/calendar';
import { formatNumber, formatPercent } from '../../../shared/ui/format';

/** The number behind a count, or null when it is suppressed (never plotted or added as a number). */
export function countValue(c: Count | null | undefined): number | null {
  if (c === null || c === undefined || isSuppressed(c)) return null;
  return c;
}

/** "1 234", or "< 11" for a count hidden by the disclosure threshold. */
export function formatCount(c: Count | null | undefined, lang = 'fr'): string {
  if (isSuppressed(c)) return suppressedLabel(c, (n) => formatNumber(n, lang));
  return formatNumber(c, lang);
}

/** (current − previous) / previous; null when either is suppressed or there was nothing before. */
export function relativeChange(current: Count | null | undefined, previous: Count | null | undefined): number | null {
  const cur = countValue(current);
  const prev = countValue(previous);
  if (cur === null || prev === null || prev === 0) return null;
  return (cur - prev) / prev;
}

/** "+12 %", "−5 %" (true minus sign), "0 %"; "—" when unknown. */
export function formatChange(ratio: number | null, lang = 'fr'): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const abs = formatPercent(Math.abs(ratio), lang);
  if (abs === formatPercent(0, lang)) return abs;
  return `${ratio > 0 ? '+' : '−'}${abs}`;
}

/** Plot values of a series: suppressed counts become gaps (null), never numbers. */
export function plotValues(points: readonly SeriesPoint[]): (number | null)[] {
  return points.map((p) => countValue(p.searches));
}

export function hasSuppressed(points: readonly SeriesPoint[]): boolean {
  return points.some((p) => isSuppressed(p.searches));
}

function locale(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'fr-FR';
}

function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** "1–5 déc. 2025", "27 janv. – 26 févr. 2025", "29 déc. 2025 – 4 janv. 2026" (the browser's own range format). */
export function formatSpan(from: string, to: string, lang = 'fr'): string {
  if (to < from) return '—';
  const f = new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return from === to ? f.format(utc(from)) : f.formatRange(utc(from), utc(to));
}

/**
 * Human label of a bucket, the French or English way, never an ISO code: "juin 2025" / "juin 2025" (short "juin
 * 2025"), "sem. 50 (7–13 déc. 2026)" (short "sem. 50"), "7 déc. 2026" (short "7 déc.").
 */
export function formatPeriod(period: string, granularity: Granularity, lang = 'fr', short = false): string {
  const d = utc(period);
  if (Number.isNaN(d.getTime())) return period;
  if (granularity === 'month')
    return new Intl.DateTimeFormat(locale(lang), { month: short ? 'short' : 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  if (granularity === 'week') {
    const w = isoWeek(period).week;
    const name = lang === 'en' ? `wk ${w}` : `sem. ${w}`;
    return short ? name : `${name} (${formatSpan(period, addDays(period, 6), lang)})`;
  }
  return new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric',
    month: 'short',
    ...(short ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(d);
}

/** Days of the bucket starting on `period` (31 for January, 7 for a week). */
export function bucketDays(period: string, granularity: Granularity): number {
  if (granularity === 'day') return 1;
  if (granularity === 'week') return 7;
  return daysBetween(period, addMonths(period, 1));
}

/** A rate (0–1) as the percentage a person reads, one decimal: 0.09576 → 9.6; null stays null. */
export function percentCell(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? null : Math.round(rate * 1000) / 10;
}

/** A number rounded to `digits` decimals for an export cell. */
export function roundCell(v: number | null | undefined, digits = 1): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/**
 * What a series chart shows, written by the app for screen readers: "Recherches par mois, Val-d'Oise : 12
 * valeurs, de janv. 2026 à déc. 2026 ; maximum : juin 2026 (3 120) ; minimum : déc. 2026 (412, incomplet)."
 */
export function describeSeries(
  what: string,
  points: readonly { label: string; value: number | null; partial?: boolean }[],
  lang = 'fr',
): string {
  const en = lang === 'en';
  const sep = en ? ': ' : '\u00a0: ';
  const valued = points.filter((p): p is { label: string; value: number; partial?: boolean } => p.value !== null);
  if (!valued.length) return `${what}${sep}${en ? 'no data' : 'aucune donnée'}.`;
  const whole = valued.filter((p) => !p.partial);
  const pool = whole.length ? whole : valued;
  let max = pool[0];
  let min = pool[0];
  for (const p of pool) {
    if (p.value > max.value) max = p;
    if (p.value < min.value) min = p;
  }
  const v = (p: { value: number }) => formatNumber(p.value, lang);
  const parts = [
    en
      ? `${points.length} values, from ${points[0].label} to ${points[points.length - 1].label}`
      : `${points.length} valeurs, de ${points[0].label} à ${points[points.length - 1].label}`,
    `${en ? 'highest' : 'maximum'}${sep}${max.label} (${v(max)})`,
    `${en ? 'lowest' : 'minimum'}${sep}${min.label} (${v(min)})`,
  ];
  const partial = points.filter((p) => p.partial).map((p) => p.label);
  if (partial.length) parts.push(`${en ? 'incomplete periods' : 'périodes incomplètes'}${sep}${partial.join(', ')}`);
  return `${what}${sep}${parts.join(en ? '; ' : ' ; ')}.`;
}

/** "1 janv. 2025 – 31 déc. 2025" */
export function formatRange(from: string, to: string, lang = 'fr'): string {
  const f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${f.format(new Date(`${from}T00:00:00Z`))} – ${f.format(new Date(`${to}T00:00:00Z`))}`;
}

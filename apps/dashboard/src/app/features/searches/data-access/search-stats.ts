import { type Count, type Granularity, isSuppressed, type SeriesPoint, suppressedLabel } from '@vigie/contracts';
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

/** Human label of a period: "juin 2025", "sem. du 2 juin 2025", "2 juin 2025". */
export function formatPeriod(period: string, granularity: Granularity, lang = 'fr', short = false): string {
  const d = new Date(`${period}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return period;
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  if (granularity === 'month')
    return new Intl.DateTimeFormat(locale, { month: short ? 'short' : 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  const day = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(short ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(d);
  if (granularity === 'week') return short ? day : `${lang === 'en' ? 'week of' : 'sem. du'} ${day}`;
  return day;
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

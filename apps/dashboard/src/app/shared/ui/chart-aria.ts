import { formatNumber } from './format';

/**
 * Screen-reader text of a chart, written by the app in the UI language. ECharts' own description (aria.enabled
 * without a description) is English ("This is a chart with type…") and replaces any aria-label put on the chart's
 * element: every chart passes `aria: chartAria(text)` instead, so the label ECharts writes is ours.
 */
export function chartAria(description: string): { enabled: true; decal: { show: true }; label: { enabled: true; description: string } } {
  return { enabled: true, decal: { show: true }, label: { enabled: true, description } };
}

export interface ChartPoint {
  label: string;
  value: number | null | undefined;
}

const TEXT = {
  fr: {
    none: 'aucune donnée',
    span: (n: number, first: string, last: string) => `${n} valeurs, de ${first} à ${last}`,
    max: 'maximum',
    min: 'minimum',
  },
  en: {
    none: 'no data',
    span: (n: number, first: string, last: string) => `${n} values, from ${first} to ${last}`,
    max: 'highest',
    min: 'lowest',
  },
};

/**
 * "Recherches par mois, Val-d'Oise : 12 valeurs, de déc. 2025 à nov. 2026 ; maximum : juin 2026 (3 120) ;
 * minimum : août 2026 (1 004)." What the chart shows, its span and its extremes, numbers in the UI language.
 */
export function describeSeries(what: string, points: readonly ChartPoint[], lang: string, unit = '', digits = 0): string {
  const t = lang === 'en' ? TEXT.en : TEXT.fr;
  const sep = lang === 'en' ? ': ' : '\u00a0: ';
  const valued = points.filter((p): p is { label: string; value: number } => typeof p.value === 'number' && Number.isFinite(p.value));
  if (!valued.length) return `${what}${sep}${t.none}.`;
  let max = valued[0];
  let min = valued[0];
  for (const p of valued) {
    if (p.value > max.value) max = p;
    if (p.value < min.value) min = p;
  }
  const v = (p: { value: number }) => `${formatNumber(p.value, lang, digits)}${unit ? `\u00a0${unit}` : ''}`;
  const parts = [t.span(points.length, points[0].label, points[points.length - 1].label)];
  if (valued.length > 1) parts.push(`${t.max}${sep}${max.label} (${v(max)})`, `${t.min}${sep}${min.label} (${v(min)})`);
  else parts.push(`${max.label} (${v(max)})`);
  return `${what}${sep}${parts.join(lang === 'en' ? '; ' : ' ; ')}.`;
}

/** "juin 2026" / "June 2026" from 2026-06 or 2026-06-01. */
export function formatMonth(period: string, lang: string, style: 'long' | 'short' = 'long'): string {
  const m = /^(\d{4})-(\d{2})/.exec(period);
  if (!m) return period;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { month: style, year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(+m[1], +m[2] - 1, 1)),
  );
}

/** "12 janv. 2026" / "12 Jan 2026" from an ISO day or timestamp. */
export function formatDay(day: string, lang: string): string {
  const d = new Date(day.length === 10 ? `${day}T00:00:00Z` : day);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(day.length === 10 ? { timeZone: 'UTC' } : {}),
  }).format(d);
}

/** An ISO week the way people read it: "sem. 50 (2026)" / "wk 50 (2026)"; short form "S50" / "W50" for axes. */
export function formatIsoWeek(week: string, lang: string, short = false): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return week;
  const n = +m[2];
  if (short) return lang === 'en' ? `wk ${n}` : `s. ${n}`;
  return lang === 'en' ? `week ${n}, ${m[1]}` : `semaine ${n} de ${m[1]}`;
}

import type { Granularity, TerritoryLevel, TerritoryRef } from '@vigie/contracts';
import { isThemeId } from '@vigie/taxonomy';
import { formatTerritoryRef, parseTerritoryRef } from '@vigie/territory-domain';

/**
 * The "Recherches" view's state, entirely in the URL query string so that copying the URL reproduces
 * the view. Defaults are left out of the URL: no `from`/`to` means "the last 12 months" (relative to
 * the day the link is opened), no `granularity` means monthly, no `compare` means no comparison.
 */
export interface SearchQuery {
  /** null = France. */
  territory: TerritoryRef | null;
  /** First day (YYYY-MM-DD), null = the "last 12 months" preset. */
  from: string | null;
  /** Last day, inclusive (YYYY-MM-DD), null = today. */
  to: string | null;
  granularity: Granularity;
  compare: Compare;
  /** Soliguide theme id, null = every theme. */
  theme: string | null;
}

export type Compare = 'none' | 'previous-period' | 'previous-year';
export const COMPARES: readonly Compare[] = ['none', 'previous-period', 'previous-year'];
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

/** Period presets offered by the filter bar; they are derived from `from`/`to`, never stored. */
export type PeriodPreset = { kind: 'last12' } | { kind: 'year'; year: number } | { kind: 'custom' };

/** The API accepts at most 10 years; longer (or inverted) ranges fall back to the default. */
const MAX_DAYS = 10 * 366;
const DAY_MS = 86_400_000;

export const DEFAULT_QUERY: SearchQuery = { territory: null, from: null, to: null, granularity: 'month', compare: 'none', theme: null };

export function parseSearchQuery(params: Record<string, string | null | undefined>): SearchQuery {
  const territory = parseTerritoryRef(params['territory'] ?? undefined);
  const granularity = (GRANULARITIES as readonly string[]).includes(params['granularity'] ?? '') ? (params['granularity'] as Granularity) : 'month';
  const compare = (COMPARES as readonly string[]).includes(params['compare'] ?? '') ? (params['compare'] as Compare) : 'none';
  const themeRaw = params['theme']?.trim().toLowerCase() ?? '';
  const theme = themeRaw && isThemeId(themeRaw) ? themeRaw : null;
  let from = isIsoDay(params['from']) ? params['from']! : null;
  let to = isIsoDay(params['to']) ? params['to']! : null;
  // `to` alone has no preset meaning: the last 12 months then end on that day.
  if (from && to && (from > to || daysBetween(from, to) > MAX_DAYS)) from = to = null;
  return { territory, from, to, granularity, compare, theme };
}

export function toQueryParams(q: SearchQuery): Record<string, string | null> {
  return {
    territory: q.territory ? formatTerritoryRef(q.territory) : null,
    from: q.from,
    to: q.to,
    granularity: q.granularity === 'month' ? null : q.granularity,
    compare: q.compare === 'none' ? null : q.compare,
    theme: q.theme,
  };
}

/**
 * The actual days of the query. "Last 12 months" = from the 1st of the month eleven months ago to
 * `to` (today by default): twelve monthly buckets, the last one month-to-date.
 */
export function resolveRange(q: Pick<SearchQuery, 'from' | 'to'>, today: string): { from: string; to: string } {
  const to = q.to ?? today;
  if (q.from) return { from: q.from, to: q.from > to ? q.from : to };
  const [y, m] = [+to.slice(0, 4), +to.slice(5, 7)];
  return { from: isoDay(new Date(Date.UTC(y, m - 1 - 11, 1))), to };
}

/** Which preset the query's dates correspond to (for the period selector). */
export function presetOf(q: Pick<SearchQuery, 'from' | 'to'>, today: string): PeriodPreset {
  if (!q.from) return { kind: 'last12' };
  const year = +q.from.slice(0, 4);
  if (q.from.endsWith('-01-01')) {
    if (q.to === `${year}-12-31`) return { kind: 'year', year };
    // The current year runs from 1 January to today.
    if ((q.to === null || q.to === today) && today.startsWith(`${year}-`)) return { kind: 'year', year };
  }
  return { kind: 'custom' };
}

/** The dates of a preset (what the period selector writes into the URL). */
export function presetDates(preset: PeriodPreset, today: string): { from: string | null; to: string | null } {
  if (preset.kind === 'last12') return { from: null, to: null };
  if (preset.kind === 'year') return today.startsWith(`${preset.year}-`) ? { from: `${preset.year}-01-01`, to: null } : { from: `${preset.year}-01-01`, to: `${preset.year}-12-31` };
  return resolveRange({ from: null, to: null }, today);
}

/** Query parameters of the search-analytics API for this view (series, breakdown, peaks). */
export function toApiParams(q: SearchQuery, today: string): Record<string, string> {
  const { from, to } = resolveRange(q, today);
  const out: Record<string, string> = { from, to };
  if (q.territory) {
    out['level'] = q.territory.level;
    out['code'] = q.territory.code;
  }
  if (q.theme) out['theme'] = q.theme;
  return out;
}

/** The level a territory breaks down into (as the API does); null for a commune. */
export function breakdownLevel(territory: TerritoryRef | null): TerritoryLevel | null {
  if (!territory) return 'region';
  if (territory.level === 'region') return 'department';
  if (territory.level === 'commune') return null;
  return 'commune';
}

/** Local calendar day (the user's today), YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function isIsoDay(value: string | null | undefined): boolean {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && isoDay(d) === value;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

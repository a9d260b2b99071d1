import type { Granularity, TerritoryLevel, TerritoryRef } from '@vigie/contracts';
import { formatTerritoryRef } from '@vigie/territory-domain';
import { parseGlobalFilters, resolveRange } from '../../../shared/filters/data-access/global-filters';

// The period logic is shared by every view (global filter bar).
export { isIsoDay, type PeriodPreset, presetDates, presetOf, resolveRange } from '../../../shared/filters/data-access/global-filters';

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

export const DEFAULT_QUERY: SearchQuery = { territory: null, from: null, to: null, granularity: 'month', compare: 'none', theme: null };

export function parseSearchQuery(params: Record<string, string | null | undefined>): SearchQuery {
  const granularity = (GRANULARITIES as readonly string[]).includes(params['granularity'] ?? '')
    ? (params['granularity'] as Granularity)
    : 'month';
  const compare = (COMPARES as readonly string[]).includes(params['compare'] ?? '') ? (params['compare'] as Compare) : 'none';
  return { ...parseGlobalFilters(params), granularity, compare };
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

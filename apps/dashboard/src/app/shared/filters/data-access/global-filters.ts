import type { TerritoryLevel, TerritoryRef } from '@vigie/contracts';
import { isThemeId } from '@vigie/taxonomy';
import { formatTerritoryRef, parseTerritoryRef } from '@vigie/territory-domain';

/**
 * The filters shared by every view (territory, period, theme), in the URL query string under the same
 * names everywhere: `territory=department:95&from=2025-01-01&to=2025-06-30&theme=food`. Defaults are
 * left out: no territory = France, no `from`/`to` = the last 12 months, no theme = every theme.
 */
export interface GlobalFilters {
  territory: TerritoryRef | null;
  /** First day (YYYY-MM-DD); null = the "last 12 months" preset. */
  from: string | null;
  /** Last day, inclusive; null = today. */
  to: string | null;
  /** Soliguide theme id; null = every theme. */
  theme: string | null;
}

export const GLOBAL_FILTER_KEYS = ['territory', 'from', 'to', 'theme'] as const;
export const NO_FILTERS: GlobalFilters = { territory: null, from: null, to: null, theme: null };

/**
 * Period presets; derived from `from`/`to`, never stored. "Campagne en cours": the update campaign
 * year starts on 1 September, so the current campaign runs from the last 1 September to today.
 */
export type PeriodPreset = { kind: 'last12' } | { kind: 'year'; year: number } | { kind: 'campaign' } | { kind: 'custom' };

/** The API accepts at most 10 years; longer (or inverted) ranges fall back to the default. */
const MAX_DAYS = 10 * 366;
const DAY_MS = 86_400_000;

/** What each view can use of the global filters (route data `filters`). */
export interface FilterCaps {
  /** Levels the view can show; finer territories are replaced by their department (with a hint). */
  territory: 'any' | 'department' | 'none';
  period: boolean;
  theme: boolean;
}
export const NO_CAPS: FilterCaps = { territory: 'none', period: false, theme: false };

export function parseGlobalFilters(params: Record<string, string | null | undefined>): GlobalFilters {
  const territory = parseTerritoryRef(params['territory'] ?? undefined);
  const themeRaw = params['theme']?.trim().toLowerCase() ?? '';
  const theme = themeRaw && isThemeId(themeRaw) ? themeRaw : null;
  let from = isIsoDay(params['from']) ? params['from']! : null;
  let to = isIsoDay(params['to']) ? params['to']! : null;
  if (from && to && (from > to || daysBetween(from, to) > MAX_DAYS)) from = to = null;
  return { territory, from, to, theme };
}

export function globalQueryParams(f: GlobalFilters): Record<string, string | null> {
  return { territory: f.territory ? formatTerritoryRef(f.territory) : null, from: f.from, to: f.to, theme: f.theme };
}

/** The actual days: "last 12 months" = from the 1st of the month eleven months ago to `to` (today by default). */
export function resolveRange(q: Pick<GlobalFilters, 'from' | 'to'>, today: string): { from: string; to: string } {
  const to = q.to ?? today;
  if (q.from) return { from: q.from, to: q.from > to ? q.from : to };
  const [y, m] = [+to.slice(0, 4), +to.slice(5, 7)];
  return { from: isoDay(new Date(Date.UTC(y, m - 1 - 11, 1))), to };
}

/** 1 September of the current campaign year (this year from September on, last year before). */
export function campaignStart(today: string): string {
  const y = +today.slice(0, 4);
  return `${+today.slice(5, 7) >= 9 ? y : y - 1}-09-01`;
}

export function presetOf(q: Pick<GlobalFilters, 'from' | 'to'>, today: string): PeriodPreset {
  if (!q.from) return { kind: 'last12' };
  if (q.from === campaignStart(today) && (q.to === null || q.to === today)) return { kind: 'campaign' };
  const year = +q.from.slice(0, 4);
  if (q.from.endsWith('-01-01')) {
    if (q.to === `${year}-12-31`) return { kind: 'year', year };
    if ((q.to === null || q.to === today) && today.startsWith(`${year}-`)) return { kind: 'year', year };
  }
  return { kind: 'custom' };
}

export function presetDates(preset: PeriodPreset, today: string): { from: string | null; to: string | null } {
  if (preset.kind === 'last12') return { from: null, to: null };
  if (preset.kind === 'campaign') return { from: campaignStart(today), to: null };
  if (preset.kind === 'year')
    return today.startsWith(`${preset.year}-`)
      ? { from: `${preset.year}-01-01`, to: null }
      : { from: `${preset.year}-01-01`, to: `${preset.year}-12-31` };
  return resolveRange({ from: null, to: null }, today);
}

export function presetKey(p: PeriodPreset): string {
  return p.kind === 'year' ? `year:${p.year}` : p.kind;
}

export function presetFromKey(key: string): PeriodPreset {
  if (key.startsWith('year:')) return { kind: 'year', year: +key.slice(5) };
  return key === 'campaign' ? { kind: 'campaign' } : key === 'custom' ? { kind: 'custom' } : { kind: 'last12' };
}

/**
 * The territory a view shows, given what it can use: a view that stops at the department shows the
 * department of a commune or an EPCI (`departmentCode` from the territory's detail), France otherwise.
 */
export function scopedTerritory(
  t: TerritoryRef | null,
  caps: FilterCaps,
  departmentCode: string | null | undefined,
): { territory: TerritoryRef | null; coarsened: boolean } {
  if (!t || caps.territory === 'none') return { territory: null, coarsened: false };
  if (caps.territory === 'any' || t.level === 'region' || t.level === 'department') return { territory: t, coarsened: false };
  return { territory: departmentCode ? { level: 'department', code: departmentCode } : null, coarsened: true };
}

export const COARSE_LEVELS: readonly TerritoryLevel[] = ['region', 'department'];

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

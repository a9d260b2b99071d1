import { REPORT_LEVELS, REPORT_ROLES, type ReportErrorCode, type UserRole } from '@vigie/contracts';
import { formatTerritoryRef } from '@vigie/territory-domain';
import type { GlobalFilters } from '../../../shared/filters/data-access/global-filters';

export type ReportKind = 'funder' | 'copil' | 'services-list';
export type ReportFormat = 'pdf' | 'csv' | 'xlsx';
export const REPORT_KINDS: readonly ReportKind[] = ['funder', 'copil', 'services-list'];

/** The COPIL pack is about one theme: the filter bar's, else food (the API's default). */
export const DEFAULT_COPIL_THEME = 'food';

/** Formats offered per report: the funder and COPIL reports are PDF only. */
export function formatsOf(kind: ReportKind): readonly ReportFormat[] {
  return kind === 'services-list' ? ['pdf', 'csv', 'xlsx'] : ['pdf'];
}

/** The reports a role may generate: the API's rule (REPORT_ROLES of @vigie/contracts, the routes' @Roles). */
export function reportsFor(role: UserRole | null | undefined): ReportKind[] {
  return role ? REPORT_KINDS.filter((k) => (REPORT_ROLES[k] as readonly string[]).includes(role)) : [];
}

/** Can `kind` cover this territory (null: France)? The funder report and the COPIL pack stop at the department. */
export function coversTerritory(kind: ReportKind, territory: GlobalFilters['territory']): boolean {
  return (REPORT_LEVELS[kind] as readonly string[]).includes(territory ? territory.level : 'national');
}

/**
 * URL of a report: `api/reports/funder?territory=&from=&to=&lang=`, `api/reports/copil?…&theme=` and
 * `api/reports/services-list?territory=&theme=&format=&lang=`. France is `territory=national` (the API requires a
 * territory).
 */
export function reportUrl(
  kind: ReportKind,
  f: GlobalFilters,
  range: { from: string; to: string },
  lang: 'fr' | 'en',
  format: ReportFormat,
): string {
  const p = new URLSearchParams();
  p.set('territory', f.territory ? formatTerritoryRef(f.territory) : 'national');
  if (kind === 'services-list') {
    if (f.theme) p.set('theme', f.theme);
    p.set('format', format);
  } else {
    p.set('from', range.from);
    p.set('to', range.to);
    if (kind === 'copil') p.set('theme', f.theme ?? DEFAULT_COPIL_THEME);
  }
  p.set('lang', lang);
  return `api/reports/${kind}?${p.toString()}`;
}

/** Why a report failed, as a key of `reports.errors.*` (what happened and what to do, in French or English). */
export type ReportErrorKey =
  | 'level'
  | 'tooManyServices'
  | 'busy'
  | 'rateLimited'
  | 'pdfUnavailable'
  | 'outsideTerritory'
  | 'national'
  | 'role'
  | 'session'
  | 'passwordChange'
  | 'notFound'
  | 'badRequest'
  | 'notComputed'
  | 'network'
  | 'server';

/**
 * The API's answer (status, JSON body with `code` and `message`) → what the user reads. Report bodies come back as
 * blobs: the caller reads the text first.
 */
export function reportErrorKey(status: number, body: { code?: string; message?: string } | null): ReportErrorKey {
  const code = body?.code as ReportErrorCode | 'password_change_required' | undefined;
  const message = body?.message ?? '';
  if (status === 0) return 'network';
  if (code === 'report_level') return 'level';
  if (code === 'report_too_many_services' || /more than \d+ services/.test(message)) return 'tooManyServices';
  if (code === 'pdf_busy') return 'busy';
  if (code === 'pdf_rate_limited' || status === 429) return 'rateLimited';
  if (code === 'password_change_required') return 'passwordChange';
  if (status === 400) return /covers .* territories|territory is required/.test(message) ? 'level' : 'badRequest';
  if (status === 401) return 'session';
  if (status === 403) {
    if (/outside your territories/.test(message)) return 'outsideTerritory';
    if (/national figures/.test(message)) return 'national';
    if (/role/.test(message)) return 'role';
    return 'outsideTerritory';
  }
  if (status === 404) return 'notFound';
  if (status === 503) return /Chromium/.test(message) || code === 'pdf_unavailable' ? 'pdfUnavailable' : 'notComputed';
  return 'server';
}

/** The JSON of an error body, whether HttpClient gave it as an object, a string or a Blob (responseType 'blob'). */
export async function errorBody(error: unknown): Promise<{ code?: string; message?: string } | null> {
  try {
    if (error instanceof Blob) return JSON.parse(await error.text());
    if (typeof error === 'string') return JSON.parse(error);
    if (error && typeof error === 'object') return error as { code?: string; message?: string };
  } catch {
    return null;
  }
  return null;
}

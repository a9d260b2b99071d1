import type { GlobalFilters } from '../../../shared/filters/data-access/global-filters';
import { formatTerritoryRef } from '@vigie/territory-domain';

export type ReportKind = 'funder' | 'copil' | 'services-list';
export type ReportFormat = 'pdf' | 'csv' | 'xlsx';
export const REPORT_KINDS: readonly ReportKind[] = ['funder', 'copil', 'services-list'];

/** Formats offered per report: the funder and COPIL reports are PDF only. */
export function formatsOf(kind: ReportKind): readonly ReportFormat[] {
  return kind === 'services-list' ? ['pdf', 'csv', 'xlsx'] : ['pdf'];
}

/**
 * URL of a report: `api/reports/funder|copil?territory=&from=&to=&lang=` and
 * `api/reports/services-list?territory=&theme=&format=&lang=` (absent territory = France).
 */
export function reportUrl(
  kind: ReportKind,
  f: GlobalFilters,
  range: { from: string; to: string },
  lang: 'fr' | 'en',
  format: ReportFormat,
): string {
  const p = new URLSearchParams();
  if (f.territory) p.set('territory', formatTerritoryRef(f.territory));
  if (kind === 'services-list') {
    if (f.theme) p.set('theme', f.theme);
    p.set('format', format);
  } else {
    p.set('from', range.from);
    p.set('to', range.to);
  }
  p.set('lang', lang);
  return `api/reports/${kind}?${p.toString()}`;
}

/**
 * Printable reports (`GET /api/reports/*`, `npx vigie report …`): funder impact report, COPIL pack and
 * service lists. The figures are those of the API endpoints they come from (never recomputed).
 */
export type ReportKind = 'funder' | 'copil' | 'services-list';
export const REPORT_KINDS: readonly ReportKind[] = ['funder', 'copil', 'services-list'];

export type ReportFormat = 'pdf' | 'csv' | 'xlsx';
export const REPORT_FORMATS: readonly ReportFormat[] = ['pdf', 'csv', 'xlsx'];

/** Funder report and COPIL pack: French or English. Service lists: also Spanish (Soliguide labels). */
export type ReportLang = 'fr' | 'en' | 'es';
export const REPORT_LANGS: readonly ReportLang[] = ['fr', 'en', 'es'];

export type ServicesListSort = 'name' | 'city' | 'postal_code';
export const SERVICES_LIST_SORTS: readonly ServicesListSort[] = ['name', 'city', 'postal_code'];

/** One ONLINE, public service of a printable list (no personal data: the structure's public contact only). */
export interface ServiceListItem {
  id: number;
  placeName: string;
  name: string | null;
  categoryId: string;
  themeId: string;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  /** Weekly hours: day → [open, close] "HH:MM" ranges (empty = closed that day). */
  openingHours: Partial<
    Record<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday', [string, string][]>
  > | null;
  publics: {
    accueil: 'unconditional' | 'adapted' | 'exclusive' | null;
    description: string | null;
    tags: string[];
    ageMin: number | null;
    ageMax: number | null;
  } | null;
  /** Temporary closures that are not over (end null: until further notice). */
  closures: { start: string; end: string | null; description?: string | null }[];
}

/**
 * Who may generate which report: the API's @Roles of each route and what the dashboard's « Rapports » offers
 * (one rule). The COPIL pack carries priority zones and settlement access: not for funders.
 */
export const REPORT_ROLES: Readonly<Record<ReportKind, readonly ('admin' | 'coordinator' | 'copil' | 'funder')[]>> = {
  funder: ['admin', 'coordinator', 'copil', 'funder'],
  copil: ['admin', 'coordinator', 'copil'],
  'services-list': ['admin', 'coordinator', 'copil', 'funder'],
};

/** Territory levels each report covers (services lists also go down to an EPCI or a commune). */
export const REPORT_LEVELS: Readonly<Record<ReportKind, readonly ('national' | 'region' | 'department' | 'epci' | 'commune')[]>> = {
  funder: ['national', 'region', 'department'],
  copil: ['national', 'region', 'department'],
  'services-list': ['national', 'region', 'department', 'epci', 'commune'],
};

/**
 * Why a report was refused, as the `code` of the API's error (the dashboard says it in French or English):
 * `report_level` a territory finer than the report covers; `report_too_many_services` a list over the limit (choose a
 * theme, a category or a smaller territory); `pdf_busy` PDFs already being generated for this user;
 * `pdf_rate_limited` too many PDFs in the last minute (Retry-After says when to retry); `pdf_unavailable` no Chromium.
 */
export type ReportErrorCode = 'report_level' | 'report_too_many_services' | 'pdf_busy' | 'pdf_rate_limited' | 'pdf_unavailable';

/**
 * Fraction digits of a deployment KPI as people read it, in the dashboard and in the reports alike: searches per month
 * with one decimal under 100 ("12,3"), whole numbers otherwise ("2 921"); money in whole euros.
 */
export function kpiFractionDigits(metric: string, value: number): number {
  return metric === 'searches_per_month' && Math.abs(value) < 100 ? 1 : 0;
}

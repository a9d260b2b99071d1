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

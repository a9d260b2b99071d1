import type { Count } from '@vigie/contracts';

export type ReportLanguage = 'fr' | 'en' | 'es';

const LOCALE: Record<ReportLanguage, string> = { fr: 'fr-FR', en: 'en-GB', es: 'es-ES' };

/** Escapes text for HTML content and attribute values. Every interpolated string goes through it. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Tagged template that escapes every interpolation unless it is `raw(…)` (already-safe HTML). */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}
export const raw = (html: string): SafeHtml => new SafeHtml(html);

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  values.forEach((v, i) => {
    out += interpolate(v) + strings[i + 1];
  });
  return new SafeHtml(out);
}

function interpolate(v: unknown): string {
  if (v instanceof SafeHtml) return v.html;
  if (Array.isArray(v)) return v.map(interpolate).join('');
  if (v === null || v === undefined || v === false) return '';
  return esc(v);
}

/** Number in the report's language (fr: 12 345,6 with a narrow no-break space). */
export function formatNumber(n: number | null | undefined, lang: ReportLanguage = 'fr', maximumFractionDigits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits }).format(n);
}

/** A count from the API: a suppressed count ({ lt: 11 }) prints as "< 11". */
export function formatCount(c: Count | null | undefined, lang: ReportLanguage = 'fr'): string {
  if (c === null || c === undefined) return '–';
  if (typeof c === 'object') return 'lt' in c ? `< ${formatNumber(c.lt, lang)}` : 's';
  return formatNumber(c, lang, 1);
}

/** A 0–1 ratio as a percentage ("42 %" in French). */
export function formatPercent(ratio: number | null | undefined, lang: ReportLanguage = 'fr', maximumFractionDigits = 0): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits }).format(ratio);
}

export function formatMoney(n: number | null | undefined, lang: ReportLanguage = 'fr'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
}

/** Meters as "1,2 km" / "850 m". */
export function formatDistance(m: number | null | undefined, lang: ReportLanguage = 'fr'): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '–';
  return m >= 1000 ? `${formatNumber(m / 1000, lang, 1)} km` : `${formatNumber(Math.round(m), lang, 0)} m`;
}

/** A day (YYYY-MM-DD) as "31 octobre 2026". */
export function formatDay(day: string, lang: ReportLanguage = 'fr'): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A month (YYYY-MM-01) as "oct. 2026". */
export function formatMonth(day: string, lang: ReportLanguage = 'fr'): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(LOCALE[lang], { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** Print stylesheet shared by every report: A4, page numbers, French hyphenation, charts kept whole. */
export const PRINT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10pt; line-height: 1.4; color: #1d2430; margin: 0; hyphens: auto; }
h1 { font-size: 20pt; margin: 0 0 4mm; color: #12355b; }
h2 { font-size: 14pt; margin: 6mm 0 3mm; color: #12355b; border-bottom: 1.5pt solid #12355b; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }
p { margin: 0 0 2.5mm; text-align: justify; }
.subtitle { font-size: 12pt; color: #44546a; margin-bottom: 6mm; }
.meta { color: #5b6b7f; font-size: 8.5pt; }
.page { break-after: page; }
.page:last-child { break-after: auto; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border-bottom: 0.5pt solid #c8d0da; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef2f7; font-weight: bold; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.chart { break-inside: avoid; margin: 2mm 0 4mm; }
.chart svg { width: 100%; height: auto; display: block; }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 3mm 0 5mm; }
.kpi { border: 0.75pt solid #c8d0da; border-radius: 2mm; padding: 2.5mm; break-inside: avoid; }
.kpi .label { font-size: 8.5pt; color: #44546a; }
.kpi .value { font-size: 16pt; font-weight: bold; color: #12355b; }
.kpi .target { font-size: 8.5pt; color: #44546a; }
.status-on_track { color: #1b7a3a; }
.status-behind { color: #b54708; }
.status-no_target { color: #5b6b7f; }
.note { font-size: 8.5pt; color: #5b6b7f; }
.caveat { border-left: 3pt solid #b54708; background: #fff7ed; padding: 2mm 3mm; margin: 2mm 0 4mm; font-size: 9.5pt; break-inside: avoid; }
table.compact { width: auto; min-width: 60%; }
.closure { color: #b42318; font-weight: bold; }
ul { margin: 0 0 3mm 5mm; padding-left: 3mm; }
footer.doc { margin-top: 6mm; font-size: 8pt; color: #5b6b7f; }
`;

/** A complete HTML document (lang attribute drives hyphenation). `body` must already be safe HTML. */
export function htmlDocument(title: string, lang: ReportLanguage, body: SafeHtml, extraCss = ''): string {
  return `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${PRINT_CSS}${extraCss}</style></head><body>${body.html}</body></html>`;
}

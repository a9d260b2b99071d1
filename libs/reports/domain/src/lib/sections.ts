import {
  type Count,
  type DeploymentKpi,
  type ExportFilter,
  kpiFractionDigits,
  type SearchSeries,
  type TerritoryCoverage,
} from '@vigie/contracts';
import { seriesChartSvg } from './charts.js';
import { formatCount, formatDay, formatMoney, formatMonth, formatNumber, formatPercent, html, type SafeHtml } from './html.js';
import { WORDS, type ReportWords } from './i18n.js';

// Blocks the funder report and the COPIL pack share: one way to name a territory, a period, a KPI, a count, the
// directory's coverage and the secrecy rule, so that the same figure reads the same in both and in the dashboard.

/** The territory of a funder report or a COPIL pack: France, a region or a department (never printed as a code). */
export interface ReportTerritoryInfo {
  level: 'country' | 'region' | 'department';
  code: string;
  name: string;
  population: number;
}

/**
 * Which part of the territory the directory covers (directory coverage, issue #16), as the coverage endpoints give it;
 * null when not known. Figures of uncovered departments are neither counted nor ranked as gaps; the reports say so.
 */
export type ReportDirectoryCoverage = Pick<TerritoryCoverage, 'status' | 'departments' | 'of' | 'populationShare'>;

/** "Val-d'Oise (département 95)", "Île-de-France (région)", "France". */
export function territoryText(t: ReportTerritoryInfo, lang: 'fr' | 'en' | 'es'): string {
  const w = WORDS[lang];
  if (t.level === 'country') return t.name;
  return t.level === 'department' ? `${t.name} (${w.levelNames.department} ${t.code})` : `${t.name} (${w.levelNames.region})`;
}

/** "1 janvier 2026 – 15 novembre 2026". */
export function periodText(from: string, to: string, lang: 'fr' | 'en' | 'es'): string {
  return `${formatDay(from, lang)} – ${formatDay(to, lang)}`;
}

/** A deployment KPI's value as the dashboard prints it ("2 921", "12,3", "4 640 €"). */
export function formatKpi(metric: string, value: number | null, lang: 'fr' | 'en' | 'es'): string {
  if (value === null) return '–';
  return metric === 'funds_raised' ? formatMoney(value, lang) : formatNumber(value, lang, kpiFractionDigits(metric, value));
}

export function kpiOf(kpis: readonly DeploymentKpi[], metric: string): DeploymentKpi | null {
  return kpis.find((k) => k.metric === metric) ?? null;
}

/** A shown number, or null for a suppressed ("< 11") or missing count: a gap in a chart. */
export const num = (n: unknown): number | null => (typeof n === 'number' && Number.isFinite(n) ? n : null);

/** A count and its rate, both from the API (a rate derived from a suppressed count is already null there). */
export function countCell(c: Count | null | undefined, lang: 'fr' | 'en'): string {
  return formatCount(c, lang);
}

export function coverPage(
  w: ReportWords,
  title: string,
  d: {
    lang: 'fr' | 'en' | 'es';
    territory: ReportTerritoryInfo;
    from: string;
    to: string;
    generatedAt: string;
    filters: ExportFilter[];
  },
): SafeHtml {
  return html`<section>
    <h1>${title} — ${d.territory.name}</h1>
    <div class="subtitle">${w.period} : ${periodText(d.from, d.to, d.lang)}</div>
    <p class="meta">
      ${w.territory} :
      ${territoryText(d.territory, d.lang)}${
        d.territory.population ? html` · ${w.population} : ${formatNumber(d.territory.population, d.lang, 0)}` : ''
      }
      · ${w.generated} ${formatDay(d.generatedAt, d.lang)}
    </p>
    ${filtersLine(w, d.filters)}
  </section>`;
}

export function filtersLine(w: ReportWords, filters: ExportFilter[]): SafeHtml {
  return filters.length
    ? html`<p class="meta">${w.filters} : ${filters.map((f, i) => html`${i ? ' · ' : ''}${f.label} = ${f.value}`)}</p>`
    : html``;
}

/** The directory-coverage caveat (#16): printed whenever the directory does not cover the whole territory. */
export function coverageCaveat(w: ReportWords, c: ReportDirectoryCoverage | null, lang: 'fr' | 'en'): SafeHtml {
  if (!c || c.status === 'covered') return html``;
  return html`<div class="caveat" data-caveat>
    <strong>${w.caveatTitle} :</strong>
    ${c.departments === 0 || c.status === 'uncovered' ? w.caveatNone : w.caveat(c.departments, c.of, formatPercent(c.populationShare, lang))}
  </div>`;
}

export function suppressionNote(w: ReportWords, k: number | null): SafeHtml {
  return html`<p class="note">${k === null ? w.exact : w.suppressed(k)}</p>`;
}

/** Searches of the period: total, zero-result searches and rate, previous year (the API's totals, as they are). */
export function searchTotalsTable(w: ReportWords, s: SearchSeries, from: string, to: string, lang: 'fr' | 'en'): SafeHtml {
  return html`<table class="compact">
    <thead>
      <tr>
        <th>${w.period}</th>
        <th class="num">${w.searches}</th>
        <th class="num">${w.zeroResults}</th>
        <th class="num">${w.zeroResultRate}</th>
        <th class="num">${w.per10k}</th>
        <th class="num">${w.previousYear}</th>
      </tr>
    </thead>
    <tbody>
      <tr>
        <td>${periodText(from, to, lang)}</td>
        <td class="num">${formatCount(s.totals.searches, lang)}</td>
        <td class="num">${formatCount(s.totals.zeroResults, lang)}</td>
        <td class="num">${formatPercent(s.totals.zeroResultRate, lang, 1)}</td>
        <td class="num">${formatNumber(s.totals.per10kInhabitants, lang, 1)}</td>
        <td class="num">${formatCount(s.totals.previousYear, lang)}</td>
      </tr>
    </tbody>
  </table>`;
}

/**
 * Key figures with the dashboard's labels and values: searches per month is the deployment KPI (the overview's and
 * Déploiement's), searches over the period the search series' total (Recherches' headline).
 */
export function keyFigures(
  w: ReportWords,
  lang: 'fr' | 'en',
  d: {
    kpis: { year: number; searchMonths: number; kpis: readonly DeploymentKpi[] };
    series: SearchSeries;
    extra?: { label: string; value: string; hint?: string }[];
  },
): SafeHtml {
  const perMonth = kpiOf(d.kpis.kpis, 'searches_per_month');
  const rows: { label: string; value: string; hint?: string }[] = [
    {
      label: w.metrics.searches_per_month,
      value: formatKpi('searches_per_month', perMonth?.value ?? null, lang),
      hint: w.searchesPerMonthHint(d.kpis.searchMonths, d.kpis.year),
    },
    { label: w.searchesOverPeriod, value: formatCount(d.series.totals.searches, lang) },
    { label: w.zeroResultRate, value: formatPercent(d.series.totals.zeroResultRate, lang, 1) },
    ...(d.extra ?? []),
  ];
  return html`<div class="kpis">
    ${rows.map(
      (r) =>
        html`<div class="kpi">
          <div class="label">${r.label}</div>
          <div class="value">${r.value}</div>
          ${r.hint ? html`<div class="target">${r.hint}</div>` : ''}
        </div>`,
    )}
  </div>`;
}

/** Searches per month (bars) with the previous year and the zero-result searches: both reports show it. */
export function searchTrendSvg(series: SearchSeries, lang: 'fr' | 'en', width = 680): string {
  const w = WORDS[lang];
  const months = series.current;
  return seriesChartSvg({
    format: (v) => formatNumber(v, lang, 0),
    categories: months.map((p) => formatMonth(p.period, lang)),
    width,
    series: [
      { name: w.searches, data: months.map((p) => num(p.searches)), type: 'bar' },
      { name: w.previousYear, data: series.previousYear.map((p) => num(p.searches)) },
      { name: w.zeroResults, data: months.map((p) => num(p.zeroResults)) },
    ],
  });
}

export function methodologySection(w: ReportWords): SafeHtml {
  return html`<h2>${w.methodologyTitle}</h2>
    ${w.methodology.map((p) => html`<p>${p}</p>`)}
    <ul>
      ${w.sources.map((s) => html`<li>${s}</li>`)}
    </ul>`;
}

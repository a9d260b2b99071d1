import type {
  CoverageKeyProfile,
  CoverageSnapshotInfo,
  DeploymentActivities,
  DeploymentKpis,
  ExportFilter,
  SearchPeaks,
  SearchSeries,
} from '@vigie/contracts';
import { seriesChartSvg, rankingChartSvg } from './charts.js';
import {
  esc,
  formatCount,
  formatDay,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
  html,
  htmlDocument,
  raw,
  type SafeHtml,
} from './html.js';
import { WORDS, type ReportWords } from './i18n.js';

/** Everything the funder report shows, as returned by the API endpoints (never recomputed). */
export interface FunderReportData {
  lang: 'fr' | 'en';
  generatedAt: string;
  territory: { ref: string; name: string; population: number };
  from: string;
  to: string;
  filters: ExportFilter[];
  /** GET /api/deployment/kpis (year of `to`). */
  kpis: DeploymentKpis;
  /** Budget of the year (the `budget` target), null when none is set. */
  budget: number | null;
  /** GET /api/deployment/activities over the period. */
  activities: DeploymentActivities;
  /** GET /api/searches/series (monthly) with the viewer's suppression. */
  series: SearchSeries;
  /** GET /api/searches/peaks (monthly). */
  peaks: SearchPeaks;
  /** GET /api/coverage/{level}/{code} of the snapshot at/just before `from` (or the oldest) and of the current one. */
  coverage: {
    then: { snapshot: CoverageSnapshotInfo; keys: CoverageKeyProfile[] };
    now: { snapshot: CoverageSnapshotInfo; keys: CoverageKeyProfile[] };
  };
}

/** A shown number, or null for a suppressed ("< 11") or missing count: a gap in a chart. */
export const num = (n: unknown): number | null => (typeof n === 'number' && Number.isFinite(n) ? n : null);

/** Searches per month (bars) with the previous year and the zero-result searches: both reports show it. */
export function searchTrendSvg(series: SearchSeries, lang: 'fr' | 'en'): string {
  const w = WORDS[lang];
  const months = series.current;
  return seriesChartSvg({
    format: (v) => formatNumber(v, lang, 1),
    categories: months.map((p) => formatMonth(p.period, lang)),
    series: [
      { name: w.searches, data: months.map((p) => num(p.searches)), type: 'bar' },
      { name: w.previousYear, data: series.previousYear.map((p) => num(p.searches)) },
      { name: w.zeroResults, data: months.map((p) => num(p.zeroResults)) },
    ],
  });
}

export function coverPage(
  w: ReportWords,
  title: string,
  d: {
    lang: 'fr' | 'en' | 'es';
    territory: { name: string; ref: string; population?: number };
    from?: string;
    to?: string;
    generatedAt: string;
    filters: ExportFilter[];
  },
): SafeHtml {
  return html`<section>
    <h1>${title} — ${d.territory.name}</h1>
    <div class="subtitle">${d.from && d.to ? html`${w.period} : ${formatDay(d.from, d.lang)} – ${formatDay(d.to, d.lang)}` : ''}</div>
    <p class="meta">
      ${w.territory} : ${d.territory.name}
      (${d.territory.ref})${d.territory.population ? html` · ${w.population} : ${formatNumber(d.territory.population, d.lang, 0)}` : ''} ·
      ${w.generated} ${formatDay(d.generatedAt, d.lang)}
    </p>
    ${filtersLine(w, d.filters)}
  </section>`;
}

export function filtersLine(w: ReportWords, filters: ExportFilter[]): SafeHtml {
  return filters.length
    ? html`<p class="meta">${w.filters} : ${filters.map((f, i) => html`${i ? ' · ' : ''}${f.label} = ${f.value}`)}</p>`
    : html``;
}

export function suppressionNote(w: ReportWords, k: number | null): SafeHtml {
  return html`<p class="note">${k === null ? w.exact : w.suppressed(k)}</p>`;
}

function kpiTiles(d: FunderReportData, w: ReportWords): SafeHtml {
  const lang = d.lang;
  return html`<div class="kpis">
    ${d.kpis.kpis.map((k) => {
      const value = k.metric === 'funds_raised' ? formatMoney(k.value, lang) : formatNumber(k.value, lang, 1);
      const target =
        k.target === null ? w.noTarget : k.metric === 'funds_raised' ? formatMoney(k.target, lang) : formatNumber(k.target, lang, 1);
      return html`<div class="kpi">
        <div class="label">${w.metrics[k.metric]}</div>
        <div class="value">${value}</div>
        <div class="target">${w.target} : ${target}${k.progress !== null ? html` · ${formatPercent(k.progress, lang)}` : ''}</div>
        <div class="target status-${k.status}">${w.status[k.status]}</div>
      </div>`;
    })}
  </div>`;
}

export function funderReportHtml(d: FunderReportData): string {
  const w = WORDS[d.lang];
  const lang = d.lang;
  const funds = d.kpis.kpis.find((k) => k.metric === 'funds_raised');
  const months = d.series.current;
  const searchChart = searchTrendSvg(d.series, lang);
  const actMonths = d.activities.months;
  const activityChart = seriesChartSvg({
    format: (v) => formatNumber(v, lang, 1),
    categories: actMonths.map((m) => formatMonth(m.month, lang)),
    series: [
      { name: w.activityKinds.training, data: actMonths.map((m) => m.training), type: 'bar' },
      { name: w.activityKinds.sensitisation, data: actMonths.map((m) => m.sensitisation), type: 'bar' },
      { name: w.activityKinds.copil, data: actMonths.map((m) => m.copil), type: 'bar' },
      { name: w.people, data: actMonths.map((m) => m.people), rightAxis: true },
    ],
    rightName: w.people,
  });
  const themes = d.coverage.now.keys.filter((k) => k.keyType === 'theme');
  const thenByKey = new Map(d.coverage.then.keys.map((k) => [k.key, k]));
  const sameSnapshot = d.coverage.then.snapshot.id === d.coverage.now.snapshot.id;
  const servicesChart = rankingChartSvg({
    labels: themes.map((t) => t.label),
    values: themes.map((t) => t.activeServices),
    name: w.services,
    formatter: (v) => formatNumber(v, lang, 0),
  });
  const totalActivities = (kind: 'training' | 'sensitisation' | 'copil' | 'funding') => actMonths.reduce((s, m) => s + m[kind], 0);
  const body = html` <div class="page">
      ${coverPage(w, w.funderTitle, { ...d, territory: d.territory })}
      <h2>${w.kpisTitle} ${d.kpis.year}</h2>
      <p class="meta">${w.expected} : ${formatPercent(d.kpis.expectedProgress, lang)}</p>
      ${kpiTiles(d, w)}
      <table>
        <thead>
          <tr>
            <th>${w.fundsVsBudget}</th>
            <th class="num">${w.metrics.funds_raised}</th>
            <th class="num">${w.budget}</th>
            <th class="num">%</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>${d.kpis.year}</td>
            <td class="num">${formatMoney(funds?.value ?? 0, lang)}</td>
            <td class="num">${d.budget === null ? '–' : formatMoney(d.budget, lang)}</td>
            <td class="num">${d.budget ? formatPercent((funds?.value ?? 0) / d.budget, lang) : '–'}</td>
          </tr>
        </tbody>
      </table>
      <h3>${w.servicesByTheme}</h3>
      <div class="chart">${raw(servicesChart)}</div>
    </div>
    <div class="page">
      <h2>${w.searchesTitle}</h2>
      <table>
        <thead>
          <tr>
            <th>${w.total}</th>
            <th class="num">${w.searches}</th>
            <th class="num">${w.zeroResultRate}</th>
            <th class="num">${w.per10k}</th>
            <th class="num">${w.previousYear}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>${formatDay(d.from, lang)} – ${formatDay(d.to, lang)}</td>
            <td class="num">${formatCount(d.series.totals.searches, lang)}</td>
            <td class="num">${formatPercent(d.series.totals.zeroResultRate, lang, 1)}</td>
            <td class="num">${formatNumber(d.series.totals.per10kInhabitants, lang, 1)}</td>
            <td class="num">${formatCount(d.series.totals.previousYear, lang)}</td>
          </tr>
        </tbody>
      </table>
      <div class="chart">${raw(searchChart)}</div>
      <table>
        <thead>
          <tr>
            <th>${w.month}</th>
            <th class="num">${w.searches}</th>
            <th class="num">${w.zeroResults}</th>
            <th class="num">${w.zeroResultRate}</th>
          </tr>
        </thead>
        <tbody>
          ${months.map(
            (p) =>
              html`<tr>
                <td>${formatMonth(p.period, lang)}</td>
                <td class="num">${formatCount(p.searches, lang)}</td>
                <td class="num">${formatCount(p.zeroResults, lang)}</td>
                <td class="num">${formatPercent(p.zeroResultRate, lang, 1)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h3>${w.peaks}</h3>
      ${
        d.peaks.peaks.length
          ? html`<table>
              <thead>
                <tr>
                  <th>${w.peak}</th>
                  <th class="num">${w.searches}</th>
                  <th class="num">${w.trend}</th>
                  <th class="num">+</th>
                </tr>
              </thead>
              <tbody>
                ${d.peaks.peaks.map(
                  (p) =>
                    html`<tr>
                      <td>${formatMonth(p.period, lang)}</td>
                      <td class="num">${formatNumber(p.searches, lang, 0)}</td>
                      <td class="num">${formatNumber(p.trend, lang, 0)}</td>
                      <td class="num">${formatPercent(p.excess, lang)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${w.noPeak}</p>`
      }
      ${suppressionNote(w, d.series.suppressionThreshold)}
    </div>
    <div class="page">
      <h2>${w.activitiesTitle}</h2>
      <table>
        <thead>
          <tr>
            ${(['training', 'sensitisation', 'copil', 'funding'] as const).map((k) => html`<th class="num">${w.activityKinds[k]}</th>`)}
            <th class="num">${w.people}</th>
            <th class="num">${w.amount}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            ${(['training', 'sensitisation', 'copil', 'funding'] as const).map((k) => html`<td class="num">${formatNumber(totalActivities(k), lang, 0)}</td>`)}
            <td class="num">
              ${formatNumber(
                actMonths.reduce((s, m) => s + m.people, 0),
                lang,
                0,
              )}
            </td>
            <td class="num">
              ${formatMoney(
                actMonths.reduce((s, m) => s + m.amount, 0),
                lang,
              )}
            </td>
          </tr>
        </tbody>
      </table>
      <div class="chart">${raw(activityChart)}</div>
      <h2>${w.coverageTitle}</h2>
      <p>
        ${sameSnapshot ? w.coverageSame(formatDay(d.coverage.now.snapshot.referenceDay, lang)) : w.coverageIntro(formatDay(d.coverage.then.snapshot.referenceDay, lang), formatDay(d.coverage.now.snapshot.referenceDay, lang))}
      </p>
      <table>
        <thead>
          <tr>
            <th>${w.theme}</th>
            <th class="num">${w.threshold}</th>
            <th class="num">${w.populationBeyondThen}</th>
            <th class="num">${w.populationBeyondNow}</th>
            <th class="num">${w.change}</th>
          </tr>
        </thead>
        <tbody>
          ${themes.map((t) => {
            const before = thenByKey.get(t.key);
            const delta = before ? t.populationBeyond - before.populationBeyond : null;
            return html`<tr>
              <td>${t.label}</td>
              <td class="num">${formatNumber(t.thresholdMeters / 1000, lang, 1)} km</td>
              <td class="num">
                ${before ? formatNumber(before.populationBeyond, lang, 0) : '–'}
                ${before ? html`(${formatPercent(before.shareBeyond, lang, 1)})` : ''}
              </td>
              <td class="num">${formatNumber(t.populationBeyond, lang, 0)} (${formatPercent(t.shareBeyond, lang, 1)})</td>
              <td class="num">${delta === null ? '–' : (delta > 0 ? '+' : '') + formatNumber(delta, lang, 0)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    <div class="page">${methodologyPage(w)} ${suppressionNote(w, d.series.suppressionThreshold)}</div>`;
  return htmlDocument(`${w.funderTitle} — ${d.territory.name}`, lang, body);
}

export function methodologyPage(w: ReportWords): SafeHtml {
  return html`<h2>${w.methodologyTitle}</h2>
    ${w.methodology.map((p) => html`<p>${p}</p>`)}
    <ul>
      ${w.sources.map((s) => html`<li>${s}</li>`)}
    </ul>`;
}

/** Escaped text, exported for callers building small fragments. */
export const escapeHtml = esc;

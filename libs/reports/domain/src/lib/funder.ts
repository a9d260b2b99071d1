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
import {
  coverageCaveat,
  coverPage,
  formatKpi,
  kpiOf,
  methodologySection,
  periodText,
  type ReportDirectoryCoverage,
  type ReportTerritoryInfo,
  searchTotalsTable,
  searchTrendSvg,
  suppressionNote,
  territoryText,
} from './sections.js';

/** Everything the funder report shows, as returned by the API endpoints (never recomputed). */
export interface FunderReportData {
  lang: 'fr' | 'en';
  generatedAt: string;
  territory: ReportTerritoryInfo;
  from: string;
  to: string;
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
  /** The directory's coverage of the territory; null: all of it (or unknown). */
  directoryCoverage: ReportDirectoryCoverage | null;
}

/** Filters printed on the cover: territory and period, in words. */
export function reportFilters(
  w: ReportWords,
  d: { lang: 'fr' | 'en'; territory: ReportTerritoryInfo; from: string; to: string },
): ExportFilter[] {
  return [
    { label: w.territory, value: territoryText(d.territory, d.lang) },
    { label: w.period, value: periodText(d.from, d.to, d.lang) },
  ];
}

function kpiTiles(d: FunderReportData, w: ReportWords): SafeHtml {
  const lang = d.lang;
  return html`<div class="kpis">
    ${d.kpis.kpis.map((k) => {
      const hint = k.metric === 'searches_per_month' ? w.searchesPerMonthHint(d.kpis.searchMonths, d.kpis.year) : null;
      return html`<div class="kpi" data-kpi="${k.metric}">
        <div class="label">${w.metrics[k.metric]}</div>
        <div class="value">${formatKpi(k.metric, k.value, lang)}</div>
        ${hint ? html`<div class="target">${hint}</div>` : ''}
        <div class="target">
          ${k.metric === 'funds_raised' ? w.fundsTarget(d.kpis.year) : w.target} :
          ${k.target === null ? w.noTarget : formatKpi(k.metric, k.target, lang)}${
            k.progress !== null ? html` · ${formatPercent(k.progress, lang)}` : ''
          }
        </div>
        <div class="target status-${k.status}">${w.status[k.status]}</div>
      </div>`;
    })}
  </div>`;
}

/**
 * Funds raised, with each denominator named: the funds-raised target (the KPI's progress, as in the dashboard) and
 * the deployment budget (what share of it the funds cover).
 */
function fundingTable(d: FunderReportData, w: ReportWords): SafeHtml {
  const lang = d.lang;
  const funds = kpiOf(d.kpis.kpis, 'funds_raised');
  const raised = funds?.value ?? 0;
  const year = d.kpis.year;
  return html`<table class="compact funding">
    <thead>
      <tr>
        <th>${w.fundingTitle} ${year}</th>
        <th class="num">${w.amountColumn}</th>
        <th class="num">${w.progress}</th>
      </tr>
    </thead>
    <tbody>
      <tr>
        <td>${w.fundsRaisedYear(year)}</td>
        <td class="num">${formatMoney(raised, lang)}</td>
        <td></td>
      </tr>
      <tr>
        <td>${w.fundsTarget(year)}</td>
        <td class="num">${funds?.target === null || funds?.target === undefined ? w.noTarget : formatMoney(funds.target, lang)}</td>
        <td class="num">
          ${funds?.progress === null || funds?.progress === undefined ? '–' : html`${formatPercent(funds.progress, lang)} ${w.targetReached}`}
        </td>
      </tr>
      <tr>
        <td>${w.budgetYear(year)}</td>
        <td class="num">${d.budget === null ? '–' : formatMoney(d.budget, lang)}</td>
        <td class="num">${d.budget ? html`${formatPercent(raised / d.budget, lang)} ${w.budgetCovered}` : '–'}</td>
      </tr>
    </tbody>
  </table>`;
}

export function funderReportHtml(d: FunderReportData): string {
  const w = WORDS[d.lang];
  const lang = d.lang;
  const months = d.series.current;
  const searchChart = searchTrendSvg(d.series, lang);
  const actMonths = d.activities.months;
  const activityChart = seriesChartSvg({
    format: (v) => formatNumber(v, lang, 0),
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
      ${coverPage(w, w.funderTitle, { ...d, filters: reportFilters(w, d) })} ${coverageCaveat(w, d.directoryCoverage, lang)}
      <h2>${w.kpisTitle} ${d.kpis.year}</h2>
      <p class="meta">${w.expected} : ${formatPercent(d.kpis.expectedProgress, lang)}</p>
      ${kpiTiles(d, w)} ${fundingTable(d, w)}
      <h3>${w.servicesByTheme}</h3>
      <div class="chart">${raw(servicesChart)}</div>
    </div>
    <div class="page">
      <h2>${w.searchesTitle}</h2>
      ${searchTotalsTable(w, d.series, d.from, d.to, lang)}
      <div class="chart">${raw(searchChart)}</div>
      <table class="compact">
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
          ? html`<table class="compact">
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
      <table class="compact">
        <thead>
          <tr>
            ${(['training', 'sensitisation', 'copil', 'funding'] as const).map((k) => html`<th class="num">${w.activityKinds[k]}</th>`)}
            <th class="num">${w.people}</th>
            <th class="num">${w.amount}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            ${(['training', 'sensitisation', 'copil', 'funding'] as const).map(
              (k) => html`<td class="num">${formatNumber(totalActivities(k), lang, 0)}</td>`,
            )}
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
      ${coverageCaveat(w, d.directoryCoverage, lang)}
      <p>
        ${
          sameSnapshot
            ? w.coverageSame(formatDay(d.coverage.now.snapshot.referenceDay, lang))
            : w.coverageIntro(formatDay(d.coverage.then.snapshot.referenceDay, lang), formatDay(d.coverage.now.snapshot.referenceDay, lang))
        }
      </p>
      <table class="compact">
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
    <div class="page">${methodologySection(w)} ${suppressionNote(w, d.series.suppressionThreshold)}</div>`;
  return htmlDocument(`${w.funderTitle} — ${d.territory.name}`, lang, body);
}

/** Escaped text, exported for callers building small fragments. */
export const escapeHtml = esc;

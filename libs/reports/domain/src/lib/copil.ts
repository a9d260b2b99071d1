import type {
  CoverageMap,
  ExportFilter,
  PriorityList,
  QualityView,
  SearchBreakdown,
  SearchSeries,
  SettlementAccessList,
  SettlementDistanceInfo,
  UnmetDemand,
} from '@vigie/contracts';
import { choroplethSvg, rankingChartSvg, type MapFeatureCollection } from './charts.js';
import { formatCount, formatDay, formatDistance, formatNumber, formatPercent, html, htmlDocument, raw } from './html.js';
import { coverPage, methodologyPage, num, searchTrendSvg, suppressionNote } from './funder.js';
import { categoryLabel } from '@vigie/taxonomy';
import { WORDS } from './i18n.js';

/** Everything the COPIL pack shows, as returned by the API endpoints (never recomputed). */
export interface CopilPackData {
  lang: 'fr' | 'en';
  generatedAt: string;
  territory: { ref: string; name: string; population: number };
  from: string;
  to: string;
  filters: ExportFilter[];
  themeLabel: string;
  /** GET /api/coverage?metric=gap_score (children of the territory) and their contours. */
  map: CoverageMap;
  features: MapFeatureCollection;
  /** GET /api/priorities (children of the territory). */
  priorities: PriorityList;
  /** GET /api/settlements, positions reduced to the commune (never exact coordinates in a pack). */
  settlements: SettlementAccessList;
  /** GET /api/searches/series (monthly) and breakdown by theme, with the viewer's suppression. */
  series: SearchSeries;
  byTheme: SearchBreakdown;
  /** GET /api/searches/unmet (top rows), when available; else the zero-result searches by theme stand for it. */
  unmet: UnmetDemand | null;
  /** GET /api/quality. */
  quality: QualityView;
}

const THEMES_OF_SETTLEMENTS = ['food', 'hygiene', 'health', 'advice'];

/**
 * A settlement's distance to the nearest service of a theme: metres only when the API gave them (never in a
 * pack, whose positions are reduced to the commune), else the class "≤ 5 km" / "> 5 km" (docs/PRIVACY.md:
 * metres to public services would give the site's position back by trilateration).
 */
export function distanceCell(x: SettlementDistanceInfo, lang: 'fr' | 'en'): string {
  if (x.meters !== null) return formatDistance(x.meters, lang);
  const km = `${formatNumber(x.thresholdMeters / 1000, lang, 1)} km`;
  return x.distanceClass === 'none' ? '–' : x.distanceClass === 'beyond' ? `> ${km}` : `≤ ${km}`;
}

export function copilPackHtml(d: CopilPackData): string {
  const w = WORDS[d.lang];
  const lang = d.lang;
  const map = choroplethSvg({
    features: d.features,
    values: d.map.values,
    higherIsWorse: true,
    legend: `${w.gapScore} — ${d.themeLabel}`,
    format: (v) => formatNumber(v, lang, 0),
  });
  const trend = searchTrendSvg(d.series, lang);
  const themeRows = d.byTheme.rows;
  const themeChart = rankingChartSvg({
    labels: themeRows.map((r) => r.label),
    values: themeRows.map((r) => num(r.searches)),
    name: w.searches,
    formatter: (v) => formatNumber(v, lang, 0),
  });
  const settlementThemes = [...new Set(d.settlements.items.flatMap((i) => i.distances.map((x) => x.themeId)))].sort(
    (a, b) => ((THEMES_OF_SETTLEMENTS.indexOf(a) + 100) % 100) - ((THEMES_OF_SETTLEMENTS.indexOf(b) + 100) % 100) || a.localeCompare(b),
  );
  const q = d.quality;
  const body = html` <div class="page">
      ${coverPage(w, w.copilTitle, d)}
      <h2>${w.gapMapTitle} — ${d.themeLabel}</h2>
      <p class="meta">${w.snapshot(formatDay(d.map.snapshot.referenceDay, lang))}</p>
      <div class="chart">${raw(map)}</div>
    </div>
    <div class="page">
      <h2>${w.prioritiesTitle}</h2>
      ${
        d.priorities.zones.length
          ? html`<table>
              <thead>
                <tr>
                  <th class="num">${w.rank}</th>
                  <th>${w.zone}</th>
                  <th>${w.theme}</th>
                  <th class="num">${w.gapScore}</th>
                  <th class="num">${w.populationBeyondNow}</th>
                  <th>${w.why}</th>
                </tr>
              </thead>
              <tbody>
                ${d.priorities.zones.map(
                  (z, i) =>
                    html`<tr>
                      <td class="num">${i + 1}</td>
                      <td>${z.name}</td>
                      <td>${z.label}</td>
                      <td class="num">${formatNumber(z.score, lang, 0)}</td>
                      <td class="num">${formatNumber(z.populationBeyond, lang, 0)}</td>
                      <td>${(lang === 'en' ? z.explanation.en : z.explanation.fr).join(' ')}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${w.noPriority}</p>`
      }
    </div>
    <div class="page">
      <h2>${w.settlementsTitle}</h2>
      <p>${w.settlementsIntro}</p>
      <p class="meta">
        ${w.sites} : ${formatNumber(d.settlements.sites, lang, 0)} · ${w.residents} : ${formatCount(d.settlements.residents, lang)} ·
        ${w.sitesBeyond} : ${formatNumber(d.settlements.sitesBeyondAny, lang, 0)}
      </p>
      ${
        d.settlements.items.length
          ? html`<table>
              <thead>
                <tr>
                  <th>${w.commune}</th>
                  <th class="num">${w.residents}</th>
                  ${settlementThemes.map((t) => html`<th class="num">${categoryLabel(t, lang)}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${d.settlements.items.map(
                  (s) =>
                    html`<tr>
                      <td>${s.communeName}</td>
                      <td class="num">${formatNumber(s.population, lang, 0)}</td>
                      ${settlementThemes.map((t) => {
                        const x = s.distances.find((v) => v.themeId === t);
                        return html`<td class="num${x?.beyond ? ' closure' : ''}">${x ? distanceCell(x, lang) : '–'}</td>`;
                      })}
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${w.noSettlement}</p>`
      }
    </div>
    <div class="page">
      <h2>${w.demandTitle}</h2>
      <table>
        <thead>
          <tr>
            <th>${w.total}</th>
            <th class="num">${w.searches}</th>
            <th class="num">${w.zeroResults}</th>
            <th class="num">${w.zeroResultRate}</th>
            <th class="num">${w.previousYear}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>${formatDay(d.from, lang)} – ${formatDay(d.to, lang)}</td>
            <td class="num">${formatCount(d.series.totals.searches, lang)}</td>
            <td class="num">${formatCount(d.series.totals.zeroResults, lang)}</td>
            <td class="num">${formatPercent(d.series.totals.zeroResultRate, lang, 1)}</td>
            <td class="num">${formatCount(d.series.totals.previousYear, lang)}</td>
          </tr>
        </tbody>
      </table>
      <div class="chart">${raw(trend)}</div>
      <h3>${w.unmetTitle}</h3>
      ${
        d.unmet && d.unmet.rows.length
          ? html`<table>
              <thead>
                <tr>
                  <th>${w.zone}</th>
                  <th>${w.theme}</th>
                  <th class="num">${w.searches}</th>
                  <th class="num">${w.zeroResults}</th>
                  <th class="num">${w.zeroResultRate}</th>
                  <th class="num">${w.searchesPerService}</th>
                </tr>
              </thead>
              <tbody>
                ${d.unmet.rows.map(
                  (r) =>
                    html`<tr>
                      <td>${r.name}</td>
                      <td>${categoryLabel(r.key, lang)}</td>
                      <td class="num">${formatCount(r.searches, lang)}</td>
                      <td class="num">${formatCount(r.zeroResults, lang)}</td>
                      <td class="num">${formatPercent(r.zeroResultRate, lang, 1)}</td>
                      <td class="num">${formatNumber(r.searchesPerService, lang, 1)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${w.unmetMissing}</p>`
      }
      <table>
        <thead>
          <tr>
            <th>${w.theme}</th>
            <th class="num">${w.searches}</th>
            <th class="num">${w.zeroResults}</th>
            <th class="num">${w.zeroResultRate}</th>
          </tr>
        </thead>
        <tbody>
          ${themeRows.map(
            (r) =>
              html`<tr>
                <td>${r.label}</td>
                <td class="num">${formatCount(r.searches, lang)}</td>
                <td class="num">${formatCount(r.zeroResults, lang)}</td>
                <td class="num">${formatPercent(r.zeroResultRate, lang, 1)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <div class="chart">${raw(themeChart)}</div>
      ${suppressionNote(w, d.series.suppressionThreshold)}
    </div>
    <div class="page">
      <h2>${w.freshnessTitle}</h2>
      <p class="meta">${w.snapshot(formatDay(q.snapshot.referenceDay, lang))}</p>
      <table>
        <tbody>
          <tr>
            <th>${w.activeServices}</th>
            <td class="num">${formatNumber(q.activeServices, lang, 0)}</td>
          </tr>
          <tr>
            <th>${w.updatedRecently}</th>
            <td class="num">${formatNumber(q.updatedRecently, lang, 0)} (${formatPercent(q.shareUpdatedRecently, lang, 1)})</td>
          </tr>
          <tr>
            <th>${w.completeness}</th>
            <td class="num">${formatNumber(q.meanCompleteness, lang, 1)}</td>
          </tr>
          <tr>
            <th>${w.campaign}</th>
            <td class="num">
              ${formatNumber(q.campaign.toDo, lang, 0)} / ${formatNumber(q.campaign.started, lang, 0)} /
              ${formatNumber(q.campaign.finished, lang, 0)}
            </td>
          </tr>
        </tbody>
      </table>
      <h3>${w.toUpdate}</h3>
      <table>
        <thead>
          <tr>
            <th>${w.service}</th>
            <th>${w.category}</th>
            <th>${w.commune}</th>
            <th class="num">${w.months}</th>
          </tr>
        </thead>
        <tbody>
          ${q.toUpdate.slice(0, 15).map(
            (r) =>
              html`<tr>
                <td>${r.placeName}</td>
                <td>${r.categoryLabel}</td>
                <td>${r.communeName ?? '–'}</td>
                <td class="num">${r.monthsSinceUpdate === null ? '–' : formatNumber(r.monthsSinceUpdate, lang, 0)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${methodologyPage(w)}
    </div>`;
  return htmlDocument(`${w.copilTitle} — ${d.territory.name}`, lang, body);
}

import type {
  CoverageKeyProfile,
  CoverageMap,
  DeploymentKpis,
  PriorityList,
  PriorityZone,
  QualityView,
  SearchBreakdown,
  SearchSeries,
  SettlementAccessList,
  SettlementDistanceInfo,
  UnmetDemand,
} from '@vigie/contracts';
import { categoryLabel } from '@vigie/taxonomy';
import { rankingChartSvg, type MapFeatureCollection } from './charts.js';
import { formatCount, formatDay, formatNumber, formatPercent, html, htmlDocument, raw } from './html.js';
import { WORDS } from './i18n.js';
import { mainTowns, type MapArea, scoreClasses, territoryMapSvg } from './map.js';
import {
  coverageCaveat,
  coverPage,
  keyFigures,
  methodologySection,
  num,
  periodText,
  type ReportDirectoryCoverage,
  type ReportTerritoryInfo,
  searchTotalsTable,
  searchTrendSvg,
  suppressionNote,
  territoryText,
} from './sections.js';

/** A contour of the map page, with what labels it (population and centre). */
export type CopilMapFeatures = MapFeatureCollection & {
  features: { properties: { code: string; name?: string; population?: number | null; lat?: number | null; lon?: number | null } }[];
};

/** Everything the COPIL pack shows, as returned by the API endpoints (never recomputed). */
export interface CopilPackData {
  lang: 'fr' | 'en';
  generatedAt: string;
  territory: ReportTerritoryInfo;
  from: string;
  to: string;
  /** The theme chosen in Rapports (map, priority zones, unmet demand). */
  theme: { id: string; label: string };
  /** GET /api/deployment/kpis (year of `to`): "Recherches par mois" is its searches_per_month, as on the dashboard. */
  kpis: Pick<DeploymentKpis, 'year' | 'searchMonths' | 'kpis'>;
  /** GET /api/coverage/{level}/{code}, the chosen theme's row (population within reach). */
  profile: CoverageKeyProfile | null;
  /** GET /api/coverage?metric=gap_score&theme= (children of the territory) and their contours (the map endpoint's). */
  map: CoverageMap;
  features: CopilMapFeatures;
  /** Only metropolitan France is drawn (national pack). */
  metropolitanOnly: boolean;
  /** GET /api/priorities?theme= (children of the territory): the chosen theme only, one row per zone. */
  priorities: PriorityList;
  /** GET /api/settlements, positions reduced to the commune (never exact coordinates in a pack). */
  settlements: SettlementAccessList;
  /** GET /api/searches/series (monthly) and breakdown by theme, with the viewer's suppression. */
  series: SearchSeries;
  byTheme: SearchBreakdown;
  /** GET /api/searches/unmet?theme= (top rows), when available. */
  unmet: UnmetDemand | null;
  /** GET /api/quality. */
  quality: QualityView;
  /** The directory's coverage of the territory; null: not known. */
  directoryCoverage: ReportDirectoryCoverage | null;
}

const THEMES_OF_SETTLEMENTS = ['food', 'hygiene', 'health', 'advice'];

/**
 * A settlement's distance to the nearest service of a theme: metres only when the API gave them (never in a
 * pack, whose positions are reduced to the commune), else the class "≤ 5 km" / "> 5 km" (docs/PRIVACY.md:
 * metres to public services would give the site's position back by trilateration).
 */
export function distanceCell(x: SettlementDistanceInfo, lang: 'fr' | 'en'): string {
  const km = `${formatNumber(x.thresholdMeters / 1000, lang, 1)} km`;
  if (x.meters !== null) return x.meters > x.thresholdMeters ? `> ${km}` : `≤ ${km}`;
  return x.distanceClass === 'none' ? '–' : x.distanceClass === 'beyond' ? `> ${km}` : `≤ ${km}`;
}

/**
 * The priority zones of the chosen theme, one row per territory (the API ranks territory × theme; a pack about one
 * theme must not mix others nor repeat a commune), uncovered territories left out.
 */
export function themeZones(zones: readonly PriorityZone[], theme: string): PriorityZone[] {
  const seen = new Set<string>();
  return zones.filter((z) => {
    if (z.key !== theme || z.covered === false || seen.has(z.code)) return false;
    seen.add(z.code);
    return true;
  });
}

/** The map's areas: contours with the chosen theme's gap score and whether the directory covers them. */
export function mapAreas(features: CopilMapFeatures, map: CoverageMap): MapArea[] {
  const values = new Map(map.values.map((v) => [v.code, v]));
  return features.features.map((f) => {
    const v = values.get(f.properties.code);
    return {
      code: f.properties.code,
      name: f.properties.name ?? v?.name ?? f.properties.code,
      geometry: (f.geometry as MapArea['geometry']) ?? null,
      value: v && v.covered !== false ? num(v.value) : null,
      covered: v ? v.covered !== false : true,
    };
  });
}

export function copilPackHtml(d: CopilPackData): string {
  const w = WORDS[d.lang];
  const lang = d.lang;
  const theme = d.theme.label;
  const zones = themeZones(d.priorities.zones, d.theme.id);
  const childIsCommune = d.map.level === 'commune';
  const mapSvg = territoryMapSvg({
    areas: mapAreas(d.features, d.map),
    classes: scoreClasses((v) => formatNumber(v, lang, 0)),
    title: w.mapTitle(theme),
    noDataLabel: w.noData,
    uncoveredLabel: w.notDeployed,
    labels:
      d.territory.level === 'country'
        ? []
        : mainTowns(
            d.features.features.map((f) => ({ name: f.properties.name ?? '', ...f.properties })),
            childIsCommune ? 8 : 12,
          ),
  });
  const trend = searchTrendSvg(d.series, lang, 1000);
  const themeRows = d.byTheme.rows;
  const themeChart = rankingChartSvg({
    labels: themeRows.map((r) => r.label),
    values: themeRows.map((r) => num(r.searches)),
    name: w.searches,
    formatter: (v) => formatNumber(v, lang, 0),
    width: 1000,
  });
  const settlementThemes = [...new Set(d.settlements.items.flatMap((i) => i.distances.map((x) => x.themeId)))].sort(
    (a, b) => ((THEMES_OF_SETTLEMENTS.indexOf(a) + 100) % 100) - ((THEMES_OF_SETTLEMENTS.indexOf(b) + 100) % 100) || a.localeCompare(b),
  );
  const p = d.profile;
  const within = p && p.population > 0 && p.shareBeyond !== null ? 1 - p.shareBeyond : null;
  const q = d.quality;
  const filters = [
    { label: w.territory, value: territoryText(d.territory, lang) },
    { label: w.period, value: periodText(d.from, d.to, lang) },
    { label: w.theme, value: theme },
  ];
  const body = html` <div class="page">
      ${coverPage(w, w.copilTitle, { ...d, filters })} ${coverageCaveat(w, d.directoryCoverage, lang)}
      <h2>${w.keyFigures}</h2>
      ${keyFigures(w, lang, {
        kpis: d.kpis,
        series: d.series,
        extra: p
          ? [
              {
                label: w.populationWithin(theme),
                value: formatPercent(within, lang),
                hint: `${w.populationBeyond} : ${formatNumber(p.populationBeyond, lang, 0)}`,
              },
            ]
          : [],
      })}
      <p class="note">${w.snapshot(formatDay(d.map.snapshot.referenceDay, lang))}</p>
    </div>
    <div class="page map-page">
      <h2>${w.gapMapTitle} — ${theme}</h2>
      <p class="meta">${w.mapIntro} ${d.metropolitanOnly ? w.mapMetropolitan : ''}</p>
      <div class="map">${raw(mapSvg)}</div>
    </div>
    <div class="page">
      <h2>${w.prioritiesTitle} — ${theme}</h2>
      <p class="meta">${w.prioritiesIntro(theme)}</p>
      ${
        zones.length
          ? html`<table class="priorities">
              <colgroup>
                <col style="width:9mm" />
                <col style="width:46mm" />
                <col style="width:20mm" />
                <col style="width:30mm" />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th class="num">${w.rank}</th>
                  <th>${w.zone}</th>
                  <th class="num">${w.gapScore}</th>
                  <th class="num">${w.populationBeyond}</th>
                  <th>${w.why}</th>
                </tr>
              </thead>
              <tbody>
                ${zones.map(
                  (z, i) =>
                    html`<tr data-zone="${z.code}">
                      <td class="num">${i + 1}</td>
                      <td class="zone">${z.name}</td>
                      <td class="num">${formatNumber(z.score, lang, 0)}</td>
                      <td class="num">${formatNumber(z.populationBeyond, lang, 0)}</td>
                      <td>
                        <ul class="why">
                          ${(lang === 'en' ? z.explanation.en : z.explanation.fr).map((s) => html`<li>${s}</li>`)}
                        </ul>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${w.noPriority}</p>`
      }
    </div>
    <div class="page">
      <h2>${w.settlementsTitle}</h2>
      <p>${w.settlementsIntro} ${d.settlements.items.some((i) => !i.precise) ? w.distanceClasses : ''}</p>
      <p class="meta">
        ${w.sites} : ${formatNumber(d.settlements.sites, lang, 0)} · ${w.residents} : ${formatCount(d.settlements.residents, lang)} ·
        ${w.sitesBeyond} : ${formatNumber(d.settlements.sitesBeyondAny, lang, 0)}
      </p>
      ${
        d.settlements.items.length
          ? html`<table class="compact">
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
      ${searchTotalsTable(w, d.series, d.from, d.to, lang)}
      <div class="chart">${raw(trend)}</div>
      ${suppressionNote(w, d.series.suppressionThreshold)}
    </div>
    <div class="page">
      <h2>${w.unmetTitle} — ${theme}</h2>
      ${
        d.unmet && d.unmet.rows.length
          ? html`<table class="compact">
              <thead>
                <tr>
                  <th>${w.zone}</th>
                  <th>${d.unmet.keyType === 'theme' ? w.theme : w.category}</th>
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
      <h3>${w.byTheme}</h3>
      <table class="compact">
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
      <table class="compact">
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
      <table class="compact">
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
    </div>
    <div class="page">${methodologySection(w)} ${suppressionNote(w, d.series.suppressionThreshold)}</div>`;
  return htmlDocument(`${w.copilTitle} — ${d.territory.name}`, lang, body, LANDSCAPE_CSS);
}

/** The COPIL pack is read on a projector or on A4 landscape: wide tables, explanations as short lists. */
const LANDSCAPE_CSS = `
@page { size: A4 landscape; margin: 12mm 14mm 16mm 14mm; }
.map-page .map svg { display: block; width: auto; height: 150mm; max-width: 100%; margin: 0 auto; }
table.priorities { table-layout: fixed; font-size: 8.5pt; }
table.priorities td.zone { font-weight: bold; }
ul.why { margin: 0; padding-left: 4mm; }
ul.why li { margin: 0 0 0.6mm; text-align: left; hyphens: manual; }
.kpis { grid-template-columns: repeat(4, 1fr); }
`;

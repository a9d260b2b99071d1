import type { CoverageMap, DeploymentKpis, PriorityZone, SearchSeries } from '@vigie/contracts';
import { copilPackHtml, type CopilPackData, mapAreas, themeZones } from './copil.js';
import { funderReportHtml, type FunderReportData } from './funder.js';
import { classOf, scoreClasses, territoryMapSvg } from './map.js';
import { coverageCaveat, formatKpi, territoryText } from './sections.js';
import { WORDS } from './i18n.js';

const snapshot = { id: 3, referenceDay: '2026-11-14', computedAt: '2026-11-14T03:00:00.000Z', status: 'ready', durationMs: 1 } as never;

function zone(code: string, name: string, key: string, score: number): PriorityZone {
  return {
    level: 'commune',
    code,
    name,
    key,
    label: key,
    population: 1000,
    populationBeyond: 500,
    score,
    rank: 1,
    components: {},
    explanation: { fr: [`42 % du score : 500 habitants à plus de 5 km de ${name}`], en: [`42 % of the score: ${name}`] },
    covered: true,
    coverage: { status: 'covered', departments: 1, of: 1, populationShare: 1, totalPopulation: 1000 },
  };
}

const square = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + 0.1, y],
      [x + 0.1, y + 0.1],
      [x, y + 0.1],
      [x, y],
    ],
  ],
});

const series: SearchSeries = {
  granularity: 'month',
  current: [{ period: '2026-01-01', searches: 2000, zeroResults: 100, zeroResultRate: 0.05 }],
  previousPeriod: [],
  previousYear: [{ period: '2025-01-01', searches: 1800 }],
  totals: { searches: 29_213, zeroResults: { lt: 11 }, zeroResultRate: null, per10kInhabitants: 12.3, previousYear: 27_000 },
  suppressionThreshold: 11,
} as unknown as SearchSeries;

const kpis = {
  territory: { level: 'department', code: '95', name: "Val-d'Oise", population: 1_250_000 },
  year: 2026,
  expectedProgress: 0.87,
  searchMonths: 10,
  departmentsWithTargets: 1,
  kpis: [
    { metric: 'searches_per_month', value: 2921.3, target: 3000, progress: 0.97, status: 'on_track' },
    { metric: 'funds_raised', value: 4640, target: 116_000, progress: 0.04, status: 'behind' },
  ],
} as unknown as DeploymentKpis;

const territory = { level: 'department' as const, code: '95', name: "Val-d'Oise", population: 1_250_000 };

function copilData(): CopilPackData {
  const zones = [
    zone('95355', 'Magny-en-Vexin', 'food', 80),
    zone('95355', 'Magny-en-Vexin', 'equipment', 79),
    zone('95541', 'Saint-Clair-sur-Epte', 'technology', 78),
    zone('95541', 'Saint-Clair-sur-Epte', 'food', 70),
    zone('95355', 'Magny-en-Vexin', 'food', 60),
  ];
  const map: CoverageMap = {
    snapshot,
    level: 'commune',
    parent: { level: 'department', code: '95' },
    key: 'food',
    keyType: 'theme',
    metric: 'gap_score',
    unit: 'score 0–100',
    values: [
      { code: '95355', name: 'Magny-en-Vexin', population: 5000, value: 80, covered: true, coverage: null },
      { code: '95541', name: 'Saint-Clair-sur-Epte', population: 900, value: null, covered: true, coverage: null },
      { code: '95999', name: 'Ailleurs', population: 900, value: 50, covered: false, coverage: null },
    ],
    coverage: null,
  };
  return {
    lang: 'fr',
    generatedAt: '2026-11-15T11:00:00.000Z',
    territory,
    from: '2026-01-01',
    to: '2026-11-15',
    theme: { id: 'food', label: 'Alimentation' },
    kpis,
    profile: null,
    map,
    features: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '95355', name: 'Magny-en-Vexin', population: 5000, lat: 49.15, lon: 1.78 },
          geometry: square(1.7, 49.1),
        },
        {
          type: 'Feature',
          properties: { code: '95541', name: 'Saint-Clair-sur-Epte', population: 900, lat: 49.2, lon: 1.68 },
          geometry: square(1.6, 49.15),
        },
        {
          type: 'Feature',
          properties: { code: '95999', name: 'Ailleurs', population: 900, lat: 49.0, lon: 2.0 },
          geometry: square(1.9, 49.0),
        },
      ],
    },
    metropolitanOnly: false,
    priorities: { snapshot, level: 'commune', parent: { level: 'department', code: '95' }, theme: 'food', zones },
    settlements: { snapshot, sites: 0, residents: 0, sitesBeyondAny: 0, items: [] },
    series,
    byTheme: { rows: [] } as never,
    unmet: null,
    quality: {
      snapshot,
      territory: { level: 'department', code: '95', name: "Val-d'Oise" },
      activeServices: 120,
      updatedRecently: 80,
      shareUpdatedRecently: 0.66,
      meanCompleteness: 70,
      campaign: { toDo: 1, started: 2, finished: 3 },
      toUpdate: [],
    } as never,
    directoryCoverage: { status: 'partial', departments: 1, of: 8, populationShare: 0.1 },
  };
}

/** The visible text of a document: no style, tags out, entities decoded, spaces normalised. */
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[\u202f\u00a0\s]+/g, ' ');

describe('COPIL pack', () => {
  it('keeps the chosen theme only, one row per zone, uncovered zones left out', () => {
    const zones = copilData().priorities.zones;
    expect(themeZones(zones, 'food').map((z) => z.name)).toEqual(['Magny-en-Vexin', 'Saint-Clair-sur-Epte']);
    expect(themeZones([{ ...zones[0], covered: false }], 'food')).toEqual([]);
  });

  it('prints the territory name and level, dates in words, no internal reference, path or ISO date', () => {
    const t = text(copilPackHtml(copilData()));
    expect(t).toContain("Val-d'Oise (département 95)");
    expect(t).toContain('1 janvier 2026 – 15 novembre 2026');
    expect(t).toContain('Alimentation');
    expect(t).not.toMatch(/department:|docs\/|\.md\b/);
    expect(t).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(t).not.toContain('Matériel');
    // Recherches par mois as the dashboard prints it (whole number from 100 up).
    expect(t).toContain('Recherches par mois 2 921 moyenne des 10 mois complets de 2026');
    expect(t.match(/Magny-en-Vexin/g)!.length).toBeGreaterThanOrEqual(1);
  });

  it('prints the directory caveat when the directory covers part of the territory', () => {
    const t = text(copilPackHtml(copilData()));
    expect(t).toContain('Données pour 1 département sur 8, 10 % de la population');
    expect(text(coverageCaveat(WORDS.fr, { status: 'covered', departments: 1, of: 1, populationShare: 1 }, 'fr').html).trim()).toBe('');
  });

  it('draws the map with score classes, a "pas de données" entry and hatched uncovered areas', () => {
    const d = copilData();
    const areas = mapAreas(d.features, d.map);
    expect(areas.map((a) => [a.code, a.value, a.covered])).toEqual([
      ['95355', 80, true],
      ['95541', null, true],
      ['95999', null, false],
    ]);
    const svg = territoryMapSvg({
      areas,
      classes: scoreClasses(String),
      title: 'Score',
      noDataLabel: 'pas de données',
      uncoveredLabel: 'annuaire non déployé',
      labels: [{ name: 'Magny-en-Vexin', lon: 1.78, lat: 49.15 }],
    });
    expect(svg.match(/<path /g)).toHaveLength(3);
    expect(svg).toContain('url(#uncovered)');
    expect(svg).toContain('pas de données');
    expect(svg).toContain('annuaire non déployé');
    expect(svg).toContain('>Magny-en-Vexin</text>');
    const classes = scoreClasses(String);
    expect(classes).toHaveLength(5);
    expect(classOf(classes, 100)!.from).toBe(80);
    expect(classOf(classes, 0)!.from).toBe(0);
    expect(classOf(classes, null)).toBeNull();
  });
});

describe('funder report', () => {
  const d: FunderReportData = {
    lang: 'fr',
    generatedAt: '2026-11-15T11:00:00.000Z',
    territory,
    from: '2026-01-01',
    to: '2026-11-15',
    kpis,
    budget: 173_000,
    activities: { months: [] } as never,
    series,
    peaks: { peaks: [] } as never,
    coverage: { then: { snapshot, keys: [] }, now: { snapshot, keys: [] } },
    directoryCoverage: { status: 'partial', departments: 1, of: 8, populationShare: 0.1 },
  };

  it('names each funding denominator: the funds-raised target (the KPI) and the budget', () => {
    const t = text(funderReportHtml(d));
    expect(t).toContain('Objectif de fonds levés 2026 116 000 € 4 % de l’objectif de fonds levés atteint');
    expect(t).toContain('Budget 2026 du déploiement 173 000 € 3 % du budget couvert par les fonds levés');
    expect(t).toContain('Données pour 1 département sur 8, 10 % de la population');
    expect(t).not.toMatch(/department:|docs\/|\b\d{4}-\d{2}-\d{2}\b/);
    expect(t).toContain('< 11');
  });

  it('formats KPIs like the dashboard', () => {
    expect(formatKpi('searches_per_month', 2921.3, 'fr')).toBe('2\u202f921');
    expect(formatKpi('searches_per_month', 12.34, 'fr')).toBe('12,3');
    expect(formatKpi('funds_raised', 4640, 'fr')).toBe('4\u202f640\u00a0€');
    expect(territoryText({ level: 'region', code: '11', name: 'Île-de-France', population: 1 }, 'fr')).toBe('Île-de-France (région)');
    expect(territoryText({ level: 'country', code: 'FR', name: 'France', population: 1 }, 'en')).toBe('France');
  });
});

import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal } from '@angular/core';
import type { TerritoryFeatureCollection } from '@vigie/contracts';
import type { ECharts } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { chartAria } from '../../../shared/ui/chart-aria';
import { loadEcharts } from '../../../shared/ui/echarts-loader';
import { type LegendClass, legendBreaks, legendClasses, type MetricDomain } from './map-legend';

let mapSeq = 0;

/** A point drawn over the map (e.g. a settlement): size by `size`, colour given. */
export interface MapPoint {
  lon: number;
  lat: number;
  size: number;
  color: string;
  label: string;
}

/** A referenced service drawn over the map; nearby services are grouped (grid clustering in screen pixels). */
export interface ServiceDot {
  lon: number;
  lat: number;
  color: string;
  open: boolean;
  label: string;
}

/** A marker on the map: the service placed by the what-if. */
export interface MapMarker {
  lon: number;
  lat: number;
  label: string;
}

/** Texts of the legend written by the page (in the UI language). */
export interface MapLegendText {
  title: string;
  noData: string;
  uncovered: string;
  highlight: string;
  marker: string;
}

/** Hatching of the territories where the directory is not deployed (ECharts decal). */
const UNCOVERED_DECAL = {
  symbol: 'rect',
  symbolSize: 1,
  dashArrayX: [1, 0],
  dashArrayY: [2, 5],
  rotation: -Math.PI / 4,
  color: 'rgba(60, 60, 60, 0.55)',
};
const NO_DATA_COLOUR = '#e0e0e0';
const UNCOVERED_COLOUR = '#f2f2f2';
const HIGHLIGHT_COLOUR = '#d81b60';

/** Ray casting on one ring of [lon, lat] positions. */
function ringContains(ring: number[][], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The code of the feature whose polygon holds a point (undefined: none). */
export function featureAt(collection: TerritoryFeatureCollection, lon: number, lat: number): string | undefined {
  for (const f of collection.features) {
    const g = f.geometry;
    if (!g) continue;
    const polys = g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]);
    if (polys.some((p) => p.length && ringContains(p[0], lon, lat) && !p.slice(1).some((h) => ringContains(h, lon, lat))))
      return f.properties.code;
  }
  return undefined;
}

/** Size of a clustering cell in screen pixels: services closer than this on screen are grouped. */
const CLUSTER_CELL_PX = 44;

/** Groups points by a grid of `cell`-pixel squares (pixel positions from `toPixel`); singles stay single. */
export function gridClusters<T>(items: readonly T[], toPixel: (item: T) => number[] | null | undefined, cell: number): T[][] {
  const cells = new Map<string, T[]>();
  for (const it of items) {
    const px = toPixel(it);
    if (!px || !Number.isFinite(px[0]) || !Number.isFinite(px[1])) continue;
    const key = `${Math.floor(px[0] / cell)}:${Math.floor(px[1] / cell)}`;
    const list = cells.get(key);
    if (list) list.push(it);
    else cells.set(key, [it]);
  }
  return [...cells.values()];
}

/**
 * Choropleth of a FeatureCollection served by the API (ECharts geo map, loaded lazily), with an
 * optional layer of points. Colours: quantile classes on a colour-blind-safe scale, decal patterns.
 */
@Component({
  selector: 'vg-choropleth',
  imports: [NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (options(); as o) {
      <div
        class="chart"
        [class.picking]="pickMode()"
        echarts
        [options]="o"
        (chartInit)="onInit($event)"
        (chartClick)="onClick($event)"
        (chartFinished)="rendered.set(true); recluster()"
        [attr.data-level]="collection().level"
        [attr.data-rendered-count]="rendered() ? collection().features.length : null"
        [attr.data-service-groups]="services().length ? serviceGroups() : null"
      ></div>
    } @else {
      <div class="chart placeholder" aria-busy="true"></div>
    }
    <ul class="legend" data-testid="map-legend" [attr.aria-label]="legendText().title">
      <li class="legend-title" aria-hidden="true">{{ legendText().title }}</li>
      @for (c of classes(); track c.label) {
        <li class="cls" data-kind="class"><span class="sw" [style.background]="c.color"></span>{{ c.label }}</li>
      }
      <li data-kind="no-data"><span class="sw" [style.background]="noDataColour"></span>{{ legendText().noData }}</li>
      @if (uncovered().size) {
        <li data-kind="uncovered"><span class="sw hatched"></span>{{ legendText().uncovered }}</li>
      }
      @if (highlight().size) {
        <li data-kind="highlight"><span class="sw outlined"></span>{{ legendText().highlight }}</li>
      }
      @if (marker()) {
        <li data-kind="marker"><span class="pin" aria-hidden="true">▼</span>{{ legendText().marker }}</li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
    }
    .chart {
      width: 100%;
      height: var(--vg-map-height, 560px);
    }
    .chart.picking {
      cursor: crosshair;
    }
    .placeholder {
      background: var(--mat-sys-surface-container-low);
      border-radius: 8px;
    }
    .legend {
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 14px;
      font-size: 12px;
      align-items: center;
    }
    .legend li {
      display: inline-flex;
      align-items: center;
      gap: 5px;
      font-variant-numeric: tabular-nums;
    }
    .legend-title {
      font-weight: 500;
      flex-basis: 100%;
    }
    .sw {
      display: inline-block;
      width: 16px;
      height: 12px;
      border: 1px solid #9e9e9e;
    }
    .sw.hatched {
      background: repeating-linear-gradient(-45deg, #f2f2f2 0 3px, #5a5a5a 3px 4px);
    }
    .sw.outlined {
      background: transparent;
      border: 2px solid #d81b60;
    }
    .pin {
      color: #d81b60;
      font-size: 14px;
    }
  `,
})
export class Choropleth {
  readonly collection = input.required<TerritoryFeatureCollection>();
  readonly values = input.required<ReadonlyMap<string, number | null>>();
  readonly metricLabel = input('Population');
  readonly format = input<(v: number) => string>((v) => String(v));
  readonly points = input<MapPoint[]>([]);
  /** Services layer (clustered at low zoom, split when zooming in). */
  readonly services = input<ServiceDot[]>([]);
  readonly clusterLabel = input<(n: number) => string>((n) => String(n));
  /** What the map shows, written by the page (screen readers read it instead of ECharts' English description). */
  readonly description = input('Carte');
  /** Scores and shares get fixed classes of 20; other metrics rounded quantiles or nice steps. */
  readonly domain = input<MetricDomain>('open');
  /** Territories where the directory is not deployed: hatched, no class. */
  readonly uncovered = input<ReadonlySet<string>>(new Set());
  /** Territories outlined (the communes that would gain access in the what-if). */
  readonly highlight = input<ReadonlySet<string>>(new Set());
  readonly marker = input<MapMarker | null>(null);
  /** Names of the most populous territories written on the map (commune level). */
  readonly townLabels = input(0);
  readonly legendText = input<MapLegendText>({
    title: '',
    noData: 'pas de données',
    uncovered: 'annuaire non déployé',
    highlight: '',
    marker: '',
  });
  /** When true, a click picks a position (emitted by positionPick) instead of a territory. */
  readonly pickMode = input(false);
  readonly territoryClick = output<string>();
  readonly positionPick = output<{ lon: number; lat: number; commune?: string }>();
  protected readonly noDataColour = NO_DATA_COLOUR;

  /** Legend classes of the values shown (uncovered territories left out). */
  protected readonly classes = computed<LegendClass[]>(() => {
    const values = this.values();
    const uncovered = this.uncovered();
    const shown: number[] = [];
    for (const [code, v] of values) if (v !== null && Number.isFinite(v) && !uncovered.has(code)) shown.push(v);
    return legendClasses(legendBreaks(shown, this.domain()), this.format());
  });

  protected readonly rendered = signal(false);
  /** Number of dots drawn for the services layer (clusters + singles), for tests. */
  protected readonly serviceGroups = signal(0);
  private clusterKey = '';
  private readonly registered = signal<{ id: string; collection: TerritoryFeatureCollection } | null>(null);
  private chart: ECharts | null = null;
  private roamTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect((onCleanup) => {
      const collection = this.collection();
      let cancelled = false;
      onCleanup(() => (cancelled = true));
      this.rendered.set(false);
      void loadEcharts().then((echarts) => {
        if (cancelled) return;
        const id = `vigie-map-${++mapSeq}`;
        echarts.registerMap(id, collection as unknown as Parameters<typeof echarts.registerMap>[1]);
        this.registered.set({ id, collection });
      });
    });
  }

  protected readonly options = computed(() => {
    const reg = this.registered();
    const collection = this.collection();
    if (!reg || reg.collection !== collection) return null;
    const values = this.values();
    const fmt = this.format();
    const classes = this.classes();
    const uncovered = this.uncovered();
    const highlight = this.highlight();
    const names = new Map(collection.features.map((f) => [f.properties.code, f.properties.name]));
    // Colours: a hidden piecewise visualMap of the legend's classes (ECharts fills a geo region only from a visualMap);
    // territories without a value keep the geo's grey, uncovered ones a lighter grey with hatching (decal).
    const data = collection.features.map((f) => {
      const code = f.properties.code;
      const off = uncovered.has(code);
      return { name: code, value: off ? null : (values.get(code) ?? null), ...(off ? { itemStyle: { decal: UNCOVERED_DECAL } } : {}) };
    });
    const regions = collection.features
      .filter((f) => uncovered.has(f.properties.code) || highlight.has(f.properties.code))
      .map((f) => ({
        name: f.properties.code,
        itemStyle: {
          ...(uncovered.has(f.properties.code) ? { areaColor: UNCOVERED_COLOUR } : {}),
          ...(highlight.has(f.properties.code) ? { borderColor: HIGHLIGHT_COLOUR, borderWidth: 2.2 } : {}),
        },
      }));
    const pieces = classes.map((c) => ({
      ...(c.lo !== -Infinity ? { gte: c.lo } : {}),
      ...(c.hi !== Infinity ? { lt: c.hi } : {}),
      color: c.color,
    }));
    const uncoveredText = this.legendText().uncovered;
    const noDataText = this.legendText().noData;
    // The most populous territories, named on the map (commune level).
    const towns = [...collection.features]
      .filter((f) => f.properties.lat !== null && f.properties.lon !== null)
      .sort((a, b) => b.properties.population - a.properties.population)
      .slice(0, this.townLabels());
    const marker = this.marker();
    const points = this.points();
    const maxSize = Math.max(1, ...points.map((p) => p.size));
    const metric = this.metricLabel();
    // New options replace the services' clusters: recluster() redraws them after this render.
    this.clusterKey = '';
    return {
      // Our own French (or English) description; no automatic decals: hatching means "annuaire non déployé" here.
      aria: { ...chartAria(this.description()), decal: { show: false } },
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesType: string; name: string; value: number | number[]; data?: { label?: string; tip?: string } }) =>
          p.seriesType === 'scatter'
            ? escapeHtml(p.data?.tip ?? p.data?.label ?? '')
            : `<strong>${escapeHtml(names.get(p.name) ?? p.name)}</strong><br/>${escapeHtml(metric)} : ${
                uncovered.has(p.name)
                  ? escapeHtml(uncoveredText)
                  : typeof p.value === 'number' && !Number.isNaN(p.value)
                    ? escapeHtml(fmt(p.value))
                    : escapeHtml(noDataText)
              }`,
      },
      visualMap: { type: 'piecewise', show: false, seriesIndex: 0, pieces },
      geo: {
        map: reg.id,
        regions,
        nameProperty: 'code',
        roam: true,
        scaleLimit: { min: 0.8, max: 40 },
        aspectScale: 0.72,
        left: 4,
        right: 4,
        top: 4,
        bottom: 4,
        selectedMode: false,
        itemStyle: { borderColor: '#ffffff', borderWidth: 0.4, areaColor: NO_DATA_COLOUR },
        label: { show: false },
        // Hover: the territory's name, never its code.
        emphasis: {
          label: {
            show: true,
            formatter: (p: { name: string }) => names.get(p.name) ?? '',
            fontSize: 12,
            fontWeight: 'bold',
            color: '#111',
          },
          itemStyle: { areaColor: '#f28e2b' },
        },
      },
      series: [
        { type: 'map', geoIndex: 0, data },
        ...(towns.length
          ? [
              {
                id: 'towns',
                type: 'scatter',
                coordinateSystem: 'geo',
                zlevel: 1,
                silent: true,
                symbolSize: 4,
                itemStyle: { color: '#222' },
                data: towns.map((f) => ({ name: f.properties.name, value: [f.properties.lon, f.properties.lat] })),
                label: {
                  show: true,
                  formatter: '{b}',
                  position: 'right',
                  fontSize: 11,
                  color: '#111',
                  textBorderColor: '#fff',
                  textBorderWidth: 2.5,
                },
                labelLayout: { hideOverlap: true },
              },
            ]
          : []),
        ...(marker
          ? [
              {
                id: 'whatif-marker',
                type: 'scatter',
                coordinateSystem: 'geo',
                zlevel: 3,
                symbol: 'pin',
                symbolSize: 34,
                symbolOffset: [0, '-50%'],
                itemStyle: { color: HIGHLIGHT_COLOUR, borderColor: '#fff', borderWidth: 1.5 },
                data: [{ value: [marker.lon, marker.lat], tip: marker.label }],
              },
            ]
          : []),
        // Filled by recluster() once the map is drawn (pixel positions depend on the zoom).
        ...(this.services().length
          ? [
              {
                id: 'services',
                type: 'scatter',
                coordinateSystem: 'geo',
                zlevel: 2,
                data: [],
                symbolSize: (v: number[]) => (v[2] > 1 ? Math.min(44, 14 + 6 * Math.log2(v[2])) : 8),
                label: {
                  show: true,
                  formatter: (p: { value: number[] }) => (p.value[2] > 1 ? String(p.value[2]) : ''),
                  fontSize: 11,
                  color: '#ffffff',
                  fontWeight: 'bold',
                },
              },
            ]
          : []),
        ...(points.length
          ? [
              {
                type: 'scatter',
                coordinateSystem: 'geo',
                zlevel: 1,
                data: points.map((p) => ({
                  value: [p.lon, p.lat, p.size],
                  label: p.label,
                  itemStyle: { color: p.color, borderColor: '#222', borderWidth: 0.6 },
                })),
                symbolSize: (v: number[]) => 5 + 20 * Math.sqrt(v[2] / maxSize),
              },
            ]
          : []),
      ],
    };
  });

  /** Regroups the services for the current zoom and centre (after each draw, pan or zoom). */
  protected recluster(): void {
    const chart = this.chart;
    const services = this.services();
    if (!chart || !services.length) return;
    const geo = (chart.getOption() as { geo?: { zoom?: number; center?: number[] }[] }).geo?.[0];
    const key = `${services.length}:${geo?.zoom ?? 1}:${geo?.center?.join(',') ?? ''}:${chart.getWidth()}`;
    if (key === this.clusterKey) return;
    this.clusterKey = key;
    const groups = gridClusters(
      services,
      (s) => chart.convertToPixel({ geoIndex: 0 }, [s.lon, s.lat]) as number[] | undefined,
      CLUSTER_CELL_PX,
    );
    const label = this.clusterLabel();
    const data = groups.map((g) => {
      const n = g.length;
      const lon = g.reduce((a, s) => a + s.lon, 0) / n;
      const lat = g.reduce((a, s) => a + s.lat, 0) / n;
      const one = g[0];
      return n === 1
        ? {
            value: [one.lon, one.lat, 1],
            tip: one.label,
            symbol: one.open ? 'circle' : 'emptyCircle',
            itemStyle: { color: one.color, borderColor: '#1f1f1f', borderWidth: 0.8 },
          }
        : { value: [lon, lat, n], tip: label(n), itemStyle: { color: '#3b3b3b', borderColor: '#ffffff', borderWidth: 1.5, opacity: 0.9 } };
    });
    this.serviceGroups.set(data.length);
    chart.setOption({ series: [{ id: 'services', data }] });
  }

  protected onInit(chart: ECharts): void {
    this.chart = chart;
    // Geographic position → pixel of the chart, for end-to-end tests (click a given commune) and debugging.
    (chart.getDom() as HTMLElement & { vgToPixel?: (lon: number, lat: number) => number[] | undefined }).vgToPixel = (lon, lat) =>
      chart.convertToPixel({ geoIndex: 0 }, [lon, lat]) as number[] | undefined;
    chart.on('georoam', () => {
      clearTimeout(this.roamTimer);
      this.roamTimer = setTimeout(() => this.recluster(), 120);
    });
    chart.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
      if (!this.pickMode() || !this.chart) return;
      const pos = this.chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (pos && Number.isFinite(pos[0]) && Number.isFinite(pos[1]))
        this.positionPick.emit({
          lon: pos[0],
          lat: pos[1],
          commune: this.collection().level === 'commune' ? featureAt(this.collection(), pos[0], pos[1]) : undefined,
        });
    });
  }

  protected onClick(event: { name?: string; componentType?: string; seriesType?: string }): void {
    if (this.pickMode()) return;
    if (event.name && event.seriesType !== 'scatter') this.territoryClick.emit(event.name);
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

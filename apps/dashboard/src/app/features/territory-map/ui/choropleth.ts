import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal } from '@angular/core';
import type { TerritoryFeatureCollection } from '@vigie/contracts';
import type { ECharts } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { loadEcharts } from '../../../shared/ui/echarts-loader';
import { quantileBreaks, SEQUENTIAL_VIRIDIS } from '../../../shared/ui/palettes';

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
        role="img"
        [attr.aria-label]="ariaLabel()"
      ></div>
    } @else {
      <div class="chart placeholder" aria-busy="true"></div>
    }
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
  readonly ariaLabel = input('Carte');
  /** When true, a click picks a position (emitted by positionPick) instead of a territory. */
  readonly pickMode = input(false);
  readonly territoryClick = output<string>();
  readonly positionPick = output<{ lon: number; lat: number }>();

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
    const names = new Map(collection.features.map((f) => [f.properties.code, f.properties.name]));
    const data = collection.features.map((f) => ({ name: f.properties.code, value: values.get(f.properties.code) ?? null }));
    const breaks = quantileBreaks(
      data.map((d) => d.value ?? NaN),
      SEQUENTIAL_VIRIDIS.length,
    );
    const bounds = [-Infinity, ...breaks, Infinity];
    const pieces = bounds.slice(0, -1).map((lo, i) => {
      const hi = bounds[i + 1];
      const label = lo === -Infinity ? `< ${fmt(hi)}` : hi === Infinity ? `≥ ${fmt(lo)}` : `${fmt(lo)} – ${fmt(hi)}`;
      return { ...(lo !== -Infinity ? { gte: lo } : {}), ...(hi !== Infinity ? { lt: hi } : {}), label, color: SEQUENTIAL_VIRIDIS[i] };
    });
    const points = this.points();
    const maxSize = Math.max(1, ...points.map((p) => p.size));
    const metric = this.metricLabel();
    // New options replace the services' clusters: recluster() redraws them after this render.
    this.clusterKey = '';
    return {
      aria: { enabled: true, decal: { show: true } },
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesType: string; name: string; value: number | number[]; data?: { label?: string; tip?: string } }) =>
          p.seriesType === 'scatter'
            ? escapeHtml(p.data?.tip ?? p.data?.label ?? '')
            : `<strong>${escapeHtml(names.get(p.name) ?? p.name)}</strong> (${escapeHtml(p.name)})<br/>${escapeHtml(metric)} : ${typeof p.value === 'number' && !Number.isNaN(p.value) ? escapeHtml(fmt(p.value)) : '—'}`,
      },
      visualMap: breaks.length
        ? {
            type: 'piecewise',
            seriesIndex: 0,
            pieces,
            right: 8,
            bottom: 8,
            itemWidth: 14,
            itemHeight: 10,
            textStyle: { fontSize: 11 },
            backgroundColor: 'rgba(255,255,255,0.85)',
            padding: 6,
          }
        : undefined,
      geo: {
        map: reg.id,
        nameProperty: 'code',
        roam: true,
        scaleLimit: { min: 0.8, max: 40 },
        aspectScale: 0.72,
        selectedMode: false,
        itemStyle: { borderColor: '#ffffff', borderWidth: 0.4, areaColor: '#e0e0e0' },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#f28e2b' } },
      },
      series: [
        { type: 'map', geoIndex: 0, data },
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
    chart.on('georoam', () => {
      clearTimeout(this.roamTimer);
      this.roamTimer = setTimeout(() => this.recluster(), 120);
    });
    chart.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
      if (!this.pickMode() || !this.chart) return;
      const pos = this.chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (pos && Number.isFinite(pos[0]) && Number.isFinite(pos[1])) this.positionPick.emit({ lon: pos[0], lat: pos[1] });
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

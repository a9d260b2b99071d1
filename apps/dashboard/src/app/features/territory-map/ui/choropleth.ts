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
        (chartFinished)="rendered.set(true)"
        [attr.data-level]="collection().level"
        [attr.data-rendered-count]="rendered() ? collection().features.length : null"
        role="img"
        [attr.aria-label]="ariaLabel()"
      ></div>
    } @else {
      <div class="chart placeholder" aria-busy="true"></div>
    }
  `,
  styles: `
    :host { display: block; }
    .chart { width: 100%; height: var(--vg-map-height, 560px); }
    .chart.picking { cursor: crosshair; }
    .placeholder { background: var(--mat-sys-surface-container-low); border-radius: 8px; }
  `,
})
export class Choropleth {
  readonly collection = input.required<TerritoryFeatureCollection>();
  readonly values = input.required<ReadonlyMap<string, number | null>>();
  readonly metricLabel = input('Population');
  readonly format = input<(v: number) => string>((v) => String(v));
  readonly points = input<MapPoint[]>([]);
  readonly ariaLabel = input('Carte');
  /** When true, a click picks a position (emitted by positionPick) instead of a territory. */
  readonly pickMode = input(false);
  readonly territoryClick = output<string>();
  readonly positionPick = output<{ lon: number; lat: number }>();

  protected readonly rendered = signal(false);
  private readonly registered = signal<{ id: string; collection: TerritoryFeatureCollection } | null>(null);
  private chart: ECharts | null = null;

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
    const breaks = quantileBreaks(data.map((d) => d.value ?? NaN), SEQUENTIAL_VIRIDIS.length);
    const bounds = [-Infinity, ...breaks, Infinity];
    const pieces = bounds.slice(0, -1).map((lo, i) => {
      const hi = bounds[i + 1];
      const label = lo === -Infinity ? `< ${fmt(hi)}` : hi === Infinity ? `≥ ${fmt(lo)}` : `${fmt(lo)} – ${fmt(hi)}`;
      return { ...(lo !== -Infinity ? { gte: lo } : {}), ...(hi !== Infinity ? { lt: hi } : {}), label, color: SEQUENTIAL_VIRIDIS[i] };
    });
    const points = this.points();
    const maxSize = Math.max(1, ...points.map((p) => p.size));
    const metric = this.metricLabel();
    return {
      aria: { enabled: true, decal: { show: true } },
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesType: string; name: string; value: number | number[]; data?: { label?: string } }) =>
          p.seriesType === 'scatter'
            ? escapeHtml(p.data?.label ?? '')
            : `<strong>${escapeHtml(names.get(p.name) ?? p.name)}</strong> (${escapeHtml(p.name)})<br/>${escapeHtml(metric)} : ${typeof p.value === 'number' && !Number.isNaN(p.value) ? escapeHtml(fmt(p.value)) : '—'}`,
      },
      visualMap: breaks.length
        ? { type: 'piecewise', seriesIndex: 0, pieces, right: 8, bottom: 8, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 }, backgroundColor: 'rgba(255,255,255,0.85)', padding: 6 }
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
        ...(points.length
          ? [
              {
                type: 'scatter',
                coordinateSystem: 'geo',
                zlevel: 1,
                data: points.map((p) => ({ value: [p.lon, p.lat, p.size], label: p.label, itemStyle: { color: p.color, borderColor: '#222', borderWidth: 0.6 } })),
                symbolSize: (v: number[]) => 5 + 20 * Math.sqrt(v[2] / maxSize),
              },
            ]
          : []),
      ],
    };
  });

  protected onInit(chart: ECharts): void {
    this.chart = chart;
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

import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal } from '@angular/core';
import type { TerritoryFeatureCollection } from '@vigie/contracts';
import { NgxEchartsDirective } from 'ngx-echarts';
import { loadEcharts } from '../../../shared/ui/echarts-loader';
import { formatNumber } from '../../../shared/ui/format';
import { quantileBreaks, SEQUENTIAL_VIRIDIS } from '../../../shared/ui/palettes';

let mapSeq = 0;

/**
 * Choropleth of a FeatureCollection served by the API (ECharts geo map, loaded lazily).
 * Colours: quantile classes on a colour-blind-safe scale, with decal patterns for accessibility.
 */
@Component({
  selector: 'vg-choropleth',
  imports: [NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (options(); as o) {
      <div
        class="chart"
        echarts
        [options]="o"
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
    .placeholder { background: var(--mat-sys-surface-container-low); border-radius: 8px; }
  `,
})
export class Choropleth {
  readonly collection = input.required<TerritoryFeatureCollection>();
  readonly values = input.required<ReadonlyMap<string, number>>();
  readonly metricLabel = input('Population');
  readonly unit = input('');
  readonly lang = input('fr');
  readonly ariaLabel = input('Carte');
  readonly territoryClick = output<string>();

  protected readonly rendered = signal(false);
  private readonly registered = signal<{ id: string; collection: TerritoryFeatureCollection } | null>(null);

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
    const lang = this.lang();
    const names = new Map(collection.features.map((f) => [f.properties.code, f.properties.name]));
    const data = collection.features.map((f) => ({ name: f.properties.code, value: values.get(f.properties.code) ?? null }));
    const breaks = quantileBreaks(data.map((d) => d.value ?? NaN), SEQUENTIAL_VIRIDIS.length);
    const bounds = [-Infinity, ...breaks, Infinity];
    const fmt = (v: number) => formatNumber(v, lang);
    const pieces = bounds.slice(0, -1).map((lo, i) => {
      const hi = bounds[i + 1];
      const label = lo === -Infinity ? `< ${fmt(hi)}` : hi === Infinity ? `≥ ${fmt(lo)}` : `${fmt(lo)} – ${fmt(hi)}`;
      return { ...(lo !== -Infinity ? { gte: lo } : {}), ...(hi !== Infinity ? { lt: hi } : {}), label, color: SEQUENTIAL_VIRIDIS[i] };
    });
    const unit = this.unit();
    return {
      aria: { enabled: true, decal: { show: true } },
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) =>
          `<strong>${escapeHtml(names.get(p.name) ?? p.name)}</strong> (${escapeHtml(p.name)})<br/>${escapeHtml(this.metricLabel())} : ${fmt(p.value)}${unit ? ' ' + escapeHtml(unit) : ''}`,
      },
      visualMap: {
        type: 'piecewise',
        pieces,
        right: 8,
        bottom: 8,
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { fontSize: 11 },
        backgroundColor: 'rgba(255,255,255,0.85)',
        padding: 6,
      },
      series: [
        {
          type: 'map',
          map: reg.id,
          nameProperty: 'code',
          roam: true,
          scaleLimit: { min: 0.8, max: 40 },
          aspectScale: 0.72,
          selectedMode: false,
          itemStyle: { borderColor: '#ffffff', borderWidth: 0.4, areaColor: '#e0e0e0' },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#f28e2b' } },
          data,
        },
      ],
    };
  });

  protected onClick(event: { name?: string }): void {
    if (event.name) this.territoryClick.emit(event.name);
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

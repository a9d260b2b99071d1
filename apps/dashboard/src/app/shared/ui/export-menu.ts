import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import type { ExportCell, ExportColumn, ExportFilter, ExportFormat, ExportRequest } from '@vigie/contracts';
import { GlobalFiltersStore } from '../filters/data-access/global-filters.store';
import { saveFile, saveResponse, slug } from './download';
import { loadEcharts } from './echarts-loader';

/** What a table hands to the export menu: the rows as shown (numbers as numbers, labels translated). */
export interface ExportTable {
  title: string;
  columns: ExportColumn[];
  rows: ExportCell[][];
}

type Kind = 'csv' | 'csv-semicolon' | 'xlsx' | 'png';

/**
 * One export menu for every table and chart: CSV, CSV « ; » (French Excel) and XLSX built by
 * `POST /api/exports` from the table with the active filters, PNG of the chart next to it (the ECharts
 * instance found in the same card, or in `[data-export-scope]`).
 */
@Component({
  selector: 'vg-export-menu',
  imports: [TranslocoDirective, MatButtonModule, MatIconModule, MatMenuModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <button
        mat-icon-button
        type="button"
        [matMenuTriggerFor]="menu"
        [attr.aria-label]="t('exports.button', { title: title() })"
        [disabled]="busy()"
        data-testid="export-button"
      >
        <mat-icon aria-hidden="true">download</mat-icon>
      </button>
      <mat-menu #menu="matMenu">
        @if (table()) {
          <button mat-menu-item type="button" (click)="run('csv')" data-export="csv">{{ t('exports.csv') }}</button>
          <button mat-menu-item type="button" (click)="run('csv-semicolon')" data-export="csv-semicolon">
            {{ t('exports.csvSemicolon') }}
          </button>
          <button mat-menu-item type="button" (click)="run('xlsx')" data-export="xlsx">{{ t('exports.xlsx') }}</button>
        }
        @if (chart()) {
          <button mat-menu-item type="button" (click)="run('png')" data-export="png">{{ t('exports.png') }}</button>
        }
      </mat-menu>
      <span class="status" role="status">
        @if (failed()) {
          <span class="error">{{ t('exports.failed') }}</span>
        }
      </span>
    </ng-container>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
    }
    .error {
      color: var(--mat-sys-error);
      font-size: 12px;
    }
  `,
})
export class ExportMenu {
  private readonly http = inject(HttpClient);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly filters = inject(GlobalFiltersStore);
  private readonly transloco = inject(TranslocoService);

  /** Title of the export (button label, file name). */
  readonly title = input.required<string>();
  /** The table, computed when an export is asked (a function, so that nothing is built before). */
  readonly table = input<(() => ExportTable | null) | null>(null);
  /** Offer « PNG » of the chart of the same card. */
  readonly chart = input(false);
  /** View-specific filters (metric, granularity…), after the global ones. */
  readonly extraFilters = input<ExportFilter[]>([]);

  protected readonly busy = signal(false);
  protected readonly failed = signal(false);

  protected run(kind: Kind): void {
    this.failed.set(false);
    if (kind === 'png') {
      void this.png();
      return;
    }
    const table = this.table()?.();
    if (!table) return;
    const format: ExportFormat = kind === 'xlsx' ? 'xlsx' : 'csv';
    const lang = this.filters.lang() === 'en' ? 'en' : 'fr';
    const body: ExportRequest = {
      title: table.title,
      filters: [...this.filters.exportFilters(), ...this.extraFilters()],
      columns: table.columns,
      rows: table.rows,
      format,
      ...(format === 'csv' ? { separator: kind === 'csv-semicolon' ? ';' : ',' } : {}),
      lang,
    };
    this.busy.set(true);
    this.http.post('api/exports', body, { observe: 'response', responseType: 'blob' }).subscribe({
      next: (res) => {
        this.busy.set(false);
        saveResponse(res, `${slug(table.title)}.${format}`);
      },
      error: () => {
        this.busy.set(false);
        this.failed.set(true);
      },
    });
  }

  private async png(): Promise<void> {
    const el = this.host.nativeElement;
    const scope = el.closest('[data-export-scope]') ?? el.closest('mat-card') ?? el.parentElement;
    const dom = scope?.querySelector<HTMLElement>('[_echarts_instance_]');
    const echarts = await loadEcharts();
    const chart = dom ? echarts.getInstanceByDom(dom) : undefined;
    if (!chart) {
      this.failed.set(true);
      return;
    }
    saveFile(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${slug(this.title())}.png`);
  }
}

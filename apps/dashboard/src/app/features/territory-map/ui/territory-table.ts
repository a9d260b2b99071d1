import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSortModule, type Sort } from '@angular/material/sort';
import type { TerritoryFeature } from '@vigie/contracts';
import { formatNumber } from '../../../shared/ui/format';

/** The map's data as a sortable table: the accessible (and keyboard) way through the same numbers. */
@Component({
  selector: 'vg-territory-table',
  imports: [MatSortModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table matSort (matSortChange)="sort.set($event)" [matSortActive]="sort().active" [matSortDirection]="sort().direction" class="table">
      <caption class="visually-hidden">
        {{
          caption()
        }}
      </caption>
      <thead>
        <tr>
          <th mat-sort-header="name" scope="col">{{ nameHeader() }}</th>
          <th mat-sort-header="value" scope="col" class="num">{{ valueHeader() }}</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.code) {
          <tr [attr.data-code]="row.code">
            <td>
              <button mat-button type="button" (click)="pick.emit(row.code)" [attr.aria-label]="row.name">{{ row.name }}</button>
              <span class="code">{{ row.code }}</span>
            </td>
            <td class="num">{{ fmt(row.value) }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .table {
      width: 100%;
      border-collapse: collapse;
      font-size: 14px;
    }
    th,
    td {
      padding: 2px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .code {
      color: var(--mat-sys-on-surface-variant);
      font-size: 12px;
    }
    button {
      min-width: 0;
      padding: 0 4px;
    }
  `,
})
export class TerritoryTable {
  readonly features = input.required<TerritoryFeature[]>();
  readonly values = input.required<ReadonlyMap<string, number | null>>();
  readonly format = input<((v: number) => string) | null>(null);
  readonly nameHeader = input('Territoire');
  readonly valueHeader = input('Population');
  readonly caption = input('');
  readonly lang = input('fr');
  readonly pick = output<string>();

  protected readonly sort = signal<Sort>({ active: 'value', direction: 'desc' });

  protected readonly rows = computed(() => {
    const values = this.values();
    const rows = this.features().map((f) => ({
      code: f.properties.code,
      name: f.properties.name,
      value: values.get(f.properties.code) ?? null,
    }));
    const { active, direction } = this.sort();
    if (!direction) return rows;
    const k = direction === 'asc' ? 1 : -1;
    return rows.sort((a, b) =>
      active === 'name' ? k * a.name.localeCompare(b.name, 'fr') : k * ((a.value ?? -Infinity) - (b.value ?? -Infinity)),
    );
  });

  protected fmt(v: number | null): string {
    const f = this.format();
    return f && v !== null ? f(v) : formatNumber(v, this.lang());
  }
}

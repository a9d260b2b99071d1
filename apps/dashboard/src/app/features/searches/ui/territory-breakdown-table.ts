import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSortModule, type Sort } from '@angular/material/sort';
import type { BreakdownRow } from '@vigie/contracts';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { countValue, formatCount } from '../data-access/search-stats';

export interface TerritoryTableHeaders {
  caption: string;
  name: string;
  searches: string;
  share: string;
  per10k: string;
  zeroResultRate: string;
  open: string;
}

/** Searches by sub-territory with the per-10,000-inhabitant rate; a name opens that territory. */
@Component({
  selector: 'vg-territory-breakdown-table',
  imports: [MatSortModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table matSort (matSortChange)="sort.set($event)" [matSortActive]="sort().active" [matSortDirection]="sort().direction" class="table">
      <caption class="visually-hidden">
        {{
          headers().caption
        }}
      </caption>
      <thead>
        <tr>
          <th mat-sort-header="name" scope="col">{{ headers().name }}</th>
          <th mat-sort-header="searches" scope="col" class="num">{{ headers().searches }}</th>
          <th mat-sort-header="share" scope="col" class="num hide-phone">{{ headers().share }}</th>
          <th mat-sort-header="per10k" scope="col" class="num">{{ headers().per10k }}</th>
          <th mat-sort-header="zero" scope="col" class="num hide-phone">{{ headers().zeroResultRate }}</th>
        </tr>
      </thead>
      <tbody>
        @for (row of sorted(); track row.key) {
          <tr [attr.data-code]="row.key">
            <td>
              @if (drillable() && row.key) {
                <button mat-button type="button" (click)="pick.emit(row.key)" [attr.aria-label]="headers().open + ' ' + row.label">
                  {{ row.label }}
                </button>
              } @else {
                <span class="plain">{{ row.label }}</span>
              }
            </td>
            <td class="num">{{ count(row) }}</td>
            <td class="num hide-phone">{{ pct(row.share, 1) }}</td>
            <td class="num">{{ num(row.per10kInhabitants ?? null, 1) }}</td>
            <td class="num hide-phone">{{ pct(row.zeroResultRate, 0) }}</td>
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
      white-space: nowrap;
    }
    button {
      min-width: 0;
      padding: 0 4px;
      text-align: left;
    }
    .plain {
      padding: 0 4px;
    }
    @media (max-width: 600px) {
      .hide-phone {
        display: none;
      }
      th,
      td {
        padding: 2px 4px;
      }
    }
  `,
})
export class TerritoryBreakdownTable {
  readonly rows = input.required<readonly BreakdownRow[]>();
  readonly headers = input.required<TerritoryTableHeaders>();
  readonly drillable = input(true);
  readonly lang = input('fr');
  readonly pick = output<string>();

  protected readonly sort = signal<Sort>({ active: 'searches', direction: 'desc' });

  protected readonly sorted = computed(() => {
    const rows = [...this.rows()];
    const { active, direction } = this.sort();
    if (!direction) return rows;
    const k = direction === 'asc' ? 1 : -1;
    const key = (r: BreakdownRow): number =>
      active === 'searches'
        ? (countValue(r.searches) ?? -1)
        : active === 'share'
          ? (r.share ?? -1)
          : active === 'per10k'
            ? (r.per10kInhabitants ?? -1)
            : (r.zeroResultRate ?? -1);
    return rows.sort((a, b) => (active === 'name' ? k * a.label.localeCompare(b.label, 'fr') : k * (key(a) - key(b))));
  });

  protected count(row: BreakdownRow): string {
    return formatCount(row.searches, this.lang());
  }

  protected num(v: number | null, digits: number): string {
    return formatNumber(v, this.lang(), digits);
  }

  protected pct(v: number | null, digits: number): string {
    return formatPercent(v, this.lang(), digits);
  }
}

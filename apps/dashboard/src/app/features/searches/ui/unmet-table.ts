import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatSortModule, type Sort } from '@angular/material/sort';
import type { UnmetDemandRow } from '@vigie/contracts';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { countValue, formatCount } from '../data-access/search-stats';

export interface UnmetHeaders {
  caption: string;
  territory: string;
  category: string;
  searches: string;
  zeroResults: string;
  zeroRate: string;
  reachable: string;
  perService: string;
  /** Said instead of a ratio when no service is within reach (never searches / 0). */
  noService: string;
}

/** Unmet demand (territory × category): searches, zero results, services within reach. Sortable. */
@Component({
  selector: 'vg-unmet-table',
  imports: [MatSortModule],
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
          <th mat-sort-header="territory" scope="col">{{ headers().territory }}</th>
          <th mat-sort-header="category" scope="col">{{ headers().category }}</th>
          <th mat-sort-header="searches" scope="col" class="num hide-phone">{{ headers().searches }}</th>
          <th mat-sort-header="zeroResults" scope="col" class="num">{{ headers().zeroResults }}</th>
          <th mat-sort-header="zeroRate" scope="col" class="num hide-phone">{{ headers().zeroRate }}</th>
          <th mat-sort-header="reachable" scope="col" class="num">{{ headers().reachable }}</th>
          <th mat-sort-header="perService" scope="col" class="num hide-phone">{{ headers().perService }}</th>
        </tr>
      </thead>
      <tbody>
        @for (r of sorted(); track r.level + r.code + r.key) {
          <tr [attr.data-row]="r.code + '|' + r.key">
            <td>{{ r.name }}</td>
            <td>{{ r.categoryLabel }}</td>
            <td class="num hide-phone">{{ count(r.searches) }}</td>
            <td class="num">{{ count(r.zeroResults) }}</td>
            <td class="num hide-phone">{{ pct(r.zeroResultRate) }}</td>
            <td class="num">{{ num(r.reachableServices, 0) }}</td>
            <td class="num hide-phone">{{ r.reachableServices === 0 ? headers().noService : num(r.searchesPerService, 1) }}</td>
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
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
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
export class UnmetTable {
  readonly rows = input.required<readonly (UnmetDemandRow & { categoryLabel: string })[]>();
  readonly headers = input.required<UnmetHeaders>();
  readonly lang = input('fr');

  /** Unsorted = the API's ranking. */
  protected readonly sort = signal<Sort>({ active: '', direction: '' });

  protected readonly sorted = computed(() => {
    const rows = [...this.rows()];
    const { active, direction } = this.sort();
    if (!direction || !active) return rows;
    const k = direction === 'asc' ? 1 : -1;
    const key = (r: UnmetDemandRow): number =>
      active === 'searches'
        ? (countValue(r.searches) ?? -1)
        : active === 'zeroResults'
          ? (countValue(r.zeroResults) ?? -1)
          : active === 'zeroRate'
            ? (r.zeroResultRate ?? -1)
            : active === 'reachable'
              ? (r.reachableServices ?? -1)
              : (r.searchesPerService ?? -1);
    return rows.sort((a, b) =>
      active === 'territory'
        ? k * a.name.localeCompare(b.name, 'fr')
        : active === 'category'
          ? k * a.categoryLabel.localeCompare(b.categoryLabel, 'fr')
          : k * (key(a) - key(b)),
    );
  });

  protected count(c: UnmetDemandRow['searches']): string {
    return formatCount(c, this.lang());
  }
  protected num(v: number | null, digits: number): string {
    return formatNumber(v, this.lang(), digits);
  }
  protected pct(v: number | null): string {
    return formatPercent(v, this.lang());
  }
}

import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoDirective } from '@jsverse/transloco';
import { GlobalFiltersStore } from '../../../shared/filters/data-access/global-filters.store';

/**
 * Shown instead of a view when the URL names a territory outside the user's (the API would refuse every figure):
 * says so in words (with the territory's name, public geography: shown once its detail has loaded) and offers the
 * user's own territories.
 */
@Component({
  selector: 'vg-out-of-scope',
  imports: [TranslocoDirective, MatButtonModule, MatIconModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @if (pending() || store.detail.isLoading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('common.loading')" />
      } @else {
        <section class="box" role="alert" data-testid="out-of-scope">
          <h1>{{ t('access.outsideTitle') }}</h1>
          <p>
            {{
              store.filters().territory
                ? t('access.outside', { name: store.territoryName(), mine: names() })
                : t('access.nationalOnly', { mine: names() })
            }}
          </p>
          <div class="actions">
            @for (s of store.scopeNames(); track s.ref.level + s.ref.code) {
              <button mat-flat-button type="button" (click)="store.setTerritory(s.ref)" data-testid="go-home">
                <mat-icon aria-hidden="true">place</mat-icon>{{ t('access.goTo', { name: s.name }) }}
              </button>
            }
          </div>
        </section>
      }
    </ng-container>
  `,
  styles: `
    .box {
      margin: 24px;
      padding: 16px 24px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
      max-width: 720px;
    }
    h1 {
      font-size: 1.3rem;
      font-weight: 500;
      margin: 0 0 8px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class OutOfScope {
  protected readonly store = inject(GlobalFiltersStore);
  readonly pending = input(false);
  protected names(): string {
    return this.store
      .scopeNames()
      .map((s) => s.name)
      .join(', ');
  }
}

import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoDirective } from '@jsverse/transloco';
import { apiErrorKey } from './api-error';

/** A load error in words: what happened and what to do (errors.* in the catalogue), with a retry button. */
@Component({
  selector: 'vg-load-error',
  imports: [TranslocoDirective, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <div class="box" role="alert" data-testid="load-error" [attr.data-error]="key()">
        <mat-icon aria-hidden="true">error_outline</mat-icon>
        <p>
          @if (what()) {
            <strong>{{ t('errors.couldNotLoad', { what: what() }) }}</strong>
          }
          {{ t('errors.' + key()) }}
        </p>
        @if (retryable()) {
          <button mat-stroked-button type="button" (click)="retry.emit()">{{ t('common.retry') }}</button>
        }
      </div>
    </ng-container>
  `,
  styles: `
    .box {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    p {
      margin: 0;
      flex: 1 1 240px;
    }
  `,
})
export class LoadError {
  readonly error = input<unknown>();
  /** What could not be loaded ("les indicateurs"), optional. */
  readonly what = input<string>('');
  readonly retry = output<void>();
  protected readonly key = computed(() => apiErrorKey(this.error()));
  protected readonly retryable = computed(
    () => !['outsideTerritory', 'national', 'role', 'passwordChange', 'session'].includes(this.key()),
  );
}

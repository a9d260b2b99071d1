import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';
import { AuthService } from '../data-access/auth.service';

/**
 * "Changer mon mot de passe": required after a generated or reset password (the API answers 403
 * password_change_required everywhere else until then), and open to any signed-in user.
 */
@Component({
  selector: 'vg-change-password-page',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
    TranslocoDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <mat-card class="card" appearance="outlined">
        <mat-card-header>
          <mat-card-title
            ><h1>{{ t('password.title') }}</h1></mat-card-title
          >
          <mat-card-subtitle>{{ t(required() ? 'password.required' : 'password.subtitle') }}</mat-card-subtitle>
        </mat-card-header>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <mat-card-content>
          <form [formGroup]="form" (ngSubmit)="submit()" data-testid="password-form">
            <mat-form-field appearance="outline">
              <mat-label>{{ t('password.current') }}</mat-label>
              <input
                matInput
                type="password"
                formControlName="current"
                autocomplete="current-password"
                required
                data-testid="password-current"
              />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ t('password.new') }}</mat-label>
              <input matInput type="password" formControlName="next" autocomplete="new-password" required data-testid="password-new" />
              <mat-hint>{{ t('password.rule') }}</mat-hint>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ t('password.confirm') }}</mat-label>
              <input
                matInput
                type="password"
                formControlName="confirm"
                autocomplete="new-password"
                required
                data-testid="password-confirm"
              />
            </mat-form-field>
            @if (error(); as e) {
              <p class="error" role="alert" data-testid="password-error">{{ t('password.errors.' + e.key) }}</p>
            }
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="password-submit">{{ t('password.submit') }}</button>
          </form>
        </mat-card-content>
      </mat-card>
    </ng-container>
  `,
  styles: `
    :host {
      display: flex;
      justify-content: center;
      padding: 48px 16px;
    }
    .card {
      width: 100%;
      max-width: 460px;
    }
    h1 {
      font-weight: 500;
      font-size: 1.5rem;
      margin: 0;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      margin-top: 16px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0 0 12px;
    }
  `,
})
export class ChangePasswordPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  /** Where to go afterwards (set by the guard). */
  readonly retour = input<string>();
  protected readonly required = () => this.auth.user()?.mustChangePassword === true;
  protected readonly busy = signal(false);
  protected readonly error = signal<{ key: 'missing' | 'mismatch' | 'wrong' | 'policy' | 'other' } | null>(null);
  protected readonly form = new FormGroup({
    current: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    next: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    confirm: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected submit(): void {
    const { current, next, confirm } = this.form.getRawValue();
    if (this.form.invalid) return this.error.set({ key: 'missing' });
    if (next !== confirm) return this.error.set({ key: 'mismatch' });
    this.busy.set(true);
    this.error.set(null);
    this.auth.changePassword(current, next).subscribe({
      next: () => {
        this.busy.set(false);
        const target = this.retour();
        void this.router.navigateByUrl(
          target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/mot-de-passe') ? target : '/ensemble',
        );
      },
      error: (e: unknown) => {
        this.busy.set(false);
        const status = e instanceof HttpErrorResponse ? e.status : 0;
        this.error.set({ key: status === 401 ? 'wrong' : status === 400 ? 'policy' : 'other' });
      },
    });
  }
}

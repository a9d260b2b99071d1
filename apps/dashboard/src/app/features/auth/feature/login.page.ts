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

/** "Connexion": e-mail + password; the API sets an HTTP-only session cookie. */
@Component({
  selector: 'vg-login-page',
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
            ><h1>{{ t('auth.title') }}</h1></mat-card-title
          >
          <mat-card-subtitle>{{ t('auth.subtitle') }}</mat-card-subtitle>
        </mat-card-header>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <mat-card-content>
          <form [formGroup]="form" (ngSubmit)="submit()" data-testid="login-form">
            <mat-form-field appearance="outline">
              <mat-label>{{ t('auth.email') }}</mat-label>
              <input matInput type="email" formControlName="email" autocomplete="username" required data-testid="login-email" />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ t('auth.password') }}</mat-label>
              <input
                matInput
                type="password"
                formControlName="password"
                autocomplete="current-password"
                required
                data-testid="login-password"
              />
            </mat-form-field>
            @if (error()) {
              <p class="error" role="alert" data-testid="login-error">{{ t('auth.errors.' + error()) }}</p>
            }
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="login-submit">{{ t('auth.submit') }}</button>
          </form>
          <p class="hint">{{ t('auth.hint') }}</p>
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
      max-width: 420px;
    }
    h1 {
      font-weight: 500;
      font-size: 1.5rem;
      margin: 0;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-top: 16px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0 0 12px;
    }
    .hint {
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
      margin-top: 16px;
    }
  `,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  /** Where to go after signing in (query parameter, set by the guard and the interceptor). */
  readonly retour = input<string>();
  protected readonly busy = signal(false);
  protected readonly error = signal<'wrong' | 'locked' | 'other' | 'missing' | null>(null);
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.error.set('missing');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { email, password } = this.form.getRawValue();
    this.auth.login(email, password).subscribe({
      next: () => {
        this.busy.set(false);
        const target = this.retour();
        // Only in-app paths: never an open redirect.
        void this.router.navigateByUrl(
          target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/connexion') ? target : '/carte',
        );
      },
      error: (e: unknown) => {
        this.busy.set(false);
        const status = e instanceof HttpErrorResponse ? e.status : 0;
        this.error.set(status === 401 ? 'wrong' : status === 429 ? 'locked' : 'other');
        this.form.controls.password.reset();
      },
    });
  }
}

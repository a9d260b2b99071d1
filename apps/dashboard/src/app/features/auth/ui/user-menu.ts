import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { Router } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';
import { AuthService } from '../data-access/auth.service';

/** Toolbar menu of the signed-in user: who, which role and territories, sign out. */
@Component({
  selector: 'vg-user-menu',
  imports: [MatButtonModule, MatMenuModule, MatIconModule, MatDividerModule, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @if (auth.user(); as user) {
        <button mat-icon-button type="button" [matMenuTriggerFor]="menu" [attr.aria-label]="t('auth.menu')" data-testid="user-menu">
          <mat-icon>account_circle</mat-icon>
        </button>
        <mat-menu #menu="matMenu">
          <div class="who" data-testid="user-email">
            <strong>{{ user.email }}</strong>
            <span>{{ t('auth.roles.' + user.role) }} · {{ user.territories.join(', ') }}</span>
          </div>
          <mat-divider />
          <button mat-menu-item type="button" (click)="logout()" data-testid="logout">
            <mat-icon>logout</mat-icon>{{ t('auth.logout') }}
          </button>
        </mat-menu>
      }
    </ng-container>
  `,
  styles: `
    .who {
      display: flex;
      flex-direction: column;
      padding: 8px 16px;
      font-size: 13px;
      gap: 2px;
    }
    .who span {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class UserMenu {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected logout(): void {
    this.auth.logout().subscribe(() => void this.router.navigate(['/connexion']));
  }
}

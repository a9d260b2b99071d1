import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { Router } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { GlobalFiltersStore } from '../../../shared/filters/data-access/global-filters.store';
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
            <span>{{ t('auth.roles.' + user.role) }} · {{ territories() }}</span>
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
  private readonly store = inject(GlobalFiltersStore);
  private readonly transloco = inject(TranslocoService);
  /** "Val-d'Oise", "France entière": names, never the codes the API stores (department:95). */
  protected readonly territories = computed(() => {
    const lang = this.store.lang();
    const names = this.store.scopeNames().map((s) => s.name);
    return this.store.userScope().national ? this.transloco.translate('access.wholeFrance', {}, lang) : names.join(', ');
  });

  protected logout(): void {
    this.auth.logout().subscribe(() => void this.router.navigate(['/connexion']));
  }
}

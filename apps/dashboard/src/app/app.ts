import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule, MatIconRegistry } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { map } from 'rxjs';
import { LANG_STORAGE_KEY } from './core/i18n';
import { AuthService } from './features/auth/data-access/auth.service';
import { canOpenView } from './features/auth/data-access/user-scope';
import { UserMenu } from './features/auth/ui/user-menu';
import { OutOfScope } from './features/auth/ui/out-of-scope';
import { GlobalFiltersStore } from './shared/filters/data-access/global-filters.store';
import { FilterBar } from './shared/filters/ui/filter-bar';

interface NavItem {
  path: string;
  key: string;
  icon: string;
}

@Component({
  selector: 'vg-root',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatButtonToggleModule,
    TranslocoDirective,
    UserMenu,
    FilterBar,
    OutOfScope,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly transloco = inject(TranslocoService);
  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 900px)')
      .pipe(map((r) => r.matches)),
    { initialValue: false },
  );
  protected readonly filters = inject(GlobalFiltersStore);
  protected readonly lang = signal(this.transloco.getActiveLang());
  private readonly auth = inject(AuthService);
  private readonly allNav: NavItem[] = [
    { path: '/ensemble', key: 'nav.ensemble', icon: 'dashboard' },
    { path: '/carte', key: 'nav.carte', icon: 'map' },
    { path: '/recherches', key: 'nav.recherches', icon: 'search' },
    { path: '/deploiement', key: 'nav.deploiement', icon: 'groups' },
    { path: '/qualite', key: 'nav.qualite', icon: 'fact_check' },
    { path: '/rapports', key: 'nav.rapports', icon: 'description' },
    { path: '/imports', key: 'nav.imports', icon: 'upload_file' },
  ];
  /** Only the views the signed-in user's role may use (COPIL and funders have no imports). */
  protected readonly nav = computed(() => this.allNav.filter((n) => canOpenView(n.path, this.auth.user()?.role)));

  constructor() {
    inject(MatIconRegistry).setDefaultFontSetClass('material-icons-outlined');
    const saved = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    if (saved === 'en' || saved === 'fr') this.setLang(saved);
  }

  /** The skip link moves focus to the content without leaving the view (href="#main" would reload the root URL). */
  protected skip(e: Event): void {
    e.preventDefault();
    const main = document.getElementById('main');
    main?.focus();
    main?.scrollIntoView();
  }

  protected setLang(lang: string): void {
    this.transloco.setActiveLang(lang);
    this.lang.set(lang);
    document.documentElement.lang = lang;
    globalThis.localStorage?.setItem(LANG_STORAGE_KEY, lang);
  }
}

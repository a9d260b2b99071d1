import { provideHttpClient, withInterceptors, withXhr } from '@angular/common/http';
import type { Routes } from '@angular/router';
import { authInterceptor } from './features/auth/data-access/auth.interceptor';
import { ImportsApi } from './features/imports/data-access/imports.api';
import type { FilterCaps } from './shared/filters/data-access/global-filters';

/** What each view can use of the global filter bar (a filter it cannot use is disabled with a hint). */
const caps = (territory: FilterCaps['territory'], period: boolean, theme: boolean): { filters: FilterCaps } => ({
  filters: { territory, period, theme },
});

/** Every view is a lazy route; its code (and ECharts) is downloaded on first visit. */
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'ensemble' },
  // Sign-in; every other view is guarded (guardRoutes in app.config.ts).
  {
    path: 'connexion',
    loadComponent: () => import('./features/auth/feature/login.page').then((m) => m.LoginPage),
    title: 'Connexion — Vigie',
  },
  {
    path: 'mot-de-passe',
    loadComponent: () => import('./features/auth/feature/change-password.page').then((m) => m.ChangePasswordPage),
    title: 'Mot de passe — Vigie',
  },
  {
    path: 'carte',
    loadComponent: () => import('./features/territory-map/feature/territory-map.page').then((m) => m.TerritoryMapPage),
    data: caps('any', false, true),
    title: 'Carte — Vigie',
  },
  {
    path: 'recherches',
    loadComponent: () => import('./features/searches/feature/searches.page').then((m) => m.SearchesPage),
    data: caps('any', true, true),
    title: 'Recherches — Vigie',
  },
  {
    path: 'deploiement',
    loadComponent: () => import('./features/deployment/feature/deployment.page').then((m) => m.DeploymentPage),
    // KPIs and targets are per year (the view's own year selector), per region or department.
    data: caps('department', false, false),
    title: 'Déploiement — Vigie',
  },
  {
    path: 'imports',
    // Its own HttpClient on the XHR backend (fetch cannot report upload progress), with the interceptors of app.config.ts.
    providers: [provideHttpClient(withXhr(), withInterceptors([authInterceptor])), ImportsApi],
    loadComponent: () => import('./features/imports/feature/imports.page').then((m) => m.ImportsPage),
    title: 'Imports — Vigie',
  },
  {
    path: 'qualite',
    loadComponent: () => import('./features/quality/feature/quality.page').then((m) => m.QualityPage),
    data: caps('department', false, false),
    title: 'Qualité des données — Vigie',
  },
  {
    path: 'ensemble',
    loadComponent: () => import('./features/overview/feature/overview.page').then((m) => m.OverviewPage),
    data: caps('department', true, false),
    title: "Vue d'ensemble — Vigie",
  },
  {
    path: 'rapports',
    loadComponent: () => import('./features/reports/feature/reports.page').then((m) => m.ReportsPage),
    data: caps('any', true, true),
    title: 'Rapports — Vigie',
  },
  {
    path: 'a-propos',
    loadComponent: () => import('./features/placeholder/about.page').then((m) => m.AboutPage),
    title: 'À propos — Vigie',
  },
  { path: '**', redirectTo: 'carte' },
];

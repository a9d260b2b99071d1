import { provideHttpClient, withInterceptors, withXhr } from '@angular/common/http';
import type { Routes } from '@angular/router';
import { authInterceptor } from './features/auth/data-access/auth.interceptor';
import { ImportsApi } from './features/imports/data-access/imports.api';

/** Every view is a lazy route; its code (and ECharts) is downloaded on first visit. */
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'ensemble' },
  // Sign-in; every other view is guarded (guardRoutes in app.config.ts).
  { path: 'connexion', loadComponent: () => import('./features/auth/feature/login.page').then((m) => m.LoginPage), title: 'Connexion — Vigie' },
  {
    path: 'carte',
    loadComponent: () => import('./features/territory-map/feature/territory-map.page').then((m) => m.TerritoryMapPage),
    title: 'Carte — Vigie',
  },
  {
    path: 'recherches',
    loadComponent: () => import('./features/searches/feature/searches.page').then((m) => m.SearchesPage),
    title: 'Recherches — Vigie',
  },
  {
    path: 'deploiement',
    loadComponent: () => import('./features/deployment/feature/deployment.page').then((m) => m.DeploymentPage),
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
    title: 'Qualité des données — Vigie',
  },
  {
    path: 'ensemble',
    loadComponent: () => import('./features/overview/feature/overview.page').then((m) => m.OverviewPage),
    title: "Vue d'ensemble — Vigie",
  },
  ...(['rapports'] as const).map((section) => ({
    path: section,
    loadComponent: () => import('./features/placeholder/upcoming.page').then((m) => m.UpcomingPage),
    data: { section },
    title: 'Vigie',
  })),
  { path: 'a-propos', loadComponent: () => import('./features/placeholder/about.page').then((m) => m.AboutPage), title: 'À propos — Vigie' },
  { path: '**', redirectTo: 'carte' },
];

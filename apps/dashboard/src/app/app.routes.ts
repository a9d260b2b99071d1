import type { Routes } from '@angular/router';

/** Every view is a lazy route; its code (and ECharts) is downloaded on first visit. */
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'carte' },
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
  ...(['ensemble', 'deploiement', 'qualite', 'rapports'] as const).map((section) => ({
    path: section,
    loadComponent: () => import('./features/placeholder/upcoming.page').then((m) => m.UpcomingPage),
    data: { section },
    title: 'Vigie',
  })),
  { path: 'a-propos', loadComponent: () => import('./features/placeholder/about.page').then((m) => m.AboutPage), title: 'À propos — Vigie' },
  { path: '**', redirectTo: 'carte' },
];

import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { map } from 'rxjs';
import { AuthService } from './auth.service';

export const LOGIN_PATH = 'connexion';

/** Signed-in users only; others go to /connexion?retour=<where they wanted to go>. */
export const authGuard: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return inject(AuthService)
    .check()
    .pipe(map((u) => (u ? true : router.createUrlTree(['/' + LOGIN_PATH], { queryParams: { retour: state.url } }))));
};

/** Puts authGuard on every routed view except the login page and redirects. */
export function guardRoutes(routes: Routes): Routes {
  return routes.map((r) =>
    r.path === LOGIN_PATH || r.redirectTo !== undefined ? r : { ...r, canActivate: [...(r.canActivate ?? []), authGuard] },
  );
}

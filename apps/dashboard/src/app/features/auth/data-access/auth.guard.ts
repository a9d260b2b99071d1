import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { map } from 'rxjs';
import { AuthService } from './auth.service';
import { canOpenView } from './user-scope';

export const LOGIN_PATH = 'connexion';
export const PASSWORD_PATH = 'mot-de-passe';

/**
 * Signed-in users only; others go to /connexion?retour=<where they wanted to go>. A user whose password
 * must be changed (generated or reset) goes to /mot-de-passe first: the API refuses everything else.
 */
export const authGuard: CanActivateFn = (route, state) => {
  const router = inject(Router);
  return inject(AuthService)
    .check()
    .pipe(
      map((u) => {
        if (!u) return router.createUrlTree(['/' + LOGIN_PATH], { queryParams: { retour: state.url } });
        if (u.mustChangePassword && route.routeConfig?.path !== PASSWORD_PATH)
          return router.createUrlTree(['/' + PASSWORD_PATH], { queryParams: { retour: state.url } });
        // A view the role may not use (imports for COPIL and funders) is not offered, nor opened by URL.
        if (!canOpenView(route.routeConfig?.path ?? '', u.role)) return router.createUrlTree(['/ensemble']);
        return true;
      }),
    );
};

/** Puts authGuard on every routed view except the login page and redirects. */
export function guardRoutes(routes: Routes): Routes {
  return routes.map((r) =>
    r.path === LOGIN_PATH || r.redirectTo !== undefined ? r : { ...r, canActivate: [...(r.canActivate ?? []), authGuard] },
  );
}

import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { LOGIN_PATH } from './auth.guard';
import { AuthService } from './auth.service';

/** A 401 from the API (session expired, signed out elsewhere) sends the user to the login page. */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const router = inject(Router);
  const auth = inject(AuthService);
  return next(req).pipe(
    catchError((e: unknown) => {
      const authCall = /api\/auth\/(login|me)$/.test(req.url);
      if (e instanceof HttpErrorResponse && e.status === 401 && !authCall && !router.url.startsWith('/' + LOGIN_PATH)) {
        auth.signedOut();
        void router.navigate(['/' + LOGIN_PATH], { queryParams: { retour: router.url } });
      }
      return throwError(() => e);
    }),
  );
};

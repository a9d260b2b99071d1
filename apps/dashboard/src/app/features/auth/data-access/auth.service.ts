import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import type { AuthUser } from '@vigie/contracts';
import { catchError, map, type Observable, of, tap } from 'rxjs';

/** The signed-in user (session cookie, HTTP-only: the dashboard never sees the token). */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  /** undefined: not checked yet; null: signed out. */
  readonly user = signal<AuthUser | null | undefined>(undefined);

  /** Asks the API who is signed in (once; then the signal answers). */
  check(): Observable<AuthUser | null> {
    const known = this.user();
    if (known !== undefined) return of(known);
    return this.http.get<AuthUser>('api/auth/me').pipe(
      catchError(() => of(null)),
      tap((u) => this.user.set(u)),
    );
  }

  login(email: string, password: string): Observable<AuthUser> {
    return this.http.post<AuthUser>('api/auth/login', { email, password }).pipe(tap((u) => this.user.set(u)));
  }

  logout(): Observable<void> {
    return this.http.post<void>('api/auth/logout', {}).pipe(
      catchError(() => of(undefined)),
      map(() => undefined),
      tap(() => this.user.set(null)),
    );
  }

  /** POST /api/auth/password: the API closes the user's other sessions and lifts mustChangePassword. */
  changePassword(currentPassword: string, newPassword: string): Observable<void> {
    return this.http.post<void>('api/auth/password', { currentPassword, newPassword }).pipe(
      tap(() => {
        const u = this.user();
        if (u) this.user.set({ ...u, mustChangePassword: false });
      }),
    );
  }

  /** Called by the interceptor when the API answers 401 (session expired). */
  signedOut(): void {
    this.user.set(null);
  }
}

import { HttpClient } from '@angular/common/http';
import { inject, Injectable, provideAppInitializer, signal } from '@angular/core';
import { parisDay } from '@vigie/calendar';
import type { CalendarInfo } from '@vigie/contracts';
import { firstValueFrom } from 'rxjs';

/**
 * Vigie's today in the dashboard: the API's (GET /api/calendar: the Europe/Paris calendar, or the day pinned
 * by VIGIE_TODAY), read once before the first view, so default periods match the API's and never the
 * browser's time zone. Without an answer, today on the Paris calendar from the browser's clock.
 */
@Injectable({ providedIn: 'root' })
export class VigieCalendar {
  private readonly http = inject(HttpClient);
  private readonly day = signal(parisDay(Date.now()));
  readonly today = this.day.asReadonly();

  async load(): Promise<void> {
    try {
      const info = await firstValueFrom(this.http.get<CalendarInfo>('api/calendar'));
      if (/^\d{4}-\d{2}-\d{2}$/.test(info.today)) this.day.set(info.today);
    } catch {
      /* keep the Paris day of the browser's clock */
    }
  }
}

/** Reads the API's today before the app starts. */
export const provideVigieCalendar = () => provideAppInitializer(() => inject(VigieCalendar).load());

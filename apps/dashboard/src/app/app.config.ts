import { registerLocaleData } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import localeFr from '@angular/common/locales/fr';
import localeEn from '@angular/common/locales/en';
import {
  type ApplicationConfig,
  isDevMode,
  LOCALE_ID,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideTransloco } from '@jsverse/transloco';
import { provideEchartsCore } from 'ngx-echarts';
import { routes } from './app.routes';
import { guardRoutes } from './features/auth/data-access/auth.guard';
import { authInterceptor } from './features/auth/data-access/auth.interceptor';
import { provideVigieCalendar } from './core/calendar';
import { TranslocoHttpLoader } from './core/i18n';
import { loadEcharts } from './shared/ui/echarts-loader';

registerLocaleData(localeFr);
registerLocaleData(localeEn);

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(guardRoutes(routes), withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    provideVigieCalendar(),
    { provide: LOCALE_ID, useValue: 'fr-FR' },
    // ECharts is only downloaded when the first chart appears (lazy chunk).
    provideEchartsCore({ echarts: loadEcharts }),
    provideTransloco({
      config: { availableLangs: ['fr', 'en'], defaultLang: 'fr', fallbackLang: 'fr', reRenderOnLangChange: true, prodMode: !isDevMode() },
      loader: TranslocoHttpLoader,
    }),
  ],
};

import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { getTheme } from '@vigie/taxonomy';
import { fileNameOf, saveFile } from '../../../shared/ui/download';
import { GlobalFiltersStore } from '../../../shared/filters/data-access/global-filters.store';
import { AuthService } from '../../auth/data-access/auth.service';
import {
  coversTerritory,
  DEFAULT_COPIL_THEME,
  errorBody,
  formatsOf,
  reportErrorKey,
  type ReportErrorKey,
  type ReportFormat,
  type ReportKind,
  reportsFor,
  reportUrl,
} from '../data-access/report-request';

type Status =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; name: string } | { kind: 'failed'; key: ReportErrorKey; retryAfter: number | null };

/**
 * « Rapports »: the funder and COPIL reports (PDF) and the list of services (PDF, CSV, XLSX) of the
 * territory, period and theme of the global filter bar, in French or English.
 */
@Component({
  selector: 'vg-reports-page',
  imports: [TranslocoDirective, MatCardModule, MatButtonModule, MatButtonToggleModule, MatRadioModule, MatIconModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <header class="head">
        <h1>{{ t('reports.title') }}</h1>
        <p class="lead">{{ t('reports.lead') }}</p>
      </header>
      <mat-card class="form" data-testid="report-form">
        <mat-card-content>
          <form (submit)="$event.preventDefault(); download()">
            <fieldset>
              <legend>{{ t('reports.kind') }}</legend>
              <mat-radio-group [value]="kind()" (change)="setKind($event.value)" [attr.aria-label]="t('reports.kind')" class="kinds">
                @for (k of kinds(); track k) {
                  <mat-radio-button [value]="k" [attr.data-kind]="k" [attr.aria-describedby]="'hint-' + k">
                    {{ t('reports.kinds.' + k) }}
                  </mat-radio-button>
                  <p class="hint" [id]="'hint-' + k">{{ t('reports.kindHints.' + k) }}</p>
                }
              </mat-radio-group>
            </fieldset>

            <dl class="filters" data-testid="report-filters">
              <dt>{{ t('reports.territory') }}</dt>
              <dd>{{ store.territoryName() }}</dd>
              @if (kind() !== 'services-list') {
                <dt>{{ t('reports.period') }}</dt>
                <dd>{{ rangeText() }}</dd>
              }
              @if (kind() !== 'funder') {
                <dt>{{ t('reports.theme') }}</dt>
                <dd data-testid="report-theme">{{ themeText() }}</dd>
              }
            </dl>
            <p class="hint">{{ t('reports.filtersHint') }}</p>
            @if (!covers()) {
              <p class="warn" role="note" data-testid="report-level">{{ t('reports.errors.level') }}</p>
            }

            <div class="row">
              <div class="group">
                <span class="group-label" id="report-lang">{{ t('reports.language') }}</span>
                <mat-button-toggle-group
                  [value]="lang()"
                  (change)="lang.set($event.value)"
                  aria-labelledby="report-lang"
                  hideSingleSelectionIndicator
                  data-testid="report-lang"
                >
                  <mat-button-toggle value="fr" lang="fr">Français</mat-button-toggle>
                  <mat-button-toggle value="en" lang="en">English</mat-button-toggle>
                </mat-button-toggle-group>
              </div>
              <div class="group">
                <span class="group-label" id="report-format">{{ t('reports.format') }}</span>
                <mat-button-toggle-group
                  [value]="format()"
                  (change)="format.set($event.value)"
                  aria-labelledby="report-format"
                  hideSingleSelectionIndicator
                  data-testid="report-format"
                >
                  @for (f of formats(); track f) {
                    <mat-button-toggle [value]="f">{{ f.toUpperCase() }}</mat-button-toggle>
                  }
                </mat-button-toggle-group>
              </div>
            </div>

            <div class="actions">
              <button
                mat-flat-button
                type="submit"
                [disabled]="status().kind === 'busy' || !covers()"
                [attr.data-url]="url()"
                data-testid="report-download"
              >
                <mat-icon aria-hidden="true">download</mat-icon> {{ t('reports.download') }}
              </button>
              <!-- The request the button sends, for tests: never shown (no raw API URL in the view). -->
              <span hidden data-testid="report-link" [attr.data-url]="url()"></span>
            </div>
            @if (status().kind === 'busy') {
              <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('reports.downloading')" />
            }
            <p role="status" class="status" data-testid="report-status" [attr.data-status]="status().kind">
              @switch (status().kind) {
                @case ('busy') {
                  {{ t('reports.downloading') }}
                }
                @case ('done') {
                  {{ t('reports.done', { name: doneName() }) }}
                }
                @case ('failed') {
                  <span class="error">{{ t('reports.failed') }} {{ t('reports.errors.' + errorKey(), { s: retryAfter() }) }}</span>
                }
              }
            </p>
          </form>
        </mat-card-content>
      </mat-card>
    </ng-container>
  `,
  styles: `
    :host {
      display: block;
      padding: 16px 24px;
      max-width: 900px;
    }
    h1 {
      font-weight: 500;
      font-size: 1.6rem;
      margin: 0 0 4px;
    }
    .lead {
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 16px;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 12px;
    }
    legend {
      font-weight: 500;
      margin-bottom: 8px;
    }
    .kinds {
      display: flex;
      flex-direction: column;
    }
    .hint {
      margin: 0 0 8px 40px;
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
    }
    .filters {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 8px 0;
    }
    .filters dt {
      font-weight: 500;
    }
    .filters dd {
      margin: 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 16px 32px;
      margin: 12px 0;
    }
    .group {
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .group-label {
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 16px;
      margin-top: 12px;
    }
    .warn,
    .error {
      color: var(--mat-sys-error);
    }
    .status {
      min-height: 1.5em;
    }
    @media (max-width: 600px) {
      :host {
        padding: 12px;
      }
      .hint {
        margin-left: 0;
      }
    }
  `,
})
export class ReportsPage {
  protected readonly store = inject(GlobalFiltersStore);
  private readonly http = inject(HttpClient);
  private readonly transloco = inject(TranslocoService);

  private readonly auth = inject(AuthService);

  /** Only the reports the API allows this role (REPORT_ROLES): funders are not offered the COPIL pack. */
  protected readonly kinds = computed(() => reportsFor(this.auth.user()?.role));
  private readonly chosen = signal<ReportKind>('funder');
  protected readonly kind = computed<ReportKind>(() =>
    this.kinds().includes(this.chosen()) ? this.chosen() : (this.kinds()[0] ?? 'funder'),
  );
  /** The funder report and the COPIL pack cover France, a region or a department, not an EPCI or a commune. */
  protected readonly covers = computed(() => coversTerritory(this.kind(), this.store.filters().territory));
  protected readonly errorKey = computed(() => {
    const s = this.status();
    return s.kind === 'failed' ? s.key : 'server';
  });
  protected readonly retryAfter = computed(() => {
    const s = this.status();
    return s.kind === 'failed' ? (s.retryAfter ?? 60) : 60;
  });
  protected readonly lang = signal<'fr' | 'en'>(this.store.lang() === 'en' ? 'en' : 'fr');
  protected readonly format = signal<ReportFormat>('pdf');
  protected readonly formats = computed(() => formatsOf(this.kind()));
  protected readonly status = signal<Status>({ kind: 'idle' });
  protected readonly doneName = computed(() => {
    const s = this.status();
    return s.kind === 'done' ? s.name : '';
  });

  protected readonly url = computed(() => reportUrl(this.kind(), this.store.filters(), this.store.range(), this.lang(), this.format()));
  protected readonly rangeText = computed(() => {
    const fmt = new Intl.DateTimeFormat(this.store.lang() === 'en' ? 'en-GB' : 'fr-FR', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const { from, to } = this.store.range();
    return `${fmt.format(new Date(`${from}T00:00:00Z`))} – ${fmt.format(new Date(`${to}T00:00:00Z`))}`;
  });
  protected readonly themeText = computed(() => {
    const id = this.store.filters().theme ?? (this.kind() === 'copil' ? DEFAULT_COPIL_THEME : null);
    const th = id ? getTheme(id) : null;
    return th ? th[this.store.lang() === 'en' ? 'en' : 'fr'] : this.transloco.translate('filters.allThemes', {}, this.store.lang());
  });

  protected setKind(kind: ReportKind): void {
    this.chosen.set(kind);
    if (!formatsOf(kind).includes(this.format())) this.format.set('pdf');
    this.status.set({ kind: 'idle' });
  }

  protected download(): void {
    const url = this.url();
    const fallback = `${this.kind()}.${this.format()}`;
    this.status.set({ kind: 'busy' });
    this.http.get(url, { observe: 'response', responseType: 'blob' }).subscribe({
      next: (res) => {
        const name = fileNameOf(res.headers.get('Content-Disposition'), fallback);
        if (res.body) saveFile(res.body, name);
        this.status.set({ kind: 'done', name });
      },
      error: async (e: unknown) => {
        const status = e instanceof HttpErrorResponse ? e.status : -1;
        const body = e instanceof HttpErrorResponse ? await errorBody(e.error) : null;
        const after = e instanceof HttpErrorResponse ? Number(e.headers.get('Retry-After')) : NaN;
        this.status.set({
          kind: 'failed',
          key: reportErrorKey(status, body),
          retryAfter: Number.isFinite(after) && after > 0 ? after : null,
        });
      },
    });
  }
}

import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import {
  IMPORT_KINDS,
  importErrorCode,
  importOutcomeCode,
  type ImportKind,
  type ImportRowError,
  type ImportRun,
  type ImportSummary,
} from '@vigie/contracts';
import { apiErrorKey } from '../../../shared/ui/api-error';
import { LoadError } from '../../../shared/ui/load-error';
import { map, switchMap } from 'rxjs';
import { formatNumber } from '../../../shared/ui/format';
import { ImportsApi } from '../data-access/imports.api';
import { errorMessage, formatBytes, nextUploadState, type UploadState } from '../data-access/upload-state';

const PAGE_SIZE = 20;

/** "Imports": upload a file (atomic or partial, dry run), see its result and every past import. */
@Component({
  selector: 'vg-imports-page',
  imports: [
    TranslocoDirective,
    MatCardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatIconModule,
    MatProgressBarModule,
    LoadError,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './imports.page.html',
  styleUrl: './imports.page.scss',
})
export class ImportsPage {
  private readonly api = inject(ImportsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly kinds = IMPORT_KINDS;
  protected readonly lang = toSignal(
    this.transloco.langChanges$.pipe(switchMap((l) => this.transloco.selectTranslation(l).pipe(map(() => l)))),
    { initialValue: this.transloco.getActiveLang() },
  );

  // ——— form ———
  protected readonly kind = signal<ImportKind>('services');
  protected readonly format = signal<string>('');
  protected readonly partial = signal(false);
  protected readonly dryRun = signal(false);
  protected readonly file = signal<File | null>(null);
  protected readonly companion = signal<File | null>(null);
  protected readonly state = signal<UploadState>({ phase: 'idle' });
  protected readonly busy = computed(() => this.state().phase === 'uploading' || this.state().phase === 'importing');

  protected readonly formats = rxResource({ stream: () => this.api.formats() });
  protected readonly kindFormats = computed(() =>
    this.formats.hasValue() ? this.formats.value().filter((f) => f.kind === this.kind()) : [],
  );
  /** Only data·inclusion services and Soliguide places take a second file. */
  protected readonly takesCompanion = computed(
    () => this.kind() === 'services' && (this.format() === 'data-inclusion' || this.format() === 'soliguide'),
  );

  // ——— history (page in the URL) ———
  protected readonly page = toSignal(
    this.route.queryParamMap.pipe(map((p) => (/^\d{1,5}$/.test(p.get('page') ?? '') ? Math.max(1, +p.get('page')!) : 1))),
    { requireSync: true },
  );
  protected readonly history = rxResource({
    params: () => this.page(),
    stream: ({ params }) => this.api.list(PAGE_SIZE, (params - 1) * PAGE_SIZE),
  });
  protected readonly pages = computed(() => (this.history.hasValue() ? Math.max(1, Math.ceil(this.history.value().total / PAGE_SIZE)) : 1));
  protected readonly pageLabel = computed(() => {
    if (!this.history.hasValue()) return '';
    const total = this.history.value().total;
    const first = total ? (this.page() - 1) * PAGE_SIZE + 1 : 0;
    const last = Math.min(total, this.page() * PAGE_SIZE);
    const lang = this.lang();
    return this.transloco.translate(
      'imports.history.range',
      { first: formatNumber(first, lang), last: formatNumber(last, lang), total: formatNumber(total, lang) },
      lang,
    );
  });

  protected setKind(kind: ImportKind): void {
    this.kind.set(kind);
    this.format.set('');
    this.companion.set(null);
  }

  protected pick(which: 'file' | 'companion', e: Event): void {
    const f = (e.target as HTMLInputElement).files?.[0] ?? null;
    (which === 'file' ? this.file : this.companion).set(f);
  }

  protected submit(e: Event): void {
    e.preventDefault();
    const file = this.file();
    if (!file || this.busy()) return;
    this.state.set({ phase: 'uploading', ratio: 0 });
    this.api
      .upload({
        kind: this.kind(),
        format: this.format() || null,
        partial: this.partial(),
        dryRun: this.dryRun(),
        file,
        companion: this.takesCompanion() ? this.companion() : null,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (ev) => this.state.update((s) => nextUploadState(s, ev)),
        error: (err: HttpErrorResponse) =>
          this.state.set({ phase: 'failed', status: err.status, message: errorMessage(err), key: apiErrorKey(err) }),
        complete: () => {
          if (this.page() === 1) this.history.reload();
          else this.goPage(1);
        },
      });
  }

  protected goPage(page: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { page: page === 1 ? null : page } });
  }

  // ——— formatting ———
  protected readonly summary = computed(() => {
    const s = this.state();
    return s.phase === 'done' ? s.summary : null;
  });

  protected counts(c: {
    read: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
    removed: number;
  }): { key: string; n: string }[] {
    const lang = this.lang();
    return (['read', 'inserted', 'updated', 'unchanged', 'rejected', 'removed'] as const).map((k) => ({
      key: k,
      n: formatNumber(c[k], lang),
    }));
  }

  /** The outcome in the UI language (the run's own message is English). */
  protected outcome(s: ImportSummary): string {
    const lang = this.lang();
    return this.transloco.translate(`imports.outcome.${importOutcomeCode(s)}`, { n: formatNumber(s.rejected, lang) }, lang);
  }

  /** A row error in the UI language, from its code (or the code read back from its English reason). */
  protected reason(e: ImportRowError): { text: string; raw: boolean } {
    const lang = this.lang();
    const c = e.code ? { code: e.code, params: e.params ?? {} } : importErrorCode(e.reason);
    const key = c ? `imports.codes.${c.code}` : null;
    if (!key) return { text: e.reason, raw: true };
    const text = this.transloco.translate(key, c!.params, lang);
    return text === key ? { text: e.reason, raw: true } : { text, raw: false };
  }

  protected when(iso: string): string {
    return new Intl.DateTimeFormat(this.lang() === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(iso),
    );
  }

  protected size(r: ImportRun): string {
    return formatBytes(r.fileBytes, this.lang());
  }

  protected num(n: number): string {
    return formatNumber(n, this.lang());
  }

  protected pct(ratio: number | null): number {
    return ratio === null ? 0 : Math.round(ratio * 100);
  }

  protected errorsUrl(id: number): string {
    return this.api.errorsUrl(id);
  }
}

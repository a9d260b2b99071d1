import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import type { DeploymentActivity, DeploymentKpi, ExportFilter } from '@vigie/contracts';
import { map, switchMap } from 'rxjs';
import { GlobalFiltersStore } from '../../../shared/filters/data-access/global-filters.store';
import { type ExportTable, ExportMenu } from '../../../shared/ui/export-menu';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { LoadError } from '../../../shared/ui/load-error';
import { VigieCalendar } from '../../../core/calendar';
import { DeploymentApi } from '../data-access/deployment.api';
import {
  type DeploymentQuery,
  type DeploymentTerritoryRef,
  formatKpiValue,
  parseDeploymentQuery,
  progressWidth,
  territoryParams,
  toQueryParams,
  yearRange,
} from '../data-access/deployment-query';
import { type ActivityKindLabels, ActivityTimeline } from '../ui/activity-timeline';
import { KpiCard, type KpiCardView } from '../ui/kpi-card';

const RECENT = 8;

/**
 * "Déploiement": the year's KPIs of a territory against its targets, the activity timeline, mutual aid
 * with the 1 % goal, and every deployment department's progress. Territory and year live in the URL.
 */
@Component({
  selector: 'vg-deployment-page',
  imports: [
    TranslocoDirective,
    RouterLink,
    MatCardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatIconModule,
    MatListModule,
    MatProgressBarModule,
    KpiCard,
    ActivityTimeline,
    ExportMenu,
    LoadError,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deployment.page.html',
  styleUrl: './deployment.page.scss',
})
export class DeploymentPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly api = inject(DeploymentApi);
  private readonly transloco = inject(TranslocoService);

  protected readonly today = inject(VigieCalendar).today();
  protected readonly currentYear = +this.today.slice(0, 4);
  protected readonly lang = toSignal(
    this.transloco.langChanges$.pipe(switchMap((l) => this.transloco.selectTranslation(l).pipe(map(() => l)))),
    { initialValue: this.transloco.getActiveLang() },
  );

  private readonly store = inject(GlobalFiltersStore);
  /** The year is this view's own filter; the territory is the global one (its department for a commune or an EPCI). */
  private readonly urlQuery = toSignal(
    this.route.queryParamMap.pipe(map((p) => parseDeploymentQuery(Object.fromEntries(p.keys.map((k) => [k, p.get(k)]))))),
    { requireSync: true },
  );
  protected readonly query = computed<DeploymentQuery>(() => {
    const t = this.store.scoped().territory;
    return {
      year: this.urlQuery().year,
      territory: t && (t.level === 'region' || t.level === 'department') ? { level: t.level, code: t.code } : null,
    };
  });
  protected readonly year = computed(() => this.query().year ?? this.currentYear);
  private readonly params = computed(() => (this.store.scoped().pending ? undefined : territoryParams(this.query().territory)), {
    equal: (a, b) => a?.['level'] === b?.['level'] && a?.['code'] === b?.['code'],
  });

  protected readonly kpis = rxResource({
    params: () => (this.params() ? { territory: this.params()!, year: this.year() } : undefined),
    stream: ({ params }) => this.api.kpis(params.territory, params.year),
  });
  protected readonly activities = rxResource({
    params: () => (this.params() ? { territory: this.params()!, ...yearRange(this.year(), this.today) } : undefined),
    stream: ({ params }) => this.api.activities(params.territory, params.from, params.to),
  });
  protected readonly mutualAid = rxResource({
    params: () => this.params() ?? undefined,
    stream: ({ params }) => this.api.mutualAid(params),
  });
  protected readonly departments = rxResource({
    params: () => this.year(),
    stream: ({ params }) => this.api.territories(params),
  });
  // ——— filters ———
  protected readonly years = computed(() => {
    const ys = new Set([
      this.currentYear,
      this.currentYear - 1,
      ...(this.departments.hasValue() ? this.departments.value().years : []),
      this.year(),
    ]);
    return [...ys].sort((a, b) => b - a);
  });

  // ——— KPIs ———
  protected readonly cards = computed<KpiCardView[]>(() => {
    if (!this.kpis.hasValue()) return [];
    const lang = this.lang();
    return this.kpis.value().kpis.map((k) => this.card(k, lang));
  });
  protected readonly expectedText = computed(() => {
    if (!this.kpis.hasValue()) return '';
    return this.transloco.translate(
      'deployment.expected',
      { pct: formatPercent(this.kpis.value().expectedProgress, this.lang()) },
      this.lang(),
    );
  });
  protected readonly noTargets = computed(() => this.kpis.hasValue() && this.kpis.value().kpis.every((k) => k.status === 'no_target'));

  private card(k: DeploymentKpi, lang: string): KpiCardView {
    const tr = (key: string, p = {}) => this.transloco.translate(`deployment.${key}`, p, lang);
    const label = tr(`metrics.${k.metric}`);
    const value = formatKpiValue(k.metric, k.value, lang);
    const target = k.target === null ? tr('noTarget') : tr('target', { value: formatKpiValue(k.metric, k.target, lang) });
    const progressText = k.progress === null ? '' : tr('ofTarget', { pct: formatPercent(k.progress, lang) });
    return {
      metric: k.metric,
      label,
      value,
      target,
      progressText,
      width: progressWidth(k.progress),
      status: k.status,
      statusText: tr(`status.${k.status}`),
      aria: `${label} : ${progressText}`,
    };
  }

  // ——— activities ———
  protected readonly kindLabels = computed<ActivityKindLabels>(() => {
    const lang = this.lang();
    const tr = (k: string) => this.transloco.translate(`deployment.kinds.${k}`, {}, lang);
    return { training: tr('training'), sensitisation: tr('sensitisation'), copil: tr('copil'), funding: tr('funding') };
  });
  protected readonly recent = computed(() => (this.activities.hasValue() ? this.activities.value().items.slice(0, RECENT) : []));
  protected readonly activitiesEmpty = computed(() => this.activities.hasValue() && this.activities.value().total === 0);

  protected activityLine(a: DeploymentActivity): string {
    const lang = this.lang();
    const parts = [a.title ?? this.kindLabels()[a.kind]];
    if (a.people !== null) parts.push(this.transloco.translate('deployment.people', { n: formatNumber(a.people, lang) }, lang));
    if (a.amount !== null) parts.push(formatKpiValue('funds_raised', a.amount, lang));
    if (a.funder) parts.push(a.funder);
    return parts.join(' · ');
  }

  protected day(d: string): string {
    return new Intl.DateTimeFormat(this.lang() === 'en' ? 'en-GB' : 'fr-FR', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${d}T00:00:00Z`));
  }

  // ——— mutual aid ———
  protected readonly aid = computed(() => {
    if (!this.mutualAid.hasValue()) return null;
    const m = this.mutualAid.value();
    const lang = this.lang();
    return {
      empty: m.totals.total === 0,
      actions: formatNumber(m.onePercent.actions, lang),
      target: formatNumber(m.onePercent.target, lang),
      population: formatNumber(m.onePercent.population, lang),
      progress: formatPercent(m.onePercent.progress, lang, m.onePercent.progress !== null && m.onePercent.progress < 0.1 ? 1 : 0),
      width: progressWidth(m.onePercent.progress),
      offers: formatNumber(m.totals.offers, lang),
      requests: formatNumber(m.totals.requests, lang),
      statuses: (['offered', 'matched', 'done', 'cancelled'] as const).map((s) => ({
        key: s,
        n: formatNumber(m.totals.byStatus[s], lang),
      })),
      categories: m.byCategory.map((c) => ({
        key: c.category,
        offers: formatNumber(c.offers, lang),
        requests: formatNumber(c.requests, lang),
        total: formatNumber(c.total, lang),
      })),
      communes: m.byCommune.slice(0, 5).map((c) => ({ code: c.code, name: c.name, total: formatNumber(c.total, lang) })),
    };
  });

  // ——— departments ———
  protected readonly departmentRows = computed(() => {
    if (!this.departments.hasValue()) return [];
    const lang = this.lang();
    return [...this.departments.value().departments]
      .sort((a, b) => (b.progress ?? -1) - (a.progress ?? -1) || a.code.localeCompare(b.code))
      .map((d) => ({
        ...d,
        pct: formatPercent(d.progress, lang),
        width: progressWidth(d.progress),
        link: this.link({ level: 'department', code: d.code }),
      }));
  });

  // ——— exports ———
  private tr(k: string, p = {}): string {
    return this.transloco.translate(k, p, this.lang());
  }
  protected readonly yearFilter = computed<ExportFilter[]>(() => [{ label: this.tr('deployment.year'), value: String(this.year()) }]);
  protected readonly exportDepartments = (): ExportTable | null => {
    if (!this.departments.hasValue()) return null;
    return {
      title: `${this.tr('deployment.export.exportDeps')} ${this.year()}`,
      columns: [
        { key: 'code', label: this.tr('map.code'), type: 'text' },
        { key: 'name', label: this.tr('deployment.deps.department'), type: 'text' },
        { key: 'progress', label: this.tr('deployment.deps.progress'), type: 'percent' },
        { key: 'onTrack', label: this.tr('deployment.deps.onTrack'), type: 'number' },
        { key: 'withTarget', label: '/', type: 'number' },
        { key: 'behind', label: this.tr('deployment.deps.behind'), type: 'number' },
      ],
      rows: this.departmentRows().map((d) => [d.code, d.name, d.progress, d.onTrack, d.metricsWithTarget, d.behind]),
    };
  };
  protected readonly exportActivities = (): ExportTable | null => {
    if (!this.activities.hasValue()) return null;
    const kinds = this.kindLabels();
    return {
      title: `${this.tr('deployment.export.exportActivities')} ${this.year()}`,
      columns: [
        { key: 'date', label: this.tr('deployment.export.date'), type: 'date' },
        { key: 'kind', label: this.tr('deployment.export.kind'), type: 'text' },
        { key: 'title', label: this.tr('deployment.export.title'), type: 'text' },
        { key: 'people', label: this.tr('deployment.export.people'), type: 'number' },
        { key: 'amount', label: this.tr('deployment.export.amount'), type: 'number' },
        { key: 'funder', label: this.tr('deployment.export.funder'), type: 'text' },
      ],
      rows: this.activities.value().items.map((a) => [a.date, kinds[a.kind], a.title, a.people, a.amount, a.funder]),
    };
  };
  protected readonly exportCategories = (): ExportTable | null => {
    if (!this.mutualAid.hasValue()) return null;
    return {
      title: this.tr('deployment.export.exportCategories'),
      columns: [
        { key: 'category', label: this.tr('deployment.aid.category'), type: 'text' },
        { key: 'offers', label: this.tr('deployment.aid.offers'), type: 'number' },
        { key: 'requests', label: this.tr('deployment.aid.requests'), type: 'number' },
        { key: 'total', label: this.tr('deployment.aid.total'), type: 'number' },
      ],
      rows: this.mutualAid
        .value()
        .byCategory.map((c) => [this.tr(`deployment.aid.categories.${c.category}`), c.offers, c.requests, c.total]),
    };
  };

  // ——— navigation: every change goes through the URL (the global filters are kept) ———
  private go(patch: Partial<DeploymentQuery>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: toQueryParams({ ...this.query(), ...patch }, this.currentYear),
      queryParamsHandling: 'merge',
    });
  }

  protected link(territory: DeploymentTerritoryRef | null): Record<string, string | null> {
    return toQueryParams({ ...this.query(), territory }, this.currentYear);
  }

  protected isCurrent(code: string): boolean {
    const t = this.query().territory;
    return t?.level === 'department' && t.code === code;
  }

  protected setYear(year: number): void {
    this.go({ year });
  }

  protected reloadAll(): void {
    this.kpis.reload();
    this.activities.reload();
    this.mutualAid.reload();
    this.departments.reload();
  }
}

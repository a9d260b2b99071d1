import type { Clock } from '@vigie/calendar';
import { InjectClock } from '../calendar/clock.js';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Pool } from 'pg';
import {
  type CoverageMap,
  type ExportFilter,
  REPORT_LEVELS,
  type ReportErrorCode,
  type ReportLang,
  type ServiceListItem,
  type ServicesListSort,
  type TerritoryLevel,
  type TerritoryCoverage,
  type TerritoryRef,
} from '@vigie/contracts';
import { categoryLabel, isCategoryId, isThemeId } from '@vigie/taxonomy';
import { formatTerritoryRef, isValidCode, parseTerritoryRef, simplifyTopology } from '@vigie/territory-domain';
import {
  type CopilPackData,
  copilPackHtml,
  type FunderReportData,
  funderReportHtml,
  periodText,
  type ReportTerritoryInfo,
  servicesListHtml,
  themeZones,
  servicesListTable,
  servicesListTitle,
  type ServicesListData,
  toCsv,
  toXlsx,
} from '@vigie/reports-domain';
import { audit } from '../auth/users.store.js';
import { TerritoryAccess } from '../auth/territory-access.js';
import type { Viewer } from '../common/viewer.js';
import { CoverageRepository } from '../coverage/coverage.repository.js';
import { qualityView } from '../coverage/quality.js';
import { PG_POOL } from '../database/pg-pool.js';
import { DeploymentRepository } from '../deployment/deployment.repository.js';
import { DeploymentService } from '../deployment/deployment.service.js';
import { SearchesService } from '../searches/searches.service.js';
import { TerritoriesRepository } from '../territories/territories.repository.js';
import { PdfRenderer } from './pdf.js';
import { discloseMap, disclosePriorities, discloseProfile, discloseQuality, discloseSettlements } from '../privacy/disclosure.js';
import { DEFAULT_K } from '@vigie/analytics-domain';

/** The national map's simplification tolerance (TerritoriesController: GET /api/territories/department, no parent). */
const NATIONAL_MAP_TOLERANCE_DEG = 0.003;

/** The CLI runs as an administrator: every territory, exact counts. */
export const CLI_VIEWER: Viewer = { role: 'admin', territories: [], national: true, email: 'cli' };

/** A report territory: national (FR), a region, a department (and for service lists an EPCI or a commune). */
export interface ReportTerritory {
  ref: TerritoryRef | null;
  /** 'national', 'department:95'…: file names and the audit log, never printed. */
  label: string;
  name: string;
  population: number;
}

/** The territory as the funder report and the COPIL pack print it (a name and a level, no internal reference). */
/** 'department-95', 'national': the file-name fragment of a printed territory. */
function refOf(t: ReportTerritoryInfo): string {
  return t.level === 'country' ? 'national' : `${t.level}:${t.code}`;
}

function printable(t: ReportTerritory): ReportTerritoryInfo {
  return t.ref
    ? { level: t.ref.level as 'region' | 'department', code: t.ref.code, name: t.name, population: t.population }
    : { level: 'country', code: 'FR', name: t.name, population: t.population };
}

export interface ReportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const MAX_LIST_ROWS = 20_000;
const MAX_PDF_LIST_ROWS = 5_000;
const TYPES = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** `territory=department:95`, or `level=department&code=95` (like the other territorial endpoints). */
export interface TerritoryInput {
  territory?: string;
  level?: string;
  code?: string;
}

export function territoryString(q: string | TerritoryInput): string {
  if (typeof q === 'string') return q;
  if (q.territory && (q.level || q.code)) throw new BadRequestException('give territory, or level and code, not both');
  if (q.territory) return q.territory;
  if (q.level && q.code) return `${q.level}:${q.code}`;
  throw new BadRequestException('territory is required (e.g. territory=department:95, or level=department&code=95)');
}

/** ASCII, lowercase, dashes: a safe file-name fragment. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'export'
  );
}

/** Content-Disposition with an ASCII file name (and the same in RFC 5987 form). */
export function contentDisposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Builds the reports from the same services and repositories as the API endpoints (deployment KPIs,
 * search series/peaks/breakdown/unmet with the viewer's suppression, coverage snapshot values), then
 * renders them with @vigie/reports-domain. Used by the controller and by `npx vigie report`.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly deployment: DeploymentService,
    private readonly deploymentRepo: DeploymentRepository,
    private readonly searches: SearchesService,
    private readonly coverage: CoverageRepository,
    private readonly territories: TerritoriesRepository,
    private readonly access: TerritoryAccess,
    private readonly pdf: PdfRenderer,
    @Inject(PG_POOL) private readonly pool: Pool,
    @InjectClock() private readonly clock: Clock,
  ) {}

  private now(): Date {
    return this.clock.now();
  }

  /** Parses and checks a territory ('national', 'department:95'…): 400 malformed, 404 unknown, 403 outside the viewer's. */
  async territory(
    q: string | TerritoryInput,
    viewer: Viewer,
    levels: readonly (TerritoryLevel | 'national')[],
  ): Promise<{ territory: ReportTerritory; exact: boolean }> {
    const raw = territoryString(q);
    let ref: TerritoryRef | null = null;
    if (raw !== 'national') {
      const parsed = parseTerritoryRef(raw);
      if (!parsed || !isValidCode(parsed.level, parsed.code.toUpperCase()))
        throw new BadRequestException(`territory "${raw}" is not a valid territory reference`);
      ref = { level: parsed.level, code: parsed.code.toUpperCase() };
    }
    if (!levels.includes(ref ? ref.level : 'national'))
      throw new BadRequestException({
        code: 'report_level' satisfies ReportErrorCode,
        message: `this report covers ${levels.join(', ')} territories, not ${ref?.level ?? 'national'}`,
      });
    // Same rule as every territorial endpoint (403 outside the viewer's territories; national: national users only).
    let exact: boolean;
    if (ref) exact = (await this.access.scope(viewer, ref)).coordinatorOfTerritory;
    else {
      await this.access.assertTerritoryAccess(viewer, null);
      exact = viewer.role === 'admin' || viewer.role === 'coordinator';
    }
    let name = 'France';
    let population = 0;
    if (ref) {
      const d = await this.territories.detail(ref);
      if (!d) throw new NotFoundException(`${ref.level} ${ref.code} does not exist`);
      name = d.name;
      population = d.population;
    }
    return { territory: { ref, label: ref ? formatTerritoryRef(ref) : 'national', name, population }, exact };
  }

  /** Period: `to` defaults to today, `from` to 1 January of the year of `to` (validated like the search endpoints). */
  period(from?: string, to?: string): { from: string; to: string } {
    const t = to ?? this.clock.today();
    const f = from ?? `${t.slice(0, 4)}-01-01`;
    for (const [name, d] of [
      ['from', f],
      ['to', t],
    ] as const) {
      const ms = Date.parse(`${d}T00:00:00Z`);
      if (Number.isNaN(ms) || iso(new Date(ms)) !== d) throw new BadRequestException(`${name} is not a valid date: ${d}`);
    }
    if (f > t) throw new BadRequestException('from must not be after to');
    if (Date.parse(t) - Date.parse(f) > 10 * 366 * 86_400_000) throw new BadRequestException('the period cannot exceed 10 years');
    return { from: f, to: t };
  }

  private deploymentScope(t: ReportTerritory): { level: 'national' | 'region' | 'department'; code?: string } {
    return t.ref ? { level: t.ref.level as 'region' | 'department', code: t.ref.code } : { level: 'national' };
  }

  private searchFilters(t: ReportTerritory, from: string, to: string) {
    return this.searches.filters(t.ref ? { from, to, level: t.ref.level, code: t.ref.code } : { from, to });
  }

  private filters(lang: ReportLang, t: ReportTerritory, extra: ExportFilter[] = []): ExportFilter[] {
    const L = lang === 'fr' ? { t: 'Territoire' } : lang === 'es' ? { t: 'Territorio' } : { t: 'Territory' };
    return [{ label: L.t, value: t.ref?.level === 'department' ? `${t.name} (${t.ref.code})` : t.name }, ...extra];
  }

  /** The snapshot at or just before `day` (else the oldest ready one), for "then vs now" comparisons. */
  async snapshotAt(day: string): Promise<{ id: number; referenceDay: string; computedAt: string; durationMs: number | null } | null> {
    const { rows } = await this.pool.query(
      `SELECT id, to_char(reference_day, 'YYYY-MM-DD') AS day, finished_at, duration_ms FROM coverage_snapshot WHERE status = 'ready'
       ORDER BY (reference_day <= $1::date) DESC, CASE WHEN reference_day <= $1::date THEN reference_day END DESC NULLS LAST, reference_day ASC, id DESC LIMIT 1`,
      [day],
    );
    const r = rows[0];
    return r
      ? { id: Number(r.id), referenceDay: r.day, computedAt: (r.finished_at as Date).toISOString(), durationMs: r.duration_ms }
      : null;
  }

  /** Deployment KPIs of the year of `to` (the dashboard's overview and Déploiement read the same endpoint). */
  private kpis(t: ReportTerritory, to: string) {
    return this.deployment.kpis({ ...this.deploymentScope(t), year: Number(to.slice(0, 4)) });
  }

  /** How much of the territory the directory covers (issue #16) in a snapshot: null when the snapshot does not say. */
  private async directoryCoverage(snapshotId: number, t: ReportTerritory): Promise<TerritoryCoverage | null> {
    const [level, code] = t.ref ? [t.ref.level, t.ref.code] : ['country', 'FR'];
    return this.coverage.coverage(snapshotId, level, code);
  }

  async funderData(q: TerritoryInput & { from?: string; to?: string; lang?: 'fr' | 'en' }, viewer: Viewer): Promise<FunderReportData> {
    const { territory: t, exact } = await this.territory(q, viewer, REPORT_LEVELS.funder);
    const { from, to } = this.period(q.from, q.to);
    const year = Number(to.slice(0, 4));
    const dep = this.deploymentScope(t);
    const f = await this.searchFilters(t, from, to);
    const now = await this.coverage.current();
    const then = (await this.snapshotAt(from)) ?? now;
    const [level, code] = t.ref ? [t.ref.level, t.ref.code] : ['country', 'FR'];
    const k = exact ? null : DEFAULT_K;
    const [kpis, targets, activities, series, peaks, nowKeys, thenKeys, directoryCoverage] = await Promise.all([
      this.kpis(t, to),
      this.deploymentRepo.targets({ level: dep.level, code: dep.code ?? 'FR' }, year),
      this.deployment.activities({ ...dep, from, to }),
      this.searches.series(f, 'month', viewer, exact),
      this.searches.peaks(f, 'month', viewer, exact),
      this.coverage.profile(now.id, level, code).then((keys) => discloseProfile(keys, k)),
      this.coverage.profile(then.id, level, code).then((keys) => discloseProfile(keys, k)),
      this.directoryCoverage(now.id, t),
    ]);
    return {
      lang: q.lang ?? 'fr',
      generatedAt: this.now().toISOString(),
      territory: { ...printable(t), population: kpis.territory.population },
      from,
      to,
      kpis,
      budget: (targets.sums as Record<string, number | undefined>)['budget'] ?? null,
      activities,
      series,
      peaks,
      coverage: { then: { snapshot: then, keys: thenKeys }, now: { snapshot: now, keys: nowKeys } },
      directoryCoverage,
    };
  }

  /**
   * The COPIL pack of one theme (default food): its map, its priority zones (the theme's only, one row per zone), its
   * unmet demand; the search trends and data freshness of the territory.
   */
  async copilData(
    q: TerritoryInput & { from?: string; to?: string; lang?: 'fr' | 'en'; theme?: string },
    viewer: Viewer,
  ): Promise<CopilPackData> {
    const { territory: t, exact } = await this.territory(q, viewer, REPORT_LEVELS.copil);
    const { from, to } = this.period(q.from, q.to);
    const theme = q.theme ?? 'food';
    if (!isThemeId(theme)) throw new BadRequestException(`unknown theme "${theme}"`);
    const lang = q.lang ?? 'fr';
    const k = exact ? null : DEFAULT_K;
    const childLevel: TerritoryLevel = t.ref?.level === 'department' ? 'commune' : 'department';
    const parent = t.ref;
    const f = await this.searchFilters(t, from, to);
    const themed = await this.searches.filters(t.ref ? { from, to, level: t.ref.level, code: t.ref.code, theme } : { from, to, theme });
    const snapshot = await this.coverage.current();
    const [level, code] = t.ref ? [t.ref.level, t.ref.code] : ['country', 'FR'];
    const [kpis, profile, values, featuresRaw, zones, settlements, series, byTheme, unmet, quality, directoryCoverage] = await Promise.all([
      this.kpis(t, to),
      this.coverage.profile(snapshot.id, level, code).then((keys) => discloseProfile(keys, k).find((x) => x.key === theme) ?? null),
      // The gap score is not a count: no secrecy on the map (as GET /api/coverage?metric=gap_score).
      this.coverage.map(snapshot.id, childLevel, parent, theme, 'gap_score', null),
      this.territories.list(childLevel, parent, true),
      // More than 10 asked for: the pack keeps the first 10 distinct covered zones of the theme.
      this.coverage.priorities(snapshot.id, childLevel, parent, theme, 20, null).then((z) => disclosePriorities(z, k)),
      // Never exact coordinates in a pack: positions and names reduced to the commune, distances as classes.
      this.coverage.settlements(snapshot.id, t.ref?.level ?? null, t.ref?.code ?? null, () => false),
      this.searches.series(f, 'month', viewer, exact),
      this.searches.breakdown(f, 'theme', 20, viewer, exact),
      this.searches.unmet(themed, { sort: 'zero_results', limit: 15 }, viewer, exact),
      qualityView(
        this.pool,
        snapshot.id,
        t.ref ? (t.ref.level as 'region' | 'department') : 'country',
        t.ref?.code ?? 'FR',
        this.clock.today(),
      ),
      this.directoryCoverage(snapshot.id, t),
    ]);
    const metropolitan = (c: string) => (!t.ref && childLevel === 'department' ? !c.startsWith('97') : true);
    let drawn = featuresRaw.filter((x) => metropolitan(x.properties.code));
    if (!t.ref) {
      // The national map endpoint's simplification (GET /api/territories/department without a parent).
      const simplified = simplifyTopology(
        drawn.map((x) => x.geometry),
        NATIONAL_MAP_TOLERANCE_DEG,
      );
      drawn = drawn.map((x, i) => ({ ...x, geometry: simplified[i] }));
    }
    const features: CopilPackData['features'] = {
      type: 'FeatureCollection',
      features: drawn.map((x) => ({
        type: 'Feature' as const,
        properties: {
          code: x.properties.code,
          name: x.properties.name,
          population: x.properties.population,
          lat: x.properties.lat,
          lon: x.properties.lon,
        },
        geometry: x.geometry,
      })),
    };
    const map: CoverageMap = {
      snapshot,
      level: childLevel,
      parent,
      key: theme,
      keyType: 'theme',
      metric: 'gap_score',
      unit: 'score 0–100',
      values: discloseMap(values, 'gap_score', null, null),
      coverage: directoryCoverage,
    };
    return {
      lang,
      generatedAt: this.now().toISOString(),
      territory: { ...printable(t), population: t.population || kpis.territory.population },
      from,
      to,
      theme: { id: theme, label: categoryLabel(theme, lang) },
      kpis,
      profile,
      map,
      features,
      metropolitanOnly: !t.ref,
      priorities: { snapshot, level: childLevel, parent, theme, zones: themeZones(zones, theme).slice(0, 10) },
      settlements: discloseSettlements(snapshot, settlements, k),
      series,
      byTheme,
      unmet,
      quality: {
        snapshot,
        territory: { level: t.ref ? (t.ref.level as 'region' | 'department') : 'country', code: t.ref?.code ?? 'FR', name: t.name },
        ...discloseQuality(quality, k),
      },
      directoryCoverage,
    };
  }

  /** ONLINE, public (visibility ALL), not removed services of a territory, with their closures not over yet. */
  async servicesListData(
    q: TerritoryInput & { theme?: string; category?: string; sort?: ServicesListSort; lang?: ReportLang },
    viewer: Viewer,
  ): Promise<ServicesListData> {
    const { territory: t } = await this.territory(q, viewer, REPORT_LEVELS['services-list']);
    if (q.theme && q.category) throw new BadRequestException('give a theme or a category, not both');
    if (q.theme && !isThemeId(q.theme)) throw new BadRequestException(`unknown theme "${q.theme}"`);
    if (q.category && !isCategoryId(q.category)) throw new BadRequestException(`unknown category "${q.category}"`);
    const lang = q.lang ?? 'fr';
    const params: unknown[] = [];
    const where = ['s.removed_at IS NULL', "s.status = 'ONLINE'", "s.visibility = 'ALL'"];
    if (t.ref) {
      params.push(t.ref.code);
      where.push(
        t.ref.level === 'region'
          ? `s.region_code = $1`
          : t.ref.level === 'department'
            ? `s.department_code = $1`
            : t.ref.level === 'epci'
              ? `s.commune_code IN (SELECT code FROM commune WHERE epci_code = $1)`
              : `s.commune_code = $1`,
      );
    }
    if (q.theme) where.push(`s.theme_id = $${params.push(q.theme)}`);
    if (q.category) where.push(`s.category_id = $${params.push(q.category)}`);
    const today = this.clock.today();
    const { rows } = await this.pool.query(
      `SELECT s.id, s.place_name, s.name, s.category_id, s.theme_id, s.address, s.postal_code, coalesce(s.city, c.name) AS city, s.phone, s.opening_hours, s.publics, s.closed_periods
       FROM service s LEFT JOIN commune c ON c.country = 'FR' AND c.code = s.commune_code
       WHERE ${where.join(' AND ')} ORDER BY s.id LIMIT ${MAX_LIST_ROWS + 1}`,
      params,
    );
    if (rows.length > MAX_LIST_ROWS)
      throw new BadRequestException({
        code: 'report_too_many_services' satisfies ReportErrorCode,
        message: `more than ${MAX_LIST_ROWS} services: choose a theme, a category or a smaller territory`,
      });
    const items: ServiceListItem[] = rows.map((r) => ({
      id: Number(r.id),
      placeName: r.place_name,
      name: r.name,
      categoryId: r.category_id,
      themeId: r.theme_id,
      address: r.address,
      postalCode: r.postal_code,
      city: r.city,
      phone: r.phone,
      openingHours: r.opening_hours,
      publics: r.publics
        ? {
            accueil: r.publics.accueil ?? null,
            description: r.publics.description ?? null,
            tags: r.publics.tags ?? [],
            ageMin: r.publics.ageMin ?? null,
            ageMax: r.publics.ageMax ?? null,
          }
        : null,
      closures: ((r.closed_periods ?? []) as { start: string; end: string | null; description?: string | null }[])
        .filter((p) => p.end === null || p.end >= today)
        .map((p) => ({ start: p.start, end: p.end, description: p.description ?? null })),
    }));
    const subject = q.category ? { kind: 'category' as const, id: q.category } : q.theme ? { kind: 'theme' as const, id: q.theme } : null;
    const L = { fr: ['Thème', 'Catégorie', 'Tri'], en: ['Theme', 'Category', 'Sort'], es: ['Tema', 'Categoría', 'Orden'] }[lang];
    const extra: ExportFilter[] = [];
    if (q.theme) extra.push({ label: L[0], value: categoryLabel(q.theme, lang) });
    if (q.category) extra.push({ label: L[1], value: categoryLabel(q.category, lang) });
    extra.push({ label: L[2], value: q.sort ?? 'name' });
    return {
      lang,
      generatedAt: this.now().toISOString(),
      territory: { ref: t.label, name: t.name },
      subject,
      sort: q.sort ?? 'name',
      filters: this.filters(lang, t, extra),
      items,
    };
  }

  async funderPdf(q: Parameters<ReportsService['funderData']>[0], viewer: Viewer): Promise<ReportFile> {
    const d = await this.funderData(q, viewer);
    const name = d.lang === 'fr' ? 'rapport-financeur' : 'funder-report';
    return {
      body: await this.pdf.render(funderReportHtml(d), `Vigie — ${d.territory.name} — ${periodText(d.from, d.to, d.lang)}`),
      contentType: TYPES.pdf,
      fileName: `vigie-${name}-${slug(refOf(d.territory))}-${d.from}_${d.to}.pdf`,
    };
  }

  async copilPdf(q: Parameters<ReportsService['copilData']>[0], viewer: Viewer): Promise<ReportFile> {
    const d = await this.copilData(q, viewer);
    const name = d.lang === 'fr' ? 'dossier-copil' : 'copil-pack';
    return {
      body: await this.pdf.render(
        copilPackHtml(d),
        `Vigie — COPIL — ${d.territory.name} — ${d.theme.label} — ${periodText(d.from, d.to, d.lang)}`,
      ),
      contentType: TYPES.pdf,
      fileName: `vigie-${name}-${slug(refOf(d.territory))}-${slug(d.theme.id)}-${d.from}_${d.to}.pdf`,
    };
  }

  async servicesListFile(
    q: Parameters<ReportsService['servicesListData']>[0] & { format?: 'pdf' | 'csv' | 'xlsx'; separator?: ',' | ';' },
    viewer: Viewer,
  ): Promise<ReportFile> {
    const format = q.format ?? 'pdf';
    const d = await this.servicesListData(q, viewer);
    const base = `vigie-services-${slug(d.subject?.id ?? 'tous')}-${slug(d.territory.ref)}`;
    if (format === 'csv')
      return {
        body: Buffer.from(toCsv(servicesListTable(d), { separator: q.separator ?? ',' }), 'utf8'),
        contentType: TYPES.csv,
        fileName: `${base}.csv`,
      };
    if (format === 'xlsx') return { body: await toXlsx(servicesListTable(d), d.lang), contentType: TYPES.xlsx, fileName: `${base}.xlsx` };
    if (d.items.length > MAX_PDF_LIST_ROWS)
      throw new BadRequestException({
        code: 'report_too_many_services' satisfies ReportErrorCode,
        message: `more than ${MAX_PDF_LIST_ROWS} services for a printable list: choose a theme, a category or a smaller territory (CSV and XLSX take up to ${MAX_LIST_ROWS})`,
      });
    return {
      body: await this.pdf.render(servicesListHtml(d), `Vigie — ${servicesListTitle(d)}`),
      contentType: TYPES.pdf,
      fileName: `${base}.pdf`,
    };
  }

  /** A dashboard table as CSV/XLSX, with its filters printed above the rows. */
  async exportFile(req: {
    title: string;
    filters: ExportFilter[];
    columns: { key: string; label: string; type?: 'text' | 'number' | 'percent' | 'date' }[];
    rows: (string | number | boolean | null)[][];
    format: 'csv' | 'xlsx';
    separator?: ',' | ';';
    lang?: 'fr' | 'en';
  }): Promise<ReportFile> {
    const table = { title: req.title, filters: req.filters, columns: req.columns, rows: req.rows };
    const base = `vigie-${slug(req.title)}-${this.clock.today()}`;
    if (req.format === 'csv')
      return {
        body: Buffer.from(toCsv(table, { separator: req.separator ?? ',' }), 'utf8'),
        contentType: TYPES.csv,
        fileName: `${base}.csv`,
      };
    return { body: await toXlsx(table, req.lang ?? 'fr'), contentType: TYPES.xlsx, fileName: `${base}.xlsx` };
  }

  /** Audit trail of every report and export generated (who, what, which territory; never the content). */
  async record(
    who: { userId?: number | null; actor?: string | null },
    action: string,
    territory: string | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    await audit(this.pool, { userId: who.userId ?? null, actor: who.actor ?? null, action, territory, details });
  }
}

import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import type { Pool } from 'pg';
import type { Clock } from '@vigie/calendar';
import { InjectClock } from '../calendar/clock.js';
import { PG_POOL } from '../database/pg-pool.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  COVERAGE_METRICS,
  type CoverageMap,
  type CoverageProfile,
  type PriorityList,
  type QualityView,
  type SeasonalView,
  type SettlementAccessList,
  type TerritoryLevel,
  type WhatIfResponse,
} from '@vigie/contracts';
import { categoryLabel, isCategoryId, isThemeId, resolveCategory } from '@vigie/taxonomy';
import { isValidCode, parseTerritoryRef } from '@vigie/territory-domain';
import { ALL_ROLES, Roles } from '../auth/access.decorators.js';
import { TerritoryAccess } from '../auth/territory-access.js';
import { CachedAnswer } from '../common/answer-cache.js';
import { CurrentViewer, secrecyThreshold, type Viewer } from '../common/viewer.js';
import { TerritoriesRepository } from '../territories/territories.repository.js';
import {
  CoverageMapQuery,
  PrioritiesQuery,
  ProfileParams,
  RefreshQuery,
  SeasonalQuery,
  TerritoryFilterQuery,
  WhatIfBody,
} from './coverage.dto.js';
import { CoverageRepository } from './coverage.repository.js';
import { qualityView } from './quality.js';
import { whatIfPlace } from './what-if-place.js';
import { CoverageService } from './coverage.service.js';
import {
  discloseMap,
  disclosePriorities,
  discloseProfile,
  discloseQuality,
  discloseSettlements,
  discloseWhatIf,
} from '../privacy/disclosure.js';

@ApiTags('coverage')
@Roles(...ALL_ROLES)
@Controller()
export class CoverageController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly repo: CoverageRepository,
    private readonly coverage: CoverageService,
    private readonly territories: TerritoriesRepository,
    private readonly access: TerritoryAccess,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Region/department/country requests of the seasonal and quality views: a named territory must be
   * inside the viewer's; without one, national users get France and others their first territory.
   */
  private async scopedArea(viewer: Viewer, level: 'country' | 'region' | 'department' | undefined, rawCode: string | undefined) {
    if (!level) {
      const d = this.access.defaultTerritory(viewer);
      if (d && (d.level === 'region' || d.level === 'department')) return { level: d.level, code: d.code };
    }
    const l = level ?? 'country';
    const code = l === 'country' ? 'FR' : rawCode?.toUpperCase();
    if (!code) throw new BadRequestException('code is required for a region or a department');
    if (l !== 'country' && !isValidCode(l, code)) throw new BadRequestException(`"${rawCode}" is not a valid ${l} code`);
    await this.access.assertTerritoryAccess(viewer, l === 'country' ? null : { level: l, code });
    return { level: l, code };
  }

  private async parent(raw: string | undefined, level: TerritoryLevel) {
    if (!raw) return null;
    const parent = parseTerritoryRef(raw);
    if (!parent) throw new BadRequestException(`parent "${raw}" is not a valid territory reference`);
    if (!this.territories.isValidParent(level, parent)) throw new BadRequestException(`a ${level} is not inside a ${parent.level}`);
    if (!(await this.territories.exists(parent))) throw new NotFoundException(`${parent.level} ${parent.code} does not exist`);
    return parent;
  }

  private key(theme?: string, category?: string): { key: string; keyType: 'theme' | 'category' } {
    if (theme && category) throw new BadRequestException('give a theme or a category, not both');
    if (category) {
      if (!isCategoryId(category)) throw new BadRequestException(`unknown category "${category}"`);
      return { key: category, keyType: 'category' };
    }
    const t = theme ?? 'food';
    if (!isThemeId(t)) throw new BadRequestException(`unknown theme "${t}"`);
    return { key: t, keyType: 'theme' };
  }

  @Get('coverage')
  @CachedAnswer('coverage', 'geography')
  @ApiOperation({ summary: 'One coverage metric for every territory of a level (inside a parent): the values of a map' })
  async map(@Query() q: CoverageMapQuery, @CurrentViewer() viewer: Viewer): Promise<CoverageMap> {
    const level = q.level ?? 'department';
    const parent = await this.parent(q.parent, level);
    const only = await this.access.childScope(viewer, parent, level);
    const { key, keyType } = this.key(q.theme, q.category);
    if (level === 'commune' && keyType === 'category')
      throw new BadRequestException('commune-level values exist per theme; use theme= (categories are available from the EPCI level up)');
    if (level === 'commune' && !parent) throw new BadRequestException('communes need a parent (e.g. parent=department:95)');
    const metric = q.metric ?? 'gap_score';
    const snapshot = await this.repo.current();
    const k = secrecyThreshold(viewer);
    const [values, margin, coverage] = await Promise.all([
      this.repo.map(snapshot.id, level, parent, key, metric, only),
      k === null ? null : this.repo.counts(snapshot.id, parent?.level ?? 'country', parent?.code ?? 'FR', key),
      this.repo.coverage(snapshot.id, parent?.level ?? 'country', parent?.code ?? 'FR'),
    ]);
    return {
      snapshot,
      level,
      parent,
      key,
      keyType,
      metric,
      unit: COVERAGE_METRICS.find((m) => m.id === metric)!.unit,
      values: discloseMap(values, metric, margin, k),
      coverage,
    };
  }

  @Get('coverage/:level/:code')
  @CachedAnswer('coverage', 'geography')
  @ApiOperation({
    summary:
      "A territory's full coverage profile: every metric for every theme (and category above the commune level), with its gap score explained",
  })
  async profile(@Param() p: ProfileParams, @CurrentViewer() viewer: Viewer): Promise<CoverageProfile> {
    const code = p.code.toUpperCase();
    if (p.level !== 'country' && isValidCode(p.level, code)) await this.access.assertTerritoryAccess(viewer, { level: p.level, code });
    const snapshot = await this.repo.current();
    if (p.level === 'country') {
      if (code !== 'FR') throw new NotFoundException('only country FR is known');
      await this.access.assertTerritoryAccess(viewer, null);
      const keys = discloseProfile(await this.repo.profile(snapshot.id, 'country', 'FR'), secrecyThreshold(viewer));
      return {
        snapshot,
        territory: { level: 'country', code: 'FR', country: 'FR', name: 'France', population: keys[0]?.population ?? 0 },
        keys,
        coverage: await this.repo.coverage(snapshot.id, 'country', 'FR'),
        poverty: await this.territories.poverty(null),
      };
    }
    if (!isValidCode(p.level, code)) throw new BadRequestException(`"${p.code}" is not a valid ${p.level} code`);
    const detail = await this.territories.detail({ level: p.level, code });
    if (!detail) throw new NotFoundException(`${p.level} ${code} does not exist`);
    const keys = discloseProfile(await this.repo.profile(snapshot.id, p.level, code), secrecyThreshold(viewer));
    const poverty = await this.territories.poverty({ level: p.level, code });
    return {
      snapshot,
      territory: { level: p.level, code, country: 'FR', name: detail.name, population: detail.population },
      keys,
      coverage: await this.repo.coverage(snapshot.id, p.level, code),
      poverty,
    };
  }

  @Get('priorities')
  @CachedAnswer('coverage', 'geography')
  @ApiOperation({ summary: 'Priority zones: territories × themes ranked by gap score, each with the explanation of its rank' })
  async priorities(@Query() q: PrioritiesQuery, @CurrentViewer() viewer: Viewer): Promise<PriorityList> {
    const level = q.level ?? 'department';
    const parent = await this.parent(q.parent, level);
    const only = await this.access.childScope(viewer, parent, level);
    if (q.theme && !isThemeId(q.theme)) throw new BadRequestException(`unknown theme "${q.theme}"`);
    const snapshot = await this.repo.current();
    return {
      snapshot,
      level,
      parent,
      theme: q.theme ?? null,
      zones: disclosePriorities(
        await this.repo.priorities(snapshot.id, level, parent, q.theme ?? null, q.limit ?? 20, only),
        secrecyThreshold(viewer),
      ),
    };
  }

  @Get('settlements')
  @ApiOperation({ summary: 'Open settlements with their distance to the nearest food, hygiene, health and access-to-rights service' })
  async settlements(@Query() q: TerritoryFilterQuery, @CurrentViewer() viewer: Viewer): Promise<SettlementAccessList> {
    if ((q.level && !q.code) || (!q.level && q.code))
      throw new BadRequestException('level and code go together (e.g. level=department&code=95)');
    const requested = q.code?.toUpperCase() ?? null;
    if (q.level && requested && !isValidCode(q.level, requested))
      throw new BadRequestException(`"${q.code}" is not a valid ${q.level} code`);
    const { ref } = await this.access.scope(viewer, q.level && requested ? { level: q.level, code: requested } : null);
    const snapshot = await this.repo.current();
    // Exact coordinates and names: admins, and coordinators of the settlement's department (docs/PRIVACY.md).
    const exactDepartments = viewer.role === 'coordinator' ? await this.access.visibleCodes(viewer, 'department') : [];
    const precise = (dept: string) =>
      viewer.role === 'admin' || (viewer.role === 'coordinator' && (exactDepartments === null || exactDepartments.includes(dept)));
    const items = await this.repo.settlements(snapshot.id, ref?.level ?? null, ref?.code ?? null, precise);
    // Residents under 11 hidden from viewers without exact counts; metres only with exact coordinates (classes otherwise).
    return discloseSettlements(snapshot, items, items.every((i) => i.precise) ? secrecyThreshold(viewer) : 11);
  }

  @Get('seasonal')
  @ApiOperation({
    summary: 'Open services per ISO week of the year by theme (the August drop) and the 8-week forecast from announced closures',
  })
  async seasonal(@Query() q: SeasonalQuery, @CurrentViewer() viewer: Viewer): Promise<SeasonalView> {
    const { level, code } = await this.scopedArea(viewer, q.level, q.code);
    const snapshot = await this.repo.current();
    const s = await this.repo.seasonal(snapshot.id);
    const pick = (rows: typeof s.weekly.rows) =>
      rows
        .filter((r) => r.level === level && r.code === code)
        .map((r) => ({
          key: r.key,
          label: categoryLabel(r.key, 'fr'),
          openAnyDay: r.openAnyDay,
          openAllWeek: r.openAllWeek,
          meanDailyOpen: r.meanDailyOpen,
        }));
    const series = pick(s.weekly.rows);
    if (!series.length && level !== 'country') throw new NotFoundException(`no seasonal series for ${level} ${code}`);
    return {
      snapshot,
      territory: { level, code },
      year: s.year,
      weeks: s.weekly.weeks.map((w) => w.label),
      series,
      forecastWeeks: s.forecast.weeks.map((w) => w.label),
      forecast: pick(s.forecast.rows),
    };
  }

  @Get('quality')
  @ApiOperation({
    summary: 'Data freshness (updated < 6 months), update campaign progress, completeness distribution and the records to update first',
  })
  async quality(@Query() q: SeasonalQuery, @CurrentViewer() viewer: Viewer): Promise<QualityView> {
    const { level, code } = await this.scopedArea(viewer, q.level, q.code);
    const detail = level === 'country' ? { name: 'France' } : await this.territories.detail({ level, code });
    if (!detail) throw new NotFoundException(`${level} ${code} does not exist`);
    const snapshot = await this.repo.current();
    return {
      snapshot,
      territory: { level, code, name: detail.name },
      ...discloseQuality(await qualityView(this.pool, snapshot.id, level, code, this.clock.today()), secrecyThreshold(viewer)),
    };
  }

  @Post('what-if')
  @HttpCode(200)
  @ApiOperation({ summary: 'Who would gain access if a service of this category opened here? Nothing is saved.' })
  async whatIf(@Body() body: WhatIfBody, @CurrentViewer() viewer: Viewer): Promise<WhatIfResponse> {
    const c = resolveCategory(body.category);
    if (!c?.categoryId) throw new BadRequestException(`unknown category "${body.category}"`);
    // The hypothetical service must stand in one of the viewer's territories: in the commune whose polygon holds
    // the point (the commune named by the client when the point is on its outline), not the nearest centre.
    const place = await whatIfPlace(this.pool, body.lat, body.lon, body.commune?.toUpperCase());
    if (!place || !(await this.access.canSee(viewer, { level: 'commune', code: place.code })))
      throw new ForbiddenException({
        code: 'point_outside_territory',
        message: place ? `commune:${place.code} (${place.name}) is outside your territories` : 'this point is outside your territories',
      });
    const snapshot = await this.repo.current();
    const result = await this.coverage.whatIf({ lat: body.lat, lon: body.lon, categoryId: c.categoryId, themeId: c.themeId });
    const gaining = result.keys.flatMap((k) => [
      ...k.communes.filter((x) => x.gainsAccess || x.accessibilityDelta > 0).map((x) => x.code),
      ...k.settlementsGaining.map((s) => s.communeCode),
    ]);
    const communes = await this.communeInfo(gaining);
    // Settlement sites (positions): admins, and coordinators of the settlement's commune (as GET /api/settlements).
    const k = secrecyThreshold(viewer);
    const sitesVisible = async (code: string) =>
      viewer.role === 'admin' || (viewer.role === 'coordinator' && (await this.access.canSee(viewer, { level: 'commune', code })));
    const keys = [];
    for (const key of result.keys) {
      const settlements = [];
      for (const s of key.settlementsGaining)
        if (await sitesVisible(s.communeCode))
          settlements.push({
            communeCode: s.communeCode,
            communeName: communes.get(s.communeCode)?.name ?? s.communeCode,
            residents: s.population,
            lat: s.lat,
            lon: s.lon,
          });
      keys.push({
        key: key.key,
        keyType: key.key === c.categoryId ? ('category' as const) : ('theme' as const),
        label: categoryLabel(key.key, 'fr'),
        thresholdMeters: key.thresholdMeters,
        populationGaining: key.populationGaining,
        settlementSitesGaining: key.settlementSitesGaining,
        settlementResidentsGaining: key.settlementResidentsGaining,
        communes: key.communes
          .filter((x) => x.gainsAccess || x.accessibilityDelta > 0)
          .sort((a, b) => Number(b.gainsAccess) - Number(a.gainsAccess) || b.population - a.population)
          .slice(0, 200)
          .map((x) => ({
            code: x.code,
            name: communes.get(x.code)?.name ?? x.code,
            departmentCode: communes.get(x.code)?.departmentCode ?? null,
            population: x.population,
            gainsAccess: x.gainsAccess,
            accessibilityDelta: x.accessibilityDelta,
          })),
        territories: key.territories.map((t) => ({
          level: t.level,
          code: t.code,
          populationGaining: t.populationGaining,
          accessibilityDelta: t.accessibilityDelta,
        })),
        settlements: k === null && settlements.length === key.settlementsGaining.length ? settlements : null,
      });
    }
    return discloseWhatIf({ snapshot, request: body, place, keys }, k);
  }

  private async communeInfo(codes: string[]): Promise<Map<string, { name: string; departmentCode: string | null }>> {
    if (!codes.length) return new Map();
    const { rows } = await this.pool.query<{ code: string; name: string; department_code: string | null }>(
      `SELECT code, name, department_code FROM commune WHERE country = 'FR' AND code = ANY($1)`,
      [[...new Set(codes)]],
    );
    return new Map(rows.map((r) => [r.code, { name: r.name, departmentCode: r.department_code }]));
  }

  @Post('coverage/refresh')
  @Roles('admin', 'coordinator')
  @HttpCode(202)
  @ApiOperation({ summary: 'Recompute every coverage metric now (a new dated snapshot); the previous one is served meanwhile' })
  async refresh(
    @Query() q: RefreshQuery,
  ): Promise<{ snapshotId: number; durationMs: number; timings: Record<string, number>; mode: string }> {
    const r = await this.coverage.refresh('api', q.mode ?? 'auto');
    return { snapshotId: r.snapshotId, durationMs: r.durationMs, timings: r.timings, mode: r.mode };
  }
}

import { BadRequestException, Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TerritoryDetail, TerritoryFeatureCollection, TerritoryLevel, TerritorySearchResult } from '@vigie/contracts';
import { insetDromGeometries, parseTerritoryRef, isValidCode, simplifyTopology } from '@vigie/territory-domain';
import { ALL_ROLES, Roles, AnyTerritory } from '../auth/access.decorators.js';
import { CachedAnswer, PreparedAnswer } from '../common/answer-cache.js';
import { LevelParam, ListTerritoriesQuery, SearchTerritoriesQuery, TerritoryParams } from './territories.dto.js';
import { TerritoriesRepository } from './territories.repository.js';

/**
 * Douglas–Peucker tolerance of national maps (no `parent`), in degrees of latitude: 0.003° ≈ 330 m, under
 * a quarter of a pixel at national scale in the dashboard (~1.5 km per pixel); borders stay shared
 * (topology-preserving, see simplifyTopology). Measured on department?layout=insets: 74,612 → 29,679 points,
 * 1,297 → 533 KB raw, 392 → 166 KiB gzip. 0.002° stays at ~220 KiB gzip, over the 180 KiB target: 0.003°
 * is the finest tolerance that meets it. Maps with a parent (zoomed views) keep full detail.
 */
const NATIONAL_MAP_TOLERANCE_DEG = 0.003;

/** DROM regions share their single department's inset. */
const DROM_REGION_TO_DEPARTMENT: Record<string, string> = { '01': '971', '02': '972', '03': '973', '04': '974', '06': '976' };

@ApiTags('territories')
@Controller('territories')
// Public geography (IGN/INSEE, Licence Ouverte): readable by every signed-in role, not scoped.
@Roles(...ALL_ROLES)
@AnyTerritory() // public geography: a COPIL member may read the name of a territory outside theirs
export class TerritoriesController {
  /**
   * Contours are static between geography loads: each answer is serialised and gzipped once per
   * dataset hash (a simplified map of France is ~170 KB gzip, a few hundred ms of CPU to rebuild), shared by every viewer,
   * and served with an ETag by the answer cache.
   */
  private readonly shapes = new Map<string, PreparedAnswer>();

  constructor(private readonly repo: TerritoriesRepository) {}

  @Get('search')
  @ApiOperation({ summary: 'Search territories by name or code (search-as-you-type)' })
  async search(@Query() q: SearchTerritoriesQuery): Promise<TerritorySearchResult[]> {
    const levels = (q.levels?.split(',') as TerritoryLevel[] | undefined) ?? ['region', 'department', 'epci', 'commune'];
    return this.repo.search(q.q, q.limit ?? 10, levels);
  }

  @Get(':level')
  @CachedAnswer('geography')
  @ApiOperation({ summary: 'Territories of a level as a GeoJSON FeatureCollection, optionally inside a parent' })
  @ApiOkResponse({ description: 'GeoJSON FeatureCollection; properties: code, name, population, parent codes, centre' })
  async list(@Param() p: LevelParam, @Query() q: ListTerritoriesQuery, @Res({ passthrough: true }) res: Response): Promise<PreparedAnswer> {
    const { hash } = await this.repo.datasetStatus();
    const key = `${hash}|${p.level}|${q.parent ?? ''}|${q.geometry ?? true}|${q.layout ?? ''}`;
    let hit = this.shapes.get(key);
    if (!hit) {
      hit = PreparedAnswer.of(Buffer.from(JSON.stringify(await this.collection(p, q))));
      this.shapes.set(key, hit);
      if (this.shapes.size > 300) this.shapes.delete(this.shapes.keys().next().value as string);
    }
    res.setHeader('Cache-Control', 'private, max-age=300');
    return hit;
  }

  private async collection(p: LevelParam, q: ListTerritoriesQuery): Promise<TerritoryFeatureCollection> {
    const parent = q.parent ? parseTerritoryRef(q.parent) : null;
    if (q.parent && !parent) throw new BadRequestException(`parent "${q.parent}" is not a valid territory reference`);
    if (parent && !this.repo.isValidParent(p.level, parent)) {
      throw new BadRequestException(`a ${p.level} is not inside a ${parent.level}`);
    }
    const geometry = q.geometry ?? true;
    if (p.level === 'commune' && geometry && !parent) {
      throw new BadRequestException(
        'communes with contours need a parent (e.g. parent=department:95); use geometry=false for the national list',
      );
    }
    if (parent && !(await this.repo.exists(parent))) throw new NotFoundException(`${parent.level} ${parent.code} does not exist`);
    let features = await this.repo.list(p.level, parent, geometry);
    if (!parent && geometry) {
      // National map: simplified once per dataset hash (answers are cached in `shapes`), before the insets.
      const simplified = simplifyTopology(
        features.map((f) => f.geometry),
        NATIONAL_MAP_TOLERANCE_DEG,
      );
      features = features.map((f, i) => ({ ...f, geometry: simplified[i] }));
    }
    if (q.layout === 'insets' && geometry) {
      const keyed = features.map((f) => ({
        f,
        departmentCode: p.level === 'region' ? (DROM_REGION_TO_DEPARTMENT[f.properties.code] ?? null) : f.properties.departmentCode,
        geometry: f.geometry,
      }));
      features = insetDromGeometries(keyed).map((k) => ({ ...k.f, geometry: k.geometry }));
    }
    return { type: 'FeatureCollection', level: p.level, parent, features };
  }

  @Get(':level/:code')
  // Poverty changes with an indicators import, which recomputes coverage.
  @CachedAnswer('geography', 'coverage')
  @ApiOperation({
    summary:
      "A territory's identity: name, population, ancestors, number of children, postal codes, arrondissements, poverty used by the metrics",
  })
  async detail(@Param() p: TerritoryParams): Promise<TerritoryDetail> {
    const code = p.code.toUpperCase();
    if (!isValidCode(p.level, code)) throw new BadRequestException(`"${p.code}" is not a valid ${p.level} code`);
    const d = await this.repo.detail({ level: p.level, code });
    if (!d) throw new NotFoundException(`${p.level} ${code} does not exist`);
    d.poverty = await this.repo.poverty({ level: p.level, code });
    return d;
  }
}

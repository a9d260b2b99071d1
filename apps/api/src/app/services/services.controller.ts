import { BadRequestException, Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import type { Clock } from '@vigie/calendar';
import type { ServicePoints } from '@vigie/contracts';
import { isCategoryId, isThemeId } from '@vigie/taxonomy';
import { isValidCode } from '@vigie/territory-domain';
import { ALL_ROLES, Roles } from '../auth/access.decorators.js';
import { TerritoryAccess } from '../auth/territory-access.js';
import { InjectClock } from '../calendar/clock.js';
import { CurrentViewer, type Viewer } from '../common/viewer.js';
import { PG_POOL } from '../database/pg-pool.js';
import { TerritoriesRepository } from '../territories/territories.repository.js';
import { ServicePointsQuery } from './services.dto.js';

const TERRITORY_COLUMN = { region: 's.region_code', department: 's.department_code', commune: 's.commune_code' } as const;

/** Referenced services as map points: public directory listings (no personal data), scoped to the viewer's territories. */
@ApiTags('services')
@Controller('services')
@Roles(...ALL_ROLES)
export class ServicesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly access: TerritoryAccess,
    private readonly territories: TerritoriesRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  @Get('points')
  @ApiOperation({
    summary:
      'ONLINE services with coordinates as map points (open today or temporarily closed), filtered by territory and theme or category',
  })
  async points(@Query() q: ServicePointsQuery, @CurrentViewer() viewer: Viewer): Promise<ServicePoints> {
    if ((q.level && !q.code) || (!q.level && q.code))
      throw new BadRequestException('level and code go together (e.g. level=department&code=95)');
    if (q.theme && q.category) throw new BadRequestException('give a theme or a category, not both');
    if (q.theme && !isThemeId(q.theme)) throw new BadRequestException(`unknown theme "${q.theme}"`);
    if (q.category && !isCategoryId(q.category)) throw new BadRequestException(`unknown category "${q.category}"`);
    const code = q.code?.toUpperCase();
    if (q.level && code) {
      if (!isValidCode(q.level, code)) throw new BadRequestException(`"${q.code}" is not a valid ${q.level} code`);
      if (!(await this.territories.exists({ level: q.level, code }))) throw new NotFoundException(`${q.level} ${code} does not exist`);
    }
    const { ref } = await this.access.scope(viewer, q.level && code ? { level: q.level, code } : null);
    const params: unknown[] = [this.clock.today()];
    const where = [`s.removed_at IS NULL`, `s.status = 'ONLINE'`, `s.lat IS NOT NULL`, `s.lon IS NOT NULL`];
    if (ref) {
      params.push(ref.code);
      where.push(
        ref.level === 'epci'
          ? `s.commune_code IN (SELECT code FROM commune WHERE epci_code = $${params.length})`
          : `${TERRITORY_COLUMN[ref.level]} = $${params.length}`,
      );
    }
    if (q.theme) where.push(`s.theme_id = $${params.push(q.theme)}`);
    if (q.category) where.push(`s.category_id = $${params.push(q.category)}`);
    const limit = q.limit ?? 5000;
    params.push(limit);
    const { rows } = await this.pool.query(
      `SELECT s.id, s.place_name AS name, s.lat, s.lon, s.category_id, s.theme_id, s.commune_code,
              NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.closed_periods) = 'array' THEN s.closed_periods ELSE '[]'::jsonb END) p
                WHERE p->>'start' ~ '^\\d{4}-\\d{2}-\\d{2}$' AND (p->>'start')::date <= $1::date
                  AND (p->>'end' IS NULL OR (p->>'end' ~ '^\\d{4}-\\d{2}-\\d{2}$' AND (p->>'end')::date >= $1::date))
              ) AS open,
              count(*) OVER () AS total
       FROM service s WHERE ${where.join(' AND ')}
       ORDER BY s.id LIMIT $${params.length}`,
      params,
    );
    const total = rows.length ? Number(rows[0].total) : 0;
    return {
      filters: { level: ref?.level ?? null, code: ref?.code ?? null, theme: q.theme ?? null, category: q.category ?? null },
      total,
      truncated: total > rows.length,
      points: rows.map((r) => ({
        id: Number(r.id),
        name: r.name,
        lat: r.lat,
        lon: r.lon,
        categoryId: r.category_id,
        themeId: r.theme_id,
        open: r.open,
        communeCode: r.commune_code,
      })),
    };
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@vigie/calendar';
import type { ServicePoints } from '@vigie/contracts';
import { ALL_ROLES, Roles } from '../auth/access.decorators.js';
import { TerritoryAccess } from '../auth/territory-access.js';
import { InjectClock } from '../calendar/clock.js';
import { QueryModel, taxonomyFilter } from '../common/query-model.js';
import { CurrentViewer, type Viewer } from '../common/viewer.js';
import { ServicePointsQuery } from './services.dto.js';
import { ServicesRepository } from './services.repository.js';

/** Referenced services as map points: public directory listings (no personal data), scoped to the viewer's territories. */
@ApiTags('services')
@Controller('services')
@Roles(...ALL_ROLES)
export class ServicesController {
  constructor(
    private readonly services: ServicesRepository,
    private readonly queries: QueryModel,
    private readonly access: TerritoryAccess,
    @InjectClock() private readonly clock: Clock,
  ) {}

  @Get('points')
  @ApiOperation({
    summary:
      'ONLINE services with coordinates as map points (open today or temporarily closed), filtered by territory and theme or category',
  })
  async points(@Query() q: ServicePointsQuery, @CurrentViewer() viewer: Viewer): Promise<ServicePoints> {
    const { theme, category } = taxonomyFilter(q);
    const { ref } = await this.access.scope(viewer, await this.queries.territory(q.level, q.code));
    const { total, points } = await this.services.points({
      territory: ref,
      theme,
      category,
      today: this.clock.today(),
      limit: q.limit ?? 5000,
    });
    return {
      filters: { level: ref?.level ?? null, code: ref?.code ?? null, theme: theme ?? null, category: category ?? null },
      total,
      truncated: total > points.length,
      points,
    };
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DeploymentActivities, DeploymentKpis, DeploymentMutualAid, DeploymentTerritories } from '@vigie/contracts';
import { isValidCode } from '@vigie/territory-domain';
import { ALL_ROLES, Roles } from '../auth/access.decorators.js';
import { TerritoryAccess } from '../auth/territory-access.js';
import { CurrentViewer, type Viewer } from '../common/viewer.js';
import { ActivitiesQuery, DeploymentTerritoryQuery, KpisQuery, YearQuery } from './deployment.dto.js';
import { DeploymentService } from './deployment.service.js';

@ApiTags('deployment')
@Controller('deployment')
// Aggregated deployment figures: every signed-in role (steering committees and funders follow them), in their territories.
@Roles(...ALL_ROLES)
export class DeploymentController {
  constructor(
    private readonly deployment: DeploymentService,
    private readonly access: TerritoryAccess,
  ) {}

  /**
   * Territory scoping: a named territory must be inside the viewer's (403 otherwise); without one,
   * national users get France and the others their first territory. Malformed codes are left to the
   * service's 400s.
   */
  private async scoped<T extends DeploymentTerritoryQuery>(q: T, viewer: Viewer): Promise<T> {
    if (!q.level && !q.code) {
      const d = this.access.defaultTerritory(viewer);
      if (d && (d.level === 'region' || d.level === 'department')) return { ...q, level: d.level, code: d.code };
    }
    const level = q.level ?? 'national';
    const code = q.code?.toUpperCase();
    if (level === 'national') await this.access.assertTerritoryAccess(viewer, null);
    else if (code && isValidCode(level, code)) await this.access.assertTerritoryAccess(viewer, { level, code });
    return q;
  }

  @Get('kpis')
  @ApiOperation({
    summary:
      'Deployment KPIs of a territory for a year (structures, searches per month, people sensitised, listeners trained, COPIL held, funds raised) against the targets (summed over departments), with progress and status',
  })
  async kpis(@Query() q: KpisQuery, @CurrentViewer() viewer: Viewer): Promise<DeploymentKpis> {
    return this.deployment.kpis(await this.scoped(q, viewer));
  }

  @Get('activities')
  @ApiOperation({
    summary:
      'Deployment activities (trainings, sensitisation sessions, COPIL, funding) of a territory over a period, newest first, with monthly counts',
  })
  async activities(@Query() q: ActivitiesQuery, @CurrentViewer() viewer: Viewer): Promise<DeploymentActivities> {
    return this.deployment.activities(await this.scoped(q, viewer));
  }

  @Get('mutual-aid')
  @ApiOperation({ summary: 'Mutual-aid offers and requests by category, status and commune, and actions against 1 % of the population' })
  async mutualAid(@Query() q: DeploymentTerritoryQuery, @CurrentViewer() viewer: Viewer): Promise<DeploymentMutualAid> {
    return this.deployment.mutualAid(await this.scoped(q, viewer));
  }

  @Get('territories')
  @ApiOperation({ summary: 'Departments with deployment targets for the year, with their overall progress (those of your territories)' })
  async territories(@Query() q: YearQuery, @CurrentViewer() viewer: Viewer): Promise<DeploymentTerritories> {
    const [all, visible] = await Promise.all([this.deployment.territories(q.year), this.access.visibleCodes(viewer, 'department')]);
    return visible === null ? all : { ...all, departments: all.departments.filter((d) => visible.includes(d.code)) };
  }
}

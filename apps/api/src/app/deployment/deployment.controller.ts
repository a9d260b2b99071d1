import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DeploymentActivities, DeploymentKpis, DeploymentMutualAid, DeploymentTerritories } from '@vigie/contracts';
import { ALL_ROLES, Roles } from '../auth/access.decorators.js';
import { ActivitiesQuery, DeploymentTerritoryQuery, KpisQuery, YearQuery } from './deployment.dto.js';
import { DeploymentService } from './deployment.service.js';

@ApiTags('deployment')
@Controller('deployment')
// Aggregated deployment figures: every signed-in role (steering committees and funders follow them).
@Roles(...ALL_ROLES)
export class DeploymentController {
  constructor(private readonly deployment: DeploymentService) {}

  @Get('kpis')
  @ApiOperation({
    summary:
      'Deployment KPIs of a territory for a year (structures, searches per month, people sensitised, listeners trained, COPIL held, funds raised) against the targets (summed over departments), with progress and status',
  })
  kpis(@Query() q: KpisQuery): Promise<DeploymentKpis> {
    return this.deployment.kpis(q);
  }

  @Get('activities')
  @ApiOperation({ summary: 'Deployment activities (trainings, sensitisation sessions, COPIL, funding) of a territory over a period, newest first, with monthly counts' })
  activities(@Query() q: ActivitiesQuery): Promise<DeploymentActivities> {
    return this.deployment.activities(q);
  }

  @Get('mutual-aid')
  @ApiOperation({ summary: 'Mutual-aid offers and requests by category, status and commune, and actions against 1 % of the population' })
  mutualAid(@Query() q: DeploymentTerritoryQuery): Promise<DeploymentMutualAid> {
    return this.deployment.mutualAid(q);
  }

  @Get('territories')
  @ApiOperation({ summary: 'Departments with deployment targets for the year, with their overall progress' })
  territories(@Query() q: YearQuery): Promise<DeploymentTerritories> {
    return this.deployment.territories(q.year);
  }
}

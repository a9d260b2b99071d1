import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import type { Clock } from '@vigie/calendar';
import type { DirectoryCoverage } from '@vigie/contracts';
import { isValidCode } from '@vigie/territory-domain';
import { ALL_ROLES, Audit, Roles } from '../auth/access.decorators.js';
import { TerritoryAccess } from '../auth/territory-access.js';
import { InjectClock } from '../calendar/clock.js';
import { CurrentViewer, type Viewer } from '../common/viewer.js';
import { CoverageService } from '../coverage/coverage.service.js';
import { PG_POOL } from '../database/pg-pool.js';
import { DirectoryCoverageBody, DirectoryCoverageParams } from './directory-coverage.dto.js';
import { DirectoryCoverageInputError, declareCoverage, readDirectoryCoverage } from './directory-coverage.store.js';

/**
 * Directory coverage (*couverture de l'annuaire*, docs/METRICS.md): the departments where the directory is deployed,
 * from a day. Every signed-in role reads it within its territories; only admins declare. A change schedules a
 * recompute of the coverage metrics (the next snapshot is computed with it).
 */
@ApiTags('directory-coverage')
@Controller('directory-coverage')
@Roles(...ALL_ROLES)
export class DirectoryCoverageController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly access: TerritoryAccess,
    private readonly coverage: CoverageService,
    @InjectClock() private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Declared directory coverage (departments and start days) checked against the data (few services / undeclared with many), over your territories',
  })
  async get(@CurrentViewer() viewer: Viewer): Promise<DirectoryCoverage> {
    const departments = await this.access.visibleCodes(viewer, 'department');
    return readDirectoryCoverage(this.pool, this.clock.today(), departments);
  }

  @Put(':code')
  @Roles('admin')
  @Audit('directory-coverage.declare')
  @ApiOperation({ summary: 'Declare a department covered from a day (admins); from null removes the declaration' })
  async put(
    @Param() p: DirectoryCoverageParams,
    @Body() body: DirectoryCoverageBody,
    @CurrentViewer() viewer: Viewer,
  ): Promise<DirectoryCoverage> {
    await this.declare(p.code, body.from ?? null, viewer, body.note ?? null);
    return readDirectoryCoverage(this.pool, this.clock.today(), null);
  }

  @Delete(':code')
  @HttpCode(200)
  @Roles('admin')
  @Audit('directory-coverage.remove')
  @ApiOperation({ summary: "Remove a department's declaration (admins)" })
  async remove(@Param() p: DirectoryCoverageParams, @CurrentViewer() viewer: Viewer): Promise<DirectoryCoverage> {
    if (!(await this.declare(p.code, null, viewer, null)))
      throw new NotFoundException(`department ${p.code.toUpperCase()} is not declared`);
    return readDirectoryCoverage(this.pool, this.clock.today(), null);
  }

  private async declare(raw: string, from: string | null, viewer: Viewer, note: string | null): Promise<boolean> {
    const code = raw.toUpperCase();
    if (!isValidCode('department', code)) throw new BadRequestException(`"${raw}" is not a valid department code`);
    try {
      const changed = await declareCoverage(this.pool, code, from, viewer.email ?? `user ${viewer.userId ?? '?'}`, note);
      if (changed) this.coverage.scheduleRefresh(`directory coverage ${code}`);
      return changed;
    } catch (e) {
      if (e instanceof DirectoryCoverageInputError) throw new BadRequestException(e.message);
      throw e;
    }
  }
}

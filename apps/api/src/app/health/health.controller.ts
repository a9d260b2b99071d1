import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { HealthStatus } from '@vigie/contracts';
import { Public } from '../auth/access.decorators.js';
import type { AuthedRequest } from '../auth/access.guard.js';
import { TerritoriesRepository } from '../territories/territories.repository.js';
import { VIGIE_RUNTIME, type VigieRuntime } from '../runtime.js';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(VIGIE_RUNTIME) private readonly runtime: VigieRuntime,
    private readonly territories: TerritoriesRepository,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Liveness: {status: "ok" | "degraded"} (503 when the database does not answer); versions, database and geography details for signed-in admins only',
  })
  async health(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<HealthStatus | Pick<HealthStatus, 'status'>> {
    const t0 = performance.now();
    let database: HealthStatus['database'];
    let geography: HealthStatus['geography'] = { loaded: false, communes: 0, datasetHash: null };
    try {
      const [{ server_version }] = await this.ds.query('SHOW server_version');
      database = {
        ok: true,
        mode: this.runtime.database.mode,
        serverVersion: server_version,
        latencyMs: Math.round((performance.now() - t0) * 10) / 10,
      };
      const g = await this.territories.datasetStatus();
      geography = { loaded: g.communes > 0, communes: g.communes, datasetHash: g.hash };
    } catch (e) {
      database = { ok: false, mode: this.runtime.database.mode, serverVersion: null, latencyMs: null, error: (e as Error).message };
      res.status(503);
    }
    res.setHeader('Cache-Control', 'no-store');
    // Versions, database mode, uptime and dataset hash help an attacker more than a load balancer: admins only.
    if (req.user?.role !== 'admin' || req.user.mustChangePassword) return { status: database.ok ? 'ok' : 'degraded' };
    return {
      status: database.ok ? 'ok' : 'degraded',
      version: this.runtime.version,
      uptimeSeconds: Math.round((Date.now() - this.runtime.startedAt) / 1000),
      database,
      geography,
    };
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '../database/pg-pool.js';
import { VIGIE_RUNTIME, type VigieRuntime } from '../runtime.js';
import { purgeOldSearchEvents } from './maintenance.js';

/** Purges raw search events past the retention period at start-up and then every day. */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Retention');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(VIGIE_RUNTIME) private readonly runtime: VigieRuntime,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runtime.config.retentionMonths) return;
    const run = () =>
      purgeOldSearchEvents(this.pool, this.runtime.config.retentionMonths, this.runtime.config.clock.today())
        .then(
          (n) =>
            n && this.log.log(`purged ${n} search events older than ${this.runtime.config.retentionMonths} months (monthly rollups kept)`),
        )
        .catch((e) => this.log.warn(`retention purge failed: ${(e as Error).message}`));
    setTimeout(run, 10_000).unref();
    this.timer = setInterval(run, 24 * 3_600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

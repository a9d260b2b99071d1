import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '../database/pg-pool.js';

/** Live events reach cached search answers within this delay (one version bump per delay at most). */
export const LIVE_VERSION_DELAY_MS = 5_000;

/**
 * Bumps search_rollup_version after live batches, at most once per LIVE_VERSION_DELAY_MS: cached search
 * answers (the API's answer cache and the searches repository, keyed by that version) show live events
 * at most ~5 s after their batch is accepted, instead of being invalidated by every batch (at 5,000 events/s,
 * dozens of times a second: every dashboard request missed its cache, drill 1 in BENCHMARKS.md). File
 * imports, purges and rebuilds still bump in their own transaction.
 * A batch committed just before the process dies is covered by the bump every start does.
 */
@Injectable()
export class RollupVersionTicker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('RollupVersion');
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onApplicationBootstrap(): Promise<void> {
    this.dirty = true;
    await this.flush();
  }

  /** A live batch changed the rollups (committed): bump within LIVE_VERSION_DELAY_MS. */
  touch(): void {
    this.dirty = true;
    if (this.closed) return;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, LIVE_VERSION_DELAY_MS);
  }

  /** Bumps now if a batch is not yet visible; on failure (database away) retries after the delay. */
  async flush(): Promise<void> {
    if (this.running) await this.running;
    if (!this.dirty) return;
    this.dirty = false;
    this.running = this.pool
      .query(`UPDATE search_rollup_version SET version = version + 1 WHERE id = 1`)
      .then(() => undefined)
      .catch((e: Error) => {
        this.log.warn(
          `rollup version not bumped (${e.message}); ${this.closed ? 'shutting down' : `retrying in ${LIVE_VERSION_DELAY_MS} ms`}`,
        );
        this.touch();
      })
      .finally(() => {
        this.running = null;
      });
    await this.running;
  }

  /** Last bump on shutdown; a failure then is logged, not retried (no timer may outlive the module). */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}

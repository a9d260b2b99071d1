import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '../database/pg-pool.js';

/** The versions cached answers depend on; any process changing the data changes one of them. */
export interface DataStamp {
  /**
   * search_rollup_version: bumped in the same transaction as every file import, purge and rebuild, and at
   * most every 5 s after live batches (RollupVersionTicker: live events reach cached answers within ~5 s).
   */
  rollups: string;
  /** coverage_current: the snapshot served. */
  coverage: string;
  /** territory_dataset: the hash of the loaded geography. */
  geography: string;
}

/**
 * Reads the data versions in one statement. A read is shared by every request that arrived before it
 * was sent, never by a later one (which waits for the next read): an answer cached under these versions
 * is never older than the versions committed before its request arrived (for live events: ~5 s later).
 */
@Injectable()
export class DataState {
  private running: Promise<DataStamp> | null = null;
  private next: Promise<DataStamp> | null = null;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  read(): Promise<DataStamp> {
    if (!this.running) return this.start();
    const after = () => {
      this.next = null;
      return this.start();
    };
    this.next ??= this.running.then(after, after);
    return this.next;
  }

  private start(): Promise<DataStamp> {
    const p = this.pool
      .query<DataStamp>(
        `SELECT (SELECT version::text FROM search_rollup_version WHERE id = 1) AS rollups,
                (SELECT snapshot_id::text FROM coverage_current) AS coverage,
                (SELECT hash FROM territory_dataset WHERE country = 'FR') AS geography`,
      )
      .then(({ rows }) => ({ rollups: rows[0].rollups ?? '', coverage: rows[0].coverage ?? '', geography: rows[0].geography ?? '' }));
    this.running = p;
    const done = () => {
      if (this.running === p) this.running = null;
    };
    p.then(done, done);
    return p;
  }
}

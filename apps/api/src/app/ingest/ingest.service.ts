import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { RowError, SearchEventRecord } from '@vigie/ingest-domain';
import { PG_POOL } from '../database/pg-pool.js';
import { GeoResolverCache } from '../imports/geo-resolver.cache.js';
import { copyRows } from '../imports/copy.js';
import { searchEventsKind } from '../imports/kinds/search-events.kind.js';
import type { ApiKeyPrincipal } from './api-key.guard.js';
import { type LiveSearchEvent, normaliseLiveEvent } from './live-event.js';
import { RollupVersionTicker } from './rollup-version.js';

export interface BatchResult {
  idempotencyKey: string;
  duplicate: boolean;
  accepted: number;
  rejected: number;
  errors: RowError[];
}

@Injectable()
export class IngestService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly geo: GeoResolverCache,
    private readonly versions: RollupVersionTicker,
  ) {}

  /**
   * Stores a batch once: the idempotency key is inserted in the same transaction as the events and
   * their rollups, so a re-sent batch (after a timeout, a crash, a retry) is answered from the first
   * result and never duplicates anything.
   */
  async ingest(key: string, principal: ApiKeyPrincipal, events: LiveSearchEvent[]): Promise<BatchResult> {
    const previous = await this.previous(key);
    if (previous) return previous;
    const geo = await this.geo.get();
    const now = new Date();
    const records: SearchEventRecord[] = [];
    const errors: RowError[] = [];
    events.forEach((e, i) => {
      const r = normaliseLiveEvent(e, i, key, geo, now);
      if ('record' in r) records.push(r.record);
      else errors.push(...r.errors);
    });
    const rejected = events.length - records.length;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const claim = await client.query(
        `INSERT INTO ingest_batch (idempotency_key, source, api_key_id, accepted, rejected) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
        [key, principal.source, principal.id, records.length, rejected],
      );
      if (!claim.rowCount) {
        await client.query('ROLLBACK');
        return (await this.previous(key)) as BatchResult;
      }
      if (records.length) {
        const kind = searchEventsKind(principal.source, { deferVersion: true });
        const stage = `live_stage`;
        await client.query(
          `CREATE TEMP TABLE ${stage} (line int4, ${kind.columns.map(([c, t]) => `"${c}" ${t}`).join(', ')}) ON COMMIT DROP`,
        );
        await copyRows(
          client,
          stage,
          ['line', ...kind.columns.map(([c]) => c)],
          records.map((r, i) => [i + 1, ...kind.toRow(r)]),
          ['int4', ...kind.columns.map(([, t]) => t)],
        );
        await kind.merge(client, stage, null);
        await kind.finish?.(client);
      }
      await client.query('COMMIT');
      if (records.length) this.versions.touch();
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
    return { idempotencyKey: key, duplicate: false, accepted: records.length, rejected, errors: errors.slice(0, 100) };
  }

  private async previous(key: string): Promise<BatchResult | null> {
    const { rows } = await this.pool.query(`SELECT accepted, rejected FROM ingest_batch WHERE idempotency_key = $1`, [key]);
    return rows.length
      ? { idempotencyKey: key, duplicate: true, accepted: rows[0].accepted, rejected: rows[0].rejected, errors: [] }
      : null;
  }
}

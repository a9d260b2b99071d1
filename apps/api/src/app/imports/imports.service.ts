import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '../database/pg-pool.js';
import { findFormat, type ImportInput } from './formats.js';
import { GeoResolverCache } from './geo-resolver.cache.js';
import { type ImportFileOptions, importFile } from './import-file.js';
import type { ImportSummary } from './import-runner.js';
import { bothChecks, placeCheck } from './place-check.js';

export type ImportListener = (summary: ImportSummary) => void;

@Injectable()
export class ImportsService {
  private readonly listeners: ImportListener[] = [];

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly geo: GeoResolverCache,
  ) {}

  /** Called after every import that wrote something (coverage recompute, caches). */
  onImported(listener: ImportListener): void {
    this.listeners.push(listener);
  }

  async import(kind: string, format: string | undefined, input: ImportInput, opts: ImportFileOptions): Promise<ImportSummary> {
    const entry = findFormat(kind, format, input.path, opts.fileName);
    if (typeof entry === 'string') throw new BadRequestException(entry);
    const geo = await this.geo.get();
    // Every upload: coordinates that contradict the stated commune reject the row (see placeCheck).
    const summary = await importFile(this.pool, geo, entry, input, { ...opts, rowCheck: bothChecks(placeCheck(geo), opts.rowCheck) });
    if (summary.status === 'succeeded' && !summary.dryRun && summary.inserted + summary.updated + summary.removed > 0) {
      for (const l of this.listeners) l(summary);
    }
    return summary;
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Pool } from 'pg';
import { type HypotheticalService, type WhatIfResult, whatIf } from '@vigie/coverage-engine';
import { PG_POOL } from '../database/pg-pool.js';
import { ImportsService } from '../imports/imports.service.js';
import { VIGIE_RUNTIME, type VigieRuntime } from '../runtime.js';
import { type CoverageState, type RefreshMode, computeState, refreshCoverage } from './coverage-refresh.js';
import type { CoverageJob, WorkerRequest, WorkerResponse } from './coverage-worker.js';

export interface RefreshSummary {
  snapshotId: number;
  durationMs: number;
  timings: Record<string, number>;
  counts: Record<string, number>;
  /** `full`, `services` (searches of unchanged departments reused) or `searches` (spatial model reused). */
  mode: string;
}

/**
 * Owns recomputes: one at a time, debounced after imports (a burst of imports gives one recompute).
 * In the built server they run in a worker thread that also keeps the model for what-if questions, so
 * the API keeps answering during a recompute; from TypeScript sources (tests) they run in-process.
 */
@Injectable()
export class CoverageService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Coverage');
  private debounce: NodeJS.Timeout | null = null;
  private worker: Worker | null = null;
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private inProcess: { state: CoverageState | null; queue: Promise<unknown> } = { state: null, queue: Promise.resolve() };

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(VIGIE_RUNTIME) private readonly runtime: VigieRuntime,
    private readonly imports: ImportsService,
  ) {}

  onApplicationBootstrap(): void {
    // In the built server, the worker computes the what-if model in the background at start-up.
    if (this.workerScript())
      void this.call({ type: 'warm' }).catch((e) => this.log.warn(`what-if model not ready: ${(e as Error).message}`));
    this.imports.onImported((s) => {
      if (['services', 'settlements', 'search-events', 'indicators'].includes(s.kind)) this.schedule(`import #${s.id}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.debounce) clearTimeout(this.debounce);
    await this.worker?.terminate();
  }

  /** A recompute soon (debounced like after imports), e.g. after the directory coverage changed. */
  scheduleRefresh(trigger: string): void {
    this.schedule(trigger);
  }

  private schedule(trigger: string): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.refresh(trigger).catch((e) => this.log.error(`recompute failed: ${(e as Error).message}`));
    }, 2000);
    this.debounce.unref();
  }

  private workerScript(): URL | null {
    const url = new URL('./coverage-worker.js', import.meta.url);
    return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
  }

  private call<T>(req: CoverageJob): Promise<T> {
    const script = this.workerScript();
    if (!script) return this.callInProcess(req) as Promise<T>;
    if (!this.worker) {
      this.worker = new Worker(script, { workerData: { url: this.runtime.database.url } });
      this.worker.on('message', (m: WorkerResponse) => {
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (!w) return;
        if (m.ok) w.resolve(m.result);
        else w.reject(new Error(m.error));
      });
      this.worker.on('error', (e) => {
        this.log.error(`coverage worker failed: ${e.message}`);
        for (const w of this.waiting.values()) w.reject(e);
        this.waiting.clear();
        this.worker = null;
      });
      this.worker.unref();
    }
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker!.postMessage({ ...req, id, today: this.runtime.config.clock.today() } satisfies WorkerRequest);
    });
  }

  private callInProcess(req: CoverageJob): Promise<unknown> {
    const run = async () => {
      if (req.type === 'refresh') {
        const r = await refreshCoverage(this.pool, req.trigger, {
          today: this.runtime.config.clock.today(),
          previous: this.inProcess.state,
          mode: req.mode,
        });
        this.inProcess.state = r.state;
        return { snapshotId: r.snapshotId, durationMs: r.durationMs, timings: r.timings, counts: r.counts, mode: r.mode };
      }
      this.inProcess.state ??= await computeState(this.pool, this.runtime.config.clock.today());
      return req.type === 'what-if' ? whatIf(this.inProcess.state.model, req.service) : null;
    };
    const p = this.inProcess.queue.then(run, run);
    this.inProcess.queue = p.catch(() => undefined);
    return p;
  }

  /**
   * A recompute (a new current snapshot); recomputes never overlap. `auto` (after imports) reuses what did
   * not change since this process's previous recompute; `full` reads and computes everything.
   */
  async refresh(trigger: string, mode: RefreshMode = 'auto'): Promise<RefreshSummary> {
    const r = await this.call<RefreshSummary>({ type: 'refresh', trigger, mode });
    this.log.log(`snapshot ${r.snapshotId} ready in ${r.durationMs} ms (${trigger}, ${r.mode}): ${JSON.stringify(r.timings)}`);
    return r;
  }

  /** Effect of a hypothetical service on the model of the current data (computed once per process). */
  whatIf(service: HypotheticalService): Promise<WhatIfResult> {
    return this.call<WhatIfResult>({ type: 'what-if', service });
  }
}

// Runs coverage recomputes and what-if questions off the API's event loop (worker thread): the
// engine is CPU-bound for seconds at national scale, and the API must keep answering meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { type HypotheticalService, whatIf } from '@vigie/coverage-engine';
import { type CoverageState, type RefreshMode, computeState, refreshCoverage } from './coverage-refresh.js';

export type CoverageJob =
  { type: 'refresh'; trigger: string; mode: RefreshMode } | { type: 'what-if'; service: HypotheticalService } | { type: 'warm' };
/** `today` is the API's calendar day (its clock: Europe/Paris, or VIGIE_TODAY): the worker has no clock of its own. */
export type WorkerRequest = CoverageJob & { id: number; today: string };
export type WorkerResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

const pool = new pg.Pool({ connectionString: (workerData as { url: string }).url, max: 3, application_name: 'vigie-coverage' });
let state: CoverageState | null = null;

async function handle(req: WorkerRequest): Promise<unknown> {
  if (req.type === 'refresh') {
    const r = await refreshCoverage(pool, req.trigger, { today: req.today, previous: state, mode: req.mode });
    state = r.state;
    return { snapshotId: r.snapshotId, durationMs: r.durationMs, timings: r.timings, counts: r.counts, mode: r.mode };
  }
  state ??= await computeState(pool, req.today);
  return req.type === 'what-if' ? whatIf(state.model, req.service) : null;
}

// One request at a time, in order: a what-if waits for the recompute in progress.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (req: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      parentPort?.postMessage({ id: req.id, ok: true, result: await handle(req) } satisfies WorkerResponse);
    } catch (e) {
      parentPort?.postMessage({ id: req.id, ok: false, error: (e as Error).message } satisfies WorkerResponse);
    }
  });
});

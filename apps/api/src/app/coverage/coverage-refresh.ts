import type { Pool } from 'pg';
import { type CoverageModel, computeCoverage } from '@vigie/coverage-engine';
import { loadCoverageInput } from './coverage-inputs.js';
import { pruneSnapshots, writeSnapshot } from './coverage-store.js';

export interface RefreshResult {
  snapshotId: number;
  durationMs: number;
  timings: Record<string, number>;
  counts: Record<string, number>;
  model: CoverageModel;
}

/**
 * Full recompute: read inputs, run the engine, write a new snapshot and make it current. Readers keep
 * the previous snapshot until the final commit. A failed run is recorded and the current one stays.
 */
export async function refreshCoverage(pool: Pool, trigger: string, today = new Date().toISOString().slice(0, 10)): Promise<RefreshResult> {
  const t0 = performance.now();
  const { rows } = await pool.query(`INSERT INTO coverage_snapshot (reference_day, trigger, config) VALUES ($1, $2, '{}'::jsonb) RETURNING id`, [today, trigger]);
  const id = Number(rows[0].id);
  try {
    const timings: Record<string, number> = {};
    let t = performance.now();
    const input = await loadCoverageInput(pool, today);
    timings['load'] = performance.now() - t;
    t = performance.now();
    const model = computeCoverage(input);
    timings['compute'] = performance.now() - t;
    await pool.query(`UPDATE coverage_snapshot SET config = $2 WHERE id = $1`, [id, JSON.stringify({ ...model.config, labels: undefined, categories: undefined, categoryTheme: undefined })]);
    const counts = await writeSnapshot(pool, id, model, timings, t0);
    await pruneSnapshots(pool);
    return { snapshotId: id, durationMs: Math.round(performance.now() - t0), timings, counts, model };
  } catch (e) {
    await pool.query(`UPDATE coverage_snapshot SET status = 'failed', finished_at = now(), message = $2 WHERE id = $1`, [id, (e as Error).message]).catch(() => undefined);
    throw e;
  }
}

/** The model of the current data, without writing a snapshot (what-if questions). */
export async function computeModel(pool: Pool, today = new Date().toISOString().slice(0, 10)): Promise<CoverageModel> {
  return computeCoverage(await loadCoverageInput(pool, today));
}

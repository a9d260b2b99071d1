import type { Pool } from 'pg';
import { type CoverageInput, type CoverageModel, type SearchAggregateInput, computeCoverage } from '@vigie/coverage-engine';
import { loadCoverageInput, loadSearchPrints, loadSearches } from './coverage-inputs.js';
import { pruneSnapshots, writeSnapshot } from './coverage-store.js';
import { coverageOn } from '../directory-coverage/directory-coverage.store.js';

/** What a recompute leaves for the next one: its inputs, its model and the fingerprints of its searches. */
export interface CoverageState {
  today: string;
  input: CoverageInput;
  model: CoverageModel;
  searchPrints: Map<string, string>;
}

/**
 * `full`: read every input and run the whole engine. `auto`: reuse what did not change since `previous`
 * (same reference day): the searches of departments whose fingerprint is unchanged are not read again, and
 * when services, communes and settlements are unchanged the spatial model is reused (`withSearches`).
 */
export type RefreshMode = 'auto' | 'full';

/** Above this many departments with changed searches, one national query is cheaper than per-department reads. */
const MAX_SEARCH_DEPARTMENTS = 30;

export interface RefreshResult {
  snapshotId: number;
  durationMs: number;
  timings: Record<string, number>;
  counts: Record<string, number>;
  /** How the snapshot was computed: `full`, `services` (searches of unchanged departments reused), `searches` (spatial model reused). */
  mode: 'full' | 'services' | 'searches';
  state: CoverageState;
}

/**
 * Recompute: read inputs, run the engine, write a new snapshot and make it current. Readers keep the previous
 * snapshot until the final commit. A failed run is recorded and the current one stays. Every snapshot is
 * complete (every territory and key): gap scores rank territories against each other, so they are all written.
 */
export async function refreshCoverage(
  pool: Pool,
  trigger: string,
  opts: { today: string; previous?: CoverageState | null; mode?: RefreshMode },
): Promise<RefreshResult> {
  const today = opts.today;
  const previous = opts.mode === 'full' || opts.previous?.today !== today ? null : opts.previous;
  const t0 = performance.now();
  const { rows } = await pool.query(
    `INSERT INTO coverage_snapshot (reference_day, trigger, config) VALUES ($1, $2, '{}'::jsonb) RETURNING id`,
    [today, trigger],
  );
  const id = Number(rows[0].id);
  try {
    const timings: Record<string, number> = {};
    const next = await nextState(pool, today, previous, timings);
    const config = {
      ...next.model.config,
      labels: undefined,
      categories: undefined,
      categoryTheme: undefined,
      mode: next.mode,
      searchDepartmentsRead: next.searchDepartmentsRead,
    };
    // The directory coverage the snapshot was computed with (read again: the inputs carry it per commune only).
    const directory = await coverageOn(pool, today);
    await pool.query(`UPDATE coverage_snapshot SET config = $2, directory_coverage = $3 WHERE id = $1`, [
      id,
      JSON.stringify(config),
      JSON.stringify({ source: directory.source, covered: directory.covered, declared: directory.declared }),
    ]);
    const counts = await writeSnapshot(pool, id, next.model, timings, t0);
    await pruneSnapshots(pool);
    return { snapshotId: id, durationMs: Math.round(performance.now() - t0), timings, counts, mode: next.mode, state: next.state };
  } catch (e) {
    await pool
      .query(`UPDATE coverage_snapshot SET status = 'failed', finished_at = now(), message = $2 WHERE id = $1`, [id, (e as Error).message])
      .catch(() => undefined);
    throw e;
  }
}

/**
 * The model of the data of `today`, from `previous` where nothing changed (see RefreshMode); `timings` receives
 * `load` and `compute`. Writes nothing.
 */
export async function nextState(pool: Pool, today: string, previous: CoverageState | null, timings: Record<string, number> = {}) {
  let t = performance.now();
  const { input, searchPrints, searchDepartmentsRead } = await loadInputs(pool, today, previous);
  timings['load'] = performance.now() - t;
  t = performance.now();
  let model: CoverageModel | null = null;
  if (previous && sameSpatialInputs(previous.input, input))
    model = searchDepartmentsRead === 0 ? previous.model : previous.model.withSearches(input.searches ?? []);
  const mode: RefreshResult['mode'] = model ? 'searches' : previous && searchDepartmentsRead !== -1 ? 'services' : 'full';
  model ??= computeCoverage(input);
  timings['compute'] = performance.now() - t;
  return { model, mode, searchDepartmentsRead, state: { today, input, model, searchPrints } satisfies CoverageState };
}

/**
 * The inputs of a recompute. With a previous state, the searches of the departments whose fingerprint changed
 * are read again and the others kept (`searchDepartmentsRead`: how many were read; -1 = all, nationally).
 * The fingerprints are read before the searches: a change committed in between is read now and seen as a
 * change again next time (never missed).
 */
async function loadInputs(pool: Pool, today: string, previous: CoverageState | null) {
  const searchPrints = await loadSearchPrints(pool, today);
  let changed: string[] | null = null;
  if (previous) {
    changed = [...new Set([...searchPrints.keys(), ...previous.searchPrints.keys()])].filter(
      (d) => searchPrints.get(d) !== previous.searchPrints.get(d),
    );
    if (changed.includes('') || changed.length > MAX_SEARCH_DEPARTMENTS) changed = null;
  }
  if (!previous || !changed) return { input: await loadCoverageInput(pool, today), searchPrints, searchDepartmentsRead: -1 };
  const [fresh, base] = await Promise.all([
    changed.length ? loadSearches(pool, today, changed) : Promise.resolve([]),
    loadCoverageInput(pool, today, { searches: [] }),
  ]);
  // Keep the previous aggregates of the communes outside the changed departments (by the commune's
  // department, as the events' department comes from their commune).
  const departmentOf = new Map(base.communes.map((c) => [c.code, c.departmentCode]));
  const gone = new Set(changed);
  const kept: SearchAggregateInput[] = (previous.input.searches ?? []).filter((q) => {
    const d = departmentOf.get(q.communeCode);
    return d !== undefined && !gone.has(d);
  });
  return { input: { ...base, searches: kept.concat(fresh) }, searchPrints, searchDepartmentsRead: changed.length };
}

/** Whether two inputs have the same services, communes, settlements and config (everything but searches). */
function sameSpatialInputs(a: CoverageInput, b: CoverageInput): boolean {
  return (
    JSON.stringify(a.config) === JSON.stringify(b.config) &&
    sameRows(a.communes, b.communes, (c) => c.code) &&
    sameRows(a.settlements ?? [], b.settlements ?? [], (s) => s.id) &&
    sameRows(a.services, b.services, (s) => s.id)
  );
}

/** Same rows by key, in any order (a table read without ORDER BY may come in another order). */
function sameRows<T>(a: readonly T[], b: readonly T[], key: (row: T) => string): boolean {
  if (a.length !== b.length) return false;
  const before = new Map(a.map((r) => [key(r), JSON.stringify(r)]));
  return before.size === a.length && b.every((r) => before.get(key(r)) === JSON.stringify(r));
}

/**
 * The model of the current data without writing a snapshot (what-if questions before the first recompute of
 * this process); also the state the next recompute starts from.
 */
export async function computeState(pool: Pool, today: string): Promise<CoverageState> {
  return (await nextState(pool, today, null)).state;
}

// Child process of the bench (figure 3/4): reads the coverage inputs from the bench database (the same
// rows as the API's loader, apps/api/src/app/coverage), then times in this process
//  - the engine's full national recompute (computeCoverage) and a one-department incremental;
//  - the nearest open service per commune × theme alone (the answers PostGIS is asked for);
// writes those answers (JSON) for the comparison, and reports its peak RSS (VmHWM).
// Usage: node tools/bench/coverage-worker.mjs <database-url> <out.json> <runs> <today> <department>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { app } from './lib/common.mjs';

const [url, outFile, runsArg, today, department] = process.argv.slice(2);
const runs = Number(runsArg);
const engine = await import(join(app(), 'libs/coverage/engine/dist/index.js'));
const { THEMES } = await import(join(app(), 'libs/shared/taxonomy/dist/index.js'));
// The API's own input loader: the bench measures exactly what a recompute reads.
const { loadCoverageInput } = await import(join(app(), 'dist/apps/api/app/coverage/coverage-inputs.js'));

const pool = new pg.Pool({ connectionString: url, max: 4 });
const tLoad = performance.now();
const input = await loadCoverageInput(pool, today);
await pool.end();
const loadMs = performance.now() - tLoad;
const themes = THEMES.map((t) => t.id);

const full = [];
const computeOnly = [];
const incr = [];
let model;
let timings;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  model = engine.computeCoverage(input);
  computeOnly.push(performance.now() - t0);
  let n = 0;
  for (const row of model.rows({ levels: ['commune', 'epci', 'department', 'region', 'country'] })) n += row ? 1 : 0;
  full.push(performance.now() - t0);
  timings = model.timings;
  model.rowCount = n;
  const t1 = performance.now();
  const m2 = engine.computeCoverage(input, { departments: [department] });
  for (const row of m2.rows({ levels: ['commune', 'epci', 'department'] })) n += row ? 1 : 0;
  incr.push(performance.now() - t1);
}

// The nearest open service per commune × theme from the engine's model (the answers compared to PostGIS).
const answers = {};
for (const row of model.rows({ levels: ['commune'], keys: themes })) (answers[row.key] ??= {})[row.code] = row.nearestMeters;

// Nearest alone: one sphere kd-tree per theme over its open services, one query per commune centroid.
const day = engine.dayNumber(today);
const open = input.services.filter((s) => s.active && engine.isOpenOn(engine.parseClosed(s), day));
const nearestOnly = [];
const check = {};
for (let i = 0; i < runs + 1; i++) {
  const t0 = performance.now();
  for (const theme of themes) {
    const pts = open.filter((s) => s.themeId === theme);
    const idx = new engine.SphereIndex(
      pts.map((p) => p.lat),
      pts.map((p) => p.lon),
    );
    const out = (check[theme] = {});
    for (const c of input.communes) {
      const [x, y, z] = engine.toUnitVector(c.lat, c.lon);
      const p = idx.nearestPos(x, y, z);
      out[c.code] = p < 0 ? null : engine.chord2ToMeters(idx.lastChord2);
    }
  }
  if (i > 0) nearestOnly.push(performance.now() - t0); // first run = warm-up (JIT)
}
let maxDiff = 0;
for (const t of themes)
  for (const code of Object.keys(answers[t] ?? {}))
    if (answers[t][code] !== null) maxDiff = Math.max(maxDiff, Math.abs(answers[t][code] - check[t][code]));

const status = readFileSync('/proc/self/status', 'utf8');
const hwmMb = Number(status.match(/^VmHWM:\s+(\d+)/m)[1]) / 1024;
writeFileSync(
  outFile,
  JSON.stringify({
    counts: {
      services: input.services.length,
      open: open.length,
      communes: input.communes.length,
      settlements: input.settlements.length,
      searchAggregates: input.searches.length,
      rows: model.rowCount,
      keys: model.keys.length,
    },
    loadMs,
    full,
    computeOnly,
    incr,
    nearestOnly,
    timings,
    hwmMb,
    engineVsIndexMaxDiff: maxDiff,
    themes,
    answers,
    openServices: open.map((s) => [s.themeId, s.lat, s.lon]),
    communes: input.communes.map((c) => [c.code, c.lat, c.lon]),
  }),
);

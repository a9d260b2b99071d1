#!/usr/bin/env node
// `npm run bench` — national-scale benchmarks of Vigie, each figure beside a baseline measured in the
// same run on this machine. Writes tools/bench/results/bench-<tier>.json and BENCHMARKS.md.
//   npm run bench                 tier M: the national demo (18k places, 60k services, 3.6 M searches)
//   npm run bench -- --tier L     tier L: M × 10 (demo --scale national-x10), takes much longer
//   --only ingest,api,coverage,front   run some sections only (the others keep their previous results)
// Everything runs on 127.0.0.1 in throw-away clusters (never .data/); everything started is stopped.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchApi } from './lib/api.mjs';
import { cleanupAll, cli, load, log, NODE, onCleanup, root, run, startApi, summary } from './lib/common.mjs';
import { compareAnswers, ensurePostgis, postgisNearest, startPostgis } from './lib/postgis.mjs';
import { initialJs, timeToMap } from './lib/frontend.mjs';
import { benchIngest } from './lib/ingest.mjs';
import { createDatabase, startBenchPostgres } from './lib/pg.mjs';
import { writeReport } from './lib/report.mjs';
import { loadCommunes, writeSearchFiles } from './lib/searches-csv.mjs';
import { authHeaders, DEMO_ENV } from './lib/auth.mjs';
import { snapshotApp } from './lib/snapshot.mjs';

const { values } = parseArgs({
  options: {
    tier: { type: 'string', default: 'M' },
    only: { type: 'string' },
    runs: { type: 'string', default: '3' },
    scale: { type: 'string' },
    rows: { type: 'string' },
    smoke: { type: 'boolean', default: false },
  },
});
const tier = values.tier.toUpperCase();
if (!['M', 'L'].includes(tier)) throw new Error('--tier must be M or L');
const sections = new Set((values.only ?? 'ingest,api,coverage,front').split(','));
const runs = Math.max(1, Number(values.runs));
const resultsDir = join(root, 'tools/bench/results');
mkdirSync(resultsDir, { recursive: true });
const resultFile = join(resultsDir, values.smoke ? 'smoke.json' : `bench-${tier}.json`);
const previous = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : {};
const today = new Date().toISOString().slice(0, 10);
const R = { ...previous, tier, date: new Date().toISOString(), machine: machine(), today };

function machine() {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? '?';
  const cores = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? '?';
  const mem = Math.round(Number(readFileSync('/proc/meminfo', 'utf8').match(/MemTotal:\s+(\d+)/)[1]) / 1024 / 1024);
  return { cpu, cores, memGb: mem, node: process.version };
}

async function main() {
  const t0 = Date.now();
  log(`Vigie bench, tier ${tier} (${sections.size < 4 ? [...sections].join(', ') : 'all sections'}), load ${load()}`);
  if (!existsSync(join(root, 'dist/apps/api/main.js')) || !existsSync(join(root, 'dist/apps/dashboard/browser/index.html'))) {
    log('dist/ missing: building (nx run-many -t build -p api,dashboard)…');
    await run(NODE, [join(root, 'node_modules/nx/bin/nx.js'), 'run-many', '-t', 'build', '-p', 'api,dashboard', '--outputStyle=static'], {
      timeoutMs: 20 * 60_000,
    });
  }
  const snap = await snapshotApp();
  onCleanup(() => snap.remove());
  R.build = { apiBuilt: snap.apiBuilt, dashboardBuilt: snap.dashboardBuilt, commit: snap.commit, uncommitted: snap.uncommitted };
  const work = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
  onCleanup(() => rmSync(work, { recursive: true, force: true }));
  const db = await startBenchPostgres('vigie_bench');
  onCleanup(() => db.destroy());
  log(`Postgres (embedded ${await pgVersion(db.url)}, durable defaults) on ${db.url.replace(/:[^:@/]+@/, ':***@')}`);
  R.postgres = await pgVersion(db.url);

  // Data: the deterministic demo through Vigie's own import pipeline.
  const scale = values.scale ?? (tier === 'L' ? 'national-x10' : 'national');
  const needData = sections.has('api') || sections.has('coverage') || sections.has('front');
  if (needData) {
    log(`loading the ${scale} demo (vigie demo --scale ${scale})…`);
    const l = load();
    const d = await cli(['demo', '--scale', scale, '--seed', '42'], db.url, { timeoutMs: 120 * 60_000, env: DEMO_ENV });
    R.demo = { scale, seconds: d.ms / 1000, load: l, log: d.stdout.trim().split('\n') };
    log(`demo loaded in ${(d.ms / 1000).toFixed(0)} s: ${d.stdout.trim().split('\n')[0]}`);
    // The first coverage snapshot, through the CLI (the API would compute it before listening).
    const l2 = load();
    const m = await cli(['metrics', 'refresh'], db.url, { timeoutMs: 60 * 60_000, allowFail: true });
    R.demo.refresh = { seconds: m.ms / 1000, load: l2, exit: m.code, log: (m.stdout + m.stderr).trim().split('\n').slice(-3) };
    log(
      `first coverage snapshot (vigie metrics refresh): exit ${m.code} after ${(m.ms / 1000).toFixed(0)} s: ${R.demo.refresh.log.join(' | ').slice(0, 500)}`,
    );
  }

  if (sections.has('ingest'))
    await section('ingest', async () => {
      const url = await createDatabase(db.url, 'vigie_ingest');
      await cli(['rollups', 'rebuild'], url); // migrations + geography
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const communes = await loadCommunes(c);
      await c.end();
      const rows = values.rows ? Number(values.rows) : tier === 'L' ? 18_000_000 : 1_800_000;
      const t = Date.now();
      const gen = await writeSearchFiles(communes, { dir: work, rows, scale: scale === 'department' ? 'national' : scale });
      log(
        `generated ${gen.rows} search events (every ${gen.step}th of the ${scale} demo's ${gen.searchCount}) in ${((Date.now() - t) / 1000).toFixed(0)} s`,
      );
      R.ingest = await benchIngest({ url, files: gen.files, rows: gen.rows, runs: tier === 'L' ? 1 : runs, rowRuns: runs });
      R.ingest.generated = { rows: gen.rows, step: gen.step, of: gen.searchCount };
    });

  let api;
  if (sections.has('api') || sections.has('front') || sections.has('coverage')) {
    api = await startApi(db.url, { env: DEMO_ENV, startTimeoutMs: 15 * 60_000 });
    onCleanup(() => api.stop());
    R.apiStartHwm = api.mem();
  }
  const headers = api ? await authHeaders(api, db.url) : {};
  if (sections.has('api')) {
    R.api = await section('api', () =>
      benchApi({
        api,
        url: db.url,
        runs,
        seconds: 4,
        headers,
        today,
        restart: async () => {
          api = await startApi(db.url, { env: DEMO_ENV, startTimeoutMs: 15 * 60_000 });
          onCleanup(() => api.stop());
          return api;
        },
      }),
    );
    if (R.api?.api) {
      api = R.api.api;
      delete R.api.api;
    }
    if (R.api) R.api.auth = headers.cookie || headers.authorization ? 'logged in' : 'no login needed';
  }

  if (sections.has('coverage'))
    await section('coverage', async () => {
      const out = join(work, 'coverage.json');
      const l = load();
      const w = await run(
        NODE,
        ['--max-old-space-size=8192', join(root, 'tools/bench/coverage-worker.mjs'), db.url, out, String(runs), today, '93'],
        { timeoutMs: 30 * 60_000 },
      );
      const cov = JSON.parse(readFileSync(out, 'utf8'));
      R.coverage = {
        load: l,
        counts: cov.counts,
        loadMs: cov.loadMs,
        timings: cov.timings,
        full: summary(cov.full),
        computeOnly: summary(cov.computeOnly),
        incr: summary(cov.incr),
        nearestOnly: summary(cov.nearestOnly),
        workerHwmMb: cov.hwmMb,
        engineVsIndexMaxDiff: cov.engineVsIndexMaxDiff,
        department: '93',
      };
      log(
        `engine: full recompute median ${R.coverage.full.median.toFixed(0)} ms, incremental (93) ${R.coverage.incr.median.toFixed(0)} ms, nearest-only (${cov.themes.length} themes) ${R.coverage.nearestOnly.median.toFixed(0)} ms; worker VmHWM ${cov.hwmMb.toFixed(0)} MB`,
      );
      // The API's own recompute, when it exists (POST …coverage…refresh in the OpenAPI document).
      R.coverage.api = api.alive()
        ? await apiRefresh(api, headers, db.url, work, today).catch((e) => ({ note: `refresh failed: ${e.message}` }))
        : { note: 'the API was not running' };
      // PostGIS reference.
      try {
        R.coverage.postgisInstall = ensurePostgis();
        const pgis = await startPostgis();
        onCleanup(() => pgis.stop());
        const p = await postgisNearest(pgis.url, { communes: cov.communes, openServices: cov.openServices, themes: cov.themes, runs });
        R.coverage.postgis = { version: p.version, setupMs: p.setupMs, s: p.s, loads: p.loads, plan: p.plan };
        R.coverage.agreement = compareAnswers(cov.answers, p.answers, cov.themes);
        R.coverage.speedup = summary(p.times.map((t, i) => t / cov.nearestOnly[Math.min(i, cov.nearestOnly.length - 1)]));
        log(
          `postgis: median ${(p.s.median / 1000).toFixed(1)} s; agreement ${JSON.stringify(R.coverage.agreement)}; engine ${R.coverage.speedup.median.toFixed(0)}× faster`,
        );
      } catch (e) {
        R.coverage.postgisError = e.message;
        log(`postgis: ${e.message}`);
      }
    });

  if (sections.has('front'))
    await section('front', async () => {
      R.front = { js: initialJs() };
      log(
        `front: initial JS ${(R.front.js.gzip / 1024).toFixed(0)} KiB gzip (${R.front.js.files.length} files, ${(R.front.js.raw / 1024).toFixed(0)} KiB raw)`,
      );
      try {
        R.front.map = await timeToMap(api.base, { runs, headers });
      } catch (e) {
        R.front.mapError = e.message;
        log(`front: ${e.message}`);
      }
    });
  if (api?.alive()) R.apiEndHwm = api.mem();
  R.totalSeconds = (Date.now() - t0) / 1000;
  // --only none: the report is rebuilt from the stored results, which keep their own date and build.
  if (!sections.has('none')) writeFileSync(resultFile, JSON.stringify(R, null, 1));
  const md = values.smoke ? '(smoke run: BENCHMARKS.md not written)' : writeReport();
  log(`wrote ${resultFile.replace(root + '/', '')} and BENCHMARKS.md in ${R.totalSeconds.toFixed(0)} s total`);
  process.stdout.write('\n' + md + '\n');
}

/** Runs one section; an error is recorded (and the other sections still run). */
async function section(name, fn) {
  try {
    return await fn();
  } catch (e) {
    log(`section ${name} failed: ${e.stack ?? e.message}`);
    (R.failures ??= []).push({ section: name, error: e.message.slice(0, 2000) });
    return undefined;
  }
}

async function pgVersion(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query('SHOW server_version');
  await c.end();
  return rows[0].server_version;
}

/**
 * The API's recompute: full (`mode=full`: every input read, the whole engine), then incremental (`mode=auto`)
 * after what an import of one department changes: new search events of department 93 (a file imported with the
 * CLI, so that the API learns of it only through the data), then one moved service of 93.
 */
async function apiRefresh(api, headers, url, work, today) {
  const r = await fetch(`${api.base}/api/docs/openapi.json`, { headers });
  if (!r.ok) return { note: `OpenAPI ${r.status}` };
  const doc = await r.json();
  const path = Object.keys(doc.paths ?? {}).find(
    (p) => /coverage|metrics/.test(p) && /refresh|recompute/.test(p) && doc.paths[p].post && !p.includes('{'),
  );
  if (!path) return { note: 'no refresh endpoint in the API yet (the engine was timed in its own process)' };
  const post = async (mode) => {
    const t0 = performance.now();
    const res = await fetch(`${api.base}${path}?mode=${mode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });
    const body = await res.text();
    if (res.status >= 300) throw new Error(`POST ${path}?mode=${mode} answered ${res.status}: ${body.slice(0, 200)}`);
    return { ms: performance.now() - t0, body: JSON.parse(body) };
  };
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { ms } = await post('full');
    times.push(ms);
    log(`api refresh (full) ${i + 1}/${runs}: ${(ms / 1000).toFixed(1)} s, API VmHWM ${api.mem().hwmMb.toFixed(0)} MB`);
    if (i + 1 < runs && times.reduce((a, b) => a + b, 0) > 60_000) {
      log('api refresh: slow, stopping after this run (time budget)');
      break;
    }
  }
  const out = { path, s: summary(times), hwm: api.mem(), searches: [], services: [], modes: [] };
  // Incremental, after 2,000 new searches in Seine-Saint-Denis (dated today, so inside the demand window).
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const communes = (await c.query(`SELECT code FROM commune WHERE department_code = '93' ORDER BY code`)).rows.map((x) => x.code);
    for (let i = 0; i < times.length; i++) {
      const file = join(work, `incremental-${i}.csv`);
      const lines = [
        'id;created_at;category;word;geo_type;city_code;department_code;region_code;nb_results;user_status;origin;language;admin_search',
      ];
      for (let j = 0; j < 2000; j++)
        lines.push(
          `bench-incr-${Date.now()}-${i}-${j};${today}T${String(j % 24).padStart(2, '0')}:00:00Z;food_distribution;;ville;${communes[j % communes.length]};93;11;${j % 4 ? 6 : 0};public;web;fr;false`,
        );
      writeFileSync(file, lines.join('\n') + '\n');
      await cli(['import', 'search-events', file, '--source', 'bench-incremental'], url);
      const a = await post('auto');
      out.searches.push(a.ms);
      out.modes.push(a.body.mode);
      log(
        `api refresh (auto) after 2,000 searches in 93: ${(a.ms / 1000).toFixed(1)} s (${a.body.mode}): ${JSON.stringify(a.body.timings)}`,
      );
      const svc = (
        await c.query(
          `SELECT id FROM service WHERE department_code = '93' AND status = 'ONLINE' AND removed_at IS NULL ORDER BY id LIMIT 1 OFFSET $1`,
          [i],
        )
      ).rows[0];
      await c.query(`UPDATE service SET lat = lat + 0.002 WHERE id = $1`, [svc.id]);
      const b = await post('auto');
      out.services.push(b.ms);
      out.modes.push(b.body.mode);
      log(
        `api refresh (auto) after one moved service in 93: ${(b.ms / 1000).toFixed(1)} s (${b.body.mode}): ${JSON.stringify(b.body.timings)}`,
      );
    }
  } finally {
    await c.end();
  }
  out.searches = summary(out.searches);
  out.services = summary(out.services);
  out.hwm = api.mem();
  return out;
}

main()
  .catch((e) => {
    process.exitCode = 1;
    log(`bench failed: ${e.stack ?? e.message}`);
  })
  .finally(cleanupAll);

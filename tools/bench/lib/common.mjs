// Shared helpers of the bench and the drills: statistics, machine load, child processes (the built
// API server and CLI), a keep-alive HTTP load generator with a fixed concurrency, VmHWM.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './pg.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const NODE = process.execPath;
/** The built application measured: a frozen copy (lib/snapshot.mjs) when set, else the workspace. */
export const app = () => process.env.VIGIE_BENCH_APP || root;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
export const log = (m) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${m}\n`);

export function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { n: s.length, min: s[0], median: mid, max: s[s.length - 1] };
}
export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
export const fmt = (x, d = 0) =>
  x === null || x === undefined || Number.isNaN(x)
    ? '—'
    : Number(x).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
/** "min / **median** / max" */
export const mmm = (s, d = 0, unit = '') => `${fmt(s.min, d)} / **${fmt(s.median, d)}** / ${fmt(s.max, d)}${unit} (n=${s.n})`;

/** Peak resident set size (VmHWM) and current RSS of a process, in MB. */
export function memOf(pid) {
  try {
    const t = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((t.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')) ?? [0, NaN])[1]);
    return { hwmMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return { hwmMb: NaN, rssMb: NaN };
  }
}

/** Runs a command to completion; rejects on a non-zero exit. Returns { code, stdout, stderr, ms }. */
export function run(cmd, args, { env = {}, input, timeoutMs = 30 * 60_000, allowFail = false, cwd = root } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const r = { code, stdout, stderr, ms: performance.now() - t0, pid: child.pid };
      if (code !== 0 && !allowFail)
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000) || stdout.slice(-2000)}`));
      else resolve(r);
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

export const cli = (args, databaseUrl, opts = {}) =>
  run(NODE, [join(app(), 'dist/apps/api/cli.js'), ...args], {
    ...opts,
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...(opts.env ?? {}) },
  });

/** Starts the built API server (dist/apps/api/main.js) on a free loopback port; resolves when /api/health answers. */
export async function startApi(databaseUrl, { env = {}, port: fixedPort, startTimeoutMs = 180_000 } = {}) {
  const port = fixedPort ?? (await freePort());
  const child = spawn(NODE, [join(app(), 'dist/apps/api/main.js')], {
    cwd: app(),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      VIGIE_DEMO: 'none',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
  let exited = false;
  let exitInfo = null;
  child.on('exit', (code, signal) => {
    exited = true;
    exitInfo = { code, signal };
  });
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (exited) throw new Error(`the API exited during start-up:\n${output}`);
    if (Date.now() - t0 > startTimeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer within ${startTimeoutMs / 1000} s:\n${output}`);
    }
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.status < 500) break;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  return {
    base,
    port,
    pid: child.pid,
    child,
    output: () => output,
    alive: () => !exited,
    exitInfo: () => exitInfo,
    mem: () => memOf(child.pid),
    async stop() {
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await done;
      clearTimeout(t);
    },
    async kill9() {
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await done;
    },
  };
}

/** One HTTP request with a keep-alive agent; resolves { status, ms, bytes, body? } and never rejects (status 0 on a network error). */
export function request(agent, url, { method = 'GET', headers = {}, body, keepBody = false, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: { ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}), ...headers },
      },
      (res) => {
        const chunks = [];
        let bytes = 0;
        res.on('data', (c) => {
          bytes += c.length;
          if (keepBody) chunks.push(c);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            ms: performance.now() - t0,
            bytes,
            body: keepBody ? Buffer.concat(chunks).toString('utf8') : undefined,
            headers: res.headers,
          }),
        );
        res.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, bytes, error: e.message }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, bytes: 0, error: e.message }));
    if (body) req.end(body);
    else req.end();
  });
}

/**
 * Closed-loop load: `concurrency` clients each send the next request as soon as the previous one is
 * answered, for `durationMs` (bounded also by `maxRequests`). `next(i)` gives { url, headers } per request.
 */
export async function closedLoop({ next, concurrency, durationMs, maxRequests = 1e7, headers = {} }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const lat = [];
  const statuses = {};
  let i = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  async function client() {
    while (performance.now() < end && i < maxRequests) {
      const r = next(i++);
      const res = await request(agent, r.url, { headers: { ...headers, ...(r.headers ?? {}) } });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      lat.push(res.ms);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = performance.now() - t0;
  agent.destroy();
  lat.sort((a, b) => a - b);
  const errors = Object.entries(statuses)
    .filter(([s]) => !(Number(s) >= 200 && Number(s) < 400))
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests: lat.length,
    rps: lat.length / (elapsed / 1000),
    p50: quantile(lat, 0.5),
    p95: quantile(lat, 0.95),
    p99: quantile(lat, 0.99),
    max: lat[lat.length - 1],
    errors,
    statuses,
  };
}

/** Cleanup registry: everything started is stopped on exit, error, Ctrl-C. */
const cleanups = [];
export function onCleanup(fn) {
  cleanups.push(fn);
}
export async function cleanupAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    await Promise.resolve()
      .then(fn)
      .catch((e) => log(`cleanup: ${e.message}`));
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: stopping everything started`);
    void cleanupAll().then(() => process.exit(130));
  });
}

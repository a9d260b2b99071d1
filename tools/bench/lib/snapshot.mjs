// The workspace is shared: other engineers rebuild dist/ and libs/*/dist while the bench runs. The
// bench therefore measures a frozen copy of the built application: dist/apps/{api,dashboard},
// libs/*/*/{package.json,dist}, data/geo and package.json, copied once dist/ has been still for a few
// seconds, with a node_modules of symlinks to the workspace's packages (@vigie/* to the copies).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { log, root, sleep } from './common.mjs';

const REQUIRED = ['dist/apps/api/main.js', 'dist/apps/api/cli.js', 'dist/apps/dashboard/browser/index.html'];

function libDirs() {
  const out = [];
  for (const scope of readdirSync(join(root, 'libs')))
    for (const name of readdirSync(join(root, 'libs', scope))) out.push(`libs/${scope}/${name}`);
  return out;
}
function newest(dir) {
  let t = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else t = Math.max(t, statSync(p).mtimeMs);
    }
  };
  if (existsSync(dir)) walk(dir);
  return t;
}

export async function snapshotApp({ stillMs = 8_000, maxWaitMs = 15 * 60_000 } = {}) {
  const dirs = ['dist/apps/api', 'dist/apps/dashboard', ...libDirs().map((l) => `${l}/dist`)];
  const t0 = Date.now();
  for (;;) {
    const missing = [...REQUIRED, ...libDirs().map((l) => `${l}/dist/index.js`)].filter((f) => !existsSync(join(root, f)));
    const last = Math.max(...dirs.map((d) => newest(join(root, d))));
    if (!missing.length && Date.now() - last > stillMs) break;
    if (Date.now() - t0 > maxWaitMs)
      throw new Error(
        `dist/ never settled (missing: ${missing.join(', ') || 'none'}); build with: npm exec -- nx run-many -t build -p api,dashboard`,
      );
    if (Date.now() - t0 < 1000 || (Date.now() - t0) % 30_000 < 1000)
      log(`waiting for a complete, settled build (someone is building; missing: ${missing.join(', ') || 'none'})…`);
    await sleep(1000);
  }
  const snap = mkdtempSync(join(tmpdir(), 'vigie-bench-app-'));
  for (const d of ['dist/apps/api', 'dist/apps/dashboard', 'data/geo', 'data/indicators'])
    cpSync(join(root, d), join(snap, d), { recursive: true });
  cpSync(join(root, 'package.json'), join(snap, 'package.json'));
  // VIGIE_BENCH_LIB_DIST="libs/coverage/engine=/path/to/dist,…": measure another build of a library (e.g. the
  // committed one while someone is rebuilding it with work in progress).
  const override = new Map(
    (process.env.VIGIE_BENCH_LIB_DIST ?? '')
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=')),
  );
  for (const l of libDirs()) {
    cpSync(override.get(l) ?? join(root, l, 'dist'), join(snap, l, 'dist'), { recursive: true });
    cpSync(join(root, l, 'package.json'), join(snap, l, 'package.json'));
  }
  // node_modules: symlinks to the workspace's packages; @vigie/* to the copied libraries.
  mkdirSync(join(snap, 'node_modules/@vigie'), { recursive: true });
  for (const e of readdirSync(join(root, 'node_modules'))) {
    if (e === '@vigie' || e === '.bin') continue;
    symlinkSync(join(root, 'node_modules', e), join(snap, 'node_modules', e));
  }
  for (const l of libDirs()) {
    const name = JSON.parse(execFileSync('cat', [join(root, l, 'package.json')]).toString()).name;
    if (name?.startsWith('@vigie/')) symlinkSync(join(snap, l), join(snap, 'node_modules', name));
  }
  const info = {
    dir: snap,
    apiBuilt: new Date(statSync(join(root, 'dist/apps/api/main.js')).mtimeMs).toISOString(),
    dashboardBuilt: new Date(statSync(join(root, 'dist/apps/dashboard/browser/index.html')).mtimeMs).toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim(),
    uncommitted: execFileSync('git', ['status', '--porcelain'], { cwd: root })
      .toString()
      .split('\n')
      .filter(
        (l) =>
          l &&
          !l.includes('tools/bench') &&
          !l.includes('BENCHMARKS.md') &&
          !l.includes('docs/SCALING.md') &&
          ![...override.keys()].some((k) => l.includes(k)),
      ).length,
    ...(override.size ? { libDist: Object.fromEntries(override) } : {}),
  };
  writeFileSync(join(snap, 'SNAPSHOT.json'), JSON.stringify(info));
  process.env.VIGIE_BENCH_APP = snap;
  log(
    `measuring a frozen copy of the build (API built ${info.apiBuilt.slice(11, 19)}, dashboard ${info.dashboardBuilt.slice(11, 19)}, HEAD ${info.commit} + ${info.uncommitted} uncommitted changes in the tree)`,
  );
  return { ...info, remove: () => rmSync(snap, { recursive: true, force: true }) };
}

#!/usr/bin/env node
// `npm test`: lint + unit + API tests (real embedded Postgres) + end-to-end (Debian Chromium) for every
// project through Nx, then one summary line "N passed, M failed" from the Jest reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const results = join(root, 'tmp/test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR,
};
const extra = process.argv.slice(2);
const run = spawnSync('nx', ['run-many', '-t', 'lint', 'test', 'e2e', '--outputStyle=stream', ...extra], {
  cwd: root,
  env,
  stdio: 'inherit',
  shell: false,
});

let passed = 0;
let failed = 0;
let suites = 0;
for (const f of existsSync(results) ? readdirSync(results) : []) {
  try {
    const r = JSON.parse(readFileSync(join(results, f), 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
    suites += r.numTotalTestSuites;
  } catch {
    failed += 1;
    console.error(`unreadable test report ${f}`);
  }
}
const ok = run.status === 0 && failed === 0 && passed > 0;
console.log(`\nVigie tests: ${suites} suites across ${readdirSync(results).length} projects${ok ? '' : ' (see failures above)'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : run.status || 1);

// Dashboard endpoints may require a session (access control): when they answer 401, sign in as the
// demo administrator created by `vigie demo` with VIGIE_DEMO_PASSWORD (set by the bench), or as a
// user created with `vigie user add` when that command exists. Returns the headers to send.
import { randomBytes } from 'node:crypto';
import { cli } from './common.mjs';

export const BENCH_PASSWORD = `Bench-${randomBytes(12).toString('base64url')}-9`;
export const DEMO_ENV = { VIGIE_DEMO_PASSWORD: BENCH_PASSWORD };

async function login(base, email, password) {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) return null;
  const cookie = (r.headers.getSetCookie?.() ?? [r.headers.get('set-cookie')])
    .filter(Boolean)
    .map((c) => c.split(';')[0])
    .join('; ');
  return cookie || null;
}

export async function authHeaders(api, databaseUrl) {
  const probe = await fetch(`${api.base}/api/searches/series?granularity=month`);
  await probe.text();
  if (probe.status !== 401) return {};
  let cookie = await login(api.base, 'admin@vigie.demo', BENCH_PASSWORD);
  if (!cookie) {
    const help = (await cli(['help'], databaseUrl, { allowFail: true })).stdout;
    if (/user add/.test(help)) {
      const email = 'bench-admin@vigie.local';
      await cli(
        ['user', 'add', '--email', email, '--role', 'admin', '--password', BENCH_PASSWORD, '--territories', 'national'],
        databaseUrl,
        { allowFail: true },
      );
      cookie = await login(api.base, email, BENCH_PASSWORD);
    }
  }
  if (!cookie) throw new Error('the dashboard endpoints answer 401 and the bench could not sign in (no demo admin, no `vigie user add`)');
  return { cookie };
}

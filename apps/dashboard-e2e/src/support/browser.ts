import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const workspaceRoot = join(import.meta.dirname, '../../../..');
export const screenshotDir = join(workspaceRoot, 'tmp/e2e');
mkdirSync(screenshotDir, { recursive: true });

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the network chatter that this sandbox refuses turned off. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--lang=fr-FR',
    ],
  });
}

export function baseUrl(): string {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is not set: run through apps/dashboard-e2e/jest.config.mjs');
  return url;
}

export type DemoRole = 'admin' | 'coordinator' | 'copil' | 'funder';

/** The demo accounts' password: VIGIE_DEMO_PASSWORD, set by global-setup.mjs for the e2e server. */
function demoPassword(): string {
  const p = process.env['VIGIE_DEMO_PASSWORD'];
  if (!p) throw new Error('VIGIE_DEMO_PASSWORD is not set: run through apps/dashboard-e2e/jest.config.mjs');
  return p;
}

/** Signs in through the login page as the demo user of that role (admin@vigie.demo, coordinator@vigie.demo for department 95, …). */
export async function login(page: Page, role: DemoRole = 'admin'): Promise<void> {
  await page.goto(`${baseUrl()}/connexion`);
  await page.getByTestId('login-email').fill(`${role}@vigie.demo`);
  await page.getByTestId('login-password').fill(demoPassword());
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/connexion'), { timeout: 30_000 });
}

const cookies = new Map<DemoRole, Promise<string>>();
/** Session cookie of a demo user, for calling the API from the test (same role as the page sees). */
export function sessionCookie(role: DemoRole = 'admin'): Promise<string> {
  if (!cookies.has(role)) {
    cookies.set(
      role,
      fetch(`${baseUrl()}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: `${role}@vigie.demo`, password: demoPassword() }),
      }).then((res) => {
        if (!res.ok) throw new Error(`login as ${role}: HTTP ${res.status}`);
        return res.headers.getSetCookie()[0].split(';')[0];
      }),
    );
  }
  return cookies.get(role)!;
}

export async function api<T>(path: string, role: DemoRole = 'admin'): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, { headers: { Cookie: await sessionCookie(role) } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/**
 * Reads until `ok` holds or the time is up, and returns the last value (for the caller's assertion). With zoneless
 * change detection the DOM follows an input a frame later: a value read right after a click may still be the old one.
 */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout = 30_000): Promise<T> {
  const end = Date.now() + timeout;
  let v = await read();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    v = await read();
  }
  return v;
}

// Figure 5 — the dashboard: gzip size of the initial JavaScript (the scripts and modulepreloads of the
// built index.html) and time to the first rendered map in headless Debian Chromium.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { app, load, log, summary } from './common.mjs';

export function initialJs(dir = join(app(), 'dist/apps/dashboard/browser')) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = new Set();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) files.add(m[1]);
  const list = [...files].map((f) => {
    const buf = readFileSync(join(dir, f));
    return { file: f, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+\.css)"/g)].map((m) => m[1]);
  const cssGzip = [...new Set(css)].reduce((n, f) => n + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  const built = statSync(join(dir, 'index.html')).mtime.toISOString();
  return { files: list, raw: list.reduce((n, f) => n + f.raw, 0), gzip: list.reduce((n, f) => n + f.gzip, 0), cssGzip, built };
}

export async function timeToMap(base, { runs = 3, headers = {} } = {}) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const times = [];
  const loads = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      // Fresh context each time: empty cache, like a first visit.
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR', extraHTTPHeaders: headers });
      const page = await ctx.newPage();
      const l = load();
      const t0 = performance.now();
      await page.goto(`${base}/carte`);
      await page.locator('vg-choropleth [data-rendered-count]').waitFor({ timeout: 60_000 });
      const ms = performance.now() - t0;
      const count = await page.locator('vg-choropleth [data-rendered-count]').getAttribute('data-rendered-count');
      await ctx.close();
      if (i === 0) {
        log(`front: first map (browser warm-up, discarded) in ${ms.toFixed(0)} ms, ${count} territories`);
        continue;
      }
      times.push(ms);
      loads.push(l);
      log(`front run ${i}/${runs}: first rendered map (${count} territories) in ${ms.toFixed(0)} ms (load ${l})`);
    }
  } finally {
    await browser.close();
  }
  return { s: summary(times), loads };
}

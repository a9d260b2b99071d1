import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { describeViolations, seriousViolations } from './support/axe.js';
import { baseUrl, launchBrowser, login, screenshotDir } from './support/browser.js';

/** Every view, with the element that says it has drawn its data. */
const VIEWS: { name: string; path: string; ready: string }[] = [
  { name: 'ensemble', path: '/ensemble?territory=department:95', ready: '[data-testid="overview-territory"]' },
  { name: 'carte', path: '/carte?territory=department:95', ready: 'vg-choropleth [data-rendered-count]' },
  { name: 'recherches', path: '/recherches?territory=department:95', ready: 'vg-search-series-chart [data-rendered]' },
  { name: 'deploiement', path: '/deploiement?territory=department:95', ready: '[data-testid="kpis"] vg-kpi-card' },
  { name: 'qualite', path: '/qualite?territory=department:95', ready: '[data-testid="calendar"]' },
  { name: 'rapports', path: '/rapports?territory=department:95', ready: '[data-testid="report-form"]' },
  { name: 'imports', path: '/imports', ready: '[data-testid="history"] tbody tr' },
];

describe('accessibility (axe-core) and screenshots of every view', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const width of [
    { label: 'desktop', viewport: { width: 1366, height: 900 }, mobile: false },
    { label: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
  ]) {
    it(`has no serious or critical violation on any view (${width.label})`, async () => {
      // bypassCSP: the server's Content-Security-Policy (rightly) refuses the injected axe-core script.
      const page = await browser.newPage({
        viewport: width.viewport,
        locale: 'fr-FR',
        isMobile: width.mobile,
        hasTouch: width.mobile,
        bypassCSP: true,
      });
      try {
        await login(page);
        const failures: string[] = [];
        for (const view of VIEWS) {
          await page.goto(`${baseUrl()}${view.path}`);
          await page.locator(view.ready).first().waitFor({ timeout: 45_000 });
          await page.waitForTimeout(300); // let the last chart animations settle before the screenshot
          await page.screenshot({ path: join(screenshotDir, `view-${view.name}-${width.label}.png`) });
          const vs = await seriousViolations(page);
          if (vs.length) failures.push(`${view.name}:\n${describeViolations(vs)}`);
        }
        expect(failures.join('\n\n')).toBe('');
      } finally {
        await page.close();
      }
    }, 240_000);
  }
});

import type { Browser, Page } from 'playwright-core';
import { isSuppressed, type SearchBreakdown, type SearchSeries } from '@vigie/contracts';
import { join } from 'node:path';
import { daysBetween, weekStart } from '@vigie/calendar';
import { api, baseUrl, launchBrowser, login, screenshotDir } from './support/browser.js';

const URL_95 = '/recherches?territory=department:95&granularity=month';

/** What the page shows for a count: French grouping, "< 11" for suppressed counts. */
function frCount(c: SearchSeries['totals']['searches']): string {
  return isSuppressed(c) ? `< ${c.lt}` : new Intl.NumberFormat('fr-FR').format(c);
}

/** The period the page resolved ("last 12 months" by default), as written on its header. */
async function shownRange(page: Page): Promise<{ from: string; to: string }> {
  const head = page.getByTestId('searches-head');
  return { from: (await head.getAttribute('data-from'))!, to: (await head.getAttribute('data-to'))! };
}

async function seriesFromApi(range: { from: string; to: string }, granularity: string): Promise<SearchSeries> {
  return api<SearchSeries>(`/api/searches/series?granularity=${granularity}&from=${range.from}&to=${range.to}&level=department&code=95`);
}

async function waitForChart(page: Page, granularity: string): Promise<void> {
  await page.locator(`vg-search-series-chart [data-granularity="${granularity}"][data-rendered]`).waitFor({ timeout: 30_000 });
}

describe('search trends (Recherches)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());
  afterEach(async () => page?.close());

  it("shows the Val-d'Oise total served by the API, and switching the granularity updates the URL and the chart", async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    await login(page);
    await page.goto(`${baseUrl()}${URL_95}`);
    await page.getByTestId('kpi-total').waitFor({ timeout: 30_000 });
    await waitForChart(page, 'month');

    const range = await shownRange(page);
    const monthly = await seriesFromApi(range, 'month');
    // The demo data of the e2e server holds about two years of searches in department 95.
    expect(isSuppressed(monthly.totals.searches) ? 0 : monthly.totals.searches).toBeGreaterThan(0);
    await expect(page.getByTestId('kpi-total').innerText()).resolves.toBe(frCount(monthly.totals.searches));
    await expect(page.getByTestId('crumb-current').innerText()).resolves.toBe("Val-d'Oise");
    const chart = page.locator('vg-search-series-chart [data-granularity]');
    await expect(chart.getAttribute('data-points')).resolves.toBe(String(monthly.current.length));
    expect(monthly.current).toHaveLength(12); // twelve monthly buckets, the last one month-to-date

    // The communes of the department, with their per-10,000 rate, as the API ranks them.
    const communes = await api<SearchBreakdown>(
      `/api/searches/breakdown?by=territory&limit=200&from=${range.from}&to=${range.to}&level=department&code=95`,
    );
    const rows = page.locator('vg-territory-breakdown-table tbody tr');
    await rows.first().waitFor({ timeout: 30_000 });
    await expect(rows.count()).resolves.toBe(communes.rows.length);
    const top = communes.rows[0];
    await expect(page.locator(`vg-territory-breakdown-table tr[data-code="${top.key}"]`).innerText()).resolves.toContain(top.label);
    await page.screenshot({ path: join(screenshotDir, 'searches-desktop.png') });
    // The breakdowns below the chart (the shell scrolls inside its sidenav content, not the page).
    await page.getByTestId('bd-theme').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'searches-desktop-breakdowns.png') });

    // Weekly: the URL says so (a copied link reproduces the view), the chart redraws by week.
    await page.locator('[data-testid="granularity"] mat-button-toggle[data-value="week"] button').click();
    await page.waitForURL(/granularity=week/, { timeout: 15_000 });
    await waitForChart(page, 'week');
    const weekly = await seriesFromApi(range, 'week');
    await expect(chart.getAttribute('data-points')).resolves.toBe(String(weekly.current.length));
    // One point per ISO week the period touches, whatever the day (the e2e server lives on VIGIE_TODAY).
    expect(weekly.current.length).toBe(daysBetween(weekStart(range.from), weekStart(range.to)) / 7 + 1);
    expect(weekly.current.length).toBeGreaterThan(4);
    await expect(page.getByTestId('kpi-total').innerText()).resolves.toBe(frCount(weekly.totals.searches));
    expect(new URL(page.url()).searchParams.get('territory')).toBe('department:95');
    await page.screenshot({ path: join(screenshotDir, 'searches-weekly.png') });

    // Reloading the copied URL gives the same view.
    await page.goto(page.url());
    await waitForChart(page, 'week');
    await expect(page.getByTestId('kpi-total').innerText()).resolves.toBe(frCount(weekly.totals.searches));

    // English: titles and theme labels follow the language, the filters stay in the URL.
    await page.locator('mat-button-toggle[value="en"] button').click();
    await expect(page.locator('vg-searches-page h1').innerText()).resolves.toBe('Searches');
    await page
      .locator('vg-breakdown-bars[data-testid="bd-theme"] table')
      .filter({ hasText: 'Food' })
      .waitFor({ state: 'attached', timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('granularity')).toBe('week');
  });

  it('collapses to one column on a phone', async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', isMobile: true, hasTouch: true });
    await login(page);
    await page.goto(`${baseUrl()}${URL_95}&compare=previous-year`);
    await page.getByTestId('kpi-total').waitFor({ timeout: 30_000 });
    await waitForChart(page, 'month');
    const range = await shownRange(page);
    const monthly = await seriesFromApi(range, 'month');
    await expect(page.getByTestId('kpi-total').innerText()).resolves.toBe(frCount(monthly.totals.searches));
    await expect(page.locator('vg-search-series-chart [data-granularity]').getAttribute('data-compare')).resolves.toBe('previous-year');
    // Nothing wider than the screen: the grid has collapsed.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(screenshotDir, 'searches-phone.png') });
    await page.getByTestId('series-chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'searches-phone-chart.png') });
    await page.locator('vg-territory-breakdown-table tbody tr').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'searches-phone-breakdowns.png') });
  });
});

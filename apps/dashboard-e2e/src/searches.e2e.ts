import type { Browser, Page } from 'playwright-core';
import { isSuppressed, type SearchBreakdown, type SearchSeries } from '@vigie/contracts';
import { join } from 'node:path';
import { addDays, daysBetween, weekStart } from '@vigie/calendar';
import { api, baseUrl, eventually, launchBrowser, login, screenshotDir } from './support/browser.js';

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

/** ISO week codes ("2026-W50", "W01") that a French or English reader should never see. */
const ISO_WEEK = /\b\d{4}-W\d{1,2}\b|\bW\d{2}\b/;

/** The same calendar day one year earlier (29 February → 28 February). */
function lastYear(day: string): string {
  const y = `${+day.slice(0, 4) - 1}${day.slice(4)}`;
  return y.endsWith('-02-29') ? y.replace(/29$/, '28') : y;
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
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
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
    // The heading names the territory once its detail has loaded (read again until then).
    await expect(
      eventually(
        () => page.getByTestId('searches-title').innerText(),
        (t) => t.includes("Val-d'Oise"),
      ),
    ).resolves.toContain("Val-d'Oise");
    const chart = page.locator('vg-search-series-chart [data-granularity]');
    await expect(chart.getAttribute('data-points')).resolves.toBe(String(monthly.current.length));
    expect(monthly.current).toHaveLength(12); // twelve monthly buckets, the last one month-to-date

    // Partial buckets: flagged by the API, drawn apart (legend entry, chart attribute) and named under the chart.
    const partial = monthly.current.filter((p) => p.partial);
    // The last month runs to today: partial unless today is a month's last day (and the first unless the period starts on a 1st).
    expect(partial.length).toBe((addDays(range.to, 1).endsWith('-01') ? 0 : 1) + (range.from.endsWith('-01') ? 0 : 1));
    await expect(chart.getAttribute('data-partial')).resolves.toBe(String(partial.length));
    if (partial.length) {
      const note = await page.getByTestId('partial-note').innerText();
      const lastMonth = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${partial[partial.length - 1].period}T00:00:00Z`),
      );
      expect(note).toContain(lastMonth);
      expect(note).toContain(`${partial[partial.length - 1].days} jours sur`);
    }
    // The chart's screen-reader text is the app's, in French (not ECharts' English "This is a chart…").
    const aria = (await chart.getAttribute('aria-label')) ?? '';
    expect(aria).toMatch(/^Nombre de recherches par mois, Val-d'Oise/);
    if (partial.length) expect(aria).toContain('périodes incomplètes');
    expect(aria).not.toMatch(/This is a chart|chart with type/);

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
    // Weeks the French way ("sem. 50"), never an ISO week code, on the page or in the chart's description.
    await expect(page.locator('vg-searches-page').innerText()).resolves.not.toMatch(ISO_WEEK);
    const weekAria = (await chart.getAttribute('aria-label')) ?? '';
    expect(weekAria).toContain('sem. ');
    expect(weekAria).not.toMatch(ISO_WEEK);
    await expect(chart.getAttribute('data-partial')).resolves.toBe(String(weekly.current.filter((p) => p.partial).length));
    await page.screenshot({ path: join(screenshotDir, 'searches-weekly.png') });

    // Reloading the copied URL gives the same view.
    await page.goto(page.url());
    await waitForChart(page, 'week');
    await expect(page.getByTestId('kpi-total').innerText()).resolves.toBe(frCount(weekly.totals.searches));

    // English: titles and theme labels follow the language, the filters stay in the URL.
    await page.locator('mat-button-toggle[value="en"] button').click();
    await expect(page.locator('vg-searches-page h1').innerText()).resolves.toBe("Searches — Val-d'Oise");
    await expect(chart.getAttribute('aria-label')).resolves.toMatch(/^Number of searches per week, Val-d'Oise/);
    await expect(page.locator('vg-searches-page').innerText()).resolves.not.toMatch(ISO_WEEK);
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

  it('compares with the same dates a year earlier, not the whole previous year', async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    await login(page);
    await page.goto(`${baseUrl()}${URL_95}&compare=previous-year`);
    await page.getByTestId('kpi-total').waitFor({ timeout: 30_000 });
    await waitForChart(page, 'month');
    const range = await shownRange(page);
    const monthly = await seriesFromApi(range, 'month');
    const observed = monthly.ranges.observed!;
    expect(observed.from).toBe(range.from);
    // The previous year covers the same days: observed period − one year, both ends.
    expect(monthly.ranges.previousYear).toEqual({ from: lastYear(observed.from), to: lastYear(observed.to) });
    const hint = page.getByTestId('kpi-previous-year-range');
    await expect(hint.getAttribute('data-from')).resolves.toBe(lastYear(observed.from));
    await expect(hint.getAttribute('data-to')).resolves.toBe(lastYear(observed.to));
    await expect(hint.innerText()).resolves.toContain(frCount(monthly.totals.previousYear));
    // Bucket by bucket: the partial month of this year is compared with the same days of last year.
    const last = monthly.current.length - 1;
    expect(monthly.previousYear[last]).toMatchObject({ partial: monthly.current[last].partial, days: monthly.current[last].days });
    expect(monthly.previousYear[last].from).toBe(lastYear(monthly.current[last].from));
    // The previous period is the same number of days just before.
    const pp = monthly.ranges.previousPeriod!;
    expect(daysBetween(pp.from, pp.to)).toBe(daysBetween(observed.from, observed.to));
    expect(daysBetween(pp.to, observed.from)).toBe(1);
    await page.getByTestId('series-chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'searches-previous-year-1440.png') });
  });

  it("lands a steering committee on its own territory's searches, headed by its name", async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', isMobile: true, hasTouch: true });
    await login(page, 'copil');
    await page.goto(`${baseUrl()}/recherches`);
    await page.getByTestId('kpi-total').waitFor({ timeout: 30_000 });
    // The heading names the territory once its detail has loaded (read again until then).
    await expect(
      eventually(
        () => page.getByTestId('searches-title').innerText(),
        (t) => t.includes("Val-d'Oise"),
      ),
    ).resolves.toContain("Val-d'Oise");
    await expect(page.getByTestId('crumb-current').innerText()).resolves.not.toBe('France entière');
    await expect(page.locator('vg-search-series-chart [data-granularity]').getAttribute('data-compact')).resolves.toBe('true');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByTestId('series-chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'searches-copil-390.png') });
  });
});

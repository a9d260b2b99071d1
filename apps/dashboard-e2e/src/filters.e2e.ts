import type { Browser, Page } from 'playwright-core';
import { type ExportRequest, isSuppressed, type SearchSeries, type UnmetDemand } from '@vigie/contracts';
import { join } from 'node:path';
import { api, baseUrl, eventually, launchBrowser, login, screenshotDir, sessionCookie } from './support/browser.js';

const fr = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const frCount = (c: SearchSeries['totals']['searches']) => (isSuppressed(c) ? `< ${c.lt}` : fr(c));

/** The period the filter bar resolved (data-from / data-to of its range line). */
async function shownRange(page: Page): Promise<{ from: string; to: string }> {
  const r = page.getByTestId('filter-range');
  return { from: (await r.getAttribute('data-from'))!, to: (await r.getAttribute('data-to'))! };
}

function param(page: Page, key: string): string | null {
  return new URL(page.url()).searchParams.get(key);
}

describe('global filter bar, heat-map, unmet demand and exports', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
    await login(page);
  });
  afterEach(async () => page?.close());

  it('writes territory, period and theme to the URL, the data follow, and they travel to the other views', async () => {
    await page.goto(`${baseUrl()}/recherches?territory=department:95&granularity=week`);
    await page.getByTestId('kpi-total').waitFor({ timeout: 30_000 });

    // Territory: search-as-you-type, pick the commune of Pontoise.
    await page.getByTestId('filter-territory').fill('Pontoise');
    await page.locator('mat-option[data-ref="commune:95500"]').click({ timeout: 15_000 });
    await page.waitForURL(/territory=commune(%3A|:)95500/, { timeout: 15_000 });
    expect(param(page, 'granularity')).toBe('week'); // the view's own filter is kept
    await expect(
      eventually(
        () => page.getByTestId('filter-territory-current').getAttribute('data-ref'),
        (v) => v === 'commune:95500',
      ),
    ).resolves.toBe('commune:95500');

    // Period: the current campaign (from the last 1 September).
    await page.getByTestId('filter-period').click();
    await page.locator('mat-option[value="campaign"], mat-option').filter({ hasText: 'Campagne en cours' }).click();
    await page.waitForURL(/from=\d{4}-09-01/, { timeout: 15_000 });
    const campaign = await shownRange(page);
    expect(campaign.from).toMatch(/-09-01$/);

    // Theme: food.
    await page.getByTestId('filter-theme').click();
    await page.locator('mat-option[data-theme="food"]').click();
    await page.waitForURL(/theme=food/, { timeout: 15_000 });

    const series = await api<SearchSeries>(
      `/api/searches/series?granularity=week&level=commune&code=95500&theme=food&from=${campaign.from}&to=${campaign.to}`,
    );
    const expected = frCount(series.totals.searches);
    await expect(
      eventually(
        () => page.getByTestId('kpi-total').innerText(),
        (v) => v === expected,
      ),
    ).resolves.toBe(expected);
    await page.screenshot({ path: join(screenshotDir, 'filters-searches.png') });

    // The sidenav carries the global filters (not the view's own) to the map, which shows the commune's department.
    await page.locator('mat-nav-list a[href^="/carte"]').click();
    await page.waitForURL(/\/carte/, { timeout: 15_000 });
    expect(param(page, 'territory')).toBe('commune:95500');
    expect(param(page, 'theme')).toBe('food');
    expect(param(page, 'from')).toBe(campaign.from);
    expect(param(page, 'granularity')).toBeNull();
    await page.locator('vg-choropleth [data-level="commune"][data-rendered-count]').waitFor({ timeout: 30_000 });
    await expect(
      eventually(
        () => page.getByTestId('crumb-current').innerText(),
        (v) => v === "Val-d'Oise",
      ),
    ).resolves.toBe("Val-d'Oise");
    // The map has no period: the control is disabled and says why.
    await expect(
      eventually(
        () => page.getByTestId('filter-period').getAttribute('aria-disabled'),
        (v) => v === 'true',
      ),
    ).resolves.toBe('true');
    await expect(
      eventually(
        () => page.getByTestId('filter-bar').innerText(),
        (v) => v.includes('Sans effet sur cette vue'),
      ),
    ).resolves.toContain('Sans effet sur cette vue');

    // Data quality stops at the department: Val-d'Oise, with a hint.
    await page.locator('mat-nav-list a[href^="/qualite"]').click();
    await expect(page.getByTestId('quality-territory').innerText({ timeout: 30_000 })).resolves.toBe("Val-d'Oise");
    await page.getByTestId('filter-territory-coarse').waitFor();

    // Clearing the territory goes back to France everywhere.
    await page.getByTestId('filter-territory-clear').click();
    await page.waitForURL((u) => !u.searchParams.has('territory'), { timeout: 15_000 });
    await expect(page.getByTestId('quality-territory').innerText({ timeout: 30_000 })).resolves.toBe('France');
  });

  it('sums the daily series into the weekday × month heat-map, and lists the unmet demand of the API', async () => {
    await page.goto(`${baseUrl()}/recherches?territory=department:95`);
    const heat = page.locator('vg-weekday-heatmap [data-rendered]');
    await heat.waitFor({ timeout: 45_000 });
    const range = await shownRange(page);
    const daily = await api<SearchSeries>(
      `/api/searches/series?granularity=day&level=department&code=95&from=${range.from}&to=${range.to}`,
    );
    const sum = daily.current.reduce((s, p) => s + (isSuppressed(p.searches) ? 0 : p.searches), 0);
    expect(sum).toBeGreaterThan(0);
    await expect(heat.getAttribute('data-total')).resolves.toBe(String(sum));
    // No hidden day for an admin: the heat-map total is the series total.
    if (!daily.current.some((p) => isSuppressed(p.searches))) expect(daily.totals.searches).toBe(sum);
    await expect(page.getByTestId('heatmap-total').innerText()).resolves.toContain(fr(sum));
    await page.getByTestId('heatmap-card').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'searches-heatmap.png') });

    const res = await fetch(`${baseUrl()}/api/searches/unmet?level=department&code=95&from=${range.from}&to=${range.to}&limit=50`, {
      headers: { Cookie: await sessionCookie('admin') },
    });
    if (res.status === 404) {
      await page.getByTestId('unmet-unavailable').waitFor({ timeout: 30_000 });
      return;
    }
    const unmet = (await res.json()) as UnmetDemand;
    if (!unmet.rows.length) {
      await page.getByTestId('unmet-empty').waitFor({ timeout: 30_000 });
      return;
    }
    const rows = page.locator('vg-unmet-table tbody tr');
    await rows.first().waitFor({ timeout: 30_000 });
    await expect(rows.count()).resolves.toBe(unmet.rows.length);
    const first = unmet.rows[0];
    const row = page.locator(`vg-unmet-table tr[data-row="${first.code}|${first.key}"]`);
    await expect(row.innerText()).resolves.toContain(first.name);
    if (typeof first.zeroResults === 'number') await expect(row.innerText()).resolves.toContain(fr(first.zeroResults));
    await page.getByTestId('unmet-card').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'searches-unmet.png') });
  });

  it('exports a table as ExportRequest with the active filters, and a chart as PNG', async () => {
    // The export itself is built by POST /api/exports; here the request the dashboard sends is checked.
    let sent: ExportRequest | null = null;
    await page.route('**/api/exports', async (route) => {
      sent = route.request().postDataJSON() as ExportRequest;
      await route.fulfill({
        status: 200,
        contentType: 'text/csv',
        headers: { 'Content-Disposition': 'attachment; filename="export.csv"' },
        body: 'a;b\n1;2\n',
      });
    });
    await page.goto(`${baseUrl()}/recherches?territory=department:95`);
    const rows = page.locator('vg-territory-breakdown-table tbody tr');
    await rows.first().waitFor({ timeout: 30_000 });
    await page.getByTestId('export-territory').getByTestId('export-button').click();
    const download = page.waitForEvent('download');
    await page.locator('[data-export="csv-semicolon"]').click();
    expect((await download).suggestedFilename()).toBe('export.csv');
    expect(sent).not.toBeNull();
    const req = sent! as ExportRequest;
    expect(req.format).toBe('csv');
    expect(req.separator).toBe(';');
    expect(req.lang).toBe('fr');
    expect(req.rows).toHaveLength(await rows.count());
    expect(req.filters).toEqual(expect.arrayContaining([{ label: 'Territoire', value: "Val-d'Oise (Département)" }]));
    expect(req.filters.map((f) => f.label)).toEqual(expect.arrayContaining(['Période', 'Thème']));

    // PNG of the series chart, from the ECharts instance.
    await page.locator('vg-search-series-chart [data-rendered]').waitFor({ timeout: 30_000 });
    await page.getByTestId('export-series').getByTestId('export-button').click();
    const png = page.waitForEvent('download');
    await page.locator('[data-export="png"]').click();
    expect((await png).suggestedFilename()).toMatch(/\.png$/);
  });

  it('offers the reports of the global territory and period', async () => {
    await page.goto(`${baseUrl()}/rapports?territory=department:95&from=2025-01-01&to=2025-12-31`);
    await page.getByTestId('report-form').waitFor({ timeout: 30_000 });
    // The link is re-rendered by change detection after each input: read it until it settles.
    const reportUrl = (expected: string) =>
      eventually(
        () => page.getByTestId('report-link').getAttribute('data-url'),
        (v) => v === expected,
      );
    await expect(reportUrl('api/reports/funder?territory=department%3A95&from=2025-01-01&to=2025-12-31&lang=fr')).resolves.toBe(
      'api/reports/funder?territory=department%3A95&from=2025-01-01&to=2025-12-31&lang=fr',
    );
    await page.locator('mat-radio-button[data-kind="services-list"] input').check();
    await page.getByTestId('report-format').locator('mat-button-toggle').filter({ hasText: 'XLSX' }).locator('button').click();
    await expect(reportUrl('api/reports/services-list?territory=department%3A95&format=xlsx&lang=fr')).resolves.toBe(
      'api/reports/services-list?territory=department%3A95&format=xlsx&lang=fr',
    );
    await page.getByTestId('report-download').click();
    // The report routes may not be deployed yet: the page then says so instead of failing silently.
    const status = await eventually(
      () => page.getByTestId('report-status').getAttribute('data-status'),
      (v) => v === 'done' || v === 'unavailable',
      60_000,
    );
    expect(status).toMatch(/^(done|unavailable)$/);
    await page.screenshot({ path: join(screenshotDir, 'reports.png') });
  });
});

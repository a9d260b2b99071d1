import type { Browser, Page } from 'playwright-core';
import type { DeploymentKpis, DeploymentMetric, DeploymentMutualAid, DeploymentTerritories } from '@vigie/contracts';
import { join } from 'node:path';
import { api, baseUrl, launchBrowser, login, screenshotDir } from './support/browser.js';

const URL_95 = '/deploiement?territory=department:95';

/** What the page shows for a KPI value (French grouping, euros for funds). */
function frValue(metric: DeploymentMetric, v: number): string {
  if (metric === 'funds_raised')
    return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(v);
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: metric === 'searches_per_month' && v < 100 ? 1 : 0 }).format(v);
}
const frPct = (r: number) => new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(r);

async function waitForKpis(page: Page, year: number): Promise<void> {
  await page.locator(`[data-testid="kpis"][data-year="${year}"] vg-kpi-card`).first().waitFor({ timeout: 30_000 });
}

async function expectKpisOfApi(page: Page, year: number): Promise<DeploymentKpis> {
  const kpis = await api<DeploymentKpis>(`/api/deployment/kpis?level=department&code=95&year=${year}`, 'copil');
  for (const k of kpis.kpis) {
    const card = page.locator(`[data-testid="kpi-${k.metric}"]`);
    await expect(card.getByTestId('kpi-value').innerText()).resolves.toBe(frValue(k.metric, k.value));
    if (k.target !== null) {
      await expect(card.getByTestId('kpi-target').innerText()).resolves.toBe(`Objectif : ${frValue(k.metric, k.target)}`);
      await expect(card.getByTestId('kpi-progress').innerText()).resolves.toBe(`${frPct(k.progress!)} de l'objectif`);
      await expect(card.getByTestId('kpi-status').innerText()).resolves.toContain(k.status === 'on_track' ? 'En bonne voie' : 'En retard');
    }
  }
  return kpis;
}

describe('deployment follow-up (Déploiement)', () => {
  let browser: Browser;
  let page: Page;
  // The e2e server's today (VIGIE_TODAY, pinned by global-setup.mjs), not the machine's.
  const year = Number(process.env['VIGIE_TODAY']!.slice(0, 4));
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());
  afterEach(async () => page?.close());

  it("shows the Val-d'Oise KPIs served by the API, and changing the year updates the URL and the numbers", async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    await login(page, 'copil');
    await page.goto(`${baseUrl()}${URL_95}`);
    await waitForKpis(page, year);
    await expect(page.getByTestId('territory-name').innerText()).resolves.toBe(`Val-d'Oise · ${year}`);
    const kpis = await expectKpisOfApi(page, year);
    // The demo of the e2e server deploys in 95 with targets for the current year.
    expect(kpis.kpis.find((k) => k.metric === 'structures')!.value).toBeGreaterThan(0);
    expect(kpis.kpis.some((k) => k.target !== null)).toBe(true);

    // Mutual aid: the 1 % goal, as the API computes it.
    const aid = await api<DeploymentMutualAid>('/api/deployment/mutual-aid?level=department&code=95', 'copil');
    if (aid.totals.total > 0)
      await expect(page.getByTestId('aid-actions').innerText()).resolves.toBe(
        new Intl.NumberFormat('fr-FR').format(aid.onePercent.actions),
      );
    // Deployment departments of the year, 95 among them.
    const deps = await api<DeploymentTerritories>(`/api/deployment/territories?year=${year}`, 'copil');
    await page.locator('[data-testid="departments"] tbody tr').first().waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-testid="departments"] tbody tr').count()).resolves.toBe(deps.departments.length);
    await expect(page.locator('[data-testid="departments"] tr[data-code="95"]').innerText()).resolves.toContain("Val-d'Oise");
    await page.locator('vg-activity-timeline [data-rendered]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshotDir, 'deployment-desktop.png') });
    await page.getByTestId('mutual-aid').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'deployment-desktop-panels.png') });

    // Previous year: the URL says so, the KPIs follow.
    await page.getByTestId('year-select').click();
    await page.locator(`mat-option[data-year="${year - 1}"]`).click();
    await page.waitForURL(/year=\d{4}/, { timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('year')).toBe(String(year - 1));
    expect(new URL(page.url()).searchParams.get('territory')).toBe('department:95');
    await waitForKpis(page, year - 1);
    await expectKpisOfApi(page, year - 1);

    // Reloading the copied URL gives the same view.
    await page.goto(page.url());
    await waitForKpis(page, year - 1);
  });

  it('fits a phone screen', async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', isMobile: true, hasTouch: true });
    await login(page, 'copil');
    await page.goto(`${baseUrl()}${URL_95}`);
    await waitForKpis(page, year);
    await expectKpisOfApi(page, year);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(screenshotDir, 'deployment-phone.png') });
    await page.getByTestId('mutual-aid').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'deployment-phone-aid.png') });
  });
});

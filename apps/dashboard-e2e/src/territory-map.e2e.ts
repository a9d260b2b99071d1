import type { Browser, Page } from 'playwright-core';
import type { TerritoryDetail, TerritoryFeatureCollection } from '@vigie/contracts';
import { join } from 'node:path';
import { api, baseUrl, launchBrowser, screenshotDir } from './support/browser.js';

describe('territory map (Carte des manques)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
  });
  afterEach(async () => page?.close());

  it('opens on the French shell and renders the 101 departments served by the API', async () => {
    await page.goto(`${baseUrl()}/`);
    await expect(page.locator('mat-nav-list').innerText()).resolves.toMatch(
      /Vue d'ensemble[\s\S]*Carte des manques[\s\S]*Recherches[\s\S]*Déploiement[\s\S]*Qualité des données[\s\S]*Rapports/,
    );
    const map = page.locator('vg-choropleth [data-rendered-count]');
    await map.waitFor({ timeout: 30_000 });
    const fromApi = await api<TerritoryFeatureCollection>('/api/territories/department?geometry=false');
    expect(fromApi.features).toHaveLength(101);
    await expect(map.getAttribute('data-level')).resolves.toBe('department');
    await expect(map.getAttribute('data-rendered-count')).resolves.toBe('101');
    // The table beside the map shows the API's population for the most populous department (Nord).
    const nord = fromApi.features.find((f) => f.id === '59');
    const row = page.locator('vg-territory-table tr[data-code="59"]');
    await expect(row.innerText()).resolves.toContain(new Intl.NumberFormat('fr-FR').format(nord!.properties.population));
    await expect(page.locator('footer').innerText()).resolves.toContain('Licence Ouverte');
    await page.screenshot({ path: join(screenshotDir, 'map-departments.png') });
  });

  it('drills down into the communes of the department clicked on the map, and back', async () => {
    await page.goto(`${baseUrl()}/carte`);
    const map = page.locator('vg-choropleth [data-rendered-count]');
    await map.waitFor({ timeout: 30_000 });
    // Click metropolitan France near the middle of the map: whatever department lies there opens.
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.55);
    await page.waitForURL(/territory=department%3A|territory=department:/, { timeout: 15_000 });
    const code = decodeURIComponent(new URL(page.url()).searchParams.get('territory')!).split(':')[1];
    const communes = page.locator('vg-choropleth [data-level="commune"][data-rendered-count]');
    await communes.waitFor({ timeout: 30_000 });
    const fromApi = await api<TerritoryFeatureCollection>(`/api/territories/commune?parent=department:${code}&geometry=false`);
    const detail = await api<TerritoryDetail>(`/api/territories/department/${code}`);
    expect(fromApi.features.length).toBeGreaterThan(10);
    await expect(communes.getAttribute('data-rendered-count')).resolves.toBe(String(fromApi.features.length));
    await expect(page.getByTestId('crumb-current').innerText()).resolves.toBe(detail.name);
    await page.screenshot({ path: join(screenshotDir, 'map-communes.png') });

    // A shared URL reproduces the view; the breadcrumb goes back to France.
    await page.getByTestId('crumb-france').click();
    await page.locator('vg-choropleth [data-level="department"][data-rendered-count]').waitFor({ timeout: 30_000 });
  });

  it('switches the interface to English', async () => {
    await page.goto(`${baseUrl()}/carte?territory=department:95`);
    await page.locator('vg-choropleth [data-level="commune"][data-rendered-count]').waitFor({ timeout: 30_000 });
    await page.getByRole('radio', { name: 'EN' }).or(page.locator('mat-button-toggle[value="en"] button')).first().click();
    await expect(page.locator('mat-nav-list').innerText()).resolves.toContain('Gap map');
    await expect(page.getByTestId('crumb-current').innerText()).resolves.toBe("Val-d'Oise");
  });
});

import type { Browser, Page } from 'playwright-core';
import type { CoverageMap, PriorityList, QualityView, TerritoryDetail, TerritoryFeatureCollection } from '@vigie/contracts';
import { join } from 'node:path';
import { api, baseUrl, launchBrowser, login, screenshotDir } from './support/browser.js';

describe('territory map (Carte des manques)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    await login(page);
  });
  afterEach(async () => page?.close());

  it('opens on the French shell and renders the 101 departments served by the API', async () => {
    await page.goto(`${baseUrl()}/carte?metric=population`);
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

  it("shows a coverage metric of the communes of Val-d'Oise equal to the API, with priority zones and a what-if", async () => {
    await page.goto(`${baseUrl()}/carte?territory=department:95&metric=share_beyond&theme=food`);
    const communes = page.locator('vg-choropleth [data-level="commune"][data-rendered-count]');
    await communes.waitFor({ timeout: 30_000 });
    const fromApi = await api<CoverageMap>('/api/coverage?level=commune&parent=department:95&theme=food&metric=share_beyond');
    const pontoise = fromApi.values.find((v) => v.code === '95500')!;
    const row = page.locator('vg-territory-table tr[data-code="95500"]');
    await expect(row.innerText()).resolves.toContain(
      new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(pontoise.value ?? 0),
    );
    const priorities = await api<PriorityList>('/api/priorities?level=commune&parent=department:95&theme=food&limit=15');
    const list = page.getByTestId('priorities');
    if (priorities.zones.length) await expect(list.innerText()).resolves.toContain(priorities.zones[0].name);
    if (priorities.zones.length > 1) {
      // Re-sorted by population beyond reach: the order of the API's numbers.
      await page.getByTestId('priority-sort').getByText('Hors de portée').click();
      const order = await list.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code')));
      const expected = [...priorities.zones].sort((a, b) => b.populationBeyond - a.populationBeyond || a.rank - b.rank).map((z) => z.code);
      expect(order).toEqual(expected);
    }
    await page.screenshot({ path: join(screenshotDir, 'gap-map-95.png') });

    // What-if: click the middle of the department with the simulation on.
    await page.getByTestId('whatif-toggle').locator('button').click();
    const box = (await page.locator('vg-choropleth .chart').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('whatif-result').innerText({ timeout: 90_000 })).resolves.toMatch(/habitants/);
    await page.screenshot({ path: join(screenshotDir, 'gap-map-whatif.png') });
  });

  it('overview and data-quality pages show the API numbers', async () => {
    await page.goto(`${baseUrl()}/qualite?territory=department:95`);
    const quality = await api<QualityView>('/api/quality?level=department&code=95');
    await expect(page.getByTestId('fresh-share').innerText({ timeout: 30_000 })).resolves.toBe(
      new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(quality.shareUpdatedRecently ?? 0),
    );
    await page.getByTestId('calendar').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshotDir, 'quality-95.png') });
    await page.goto(`${baseUrl()}/ensemble?territory=department:95`);
    await expect(page.getByTestId('overview-territory').innerText({ timeout: 30_000 })).resolves.toBe("Val-d'Oise");
    await expect(page.getByTestId('tile-fresh').innerText()).resolves.toContain(
      new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(quality.shareUpdatedRecently ?? 0),
    );
    await page.screenshot({ path: join(screenshotDir, 'overview-95.png') });
  });
});

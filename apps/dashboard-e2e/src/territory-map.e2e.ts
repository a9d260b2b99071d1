import type { Browser, Page } from 'playwright-core';
import type {
  CoverageMap,
  GeoJsonGeometry,
  PriorityList,
  QualityView,
  TerritoryDetail,
  TerritoryFeatureCollection,
  WhatIfResponse,
} from '@vigie/contracts';
import { join } from 'node:path';
import { api, baseUrl, eventually, launchBrowser, login, screenshotDir, sessionCookie, workspaceRoot } from './support/browser.js';

const AXE = join(workspaceRoot, 'node_modules/axe-core/axe.min.js');

function ringContains(ring: number[][], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const polys = (g: GeoJsonGeometry) => (g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]));
const contains = (g: GeoJsonGeometry, lon: number, lat: number) =>
  polys(g).some((p) => ringContains(p[0], lon, lat) && !p.slice(1).some((h) => ringContains(h, lon, lat)));
/** Metres to the nearest edge (equirectangular). */
function toEdge(g: GeoJsonGeometry, lon: number, lat: number): number {
  const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
  const ky = 110_540;
  let best = Infinity;
  for (const p of polys(g))
    for (const r of p)
      for (let i = 1; i < r.length; i++) {
        const [ax, ay, bx, by] = [(r[i - 1][0] - lon) * kx, (r[i - 1][1] - lat) * ky, (r[i][0] - lon) * kx, (r[i][1] - lat) * ky];
        const [dx, dy] = [bx - ax, by - ay];
        const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
  return best;
}

/** Pixel of a geographic position on the map (the choropleth exposes ECharts' convertToPixel on its element). */
async function pixelOf(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const chart = page.locator('vg-choropleth .chart');
  const box = (await chart.boundingBox())!;
  const px = await chart.evaluate(
    (el, [lo, la]) => (el as HTMLElement & { vgToPixel: (a: number, b: number) => number[] }).vgToPixel(lo, la),
    [lon, lat],
  );
  return { x: box.x + px[0], y: box.y + px[1] };
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

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
    await page.locator('mat-nav-list a').last().waitFor({ timeout: 30_000 });
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
    await page.locator('[data-testid="whatif-result"] mat-card-title').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('whatif-result').innerText()).resolves.toMatch(/habitants/);
    await page.screenshot({ path: join(screenshotDir, 'gap-map-whatif.png') });
  }, 240_000);

  it('France: at least 4 legend classes and a "pas de données" entry, clear of the map; names (not codes) on hover', async () => {
    await page.goto(`${baseUrl()}/carte`);
    await page.locator('vg-choropleth [data-level="department"][data-rendered-count]').waitFor({ timeout: 30_000 });
    const legend = page.getByTestId('map-legend');
    expect(await legend.locator('[data-kind="class"]').count()).toBeGreaterThanOrEqual(4);
    await expect(legend.locator('[data-kind="no-data"]').innerText()).resolves.toBe('pas de données');
    // The legend is below the map, not over it (Corsica is in the map's bottom-right corner).
    const chartBox = (await page.locator('vg-choropleth .chart').boundingBox())!;
    const legendBox = (await legend.boundingBox())!;
    expect(legendBox.y).toBeGreaterThanOrEqual(chartBox.y + chartBox.height - 1);
    // Uncovered departments (directory not deployed), once the API says so, are hatched with their legend entry.
    const fromApi = await api<CoverageMap>('/api/coverage?level=department&theme=food&metric=gap_score');
    if (fromApi.values.some((v) => (v as { covered?: boolean }).covered === false))
      await expect(legend.locator('[data-kind="uncovered"]').innerText()).resolves.toBe('annuaire non déployé');
    // The screen-reader text is the app's, in French.
    const aria = await page.locator('vg-choropleth .chart').getAttribute('aria-label');
    expect(aria).toMatch(/^Carte : Départements — France, Score de manque/);
    expect(aria).not.toMatch(/This is a chart/);
    // Hover Paris: its name, not "75".
    const paris = await pixelOf(page, 2.35, 48.857);
    await page.mouse.move(paris.x, paris.y);
    const tip = await eventually(
      () => page.locator('vg-choropleth .chart').innerText(),
      (t) => t.includes('Paris'),
      10_000,
    );
    expect(tip).toContain('Paris');
    await page.screenshot({ path: join(screenshotDir, 'map-france-legend.png') });
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

describe("territory map as the Val-d'Oise steering committee (what-if, sharing, phone)", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());
  afterEach(async () => page?.close());

  /** A point of Saint-Clair-sur-Epte (95541), 300 m or more inside it, whose nearest commune centre is in the Eure. */
  async function borderPoint(): Promise<{ lon: number; lat: number }> {
    const [v, eure] = await Promise.all([
      api<TerritoryFeatureCollection>('/api/territories/commune?parent=department:95'),
      api<TerritoryFeatureCollection>('/api/territories/commune?parent=department:27&geometry=false'),
    ]);
    const sc = v.features.find((f) => f.properties.code === '95541')!;
    const centres = [...v.features, ...eure.features].filter((f) => f.properties.lat !== null);
    const g = sc.geometry!;
    const ring = polys(g).flat(2);
    const [x0, x1] = [Math.min(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[0]))];
    const [y0, y1] = [Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[1]))];
    for (let i = 1; i < 30; i++)
      for (let j = 1; j < 30; j++) {
        const lon = x0 + ((x1 - x0) * i) / 30;
        const lat = y0 + ((y1 - y0) * j) / 30;
        if (!contains(g, lon, lat) || toEdge(g, lon, lat) < 300) continue;
        const cos = Math.cos((lat * Math.PI) / 180);
        const nearest = centres.reduce((a, b) =>
          (b.properties.lat! - lat) ** 2 + ((b.properties.lon! - lon) * cos) ** 2 <
          (a.properties.lat! - lat) ** 2 + ((a.properties.lon! - lon) * cos) ** 2
            ? b
            : a,
        );
        if (nearest.properties.departmentCode === '27') return { lon, lat };
      }
    throw new Error('no point of Saint-Clair-sur-Epte has its nearest commune centre in the Eure: the case of issue 18 is gone');
  }

  it('clicking in Saint-Clair-sur-Epte answers with a marker and the list of communes; the URL restores it with the profile', async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR', bypassCSP: true });
    await login(page, 'copil');
    const point = await borderPoint();
    await page.goto(`${baseUrl()}/carte?territory=department:95&sim=1`);
    await page.locator('vg-choropleth [data-level="commune"][data-rendered-count]').waitFor({ timeout: 30_000 });
    // Main towns are named on the map; the legend has its classes and "pas de données".
    expect(await page.getByTestId('map-legend').locator('[data-kind="class"]').count()).toBeGreaterThanOrEqual(4);
    await expect(page.getByTestId('map-legend').locator('[data-kind="no-data"]').innerText()).resolves.toBe('pas de données');
    const px = await pixelOf(page, point.lon, point.lat);
    await page.mouse.click(px.x, px.y);
    const result = page.getByTestId('whatif-result');
    await result.locator('mat-card-title').waitFor({ timeout: 120_000 });
    await expect(result.innerText()).resolves.toContain('Saint-Clair-sur-Epte');
    await page.waitForURL(/whatif=/);
    const w = new URL(page.url()).searchParams.get('whatif')!;
    const [lat, lon, category] = w.split(',');
    const fromApi = (await (
      await fetch(`${baseUrl()}/api/what-if`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: await sessionCookie('copil') },
        body: JSON.stringify({ lat: +lat, lon: +lon, category }),
      })
    ).json()) as WhatIfResponse;
    expect(fromApi.place.code).toBe('95541');
    const cat = fromApi.keys.find((k) => k.keyType === 'category')!;
    const gaining = cat.communes.filter((c) => c.gainsAccess);
    // The figures are labelled with what they count (theme vs this category), and the list names the communes.
    const text = await result.innerText();
    expect(text).toContain('Tout service « Alimentation »');
    expect(text).toMatch(/Ce type de service : « Distribution de repas »/);
    expect(text).toContain(new Intl.NumberFormat('fr-FR').format(cat.populationGaining));
    if (gaining.length) {
      const items = await page.getByTestId('whatif-communes-category').locator('li').allInnerTexts();
      expect(items.length).toBe(gaining.length);
      expect(items[0]).toContain(gaining[0].name);
      await expect(page.getByTestId('map-legend').locator('[data-kind="highlight"]').count()).resolves.toBe(1);
    }
    await expect(page.getByTestId('map-legend').locator('[data-kind="marker"]').count()).resolves.toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'map-whatif-copil.png') });
    const axe = await seriousViolations(page);
    expect(axe).toEqual([]);

    // Open the profile of Saint-Clair-sur-Epte from the table, then share the URL: a new page shows both.
    await page.locator('vg-territory-table tr[data-code="95541"] button').click();
    await page.waitForURL(/profile=commune/);
    await expect(page.getByTestId('profile').innerText({ timeout: 30_000 })).resolves.toContain('Saint-Clair-sur-Epte');
    await expect(page.getByTestId('profile-searches').getAttribute('href')).resolves.toMatch(
      /\/recherches\?.*territory=commune(%3A|:)95541/,
    );
    await expect(page.getByTestId('profile-services').getAttribute('href')).resolves.toMatch(
      /api\/reports\/services-list\?territory=commune%3A95541/,
    );
    const shared = page.url();
    const again = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    try {
      await login(again, 'copil');
      await again.goto(shared);
      await again.locator('[data-testid="whatif-result"] mat-card-title').waitFor({ timeout: 120_000 });
      await expect(again.getByTestId('whatif-result').innerText()).resolves.toContain('Saint-Clair-sur-Epte');
      await expect(again.getByTestId('profile').innerText({ timeout: 30_000 })).resolves.toContain('Saint-Clair-sur-Epte');
      await again.screenshot({ path: join(screenshotDir, 'map-shared-url.png') });
      // The profile's link opens the searches of the commune.
      await again.getByTestId('profile-searches').click();
      await again.waitForURL(/\/recherches\?/);
      expect(decodeURIComponent(again.url())).toContain('territory=commune:95541');
    } finally {
      await again.close();
    }
  }, 240_000);

  it('refuses a point in the Eure in French, naming the territory', async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    await login(page, 'copil');
    // Gasny (27279), by URL: the API refuses it.
    await page.goto(`${baseUrl()}/carte?territory=department:95&whatif=49.10193,1.59969,food_distribution`);
    const error = await eventually(
      () => page.getByTestId('whatif-error').innerText({ timeout: 120_000 }),
      (t) => t.includes('Val-d'),
      30_000,
    );
    expect(error).toBe("Ce point est hors de votre territoire (Val-d'Oise) : placez le service dans l'une de vos communes.");
    await page.screenshot({ path: join(screenshotDir, 'map-whatif-refused.png') });
  }, 240_000);

  it('what-if by keyboard: choose a commune, Enter places the service', async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    await login(page, 'copil');
    await page.goto(`${baseUrl()}/carte?territory=department:95`);
    await page.locator('vg-choropleth [data-level="commune"][data-rendered-count]').waitFor({ timeout: 30_000 });
    await page.getByTestId('whatif-toggle').locator('button').focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/sim=1/, { timeout: 10_000 });
    const select = page.getByTestId('whatif-commune');
    await select.waitFor({ timeout: 30_000 });
    await select.focus();
    await page.keyboard.press('Enter');
    await page.locator('mat-option').first().waitFor();
    await page.keyboard.type('Saint-Clair', { delay: 40 });
    await eventually(
      () => page.locator('mat-option.mat-mdc-option-active').innerText(),
      (t) => t.startsWith('Saint-Clair-sur-Epte'),
      5_000,
    );
    await page.keyboard.press('Enter');
    await expect(select.innerText()).resolves.toContain('Saint-Clair-sur-Epte');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('whatif-place').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="whatif-result"] mat-card-title').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('whatif-result').innerText()).resolves.toContain('Saint-Clair-sur-Epte');
    expect(new URL(page.url()).searchParams.get('whatif')).toMatch(/,food_distribution,95541$/);
  }, 240_000);

  it('phone (390 px): the map is full width, the metric selector is not cut, the legend is readable', async () => {
    page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'fr-FR',
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    });
    await login(page, 'copil');
    await page.goto(`${baseUrl()}/carte`);
    const map = page.locator('vg-choropleth [data-rendered-count]');
    await map.waitFor({ timeout: 30_000 });
    const box = (await map.boundingBox())!;
    expect(box.width).toBeGreaterThan(340);
    expect(box.height).toBeGreaterThan(400);
    const cut = await page
      .getByTestId('metric-select')
      .locator('.mat-mdc-select-value-text')
      .evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    expect(cut).toBe(false);
    await expect(page.getByTestId('metric-select').innerText()).resolves.toContain('Score de manque (0–100)');
    expect(await page.getByTestId('map-legend').locator('[data-kind="class"]').count()).toBeGreaterThanOrEqual(4);
    await map.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'map-phone-390.png') });
    await page.getByTestId('map-legend').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'map-phone-390-legend.png') });
    await page.goto(`${baseUrl()}/carte?territory=department:95&whatif=49.20361,1.68472,food_distribution,95541`);
    await page.locator('[data-testid="whatif-result"] mat-card-title').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('whatif-result').innerText()).resolves.toContain('Saint-Clair-sur-Epte');
    await page.locator('vg-choropleth [data-level="commune"][data-rendered-count]').waitFor({ timeout: 30_000 });
    await page.getByTestId('whatif-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'map-phone-390-whatif.png') });
    expect(await seriousViolations(page)).toEqual([]);
  }, 240_000);
});

import type { Browser, Page } from 'playwright-core';
import type { ImportRun, ImportRunPage } from '@vigie/contracts';
import { join } from 'node:path';
import { api, baseUrl, eventually, launchBrowser, login, screenshotDir, workspaceRoot } from './support/browser.js';

const FIXTURE = join(workspaceRoot, 'libs/ingest/domain/src/fixtures/services.csv');

describe('imports (upload, result, history, error CSV)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());
  afterEach(async () => page?.close());

  // On a phone first: an import that writes services makes the server recompute coverage, which keeps it busy for a while.
  it('fits a phone screen', async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', isMobile: true, hasTouch: true });
    await login(page, 'admin');
    await page.goto(`${baseUrl()}/imports`);
    await page.locator('[data-testid="history"] tbody tr').first().waitFor({ timeout: 30_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(screenshotDir, 'imports-phone.png') });
    await page.getByTestId('history').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'imports-phone-history.png') });
  });

  it('uploads the services fixture in partial mode, shows the result, the new history row and the error CSV', async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    await login(page, 'admin');
    await page.goto(`${baseUrl()}/imports`);
    await page.locator('[data-testid="history"] tbody tr').first().waitFor({ timeout: 30_000 });
    const before = await api<ImportRunPage>('/api/imports?limit=1');

    // Kind "services" (default), format CSV from GET api/imports/formats, partial mode.
    await page.getByTestId('format-select').click();
    await page.locator('mat-option[data-format="csv"]').click();
    await page.locator('[data-testid="partial-toggle"] button').click();
    await page.getByTestId('file-input').setInputFiles(FIXTURE);
    await page.getByTestId('upload-button').click();

    const result = page.getByTestId('result');
    await result.waitFor({ timeout: 60_000 });
    const id = Number(await result.getAttribute('data-id'));
    expect(id).toBeGreaterThan(before.items[0]?.id ?? 0);
    const run = await api<ImportRun>(`/api/imports/${id}`);
    expect(run).toMatchObject({ kind: 'services', format: 'csv', mode: 'partial', status: 'succeeded', fileName: 'services.csv' });
    await expect(
      eventually(
        () => result.getAttribute('data-status'),
        (v) => v === 'succeeded',
      ),
    ).resolves.toBe('succeeded');
    const fr = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
    for (const k of ['read', 'inserted', 'updated', 'unchanged', 'rejected', 'removed'] as const) {
      await expect(result.locator(`[data-count="${k}"] dd`).innerText()).resolves.toBe(fr(run.counts[k]));
    }
    expect(run.counts.read).toBeGreaterThan(5);
    expect(run.counts.rejected).toBeGreaterThan(0);
    expect(run.counts.inserted).toBeGreaterThan(0);
    // First errors with line, field and reason.
    const firstError = run.firstErrors[0];
    await expect(page.locator('[data-testid="result-errors"] tbody tr').count()).resolves.toBe(run.firstErrors.length);
    await expect(page.locator('[data-testid="result-errors"] tbody tr').first().innerText()).resolves.toContain(firstError.reason);

    // The new run heads the history, with its error CSV link.
    const row = page.locator(`[data-testid="history"] tr[data-id="${id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await expect(page.locator('[data-testid="history"] tbody tr').first().getAttribute('data-id')).resolves.toBe(String(id));
    await expect(row.innerText()).resolves.toContain('services.csv');
    const href = await row.getByTestId('errors-csv').getAttribute('href');
    expect(href).toBe(`api/imports/${id}/errors.csv`);
    const csv = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, href!);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect(csv.text).toContain('ligne;champ;raison');
    expect(csv.text).toContain(`${firstError.line};`);
    await page.screenshot({ path: join(screenshotDir, 'imports-desktop.png'), fullPage: true });
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'imports-desktop-history.png') });
  });
});

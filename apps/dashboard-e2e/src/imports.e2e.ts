import type { Browser, Page } from 'playwright-core';
import type { ImportRun, ImportRunPage, ImportSummary } from '@vigie/contracts';
import { join } from 'node:path';
import { api, baseUrl, eventually, launchBrowser, login, screenshotDir, workspaceRoot } from './support/browser.js';

const FIXTURE = join(workspaceRoot, 'libs/ingest/domain/src/fixtures/services.csv');
// Résorption-bidonvilles' own export layout (title rows, "NC" in empty cells, site ids in the Adresse links, SUM row).
const RB = join(workspaceRoot, 'libs/ingest/domain/src/fixtures/resorption-bidonvilles');
const RB_OPEN = join(RB, '2026-12-05-sites-existants-resorption-bidonvilles.xlsx');
const RB_CLOSED = join(RB, '2026-12-05-sites-fermes-resorption-bidonvilles.xlsx');

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
    // Line and field as the API gives them (the reason is shown in the UI language).
    const firstRow = await page.locator('[data-testid="result-errors"] tbody tr').first().innerText();
    expect(firstRow).toContain(String(firstError.line));
    expect(firstRow).toContain(firstError.field);

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

  it('imports RB’s sites workbooks as they come (no format chosen): "NC" cells read as empty, the total row a warning, closed sites remove no open one', async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    await login(page, 'admin');
    await page.goto(`${baseUrl()}/imports`);
    await page.locator('[data-testid="history"] tbody tr').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('kind-select').click();
    await page.locator('mat-option[data-kind="settlements"]').click();
    await page.locator('[data-testid="partial-toggle"] button').click();

    const upload = async (file: string) => {
      const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/imports/settlements'), {
        timeout: 120_000,
      });
      await page.getByTestId('file-input').setInputFiles(file);
      await page.getByTestId('upload-button').click();
      const summary = (await (await response).json()) as ImportSummary;
      const result = page.locator(`[data-testid="result"][data-id="${summary.id}"]`);
      await result.waitFor({ timeout: 60_000 });
      const fr = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
      for (const k of ['read', 'inserted', 'updated', 'unchanged', 'rejected', 'removed'] as const)
        await expect(result.locator(`[data-count="${k}"] dd`).innerText()).resolves.toBe(fr(summary[k]));
      return { summary, result };
    };

    // The open sites: 4 sites (one with an unknown INSEE code), "NC" in their empty dates, counts and statuses, a cached SUM row.
    const open = await upload(RB_OPEN);
    expect(open.summary).toMatchObject({
      status: 'succeeded',
      detected: 'a Résorption-bidonvilles sites export (XLSX)',
      read: 4,
      rejected: 1,
      removed: 0,
      warnings: 1,
      firstWarnings: [{ line: 12, field: '*', reason: 'total row skipped: no site here, formulas (SUM) under the count columns' }],
    });
    // The three good sites come in although "NC" fills their empty cells: no date, count or status error.
    expect(open.summary.inserted + open.summary.updated + open.summary.unchanged).toBe(3);
    const run = await api<ImportRun>(`/api/imports/${open.summary.id}`);
    expect(run).toMatchObject({ kind: 'settlements', format: 'resorption-bidonvilles', mode: 'partial', status: 'succeeded' });
    // One rejected site (line 11, its INSEE code), with every error of that row; none about an "NC" cell.
    expect(new Set(open.summary.firstErrors.map((e) => e.line))).toEqual(new Set([11]));
    expect(open.summary.firstErrors.map((e) => e.field)).toContain('Code INSEE');
    const errors = page.locator('[data-testid="result-errors"] tbody tr');
    await expect(errors.count()).resolves.toBe(open.summary.firstErrors.length);
    for (const text of await errors.allInnerTexts()) {
      expect(text).toMatch(/^11\s/);
      expect(text).not.toMatch(/\bNC\b/);
    }
    expect(await errors.allInnerTexts()).toContainEqual(expect.stringContaining('Code INSEE'));
    expect(open.summary.firstErrors.map((e) => e.reason).join(' ')).not.toMatch(/\bNC\b/);
    await expect(open.result.getByTestId('result-message').innerText()).resolves.not.toBe('');
    await page.screenshot({ path: join(screenshotDir, 'imports-rb.png'), fullPage: true });

    // The closed sites next: a full export of closed sites only, so the open sites just imported stay.
    const closed = await upload(RB_CLOSED);
    expect(closed.summary).toMatchObject({ status: 'succeeded', read: 2, rejected: 0, removed: 0 });
    expect(closed.summary.inserted + closed.summary.updated + closed.summary.unchanged).toBe(2);
    await page.screenshot({ path: join(screenshotDir, 'imports-rb-closed.png'), fullPage: true });
  });
});

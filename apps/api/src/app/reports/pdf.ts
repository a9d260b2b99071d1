import { Injectable, Logger, type OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian installs Chromium; VIGIE_CHROMIUM_PATH overrides it. */
export function chromiumPath(): string {
  return process.env['VIGIE_CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

/**
 * HTML → PDF with headless Chromium (playwright-core): one browser, launched on the first PDF and
 * reused (a page per document), closed with the module. No Chromium → 503, CSV/XLSX keep working.
 */
@Injectable()
export class PdfRenderer implements OnModuleDestroy {
  private readonly log = new Logger('PdfRenderer');
  private browser: Promise<Browser> | null = null;

  private unavailable(detail: string): ServiceUnavailableException {
    return new ServiceUnavailableException(
      `PDF rendering needs Chromium (${detail}); install it (apt-get install chromium) or set VIGIE_CHROMIUM_PATH. CSV and XLSX exports still work.`,
    );
  }

  private async launch(): Promise<Browser> {
    const path = chromiumPath();
    if (!existsSync(path)) throw this.unavailable(`not found at ${path}`);
    if (!this.browser) {
      this.browser = chromium.launch({
        executablePath: path,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      this.browser.catch(() => (this.browser = null));
    }
    try {
      const b = await this.browser;
      if (b.isConnected()) return b;
      this.browser = null;
      return this.launch();
    } catch (e) {
      this.browser = null;
      this.log.error(`Chromium did not start: ${(e as Error).message}`);
      throw this.unavailable(`could not start ${path}`);
    }
  }

  /** A4 PDF of a complete HTML document (inline CSS and SVG only: nothing is fetched). */
  async render(html: string, footer: string): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: `<div style="font-size:7pt;color:#5b6b7f;width:100%;padding:0 14mm;display:flex;justify-content:space-between"><span>${footer
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      });
      return Buffer.from(pdf);
    } finally {
      await context.close();
    }
  }

  async onModuleDestroy(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await (await b.catch(() => null))?.close();
  }
}

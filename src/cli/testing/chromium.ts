import { existsSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';

/**
 * Where the browser tests find Chromium: TRADEPROP_CHROMIUM, else Debian's `chromium` package
 * (apt-get install chromium), else Ubuntu's name for it. Undefined: the tests that need it skip.
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.TRADEPROP_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => candidate !== undefined && candidate !== '' && existsSync(candidate));
}

export interface OpenedPage {
  /** Every request the page made other than the page itself and data: URLs, and every fetch its CSP refused. */
  outsideRequests: string[];
  /** Runs `read` on the loaded page and closes the browser. */
  read<T>(read: (page: import('puppeteer-core').Page) => Promise<T>): Promise<T>;
}

/**
 * Opens `fileUrl` in headless Chromium with every request intercepted: the page itself and data:
 * URLs go through, anything else is aborted and recorded. A fetch the page's Content-Security-Policy
 * blocks never becomes a request, so the console's CSP reports are recorded as well.
 */
export async function openPage(executablePath: string, fileUrl: string): Promise<OpenedPage> {
  const { launch } = await import('puppeteer-core');
  // Root in a container has no user namespace to sandbox with; the page is our own file.
  const browser: Browser = await launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const outsideRequests: string[] = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url === fileUrl || url.startsWith('data:')) return void request.continue();
      outsideRequests.push(url);
      return void request.abort();
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) outsideRequests.push(`refused by CSP: ${message.text()}`);
    });
    // networkidle0: a request the page starts after load is caught too.
    await page.goto(fileUrl, { waitUntil: 'networkidle0' });
    return {
      outsideRequests,
      read: async (read) => {
        try {
          return await read(page);
        } finally {
          await browser.close();
        }
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

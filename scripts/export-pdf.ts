// The PDF exports, printed by Chromium from reveal.js's print view (`?print-pdf`):
// one page per build step (pdfSeparateFragments, like the original 33-page export), or one page
// per slide with every step shown (a handout: each slide's last step).
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from '@playwright/test';
import { contentType } from '../src/node/mime.ts';

/** The built site is served to the browser from disk through request routing: no server, no port. */
export const SITE_ORIGIN = 'http://deck.localhost';

/** Answers requests for SITE_ORIGIN from `root`; anything else is refused, so printing is offline. */
export async function serveFromDisk(context: BrowserContext, root: string): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== SITE_ORIGIN) return route.abort('blockedbyclient');
    const parts = decodeURIComponent(url.pathname).split('/').filter(Boolean);
    if (parts.length === 0 || url.pathname.endsWith('/')) parts.push('index.html');
    // The page may ask under the site's base (`/repo/assets/x.js`): try the path without its leading folders.
    const file = parts
      .map((_part, i) => path.resolve(root, ...parts.slice(i)))
      .find((candidate) => candidate.startsWith(path.resolve(root) + path.sep) && existsSync(candidate) && statSync(candidate).isFile());
    if (!file) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({ status: 200, body: readFileSync(file), contentType: contentType(file) });
  });
}

export type PdfKind = 'steps' | 'slides';

/** In the print view: the number of pages, one per build step. */
export function countPrintedPages(): number {
  return document.querySelectorAll('.reveal .pdf-page').length;
}

/**
 * In the print view: the handout. A slide's pages follow each other (step 0, then one per build
 * step); keep the last, where every step is shown, and number the slides "N of M".
 * Runs in the page, so it uses nothing from this module.
 */
export function keepLastStepOfEachSlide(): number {
  const all = [...document.querySelectorAll('.reveal .pdf-page')];
  // (No named local functions: a bundler's name helpers would not exist in the page.)
  const slideIds = all.map((page) => page.querySelector('section')?.id);
  const kept = all.filter((_page, i) => slideIds[i] !== slideIds[i + 1]);
  for (const page of all) if (!kept.includes(page)) page.remove();
  kept.forEach((page, i) => {
    const number = page.querySelector('.slide-number-pdf');
    if (number) number.textContent = `${i + 1} of ${kept.length}`;
  });
  return kept.length;
}

/** Prints the built page `<root>/<page>` to `file`; returns the number of pages. */
export async function exportPdf(browser: Browser, root: string, page: string, file: string, kind: PdfKind): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    await serveFromDisk(context, root);
    const tab = await context.newPage();
    await tab.goto(`${SITE_ORIGIN}/${page}?print-pdf`);
    await tab.locator('html[data-pdf-ready]').waitFor({ state: 'attached', timeout: 30_000 });
    await tab.evaluate(() => document.fonts.ready);
    const pages = await tab.evaluate(kind === 'steps' ? countPrintedPages : keepLastStepOfEachSlide);
    mkdirSync(path.dirname(file), { recursive: true });
    await tab.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    return pages;
  } finally {
    await context.close();
  }
}

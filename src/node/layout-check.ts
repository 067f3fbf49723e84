// `npm run check -- --layout`: the overflow guard of the tests (tests/e2e/overflow.spec.ts) for an
// author's own decks, from the command line. Each deck is shown in the built site's page (its theme
// and runtime, src/runtime/overflow.ts's measure) in Chromium, offline, and walked step by step at
// 16:9 and 4:3; what reaches outside the slide or lies on top of other text is a diagnostic at the
// slide's line, as every other problem is.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { defaultTreeAdapter, parse, parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { countFrames, type Deck, type Diagnostic } from '../core/index.ts';
import { measureStep } from '../runtime/overflow.ts';
import { contentType } from './mime.ts';

/** The screens every step is checked at: a 16:9 laptop and a 4:3 projector. */
export const LAYOUT_SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
] as const;

/** The built site is read from disk through request routing: no server, nothing from another host. */
const ORIGIN = 'http://deck.localhost';

/**
 * A built page with its slides replaced by `deck`'s: the site's own theme and runtime, any deck.
 * `template` is the deck's own page when it was built (`dist/<name>/index.html`: with what its slides
 * need beyond the theme, such as KaTeX's CSS and fonts), else the talk's.
 */
export function pageFor(deck: Deck, template: string): string {
  const document = parse(readFileSync(template, 'utf8'));
  const find = (node: DefaultTreeAdapterMap['parentNode']): DefaultTreeAdapterMap['element'] | undefined => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      if (child.attrs.some((a) => a.name === 'class' && a.value.split(/\s+/).includes('slides'))) return child;
      const found = find(child);
      if (found) return found;
    }
    return undefined;
  };
  const slides = find(document)!;
  slides.childNodes = [];
  for (const node of parseFragment(deck.slides.map((slide) => slide.html).join('')).childNodes) defaultTreeAdapter.appendChild(slides, node);
  return serialize(document);
}

/** The page a deck is checked in: its own built page when there is one, else the talk's (the site's root). */
export function templateFor(dist: string, name: string): { template: string; folder: string } {
  const own = path.join(dist, name, 'index.html');
  return existsSync(own) ? { template: own, folder: `${name}/` } : { template: path.join(dist, 'index.html'), folder: '' };
}

async function serveSite(context: BrowserContext, dist: string, pages: Map<string, string>): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort('blockedbyclient');
    const page = pages.get(url.pathname);
    if (page !== undefined) return route.fulfill({ status: 200, body: page, contentType: 'text/html' });
    const file = path.resolve(dist, decodeURIComponent(url.pathname).replace(/^\/+/, ''));
    if (!file.startsWith(path.resolve(dist) + path.sep) || !existsSync(file) || !statSync(file).isFile()) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({ status: 200, body: readFileSync(file), contentType: contentType(file) });
  });
}

/** Every step of `deck` at each size: a warning per problem, at the line of the slide it is on. */
export async function checkLayout(browser: Browser, deck: Deck, name: string, dist = 'dist'): Promise<Diagnostic[]> {
  const { template, folder } = templateFor(dist, name);
  const address = `/${folder}${name}.layout-check.html`;
  const context = await browser.newContext({ reducedMotion: 'reduce' }); // no transitions: settled steps
  const found: Diagnostic[] = [];
  const seen = new Set<string>();
  try {
    await serveSite(context, dist, new Map([[address, pageFor(deck, template)]]));
    // measureStep runs in the page from its source text; tsx (esbuild's keepNames) wraps its inner
    // functions in a `__name` helper that exists only in this process.
    await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    const page = await context.newPage();
    const total = countFrames(deck);
    for (const size of LAYOUT_SIZES) {
      await page.setViewportSize(size);
      await page.goto(`${ORIGIN}${address}`);
      await page.locator('.reveal.ready').waitFor();
      await page.evaluate(() => document.fonts.ready);
      for (let step = 1; step <= total; step++) {
        await atStep(page, step, total);
        for (const problem of await page.evaluate(measureStep)) {
          // A problem is named once, at the first step that shows it (it usually stays for the rest).
          const key = `${problem.line} ${size.width} ${problem.what}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const line = Number(problem.line) || 1;
          found.push({ file: deck.file, line, column: 1, severity: 'error', message: `does not fit on a ${size.width}×${size.height} screen from step ${step} of ${total}: ${problem.what}` });
        }
        if (step < total) await page.keyboard.press('PageDown');
      }
    }
  } finally {
    await context.close();
  }
  return found;
}

/** Waits until the step counter says `step of total` (reveal.js has shown that step). */
async function atStep(page: Page, step: number, total: number): Promise<void> {
  await page.waitForFunction(([step, total]) => {
    const text = document.querySelector('.reveal .slide-number')?.textContent?.replace(/\s+/g, ' ').trim();
    return text === `${step} of ${total}`;
  }, [step, total] as const);
  // (One frame for what the step changed to be laid out.)
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
}

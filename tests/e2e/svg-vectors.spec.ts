// A figure can never run script nor reach another host: each known SVG script vector
// (tests/fixtures/svg-vectors.ts) goes through the core's compileDeck into a small page, where
// Chromium hovers, clicks (twice: a `begin="click"` animation arms on the first) and focuses
// every part of it. No dialog may open, no script error or console error may appear, and no
// request may leave 127.0.0.1. A control shows the same harness catching raw vectors. (With the
// old blocklist sanitizer, the animation vectors opened dialogs here, and a CSS escape and HTML
// in <desc> reached evil.test.)
import { expect, test, type Page } from '@playwright/test';
import { compileDeck } from '../../src/core/index.ts';
import { ISSUE_VECTOR, SVG_VECTORS, vectorDeck } from '../fixtures/svg-vectors.ts';

const PAGE = 'svg-vectors/';

const pageHtml = (slides: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SVG vectors</title><link rel="icon" href="#">` +
  // (Figures small, so that all of each is on screen for the mouse.)
  `<style>svg { width: 400px; height: 200px }</style></head>` +
  `<body><div class="reveal"><div class="slides">${slides}</div></div></body></html>`;

/** The slide the deck pipeline makes of a figure file. */
function compiledSlide(svg: string): string {
  const deck = compileDeck(vectorDeck(), { file: 'vector.md', readAsset: (p) => (p === 'figures/vector.svg' ? svg : undefined) });
  return deck.slides.map((s) => s.html).join('');
}

/**
 * Watches `page` for what must not happen: a dialog, a script error, a console error, a popup, a
 * request that leaves the origin, a navigation away from the page being tried (`expect(url)`).
 */
function watch(page: Page, origin: string): { expect(url: string): void; take(): string[] } {
  let incidents: string[] = [];
  let expected = '';
  page.on('dialog', (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => incidents.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') incidents.push(`console error: ${message.text()}`);
  });
  page.on('popup', (popup) => incidents.push(`popup: ${popup.url()}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(`${origin}/`)) incidents.push(`request: ${request.url()}`);
  });
  page.on('framenavigated', (frame) => {
    if (!frame.url().startsWith(expected)) incidents.push(`navigation: ${frame.url()}`);
  });
  return {
    expect(url) {
      expected = url;
    },
    take() {
      const taken = [...new Set(incidents)];
      incidents = [];
      return taken;
    },
  };
}

/** Serves each page of `pages` at PAGE + its index; nothing else is served, nothing may go elsewhere. */
async function serve(page: Page, baseURL: string, pages: string[]): Promise<{ origin: string; urls: string[] }> {
  const origin = new URL(baseURL).origin;
  const urls = pages.map((_, i) => new URL(`${PAGE}${i}`, baseURL).href);
  await page.route('**/*', (route) => {
    const index = urls.indexOf(route.request().url().replace(/#.*$/, ''));
    if (index >= 0) return route.fulfill({ contentType: 'text/html; charset=utf-8', body: pageHtml(pages[index]!) });
    return route.request().url().startsWith(`${origin}/`) ? route.fulfill({ status: 204 }) : route.abort();
  });
  return { origin, urls };
}

/** Hovers, clicks and focuses every part of every figure on the page, with the mouse, the keyboard and events. */
async function exercise(page: Page): Promise<void> {
  // Animations that begin at once have begun.
  await page.waitForTimeout(100);
  // Each part gets the events a reader's hand would send it; then come the real mouse, at one
  // point per distinct place (a link, its shape and its text often share one), and the keyboard.
  const { points, focusable } = await page.locator('.slides').evaluate((slides) => {
    const seen = new Map<string, { x: number; y: number }>();
    for (const element of slides.querySelectorAll('svg, svg *')) {
      for (const type of ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'click', 'dblclick']) {
        element.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window }));
      }
      element.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      (element as SVGElement).focus();
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const point = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
      seen.set(`${point.x},${point.y}`, point);
    }
    return { points: [...seen.values()], focusable: slides.querySelectorAll('svg a, svg [tabindex]').length };
  });
  // Twice: a `begin="click"` animation arms on the first click.
  for (let round = 0; round < 2; round++) {
    // (A click moves the mouse there first: the part is hovered, then pressed.)
    for (const point of points) await page.mouse.click(point.x, point.y);
    await page.waitForTimeout(50);
  }
  // Every focusable part in tab order, with Enter on each.
  for (let i = 0; i <= focusable; i++) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
  }
  await page.waitForTimeout(100);
}

/** Each page's incidents, by name; a page that could not be worked through says why. */
async function run(page: Page, baseURL: string, named: [string, string][]): Promise<Record<string, string[]>> {
  const { origin, urls } = await serve(page, baseURL, named.map(([, slides]) => slides));
  const watcher = watch(page, origin);
  const found: Record<string, string[]> = {};
  for (let i = 0; i < named.length; i++) {
    const name = named[i]![0];
    watcher.expect(urls[i]!);
    try {
      await page.goto(urls[i]!);
      await exercise(page);
    } catch (error) {
      found[name] = [`could not be worked through: ${String(error).split('\n')[0]}`];
    }
    const incidents = watcher.take();
    if (incidents.length > 0) found[name] = [...(found[name] ?? []), ...incidents];
  }
  return found;
}

// (In two halves, each in a page of its own, so that both workers share the vectors.)
const HALF = Math.ceil(SVG_VECTORS.length / 2);
for (const [k, vectors] of [SVG_VECTORS.slice(0, HALF), SVG_VECTORS.slice(HALF)].entries()) {
  test(`no known SVG script vector runs or reaches another host once it is a figure (vectors ${k * HALF + 1}–${k * HALF + vectors.length} of ${SVG_VECTORS.length})`, async ({ page, baseURL }) => {
    test.setTimeout(300_000);
    const found = await run(page, baseURL!, vectors.map((v) => [v.name, compiledSlide(v.svg)]));
    expect(found).toEqual({});
  });
}

test('control: the same harness catches the raw vectors, unsanitized', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const raw = (svg: string) => `<section><figure>${svg}</figure></section>`;
  const image = SVG_VECTORS.find((v) => v.name === '<image> and <feImage>')!;
  const found = await run(page, baseURL!, [['issue vector', raw(ISSUE_VECTOR.svg)], ['image', raw(image.svg)]]);
  expect(found['issue vector']).toContain('dialog: animate-href');
  expect(found['image']).toContain('request: https://evil.test/a.png');
});

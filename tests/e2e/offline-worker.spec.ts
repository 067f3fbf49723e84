// A deck with `offline: true` keeps working on a phone that opened it once (src/vite/offline.ts):
// a site built for this spec (tests/fixtures/decks/offline.md, beside a deck that does not opt in)
// and served under a sub-path, as GitHub Pages serves a repository's site, is opened online; once
// its worker is active (its install kept the page's files), the network goes (the browser offline
// and the server stopped), and the reloaded deck starts, walks to its last step with its pictures
// shown, and opens its presenter view. The other deck's page is no worker's. Back online, a new
// version of the page is what the reader gets, and then what the reader keeps; a new build's
// worker replaces the old cache.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { compileDeck, countFrames } from '../../src/core/index.ts';
import { serveFolders, type StaticServer } from '../../src/node/static-server.ts';
import { buildTestSite } from './test-site.ts';

const SOURCE = readFileSync('tests/fixtures/decks/offline.md', 'utf8');
const STEPS = countFrames(compileDeck(SOURCE, { file: 'offline.md' }));
const LAST_SLIDE = 'a-picture-as-half-the-slide';
/** The site's path, as a repository's on GitHub Pages. */
const BASE = '/some-repo/';

let site: string;
let server: StaticServer;
let port: number;
let context: BrowserContext;
let page: Page;

test.describe.configure({ mode: 'serial' });
// The other specs block service workers (playwright.config.ts); this one is about one.
test.use({ serviceWorkers: 'allow' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const work = mkdtempSync(path.join(tmpdir(), 'deck-offline-'));
  const decks = path.join(work, 'decks');
  mkdirSync(decks);
  writeFileSync(path.join(decks, 'offline.md'), SOURCE);
  writeFileSync(path.join(decks, 'online.md'), '---\ntitle: Online only\n---\n\n## This deck does not opt in\n');
  for (const folder of ['plots', 'media']) cpSync(path.join('slides', folder), path.join(decks, folder), { recursive: true });
  site = path.join(work, 'site');
  await (await buildTestSite(decks, site)).close();
  server = await serveFolders({ [BASE]: site }, 0);
  port = Number(new URL(server.url).port);
  context = await browser.newContext({ serviceWorkers: 'allow' });
  page = await context.newPage();
});

test.afterAll(async () => {
  await context?.close();
  await server?.close();
});

/** The deck's page, once its worker controls it with every file of its list kept. */
async function openUntilKept(url: string): Promise<{ missing: string[]; listed: number }> {
  await page.goto(url);
  await page.locator('.reveal.ready').waitFor();
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    const worker = await (await fetch(registration.active!.scriptURL)).text();
    const listed = (JSON.parse(worker.slice(worker.indexOf('=') + 1, worker.indexOf(';\n'))) as { pages: Record<string, string[]> }).pages['offline/']!;
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('deck-offline:offline/:'))!);
    const kept = new Set((await cache.keys()).map((request) => request.url));
    const wanted = [registration.scope, ...listed.map((file) => new URL(file, registration.active!.scriptURL).href)];
    return { missing: wanted.filter((url) => !kept.has(url)), listed: listed.length };
  });
}

test('opened once online, the deck starts, walks, shows its pictures and its presenter view offline', async () => {
  test.setTimeout(60_000);
  const { missing, listed } = await openUntilKept(`${server.url}${BASE}offline/`);
  // The page and every file of its list (scripts, sheet, fonts, pictures, the video).
  expect(listed).toBeGreaterThan(15);
  expect(missing).toEqual([]);

  await server.close();
  await context.setOffline(true);
  await page.reload();
  await page.locator('.reveal.ready').waitFor();
  for (let step = 1; step < STEPS; step++) await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(new RegExp(`#/${LAST_SLIDE}$`));
  // Every picture of the light theme (the page's theme) was shown on the way, in full.
  const pictures = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('.slides img')].filter((img) => !img.closest('.media-dark')).map((img) => ({ src: img.currentSrc, width: img.naturalWidth })),
  );
  expect(pictures.length).toBeGreaterThanOrEqual(2);
  expect(pictures.filter((p) => p.width === 0)).toEqual([]);
  const fonts = await page.evaluate(async () => (await document.fonts.ready, [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family)));
  expect(fonts).toEqual([]);
  // The video was read (its length is known: the worker answered its range requests).
  expect(await page.evaluate(() => document.querySelector('video')!.duration)).toBeGreaterThan(0);
  // The dark theme's picture was kept too.
  await page.keyboard.press('t');
  await page.goto(`${page.url().replace(/#.*$/, '')}#/a-picture-in-both-themes`);
  await expect.poll(() => page.evaluate(() => document.querySelector<HTMLImageElement>('.present .media-dark img')?.naturalWidth ?? 0)).toBeGreaterThan(0);
  await page.keyboard.press('t');

  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await expect(popup.locator('#current-slide iframe')).toBeAttached();
  await expect(popup.frameLocator('#current-slide iframe').locator('.reveal.ready')).toBeAttached();
  await popup.close();
});

test('a deck that did not opt in is no worker’s, and its page registers none', async () => {
  await context.setOffline(false);
  server = await serveFolders({ [BASE]: site }, port);
  await page.goto(`${server.url}${BASE}online/`);
  await page.locator('.reveal.ready').waitFor();
  expect(await page.evaluate(async () => ({ controlled: Boolean(navigator.serviceWorker.controller), registration: Boolean(await navigator.serviceWorker.getRegistration()) }))).toEqual({
    controlled: false,
    registration: false,
  });
  expect(readFileSync(path.join(site, 'online', 'index.html'), 'utf8')).not.toContain('serviceWorker');
});

test('online, a new version of the page is what the reader gets, and then keeps', async () => {
  const file = path.join(site, 'offline', 'index.html');
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll('A deck for the train', 'A deck for the train, revised'));
  // (The server keeps the files it has served in memory: a new one reads the new page.)
  await server.close();
  server = await serveFolders({ [BASE]: site }, port);
  await page.goto(`${server.url}${BASE}offline/`);
  await expect(page.locator('.reveal.ready h1')).toHaveText('A deck for the train, revised');
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  await server.close();
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('.reveal.ready h1')).toHaveText('A deck for the train, revised');
  await context.setOffline(false);
});

test('a new build’s worker replaces the old one’s cache with its own', async () => {
  const worker = path.join(site, 'sw.js');
  const before = /"version":"(\w+)"/.exec(readFileSync(worker, 'utf8'))![1]!;
  const caches = () => page.evaluate(async () => (await globalThis.caches.keys()).filter((name) => name.startsWith('deck-offline:')));
  // The old build's cache, read before the new worker is served: a navigation may look for a new
  // worker by itself, so after it the old cache may already be gone.
  expect(await caches()).toEqual([`deck-offline:offline/:${before}`]);
  writeFileSync(worker, readFileSync(worker, 'utf8').replace(`"version":"${before}"`, '"version":"rebuilt"'));
  server = await serveFolders({ [BASE]: site }, port);
  await page.goto(`${server.url}${BASE}offline/`);
  await page.locator('.reveal.ready').waitFor();
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  await expect.poll(caches).toEqual(['deck-offline:offline/:rebuilt']);
});

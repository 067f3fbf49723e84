// Citations, footnotes and diagrams in the browser, on a deck made for the test
// (tests/fixtures/decks/scholarly.md, with a long made-up bibliography) built into a site of its
// own: a citing slide's footer holds the full references it cites, linked; the long reference
// list continues over slides and nothing overflows at any step; the diagrams are drawn in either
// theme's colours with no request leaving 127.0.0.1; their nodes appear at their steps, as the
// text export says, and on the PDF's pages.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { compileDeck, deckFrames, type Deck } from '../../src/core/index.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import type { StaticServer } from '../../src/node/static-server.ts';
import { normalizeLines } from '../unit/seed.ts';
import { scholarlyFor } from '../unit/scholarly.ts';
import { guard } from './overflow-guard.ts';
import { buildTestSite, openCollectingAway } from './test-site.ts';
import { visibleLines } from './visible.ts';

const SOURCE_FILE = 'tests/fixtures/decks/scholarly.md';
const SOURCE = readFileSync(SOURCE_FILE, 'utf8');

let work = '';
let server: StaticServer;
let deck: Deck;
const site = () => path.join(work, 'site');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  deck = compileDeck(SOURCE, { file: SOURCE_FILE, readAsset: readAssetFromDisk(SOURCE_FILE), ...(await scholarlyFor([SOURCE])) });
  expect(deck.diagnostics).toEqual([]);
  work = mkdtempSync(path.join(tmpdir(), 'deck-scholarly-'));
  const decks = path.join(work, 'decks');
  mkdirSync(decks);
  writeFileSync(path.join(decks, 'scholarly.md'), SOURCE);
  copyFileSync('tests/fixtures/decks/scholarly.bib', path.join(decks, 'scholarly.bib'));
  server = await buildTestSite(decks, site());
});

test.afterAll(async () => {
  await server?.close();
});

/** Opens the deck, collecting every request that leaves the test's server. */
const open = (page: Page, hash = ''): Promise<string[]> => openCollectingAway(page, server, `${server.url}/scholarly/${hash}`);

test('a citing slide ends with a footer of the full references it cites, each linked by its DOI', async ({ page }) => {
  await open(page, '#/citing');
  const footer = page.locator('section.present > footer.cite-footer');
  await expect(footer).toBeVisible();
  await expect(footer.locator('li')).toHaveCount(2);
  await expect(footer.locator('li').first()).toContainText('(2001). A Very Long Study of Optimisers');
  await expect(footer.locator('a').first()).toHaveAttribute('href', 'https://doi.org/10.5555/test.0001');
  await expect(page.locator('section.present .cite').first()).toHaveText('(AuthorB and AuthorC, 2001, p. 12)');
  // At the bottom of the slide, below its text, inside it.
  const [text, foot, slide] = await Promise.all(['section.present > p', 'section.present > footer', 'section.present'].map((s) => page.locator(s).first().boundingBox()));
  expect(foot!.y).toBeGreaterThan(text!.y + text!.height);
  expect(foot!.y + foot!.height).toBeLessThanOrEqual(slide!.y + slide!.height + 1);
});

test('the long reference list continues over slides, and nothing overflows at any step', async ({ page }) => {
  const pages = deck.slides.filter((s) => s.id.startsWith('references'));
  expect(pages.length).toBeGreaterThan(1);
  // Every cited entry is listed once.
  const listed = pages.flatMap((s) => [...s.html.matchAll(/<li id="ref-([^"]+)"/g)].map((m) => m[1]));
  expect(listed.sort()).toEqual(Array.from({ length: 22 }, (_, i) => `paper${String(i + 1).padStart(2, '0')}`));
  expect(await guard(page, deck, `${server.url}/scholarly/`)).toEqual([]);
});

test('diagrams are drawn in the theme’s colours, light and dark, and nothing comes from another host', async ({ page }) => {
  const away = await open(page, '#/graph');
  await page.keyboard.press('PageDown');
  const colours = () =>
    page.evaluate(() => {
      const section = document.querySelector('.reveal section.present')!;
      const ink = getComputedStyle(section).color;
      const text = section.querySelector('figure.diagram text')!;
      const edge = section.querySelector('figure.diagram .edge path')!;
      return { ink, text: getComputedStyle(text).fill, edge: getComputedStyle(edge).stroke };
    });
  const light = await colours();
  expect(light.text).toBe(light.ink);
  expect(light.edge).toBe(light.ink);
  await page.keyboard.press('t');
  await expect.poll(async () => (await colours()).ink).not.toBe(light.ink);
  const dark = await colours();
  expect(dark.text).toBe(dark.ink);
  expect(dark.edge).toBe(dark.ink);
  // The Mermaid diagram's words, in the slide's font and ink.
  await page.goto(`${server.url}/scholarly/#/flow`);
  // (Only the hash changed: reveal.js moves to the slide after the navigation has ended.)
  await page.locator('.reveal section#flow.present figure.diagram text').first().waitFor();
  const font = await page.evaluate(() => {
    const text = document.querySelector('.reveal section.present figure.diagram text')!;
    return { family: getComputedStyle(text).fontFamily, main: getComputedStyle(document.querySelector('.reveal')!).fontFamily };
  });
  expect(font.family).toBe(font.main);
  expect(away).toEqual([]);
  // No Mermaid or Graphviz reaches the page.
  const html = readFileSync(path.join(site(), 'scholarly', 'index.html'), 'utf8');
  expect(html).not.toMatch(/@import|fonts\.googleapis|<script[^>]*mermaid|viz\.js/);
});

test('a diagram’s nodes appear at their steps, as the text export shows them', async ({ page }) => {
  await open(page, '#/flow');
  const index = deck.slides.findIndex((s) => s.id === 'flow');
  const frames = deckFrames({ ...deck, slides: [deck.slides[index]!] });
  expect(frames).toHaveLength(3);
  const shown = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('.reveal section.present figure.diagram .node')]
        .filter((el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
        .map((el) => el.textContent!.trim()),
    );
  const expected = [['Data'], ['Data', 'Model'], ['Data', 'Model', 'Metrics']];
  for (const [step, frame] of frames.entries()) {
    await expect.poll(shown, { message: `step ${step}` }).toEqual(expected[step]);
    await expect.poll(async () => normalizeLines(await visibleLines(page)), { message: `step ${step}` }).toEqual(normalizeLines(frame.lines));
    if (step < frames.length - 1) await page.keyboard.press('PageDown');
  }
});

test('in the print view behind the PDF, each page of a diagram shows the nodes of its step', async ({ page }) => {
  await page.goto(`${server.url}/scholarly/?print-pdf`);
  await page.locator('html[data-pdf-ready]').waitFor({ state: 'attached' });
  const printed = await page.evaluate(() =>
    [...document.querySelectorAll('.reveal .pdf-page')]
      .filter((p) => p.querySelector('section#flow'))
      .map((p) =>
        [...p.querySelectorAll('figure.diagram .node')]
          .filter((el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
          .map((el) => el.textContent!.trim()),
      ),
  );
  expect(printed).toEqual([['Data'], ['Data', 'Model'], ['Data', 'Model', 'Metrics']]);
});

test('the talk’s page carries none of it', () => {
  const talk = readFileSync('dist/index.html', 'utf8');
  expect(talk).not.toMatch(/data-deck="(citations|diagrams)"|cite-footer|figure class="diagram/);
});

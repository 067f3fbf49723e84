// Formulas in the browser, on a deck made for the test (tests/fixtures/decks/math.md) built into a
// site of its own: the parts of a formula appear at their steps with the step counter, what is on
// screen is the text export's frame at every step, a wide formula is scaled to fit, a link to a
// numbered equation opens the step that shows it, screen readers are told a formula once, the
// exports hold it, no request leaves 127.0.0.1; and the talk's page loads nothing of KaTeX.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import katex from 'katex';
import { PDFDocument } from 'pdf-lib';
import { expect, test, type Page } from '@playwright/test';
import { compileDeck, countFrames, deckFrames, framesToText } from '../../src/core/index.ts';
import type { StaticServer } from '../../src/node/static-server.ts';
import { normalizeLines } from '../unit/seed.ts';
import { guard, serveDeck } from './overflow-guard.ts';
import { buildTestSite, openCollectingAway } from './test-site.ts';
import { visibleLines } from './visible.ts';

const SOURCE_FILE = 'tests/fixtures/decks/math.md';
const SOURCE = readFileSync(SOURCE_FILE, 'utf8');
const deck = compileDeck(SOURCE, { file: SOURCE_FILE, katex });
const frames = deckFrames(deck);

let work = '';
let server: StaticServer;
const site = () => path.join(work, 'site');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  work = mkdtempSync(path.join(tmpdir(), 'deck-math-'));
  const decks = path.join(work, 'decks');
  mkdirSync(decks);
  writeFileSync(path.join(decks, 'math.md'), SOURCE);
  server = await buildTestSite(decks, site());
});

test.afterAll(async () => {
  await server?.close();
});

/** Opens the math deck, collecting every request that leaves the test's server. */
const open = (page: Page, hash = ''): Promise<string[]> => openCollectingAway(page, server, `${server.url}/math/${hash}`);

/** The stepped parts of the current slide's formulas that are on screen. */
const shownParts = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides section.present .katex-html .fragment')]
      .filter((el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
      .map((el) => (el.textContent ?? '').replace(/\u200b/g, '')),
  );

test('walking the deck: formula parts appear at their steps, with the step counter and the frames’ text, and nothing comes from another host', async ({ page }) => {
  const away = await open(page);
  const total = countFrames(deck);
  expect(total).toBe(frames.length);
  // How many parts of "A formula built step by step" are on screen at frames 3–6 (2 parts, then a list item).
  const parts: Record<number, number> = { 3: 0, 4: 1, 5: 2, 6: 2 };
  for (const [i, frame] of frames.entries()) {
    const step = i + 1;
    await expect(page.locator('.reveal .slide-number')).toHaveText(new RegExp(`^\\s*${step}\\s+of\\s+${total}\\s*$`));
    await expect.poll(async () => normalizeLines(await visibleLines(page)), { message: `step ${step}` }).toEqual(normalizeLines(frame.lines));
    if (parts[step] !== undefined) expect(await shownParts(page), `step ${step}`).toHaveLength(parts[step]!);
    if (step < total) await page.keyboard.press('PageDown');
  }
  expect(away).toEqual([]);
});

test('a row of an aligned environment appears at its step, the others at theirs', async ({ page }) => {
  await open(page, '#/rows-of-an-alignment');
  // Each stepped row's cells (KaTeX lays them out column by column), by the step they appear at: shown or not.
  const rows = () =>
    page.evaluate(() => {
      const cells = [...document.querySelectorAll('.reveal section.present .katex-html .fragment')];
      const state = cells.map((el) => `${el.getAttribute('data-fragment-index')}:${el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })}`);
      return [...new Set(state)].sort();
    });
  // Row 2 at the slide's step 1, the paragraph at step 2, row 3 at step 3.
  expect(await rows()).toEqual(['0:false', '2:false']);
  await page.keyboard.press('PageDown');
  await expect.poll(rows).toEqual(['0:true', '2:false']);
  await page.keyboard.press('PageDown');
  await expect(page.locator('section.present p', { hasText: 'holds for all' })).toBeVisible();
  expect(await rows()).toEqual(['0:true', '2:false']);
  await page.keyboard.press('PageDown');
  await expect.poll(rows).toEqual(['0:true', '2:true']);
});

test('screen readers get MathML, and the step announcer reads a formula once, as its TeX', async ({ page }) => {
  await open(page, '#/a-formula-built-step-by-step');
  // Drawn glyphs are hidden from screen readers; the MathML of the step shown is the one in the accessibility tree.
  await expect(page.locator('section.present .katex-html').first()).toHaveAttribute('aria-hidden', 'true');
  const readable = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('section.present .katex-mathml math')].filter((m) => m.closest('.math-state')!.checkVisibility({ checkVisibilityCSS: true })).map((m) => m.querySelector('annotation')!.textContent!.trim()),
    );
  expect(await readable()).toEqual(['\\mathcal{L}(\\theta) =']);
  await page.keyboard.press('PageDown');
  const announced = page.locator('.deck-announcer');
  await expect(announced).toHaveText('$$\\mathcal{L}(\\theta) = \\frac{1}{N} \\sum_{i=1}^{N} \\ell(f_\\theta(x_i), y_i)$$');
  expect(await readable()).toEqual(['\\mathcal{L}(\\theta) = \\frac{1}{N} \\sum_{i=1}^{N} \\ell(f_\\theta(x_i), y_i)']);
  await page.keyboard.press('PageDown');
  await expect(announced).toContainText('\\lambda \\lVert \\theta \\rVert^2$$');
  expect((await announced.textContent())!.match(/\$\$/g)).toHaveLength(2);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
});

test('a display formula wider than the slide is scaled down to fit, and nothing overflows at any step', async ({ page }) => {
  await open(page, '#/wide-and-late');
  const wide = page.locator('section.present .katex-display').first();
  const scale = Number.parseFloat(await wide.evaluate((el) => (el as HTMLElement).style.fontSize));
  expect(scale).toBeGreaterThanOrEqual(0.6);
  expect(scale).toBeLessThan(1);
  for (const size of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
    await page.setViewportSize(size);
    expect(await guard(page, deck, `${server.url}/math/`)).toEqual([]);
  }
});

test('the overflow guard names a formula too wide even at 60%', async ({ page }) => {
  const terms = Array.from({ length: 40 }, (_, i) => `a_{${i}} x^{${i}}`).join(' + ');
  const wide = compileDeck(`## Far too wide\n\n$$ f(x) = ${terms} $$\n`, { file: 'slides/too-wide.md', katex });
  const url = await serveDeck(page, wide, 'math', site());
  const problems = await guard(page, wide, `${server.url}/${url.replace(/^\.\//, '')}`);
  expect(problems.length).toBeGreaterThan(0);
  expect(problems[0]).toMatch(/^slides\/too-wide\.md:1: step 1 of 1 at \d+×\d+: <span[\w.-]*> "formula \$\$f\(x\) = a_\{0\} x\^\{0\}.*" reaches \d+px past the (right|left)/);
});

test('a link to a numbered equation opens its slide at the step that shows it', async ({ page }) => {
  await open(page);
  await page.keyboard.press('PageDown');
  await page.locator('section.present a.equation-ref', { hasText: 'Eq. (3)' }).click();
  await expect(page.locator('#eq-euler')).toBeVisible();
  const wide = deck.slides.findIndex((s) => s.id === 'wide-and-late');
  const number = deck.slides.slice(0, wide).reduce((sum, s) => sum + s.steps.length, 0) + 2;
  await expect(page.locator('.reveal .slide-number')).toHaveText(new RegExp(`^\\s*${number}\\s+of\\s+${frames.length}\\s*$`));
  await expect(page).toHaveURL(/#\/wide-and-late\/0$/);
});

test('the exports hold the formulas: a PDF page per step, the text export reads them as TeX, the single file draws them offline from file://', async ({ browser }) => {
  test.setTimeout(180_000);
  const out = path.join(work, 'out');
  execFileSync(path.join('node_modules', '.bin', 'tsx'), ['scripts/export.ts', 'pdf', 'text', 'html', '--site', site(), '--out', out, path.join(work, 'decks', 'math.md')], { stdio: 'pipe' });
  expect((await PDFDocument.load(readFileSync(path.join(out, 'math.pdf')))).getPageCount()).toBe(frames.length);
  const text = readFileSync(path.join(out, 'math.txt'), 'utf8');
  expect(text).toBe(framesToText(frames));
  expect(text).toContain('$$\\mathcal{L}(\\theta) = \\frac{1}{N} \\sum_{i=1}^{N} \\ell(f_\\theta(x_i), y_i)$$');

  const file = path.join(mkdtempSync(path.join(tmpdir(), 'deck-math-usb-')), 'math.html');
  copyFileSync(path.join(out, 'math.html'), file);
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 720 } });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.locator('.reveal.ready').waitFor();
  await page.evaluate(() => document.fonts.ready);
  // KaTeX's faces are in the file and loaded, and the formula is laid out by them.
  expect(await page.evaluate(() => [...document.fonts].filter((f) => f.family.startsWith('KaTeX') && f.status === 'loaded').length)).toBeGreaterThan(2);
  await page.keyboard.press('PageDown');
  await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(frames[1]!.lines));
  expect(requests.filter((u) => !u.startsWith('file:') && !/^(data|blob):/.test(u))).toEqual([]);
  await context.close();
});

test('the talk’s page and everything it loads hold no byte of KaTeX', () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'latin1');
    expect(text, file).not.toMatch(/katex/i);
    for (const m of text.matchAll(/(?:\.\.?\/)*assets\/[\w.-]+\.(?:js|css|woff2)|(?<=["'(])\.\/[\w.-]+\.(?:js|css|woff2)/g)) {
      visit(path.join('dist/assets', path.basename(m[0])));
    }
  };
  visit('dist/index.html');
  expect([...seen].some((f) => f.endsWith('.css'))).toBe(true);
  expect([...seen].some((f) => /main-.*\.js$/.test(f))).toBe(true);
  // …while a page with formulas gets them (this test's site).
  expect(readFileSync(path.join(site(), 'math/index.html'), 'utf8')).toMatch(/font-family:KaTeX_Main/);
});

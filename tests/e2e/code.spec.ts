// Code blocks in the browser, on a site built for the test from the decks in
// tests/fixtures/decks/code/ (with `vite build`, as readers get it, served from 127.0.0.1): the
// highlighted lines at every step are the text export's, in the step counter and the URL; both
// themes recolour the code; long code scrolls to its highlighted lines, on screen and in the PDF;
// copying leaves line numbers out; nothing is fetched from elsewhere and no highlighter code is
// shipped; the talk's page loads nothing of it; live reload follows a code file.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseFragment } from 'parse5';
import { PDFDocument } from 'pdf-lib';
import { createServer, type ViteDevServer } from 'vite';
import { compileDeck, countFrames, deckFrames, framesToText, type Deck } from '../../src/core/index.ts';
import { FEATURE_READERS, parse5Reader } from '../../src/core/frames.ts';
import { frameItems, BLOCK_BREAK } from '../../src/core/visibility.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import type { StaticServer } from '../../src/node/static-server.ts';
import { buildTestSite } from './test-site.ts';
import { exportText } from '../../scripts/export-text.ts';
import { guard } from './overflow-guard.ts';
import { axeViolations } from './a11y-checks.ts';
import { settle } from './settle.ts';

const FIXTURES = 'tests/fixtures/decks/code';
const compile = (name: string): Deck => {
  const file = `${FIXTURES}/${name}.md`;
  return compileDeck(readFileSync(file, 'utf8'), { file, readAsset: readAssetFromDisk(file) });
};
const deck = compile('code');

test.describe.configure({ mode: 'serial' });

let work: string;
let server: StaticServer;
let site: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  work = mkdtempSync(path.join(tmpdir(), 'deck-code-'));
  const decks = path.join(work, 'decks');
  cpSync(FIXTURES, decks, { recursive: true });
  site = path.join(work, 'site');
  server = await buildTestSite(decks, site);
});

test.afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function open(page: Page, deckName: string, hash = ''): Promise<void> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${server.url}/${deckName}/${hash}`);
  await page.locator('.reveal.ready').waitFor();
  await page.evaluate(() => document.fonts.ready);
}

/** In the page: the present slide's code lines, as the text export writes them (`▶` on a highlighted line). */
function shownCodeLines(): string[] {
  const slide = document.querySelector('.reveal .slides section.present')!;
  const out: string[] = [];
  for (const pre of slide.querySelectorAll<HTMLElement>('pre.code')) {
    if (!pre.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    for (const line of pre.querySelectorAll<HTMLElement>(':scope > code > .line')) {
      // Highlighted: drawn on the band; the others are dim.
      const lit = getComputedStyle(line).backgroundColor !== 'rgba(0, 0, 0, 0)';
      const marker = pre.classList.contains('code-steps') ? (lit ? '▶' : ' ') : '';
      out.push(`${marker}|${(line.textContent ?? '').replace(/\s+$/, '')}`);
    }
  }
  return out;
}

/** The same from the deck model: the text export's code lines of a slide at a step (src/core/visibility.ts). */
function exportedCodeLines(html: string, step: number): string[] {
  return frameItems(parse5Reader, parseFragment(html).childNodes, step, FEATURE_READERS)
    .filter((item) => item !== BLOCK_BREAK && parse5Reader.tag(item.node) === 'pre')
    .map((item) => (item === BLOCK_BREAK ? '' : `${item.marker}|${item.text}`));
}

test('at every step the highlighted lines on screen are the text export’s, with the step counter and the URL', async ({ page }) => {
  await open(page, 'code');
  const total = countFrames(deck);
  let k = 0;
  for (const slide of deck.slides) {
    for (const step of slide.steps) {
      k++;
      await expect(page.locator('.reveal .slide-number')).toHaveText(new RegExp(`^\\s*${k}\\s+of\\s+${total}\\s*$`));
      // (The page as opened has no slide in its URL; every step after names its slide and step.)
      if (k > 1) await expect(page).toHaveURL(new RegExp(`#/${slide.id}${step.index > 0 ? `/${step.index - 1}` : ''}$`));
      const want = exportedCodeLines(slide.html, step.index);
      // (Not every line is undimmed in the same frame as its step's class: wait for the settled view.)
      await expect.poll(() => page.evaluate(shownCodeLines), { message: `${slide.id} step ${step.index}` }).toEqual(want);
      if (k < total) await page.keyboard.press('PageDown');
    }
  }
  // The stepped slides do step: some frames highlight other lines than the one before.
  const stepped = deck.slides.find((s) => s.id === 'stepped-highlighting')!;
  expect(exportedCodeLines(stepped.html, 0).filter((l) => l.startsWith('▶'))).toEqual(['▶|def train(model, data, epochs=3):']);
  expect(exportedCodeLines(stepped.html, 1).filter((l) => l.startsWith('▶'))).toHaveLength(3);
});

test('the text export (npm run export:text) has the code’s lines, the highlighted ones marked', async () => {
  const out = path.join(work, 'text');
  const { file, frames } = await exportText(`${FIXTURES}/code.md`, out);
  const text = readFileSync(file, 'utf8');
  expect(frames).toBe(countFrames(deck));
  expect(text).toBe(framesToText(deckFrames(deck)));
  // (A blank line of code keeps its two spaces: blank lines in the export separate blocks.)
  expect(text).toContain('  import torch\n  \n▶ def train(model, data, epochs=3):\n      opt = torch.optim.Adam');
  expect(text).toContain('▶         for x, y in data:'); // from the file, its #region
});

test('both themes recolour the code: the system’s setting, and T', async ({ browser }) => {
  const colours = (page: Page) =>
    page.evaluate(() => {
      const pre = document.querySelector<HTMLElement>('section.present pre.code')!;
      const keyword = pre.querySelector<HTMLElement>('.line span[style]')!;
      return { keyword: getComputedStyle(keyword).color, block: getComputedStyle(pre).backgroundColor, ink: getComputedStyle(pre).color };
    });
  const light = { keyword: 'rgb(160, 17, 31)', block: 'rgb(247, 244, 236)', ink: 'rgb(28, 27, 26)' };
  const dark = { keyword: 'rgb(255, 148, 146)', block: 'rgb(30, 33, 40)', ink: 'rgb(238, 235, 228)' };
  for (const [scheme, first] of [['light', light], ['dark', dark]] as const) {
    const page = await browser.newPage({ colorScheme: scheme });
    await open(page, 'code', '#/highlighted-code');
    expect(await colours(page)).toEqual(first);
    // T: auto → dark → light.
    await page.keyboard.press('t');
    expect(await colours(page)).toEqual(dark);
    await page.keyboard.press('t');
    expect(await colours(page)).toEqual(light);
    await page.close();
  }
});

test('nothing is fetched from elsewhere, and no highlighter code reaches the browser', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await open(page, 'code');
  for (let k = 1; k < countFrames(deck); k++) await page.keyboard.press('PageDown');
  await expect(page.locator('.reveal .slide-number')).toContainText(`${countFrames(deck)} of`);
  expect(requests.filter((url) => new URL(url).hostname !== '127.0.0.1' && !url.startsWith('data:'))).toEqual([]);
  const scripts = readdirSync(path.join(site, 'assets')).filter((f) => f.endsWith('.js'));
  for (const file of scripts) {
    const text = readFileSync(path.join(site, 'assets', file), 'utf8');
    expect(text, file).not.toMatch(/shiki|oniguruma|textmate|tokenizeLine|grammar/i);
  }
  // The code font came with the page, cut to its code: a few KiB.
  const fonts = requests.filter((u) => u.includes('jetbrains-mono'));
  expect(fonts).toHaveLength(1);
  expect((await (await page.request.get(fonts[0]!)).body()).length).toBeLessThan(8_000);
  const drawn = await page.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'JetBrains Mono').map((f) => f.status));
  expect(drawn).toEqual(['loaded']);
});

test('the talk’s page loads nothing of code or formulas: no code sheet, no code font, no code script, no readers of either', async ({ page, baseURL }) => {
  const requests: string[] = [];
  const scripts: Promise<string>[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) scripts.push(response.text());
  });
  await page.goto(baseURL!);
  await page.locator('.reveal.ready').waitFor();
  // How a code block or a formula reads (src/core/syntax/code/lines.ts, math/read-as.ts) ships with their pages only.
  const script = (await Promise.all(scripts)).join('\n');
  expect(script).toMatch(/deck-announcer/);
  expect(script).not.toMatch(/code-stage|Highlighted: |data-text/);
  expect(await page.locator('style[data-deck="code"]').count()).toBe(0);
  expect(await page.evaluate(() => [...document.fonts].map((f) => f.family.replace(/"/g, '')))).not.toContain('JetBrains Mono');
  expect(requests.filter((u) => /jetbrains|code-[\w-]+\.js/.test(u))).toEqual([]);
  const html = await (await page.request.get(baseURL!)).text();
  expect(html).not.toMatch(/JetBrains|code-steps|--deck-code/);
});

test('long code scrolls so that the highlighted lines are in view at each step', async ({ page }) => {
  await open(page, 'code', '#/long-code');
  const view = () =>
    page.evaluate(() => {
      const pre = document.querySelector<HTMLElement>('section.present pre.code')!;
      const stage = pre.querySelectorAll(':scope > code > i.code-stage.visible').length;
      const box = pre.getBoundingClientRect();
      const lit = [...pre.querySelectorAll<HTMLElement>(`:scope > code > .line.s${stage}`)];
      const inView = lit.every((l) => l.getBoundingClientRect().top >= box.top - 1 && l.getBoundingClientRect().bottom <= box.bottom + 1);
      return { scrolls: pre.scrollHeight > pre.clientHeight, inView, scrollTop: Math.round(pre.scrollTop), lit: lit.length };
    });
  const tops: number[] = [];
  for (let stage = 0; stage < 3; stage++) {
    await expect.poll(view).toMatchObject({ scrolls: true, inView: true });
    tops.push((await view()).scrollTop);
    await page.keyboard.press('PageDown');
  }
  expect(tops[0]).toBe(0);
  expect(tops[1]).toBeGreaterThan(tops[0]!);
  expect(tops[2]).toBeGreaterThan(tops[1]!);
});

test('a long block that grew by animation from the slide before still scrolls by hand, in motion or not', async ({ page }) => {
  // reveal.js keeps `overflow: hidden` on a moved <pre> until its next animation (code-animate.md).
  const scroll = async () => {
    const pre = page.locator('section.present pre.code');
    await settle(page);
    await expect.poll(() => pre.evaluate((el) => [getComputedStyle(el).overflowY, el.scrollHeight > el.clientHeight + 1])).toEqual(['auto', true]);
    await pre.hover();
    await page.mouse.wheel(0, 200);
    await expect.poll(() => pre.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  };
  await open(page, 'code-animate');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/code-that-grows-2$/);
  await scroll();
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.keyboard.press('ArrowLeft');
  await settle(page);
  await page.keyboard.press('ArrowRight');
  await scroll();
});

test('the PDF has a page per step, and each page of long code shows that step’s highlighted lines', async ({ page }) => {
  await page.goto(`${server.url}/code/?print-pdf`);
  await page.locator('html[data-pdf-ready]').waitFor({ state: 'attached' });
  await page.evaluate(() => document.fonts.ready);
  const pages = await page.evaluate(() =>
    [...document.querySelectorAll('.reveal .pdf-page')].map((p) => {
      const pre = p.querySelector<HTMLElement>('pre.code-steps');
      if (!pre) return null;
      const stage = pre.querySelectorAll(':scope > code > i.code-stage.visible').length;
      const box = pre.getBoundingClientRect();
      const lit = [...pre.querySelectorAll<HTMLElement>(`:scope > code > .line.s${stage}`)];
      return lit.length > 0 && lit.every((l) => l.getBoundingClientRect().top >= box.top - 1 && l.getBoundingClientRect().bottom <= box.bottom + 1);
    }),
  );
  expect(pages).toHaveLength(countFrames(deck));
  expect(pages.filter((p) => p === false)).toEqual([]);
  const pdf = await PDFDocument.load(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(pdf.getPageCount()).toBe(countFrames(deck));
});

test('copying code gives the code without its line numbers', async ({ page }) => {
  await open(page, 'code', '#/line-numbers');
  const copied = await page.evaluate(() => {
    const code = document.querySelector('section.present pre.code > code')!;
    const range = document.createRange();
    range.selectNodeContents(code);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    return getSelection()!.toString();
  });
  expect(copied).toBe('def evaluate(model, data):\n    model.eval()\n    return sum(model(x).loss(y) for x, y in data)');
  // The numbers are drawn: 41, 42, 43.
  expect(await page.locator('section.present pre.code .line').first().evaluate((el) => getComputedStyle(el, '::before').content)).toBe('counter(line)');
});

test('the presenter’s preview of the next step shows the lines it highlights', async ({ page }) => {
  await open(page, 'code', '#/stepped-highlighting');
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  const lit = (which: string) =>
    popup
      .frameLocator(`#${which}-slide iframe`)
      .locator('section.present pre.code .line')
      .evaluateAll((lines) => lines.map((l) => (getComputedStyle(l).backgroundColor !== 'rgba(0, 0, 0, 0)' ? '▶' : '·')).join(''));
  await expect.poll(() => lit('current'), { timeout: 15_000 }).toBe('··▶····');
  await expect.poll(() => lit('upcoming'), { timeout: 15_000 }).toBe('····▶▶▶');
});

test('a highlight step is announced with the lines it highlights', async ({ page }) => {
  await open(page, 'code', '#/stepped-highlighting');
  await page.keyboard.press('PageDown');
  await expect(page.locator('[aria-live]')).toContainText('Highlighted: for x, y in data:');
  await expect(page.locator('[aria-live]')).not.toContainText('import torch');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no WCAG 2.1 A/AA violation at any step of the code deck (${colorScheme})`, async ({ page }) => {
    test.slow();
    await page.emulateMedia({ colorScheme });
    await open(page, 'code');
    const total = countFrames(deck);
    for (let k = 1; k <= total; k++) {
      await expect(page.locator('.reveal .slide-number')).toHaveText(new RegExp(`^\\s*${k}\\s+of`));
      await settle(page);
      // (The same axe run as the deck-wide walks: in the page itself, the axe-core already there reused.)
      expect(await axeViolations(page), `step ${k}`).toEqual([]);
      if (k < total) await page.keyboard.press('PageDown');
    }
  });
}

test('nothing in the code deck overflows, at 1280×720 and 1024×768', async ({ page }) => {
  test.slow();
  for (const size of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
    await page.setViewportSize(size);
    expect(await guard(page, deck, `${server.url}/code/`)).toEqual([]);
  }
});

test('the overflow guard names a block that cannot show its highlighted lines, one too wide, and one whose wrapped lines are too tall', async ({ page }) => {
  const overflowing = compile('code-overflow');
  const problems = await guard(page, overflowing, `${server.url}/code-overflow/`);
  const lineOf = (title: string) => overflowing.slides.find((s) => s.title === title)!.line;
  expect(problems.filter((p) => p.includes(`:${lineOf('Fits')}:`))).toEqual([]);
  expect(problems).toContainEqual(expect.stringMatching(new RegExp(`code-overflow\\.md:${lineOf('Too tall to highlight')}: .*<pre\\.code> "value_01 = 1 \\* scale" cannot show its highlighted lines`)));
  expect(problems).toContainEqual(expect.stringMatching(new RegExp(`code-overflow\\.md:${lineOf('Too wide')}: .*is wider than the slide`)));
  // A block that wraps its lines is never too wide, but its wrapped rows can be too tall.
  expect(problems).toContainEqual(expect.stringMatching(new RegExp(`code-overflow\\.md:${lineOf('Too tall when wrapped')}: .*<pre\\.code> "wrapped_1 = term_1_0 \\+ term_1_1 \\+ term_1" cannot show all its lines`)));
});

test.describe('live reload', () => {
  let dev: ViteDevServer;
  let decks: string;

  test.beforeAll(async () => {
    decks = path.join(work, 'dev-decks');
    cpSync(FIXTURES, decks, { recursive: true });
    const before = process.env.DECKS_DIR;
    process.env.DECKS_DIR = decks;
    try {
      dev = await createServer({ logLevel: 'silent', clearScreen: false, server: { port: 0, strictPort: false, host: '127.0.0.1' } });
      await dev.listen();
    } finally {
      if (before === undefined) delete process.env.DECKS_DIR;
      else process.env.DECKS_DIR = before;
    }
  });

  test.afterAll(async () => {
    await dev?.close();
  });

  test('a change to a code file shows in the open deck, on the same step', async ({ page }) => {
    test.slow(); // the dev server compiles on first request
    await page.goto(`${dev.resolvedUrls!.local[0]}code/#/code-from-a-file/0`);
    await page.locator('.reveal.ready').waitFor();
    await expect(page.locator('section.present pre.code')).toContainText('opt.zero_grad()');
    const file = path.join(decks, 'code', 'train.py');
    const edited = readFileSync(file, 'utf8').replace('opt.zero_grad()', 'opt.zero_grad(set_to_none=True)');
    // The watcher of a server just started may still be reading the folder (on a loaded machine):
    // the save is made again, a few times, until the deck shows it.
    await expect(async () => {
      writeFileSync(file, edited);
      await expect(page.locator('section.present pre.code')).toContainText('opt.zero_grad(set_to_none=True)', { timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page).toHaveURL(/#\/code-from-a-file\/0$/);
  });
});

test('on a phone, a block that says scroll ({.code-overflow-scroll}) and is wider than the screen scrolls sideways under the finger, and an upward swipe on it is still one step', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await open(page, 'code', '#/stepped-highlighting');
  const cdp = await context.newCDPSession(page);
  const drag = async (from: { x: number; y: number }, to: { x: number; y: number }) => {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
    for (let k = 1; k <= 8; k++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from.x + ((to.x - from.x) * k) / 8, y: from.y + ((to.y - from.y) * k) / 8 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  const pre = page.locator('section#stepped-highlighting pre.code');
  await pre.scrollIntoViewIfNeeded();
  const wide = await pre.evaluate((el) => ({ scrolls: el.scrollWidth > el.clientWidth + 1, left: el.scrollLeft }));
  expect(wide, 'the test needs a block wider than the phone').toEqual({ scrolls: true, left: 0 });
  const box = (await pre.boundingBox())!;
  const middle = { x: box.x + box.width * 0.7, y: box.y + box.height / 2 };
  const step = () => page.evaluate(() => location.hash);
  const before = await step();
  await drag(middle, { x: middle.x - 150, y: middle.y });
  await expect.poll(() => pre.evaluate((el) => el.scrollLeft)).toBeGreaterThan(50);
  expect(await step()).toBe(before);
  await drag({ x: middle.x, y: middle.y + 60 }, { x: middle.x, y: middle.y - 60 });
  await expect.poll(step).not.toBe(before);
  await context.close();
});

// The exports, made by the real CLI (`npm run export`) and read back: PDF page counts against steps
// and slides, the print view's pages against the frames, the single HTML file opened from disk
// with the network off and stepped through, and the text export.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { PDFDocument } from 'pdf-lib';
import { keepLastStepOfEachSlide } from '../../scripts/export-pdf.ts';
import { compileDeck, countFrames, deckFrames, framesToText, type Frame } from '../../src/core/index.ts';
import { talk } from './talk.ts';
import { normalizeLines } from '../unit/seed.ts';
import { visibleLines } from './visible.ts';

const deck = talk;
const frames = deckFrames(deck);
let out = '';
const exported = (suffix: string) => path.join(out, `collaborations-in-ml${suffix}`);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  out = mkdtempSync(path.join(tmpdir(), 'deck-exports-'));
  // --no-build: the site in dist/ is what the preview server serves to the other tests.
  execFileSync(path.join('node_modules', '.bin', 'tsx'), ['scripts/export.ts', '--out', out, '--no-build'], { stdio: 'pipe' });
});

async function pdfPages(file: string) {
  const pdf = await PDFDocument.load(readFileSync(file));
  return pdf.getPages().map((page) => page.getSize());
}

test('the PDF has one 16:9 page per build step', async () => {
  const pages = await pdfPages(exported('.pdf'));
  expect(pages).toHaveLength(countFrames(deck));
  for (const { width, height } of pages) expect(width / height).toBeCloseTo(16 / 9, 1);
});

test('the handout PDF has one page per slide', async () => {
  const pages = await pdfPages(exported('.slides.pdf'));
  expect(pages).toHaveLength(deck.slides.length);
  expect(deck.slides.length).toBeLessThan(countFrames(deck));
});

type Printed = { text: string; number: string };
const readPrintView = () =>
  [...document.querySelectorAll('.reveal .pdf-page')].map((page) => ({
    text: (page.querySelector('section') as HTMLElement).innerText,
    number: page.querySelector('.slide-number-pdf')?.textContent ?? '',
  }));
const printedLines = (text: string) => normalizeLines(text.split('\n').map((line) => line.trim()).filter(Boolean));
const frameLines = (frame: Frame) =>
  normalizeLines(frame.lines.map((line) => line.replace(/^\s*(?:•|\d+\.)\s+/, '').trim()).filter(Boolean));

function expectPages(printed: Printed[], want: Frame[]) {
  expect(printed).toHaveLength(want.length);
  for (const [i, frame] of want.entries()) {
    expect(printedLines(printed[i]!.text), `page ${i + 1}`).toEqual(frameLines(frame));
    expect(printed[i]!.number).toBe(`${i + 1} of ${want.length}`);
  }
}

test('the print view behind the PDF shows each frame on its page, numbered N of M', async ({ page }) => {
  await page.goto('./?print-pdf');
  await page.locator('html[data-pdf-ready]').waitFor({ state: 'attached' });
  expectPages(await page.evaluate(readPrintView), frames);
});

test('the handout keeps each slide with every step shown', async ({ page }) => {
  await page.goto('./?print-pdf');
  await page.locator('html[data-pdf-ready]').waitFor({ state: 'attached' });
  expect(await page.evaluate(keepLastStepOfEachSlide)).toBe(deck.slides.length);
  const lastSteps = deck.slides.map((slide) => frames.filter((frame) => frame.slide === slide.index).at(-1)!);
  expectPages(await page.evaluate(readPrintView), lastSteps);
});

test('the HTML export is one file that presents every step from file:// with no network', async ({ browser }) => {
  const html = readFileSync(exported('.html'), 'utf8');
  // Nothing outside the file: no script, stylesheet or image by path.
  const references: string[] = [];
  const walk = (node: DefaultTreeAdapterMap['node']): void => {
    if ('attrs' in node) {
      for (const { name, value } of node.attrs) {
        const fetches = name === 'src' || (name === 'href' && node.tagName === 'link');
        if (fetches && !value.startsWith('data:')) references.push(`<${node.tagName} ${name}="${value}">`);
      }
    }
    if ('childNodes' in node) node.childNodes.forEach(walk);
  };
  parse(html).childNodes.forEach(walk);
  expect(references).toEqual([]);
  expect(html).toMatch(/<script type="module">/);

  // Alone in an empty folder, as on a USB stick.
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'deck-usb-')), 'talk.html');
  copyFileSync(exported('.html'), file);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 720 } });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.reveal.ready').waitFor();
  for (const [i, frame] of frames.entries()) {
    await expect.poll(async () => normalizeLines(await visibleLines(page)), { message: `step ${i + 1}` }).toEqual(normalizeLines(frame.lines));
    if (i < frames.length - 1) await page.keyboard.press('PageDown');
  }
  await expect(page).toHaveURL(new RegExp(`#/${deck.slides.at(-1)!.id}$`));
  expect(requests.filter((u) => !u.startsWith(url) && !/^(data|blob):/.test(u))).toEqual([]);
  await context.close();
});

test('the text export is the frames, in the layout of the original export', () => {
  const text = readFileSync(exported('.txt'), 'utf8');
  expect(text).toBe(framesToText(frames));
  expect(text).toContain(`1 of ${frames.length}\n\nCollaborations in ML:`);
});

// Another deck, not the talk: a site built from a folder of decks made for the test, where the root
// page is a stand-in, and every format must hold the deck it was given (issue 11, item 4).
const OTHER_DECK = '---\ntitle: Another talk\n---\n\n---\n\n## First slide of another talk\n\n- shown\n- then this {.fragment}\n\n---\n\n## Last slide of another talk\n';
const STAND_IN = '## The root page of the test site\n';

test('every format exports the deck it is given, not the talk or the root page', async () => {
  test.setTimeout(120_000);
  const work = mkdtempSync(path.join(tmpdir(), 'deck-other-'));
  const decks = path.join(work, 'decks');
  mkdirSync(decks);
  writeFileSync(path.join(decks, 'collaborations-in-ml.md'), STAND_IN);
  writeFileSync(path.join(decks, 'other-talk.md'), OTHER_DECK);
  const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => execFileSync(args[0]!, args.slice(1), { stdio: 'pipe', env });
  run([process.execPath, 'node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error', '--outDir', path.join(work, 'site'), '--emptyOutDir'], { ...process.env, DECKS_DIR: decks });
  const exportsDir = path.join(work, 'out');
  run([path.join('node_modules', '.bin', 'tsx'), 'scripts/export.ts', 'pdf', 'html', 'text', '--site', path.join(work, 'site'), '--out', exportsDir, path.join(decks, 'other-talk.md')]);

  const other = compileDeck(OTHER_DECK, { file: 'other-talk.md' });
  expect(countFrames(other)).toBe(4);
  expect(await pdfPages(path.join(exportsDir, 'other-talk.pdf'))).toHaveLength(4);
  const html = readFileSync(path.join(exportsDir, 'other-talk.html'), 'utf8');
  expect(html).toContain('Last slide of another talk');
  expect(html).not.toContain('The root page of the test site');
  expect(html).not.toContain('Collaborations in ML');
  expect(readFileSync(path.join(exportsDir, 'other-talk.txt'), 'utf8')).toBe(framesToText(deckFrames(other)));
});

test('a deck outside slides/ is refused for the built site, not exported as the talk', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'deck-stray-'));
  writeFileSync(path.join(work, 'stray.md'), OTHER_DECK);
  let message = '';
  try {
    execFileSync(path.join('node_modules', '.bin', 'tsx'), ['scripts/export.ts', 'html', '--no-build', '--out', work, path.join(work, 'stray.md')], { stdio: 'pipe' });
  } catch (error) {
    message = String((error as { stderr?: Buffer }).stderr);
  }
  expect(message).toContain('stray.md: the PDF and HTML exports print the built site');
});

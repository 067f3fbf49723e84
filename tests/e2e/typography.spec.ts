// Type beyond the talk's own, on decks made for this test (served by a dev server started here,
// on its own port, over a temporary folder of decks): emphasis is drawn in Atkinson Hyperlegible's
// italic faces, Arabic and Chinese in the Noto subsets shipped with the page, and a right-to-left
// deck or paragraph is laid out from the right.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// The preview server takes E2E_PORT, the sub-path test the next port and live reload the one after.
const DEV_PORT = Number(process.env.E2E_TYPE_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 3);
const DEV_URL = `http://127.0.0.1:${DEV_PORT}/`;

const DECKS: Record<string, string> = {
  // Latin text stays ASCII: the dev server cuts the upright text font from slides/, plus ASCII.
  emphasis: '## Emphasis\n\nPlain, *italic words* and **bold**, then ***bold italic***.\n\n---\n\n## An *italic* heading\n',
  rtl: '---\ntitle: عرض تجريبي\nlang: ar\ndir: rtl\n---\n\n---\n\n## مرحبا بكم\n\nهذه فقرة قصيرة.\n\n- البند الأول\n- البند الثاني\n',
  mixed: '## Mixed\n\nLeft to right, as the deck is.\n\n- item one\n- هذا بند {lang=ar dir=rtl}\n\nفقرة من اليمين {lang=ar dir=rtl}\n\n中文文字 {lang=zh}\n',
};

test.describe.configure({ mode: 'serial' });

let decks: string;
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  decks = mkdtempSync(path.join(tmpdir(), 'typography-'));
  for (const [name, text] of Object.entries(DECKS)) writeFileSync(path.join(decks, `${name}.md`), text);
  // The root deck is the talk, which this folder lacks; every test opens a deck by name.
  server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--port', String(DEV_PORT), '--strictPort', '--host', '127.0.0.1'], {
    env: { ...process.env, DECKS_DIR: decks },
    stdio: 'pipe',
  });
  let log = '';
  server.stdout?.on('data', (chunk) => (log += chunk));
  server.stderr?.on('data', (chunk) => (log += chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${DEV_URL}emphasis/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`dev server did not start on ${DEV_URL}:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

test.afterAll(() => {
  if (server?.pid) server.kill();
  rmSync(decks, { recursive: true, force: true });
});

async function open(page: Page, deck: string, hash = ''): Promise<void> {
  await page.goto(`${DEV_URL}${deck}/${hash}`);
  await page.locator('.reveal.ready').waitFor();
  await page.evaluate(() => document.fonts.ready);
}

/** The fonts Chromium really drew an element's text with (PostScript names), as DevTools shows them. */
async function drawnWith(page: Page, selector: string): Promise<{ family: string; postScript: string; custom: boolean }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  expect(nodeId, `${selector} is in the page`).toBeGreaterThan(0);
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((font) => ({ family: font.familyName, postScript: font.postScriptName, custom: font.isCustomFont }));
}

test('emphasis is drawn in an italic face, and bold emphasis in a bold italic one', async ({ page }) => {
  await open(page, 'emphasis');
  const em = page.locator('section.present p > em').first();
  await expect(em).toHaveText('italic words');
  expect(await em.evaluate((el) => el.checkVisibility() && getComputedStyle(el).fontStyle)).toBe('italic');
  expect(await drawnWith(page, 'section.present p > em')).toEqual([{ family: 'Atkinson Hyperlegible', postScript: 'AtkinsonHyperlegible-Italic', custom: true }]);
  expect(await drawnWith(page, 'section.present p > em > strong')).toEqual([
    { family: 'Atkinson Hyperlegible', postScript: 'AtkinsonHyperlegible-BoldItalic', custom: true },
  ]);
  // The upright text around it keeps the upright face.
  expect((await drawnWith(page, 'section.present p > strong')).map((f) => f.postScript)).toEqual(['AtkinsonHyperlegible-Bold']);
  // A heading is bold: emphasis in it is bold italic.
  await open(page, 'emphasis', '#/an-italic-heading');
  expect((await drawnWith(page, 'section.present h2 > em')).map((f) => f.postScript)).toEqual(['AtkinsonHyperlegible-BoldItalic']);
});

test('a page declares italic faces only when its deck has emphasis', async ({ page }) => {
  for (const [deck, italic] of [['emphasis', true], ['mixed', false]] as const) {
    await open(page, deck);
    const styles = await page.evaluate(() => [...document.fonts].map((font) => font.style));
    expect(styles.includes('italic'), deck).toBe(italic);
  }
});

test('a right-to-left deck (dir: rtl) starts its lines, bullets and title slide at the right', async ({ page }) => {
  await open(page, 'rtl', '#/slide-2');
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  const layout = await page.evaluate(() => {
    const slide = document.querySelector('section.present')!;
    const box = slide.getBoundingClientRect();
    const text = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      return { left: r.left - box.left, right: box.right - r.right };
    };
    return { heading: text(slide.querySelector('h2')!), paragraph: text(slide.querySelector('p')!), item: text(slide.querySelector('li')!), width: box.width };
  });
  // Text hugs the right edge (less the slide's padding and the list's indent), far from the left one.
  for (const [name, gap] of Object.entries(layout).filter(([name]) => name !== 'width')) {
    const { left, right } = gap as { left: number; right: number };
    expect(right, `${name} starts at the right`).toBeLessThan(layout.width * 0.1);
    expect(left, `${name} ends well before the left edge`).toBeGreaterThan(layout.width * 0.4);
  }
  // Arabic is drawn by the Noto Sans Arabic cut shipped with the page (the full stop and spaces
  // by Atkinson Hyperlegible), not by a system font.
  const fonts = await drawnWith(page, 'section.present p');
  expect(fonts.map((f) => [f.family, f.custom]).sort()).toEqual([['Atkinson Hyperlegible', true], ['Noto Sans Arabic', true]]);
});

test('a right-to-left paragraph or list item in a left-to-right deck is laid out from the right; Chinese is drawn by Noto Sans SC', async ({ page }) => {
  await open(page, 'mixed');
  const sides = await page.evaluate(() => {
    const slide = document.querySelector('section.present')!;
    const box = slide.getBoundingClientRect();
    const side = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      return r.right - box.left > box.width * 0.9 ? 'right' : r.left - box.left < box.width * 0.1 ? 'left' : 'middle';
    };
    return [...slide.querySelectorAll('p, li')].map((el) => `${el.getAttribute('dir') ?? 'ltr'} ${side(el)}`);
  });
  expect(sides).toEqual(['ltr left', 'ltr left', 'rtl right', 'rtl right', 'ltr left']);
  // The bullet of the right-to-left item is on its right, beside its text.
  const bullet = await page.evaluate(() => {
    const item = document.querySelector('section.present li[dir="rtl"]')!;
    return { direction: getComputedStyle(item).direction, padding: getComputedStyle(item.parentElement!).paddingInlineStart };
  });
  expect(bullet.direction).toBe('rtl');
  // (Fontsource's static cuts of Noto Sans SC keep the variable font's name, "Noto Sans SC Thin".)
  const chinese = await drawnWith(page, 'section.present p[lang="zh"]');
  expect(chinese.map((f) => [f.family.replace(/ Thin$/, ''), f.custom])).toEqual([['Noto Sans SC', true]]);
});

// A reader on a phone (390×844, touch): the talk reads comfortably — no text under 12 CSS px, no
// sideways scrolling — and each swipe up shows the next step, through the whole talk.
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { deckFrames } from '../../src/core/index.ts';
import { talk } from './talk.ts';
import { normalizeLines } from '../unit/seed.ts';
import { visibleLines } from './visible.ts';
import { settle } from './settle.ts';

const deck = talk;
const frames = deckFrames(deck);
const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

/** A finger swipe up the screen (drag from low to high), through Chromium's real touch input. */
const sessions = new WeakMap<Page, CDPSession>();
async function swipeUp(page: Page) {
  await swipe(page, 650, 250);
}

async function swipe(page: Page, from: number, to: number) {
  if (!sessions.has(page)) sessions.set(page, await page.context().newCDPSession(page));
  const cdp = sessions.get(page)!;
  const x = 200;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
  for (let k = 1; k <= 8; k++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: from + ((to - from) * k) / 8 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Size of the smallest text on the current slide as drawn on screen, and what sticks out sideways. */
function measure(page: Page) {
  return page.evaluate((width) => {
    const slide = document.querySelector('.reveal .slides section.present')!;
    let smallest = Infinity;
    const outside: string[] = [];
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement!;
      if (!node.textContent?.trim() || el.closest('aside.notes')) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      // Drawn size = CSS font size × every scale above it (reveal scales the slide; SVG scales its text).
      const range = document.createRange();
      range.selectNodeContents(node);
      const svg = el.closest('svg');
      let drawn: number;
      if (svg) {
        const box = svg.getBoundingClientRect();
        const view = svg.viewBox.baseVal;
        const scale = view && view.width ? Math.min(box.width / view.width, box.height / view.height) : 1;
        drawn = parseFloat(getComputedStyle(el).fontSize) * scale;
      } else {
        const scale = slide.getBoundingClientRect().width / (slide as HTMLElement).offsetWidth;
        drawn = parseFloat(getComputedStyle(el).fontSize) * scale;
      }
      smallest = Math.min(smallest, drawn);
      for (const rect of range.getClientRects()) {
        // Sideways off the screen, or cut off below the page (the scroll view clips each page).
        if (rect.left < -0.5 || rect.right > width + 0.5 || rect.top < -0.5 || rect.bottom > innerHeight + 0.5) outside.push(node.textContent.trim().slice(0, 40));
      }
    }
    const root = document.documentElement;
    const viewport = document.querySelector('.reveal-viewport') ?? root;
    return { smallest, outside, sideways: Math.max(root.scrollWidth, viewport.scrollWidth) - root.clientWidth };
  }, PHONE.width);
}

/** Which frame is on screen (index into `frames`), or -1. */
async function currentFrame(page: Page): Promise<number> {
  const key = JSON.stringify(normalizeLines(await visibleLines(page)));
  return frames.findIndex((f) => JSON.stringify(normalizeLines(f.lines)) === key);
}

test('every step of the talk is readable on a phone: no text under 12 px, nothing sideways', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.locator('.reveal.ready').waitFor();
  // reveal.js's scroll view: the phone reads the deck as a page.
  await expect(page.locator('.reveal-viewport.reveal-scroll')).toHaveCount(1);
  for (const [i, frame] of frames.entries()) {
    const where = `step ${i + 1} (slide ${frame.slide + 1}, step ${frame.step + 1})`;
    await expect.poll(async () => normalizeLines(await visibleLines(page)), { message: where }).toEqual(normalizeLines(frame.lines));
    const { smallest, outside, sideways } = await measure(page);
    expect(smallest, `${where}: smallest text in CSS px`).toBeGreaterThanOrEqual(12);
    expect(outside, `${where}: text outside the screen`).toEqual([]);
    expect(sideways, `${where}: sideways scroll in px`).toBeLessThanOrEqual(0);
    if (i < frames.length - 1) await page.keyboard.press('PageDown');
  }
});

// The guide's diagrams are drawn left to right: on the big screen their words are ~28 px, but at a
// phone's width the same drawing shrank them to 9 px. The phone gets them drawn top to bottom.
for (const slide of ['diagrams-from-mermaid', 'diagrams-from-graphviz']) {
  test(`the guide's ${slide.replace(/-/g, ' ')} reads on a phone at every step: drawn top to bottom, no text under 12 px`, async ({ page }) => {
    await page.goto(`./guide/#/${slide}`);
    await page.locator('.reveal.ready').waitFor();
    await page.locator('.reveal-viewport.reveal-scroll:not(.loading-scroll-mode)').waitFor();
    const section = page.locator(`section#${slide}`);
    await expect(section).toHaveClass(/present/);
    await expect(section.locator('svg.diagram-tall')).toBeVisible();
    await expect(section.locator('svg.diagram-wide')).toBeHidden();
    const steps = Number(await section.getAttribute('data-steps'));
    expect(steps).toBeGreaterThan(1);
    for (let step = 0; step < steps; step++) {
      await settle(page);
      const { smallest, outside, sideways } = await measure(page);
      expect(smallest, `step ${step + 1}: smallest text in CSS px`).toBeGreaterThanOrEqual(12);
      expect(outside, `step ${step + 1}: text outside the screen`).toEqual([]);
      expect(sideways, `step ${step + 1}: sideways scroll in px`).toBeLessThanOrEqual(0);
      if (step < steps - 1) await page.keyboard.press('PageDown');
    }
    // Each step showed more of the drawing on screen (the same steps as the wide one's).
    await expect(section.locator('svg.diagram-tall .fragment:not(.visible)')).toHaveCount(0);
  });
}

// The guide's code on a phone: a block's lines wrap inside it (a wrapped row hangs under its
// line's indentation) instead of scrolling sideways under the thumb, its type is no smaller than
// 13 CSS px (24 slide px on the phone's stage), and the stepped blocks highlight their lines at each step.
test('the guide’s code reads on a phone: no block scrolls sideways, no code under 13 px, each step highlights its lines', async ({ page }) => {
  const expected: Record<string, number[][]> = {
    'code-coloured': [[]],
    'code-step-by-step': [[2], [3], [1, 2, 3]],
    'code-from-a-file': [[3], [4, 5, 6]],
    'long-lines-wrapped': [[]],
  };
  await page.goto('./guide/#/code-coloured');
  await page.locator('.reveal.ready').waitFor();
  await page.locator('.reveal-viewport.reveal-scroll:not(.loading-scroll-mode)').waitFor();
  const seen: Record<string, number[][]> = {};
  for (;;) {
    await settle(page);
    const now = await page.evaluate(() => {
      const slide = document.querySelector<HTMLElement>('.reveal .slides section.present')!;
      const scale = slide.getBoundingClientRect().width / slide.offsetWidth;
      const blocks = [...slide.querySelectorAll<HTMLElement>('pre.code')].filter((pre) => !pre.closest('aside.notes'));
      return {
        id: slide.id,
        smallest: Math.min(...blocks.map((pre) => parseFloat(getComputedStyle(pre).fontSize) * scale)),
        sideways: blocks.filter((pre) => pre.scrollWidth > pre.clientWidth + 1).map((pre) => pre.textContent!.trim().slice(0, 30)),
        // Highlighted, as drawn: the lines of the stepped block on the highlight's band.
        lit: blocks
          .filter((pre) => pre.classList.contains('code-steps'))
          .flatMap((pre) => [...pre.querySelectorAll('.line')].flatMap((line, i) => (getComputedStyle(line).backgroundColor === 'rgba(0, 0, 0, 0)' ? [] : [i + 1]))),
        wrapped: blocks.some((pre) => [...pre.querySelectorAll<HTMLElement>('.line')].some((line) => line.offsetHeight > 1.5 * parseFloat(getComputedStyle(line).lineHeight))),
      };
    });
    if (!(now.id in expected)) break;
    const where = `${now.id}, step ${(seen[now.id]?.length ?? 0) + 1}`;
    expect(now.smallest, `${where}: code size in CSS px`).toBeGreaterThanOrEqual(13);
    expect(now.sideways, `${where}: blocks that scroll sideways`).toEqual([]);
    if (now.id === 'code-from-a-file') expect(now.wrapped, `${where}: a long line wraps`).toBe(true);
    (seen[now.id] ??= []).push(now.lit);
    // (In the scroll view a step is a scroll: it has come when the URL names it.)
    const before = page.url();
    await page.keyboard.press('PageDown');
    await expect.poll(() => page.url()).not.toBe(before);
  }
  expect(seen).toEqual(expected);
  // And every other code block of the guide (the Markdown each slide teaches), as drawn on its page.
  const others = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.reveal .slides section pre.code')]
      .filter((pre) => !pre.closest('aside.notes'))
      .map((pre) => {
        const slide = pre.closest('section')!;
        const scale = slide.getBoundingClientRect().width / slide.offsetWidth;
        return { slide: slide.id, size: Math.round(parseFloat(getComputedStyle(pre).fontSize) * scale * 10) / 10, sideways: pre.scrollWidth - pre.clientWidth };
      }),
  );
  expect(others.length).toBeGreaterThan(8);
  expect(others.filter((b) => b.size < 13 || b.sideways > 1)).toEqual([]);
});

test('switching the theme after the scroll view started repaints its pages (T, or the system going dark at dusk)', async ({ page }) => {
  await page.goto('./guide/#/columns');
  await page.locator('.reveal.ready').waitFor();
  await page.locator('.reveal-viewport.reveal-scroll:not(.loading-scroll-mode)').waitFor();
  const colours = () =>
    page.evaluate(() => {
      const viewport = getComputedStyle(document.querySelector('.reveal-viewport')!).backgroundColor;
      const pages = [...document.querySelectorAll('.reveal .scroll-page')].map((p) => getComputedStyle(p).backgroundColor);
      return { viewport, pages: [...new Set(pages)] };
    });
  const light = await colours();
  expect(light.pages).toEqual([light.viewport]);
  await page.keyboard.press('t'); // auto → dark
  await expect.poll(async () => (await colours()).viewport).not.toBe(light.viewport);
  const dark = await colours();
  expect(dark.pages).toEqual([dark.viewport]);
  // And the system's own switch, with the theme left to it.
  await page.keyboard.press('t');
  await page.keyboard.press('t'); // dark → light → auto
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(async () => (await colours()).pages).toEqual([dark.viewport]);
});

test('each swipe up is one step forward, to the last step; a swipe down is one step back', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.locator('.reveal.ready').waitFor();
  // The scroll view is laid out (reveal shows it once its pages are built).
  await page.locator('.reveal-viewport.reveal-scroll:not(.loading-scroll-mode)').waitFor();
  await settle(page);
  expect(await currentFrame(page)).toBe(0);
  // Each swipe shows the next step, read from the screen (two steps of the chart over "year" have
  // the same words, so compare with the step expected rather than look the text up).
  const shows = async (i: number, why: string) => {
    await expect.poll(async () => normalizeLines(await visibleLines(page)), { message: why }).toEqual(normalizeLines(frames[i]!.lines));
  };
  for (let i = 1; i < frames.length; i++) {
    await swipeUp(page);
    await shows(i, `swipe ${i}: step ${i + 1}`);
  }
  await swipe(page, 250, 650);
  await shows(frames.length - 2, 'a swipe down: one step back');
});

test('the slides far off screen are not laid out until they scroll near, and each keeps its place', async ({ page }) => {
  // reveal.js's scroll view lays out every page when it starts: with content-visibility the talk's
  // start on a phone was a 0.2 s task at 4× CPU instead of 0.5 s (Lighthouse's blocking time
  // 260 → 120 ms). The pages' sizes come from reveal.js, so skipping a page's content moves nothing.
  await page.goto('./');
  await page.locator('.reveal.ready').waitFor();
  const rendered = () =>
    page.evaluate(() => [...document.querySelectorAll('.reveal .scroll-page-content > section')].map((slide) => slide.checkVisibility({ contentVisibilityAuto: true })));
  const before = await rendered();
  expect(before[0]).toBe(true);
  expect(before.at(-1)).toBe(false);
  const top = () => page.evaluate(() => [...document.querySelectorAll('.reveal .scroll-page')].map((p) => Math.round(p.getBoundingClientRect().top + document.querySelector('.reveal-viewport')!.scrollTop)));
  const places = await top();
  // Scrolled to the last slide: it is drawn, and no page moved.
  await page.evaluate(() => document.querySelector('.reveal .scroll-page:last-child')!.scrollIntoView());
  await expect.poll(async () => (await rendered()).at(-1)).toBe(true);
  expect(await top()).toEqual(places);
  await expect(page.locator('.reveal .slides section').last()).toBeInViewport();
});

test('turning the phone sideways gives the slides back; upright again, the scroll view returns', async ({ page }) => {
  await page.goto('./');
  await page.locator('.reveal.ready').waitFor();
  await expect(page.locator('.reveal-viewport.reveal-scroll')).toHaveCount(1);
  await page.setViewportSize({ width: PHONE.height, height: PHONE.width });
  await expect(page.locator('.reveal-viewport.reveal-scroll')).toHaveCount(0);
  expect(await page.evaluate(() => [document.querySelector('.slides')!.clientWidth, document.querySelector('.slides')!.clientHeight])).toEqual([1280, 720]);
  await page.setViewportSize(PHONE);
  await expect(page.locator('.reveal-viewport.reveal-scroll')).toHaveCount(1);
  const { smallest } = await measure(page);
  expect(smallest).toBeGreaterThanOrEqual(12);
});

/** Words (4+ letters) that the layout split over two lines, on every slide of the scroll view. */
function wordsBrokenAcrossLines(page: Page) {
  return page.evaluate(() => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('.reveal .slides')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement!.closest('aside.notes')) continue;
      for (const word of (node.textContent ?? '').matchAll(/\p{L}{4,}/gu)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
    return broken;
  });
}

for (const viewport of [PHONE, { width: 360, height: 740 }]) {
  test(`no word of the talk breaks in the middle at ${viewport.width}×${viewport.height} (the title fits the phone's stage)`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('./');
    await page.locator('.reveal.ready').waitFor();
    await expect(page.locator('.reveal-viewport.reveal-scroll')).toHaveCount(1);
    expect(await wordsBrokenAcrossLines(page)).toEqual([]);
  });
}

// A link shared from a laptop and opened on a phone: reveal's scroll view opened at the title (and
// its own jump lands a screen short of a slide far down the deck).
for (const [slide, step] of [['why-we-collaborate-2', 0], ['my-collaboration-story', 2], ['vs', 0], ['the-eventual-goal-a-vibrant-playground-where-any-kind-of-pla', 0]] as const) {
  test(`a shared link to ${slide}, step ${step + 1}, lands there; the next swipe shows the next step`, async ({ page }) => {
    const hash = step === 0 ? `#/${slide}` : `#/${slide}/${step - 1}`;
    const at = frames.findIndex((f) => talk.slides[f.slide]!.id === slide && f.step === step);
    expect(at).toBeGreaterThan(0);
    await page.goto(`./${hash}`);
    await page.locator('.reveal-viewport.reveal-scroll:not(.loading-scroll-mode)').waitFor();
    await page.locator('.reveal.ready').waitFor();
    await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(frames[at]!.lines));
    await expect(page).toHaveURL(new RegExp(`${hash}$`));
    if (at < frames.length - 1) {
      await swipeUp(page);
      await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(frames[at + 1]!.lines));
    }
  });
}

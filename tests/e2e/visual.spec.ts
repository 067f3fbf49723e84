// The look: every step of the talk at 1280×720 against committed screenshots, plus the checks a
// screenshot cannot make: every glyph is drawn by the deck's own fonts, nothing is fetched from
// another host, the palette passes WCAG AA, and nothing overflows a 4:3 projector.
import { expect, test, type Page } from '@playwright/test';
import { deckFrames } from '../../src/core/index.ts';
import { talk } from './talk.ts';
import { DECKS } from './deck-list.ts';

const DECK = 'slides/collaborations-in-ml.md';
const deck = talk;
const frames = deckFrames(deck);
/** `#/slide-id/step` for every step of the talk, in order. */
const stepUrls = deck.slides.flatMap((slide) => slide.steps.map((step) => `./#/${slide.id}${step.index > 0 ? `/${step.index - 1}` : ''}`));

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.reveal.ready').waitFor();
  await page.evaluate(() => document.fonts.ready);
}

/** Waits until nothing in the slide is mid-transition (reveal.js fades steps and slides in). */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().filter((a) => a instanceof CSSTransition).every((a) => a.playState !== 'running'));
}

test.describe('every step looks as it did', () => {
  test.describe.configure({ mode: 'parallel' });
  // The talk's screenshots are step-NN.png; another deck's are <name>-step-NN.png.
  for (const walked of DECKS) for (const [i, url] of walked.stepUrls.entries()) {
    const shot = `${walked.name === 'talk' ? '' : `${walked.name}-`}step-${String(i + 1).padStart(2, '0')}.png`;
    test(`${walked.name === 'talk' ? '' : `${walked.name} `}step ${String(i + 1).padStart(2, '0')} ${url}`, async ({ page }) => {
      await open(page, url);
      await settle(page);
      await expect(page).toHaveScreenshot(shot, {
        animations: 'disabled',
        caret: 'hide',
        maxDiffPixelRatio: 0.002,
      });
    });
  }
});

test('dark theme: forced by ?theme=dark, and followed from the system', async ({ browser }) => {
  const dark = await browser.newPage({ colorScheme: 'dark' });
  await open(dark, './#/what-is-collaborate/0');
  await settle(dark);
  await expect(dark).toHaveScreenshot('dark-what-is-collaborate.png', { animations: 'disabled', maxDiffPixelRatio: 0.002 });
  await open(dark, './?theme=light#/vs');
  expect(await background(dark)).toBe('rgb(255, 253, 248)');
  await dark.close();

  const light = await browser.newPage({ colorScheme: 'light' });
  await open(light, './?theme=dark#/could-it-have-been-any-other-way/0');
  await settle(light);
  await expect(light).toHaveScreenshot('dark-year.png', { animations: 'disabled', maxDiffPixelRatio: 0.002 });
  // T cycles auto → dark → light → auto, and the URL keeps the choice.
  await light.keyboard.press('t');
  await expect(light).toHaveURL(/[?&]theme=light/);
  expect(await background(light)).toBe('rgb(255, 253, 248)');
  await light.close();
});

for (const walked of DECKS) test(`every glyph on every step of the ${walked.name} is drawn by the deck’s own fonts, none from another host`, async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await open(page, walked.page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const used = new Set<string>();
  // (Code, blocks and spans, is drawn in JetBrains Mono, cut for the pages that have code; the talk has none.)
  for (const url of walked.stepUrls) {
    await page.goto(url);
    await page.evaluate(() => document.fonts.ready);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'section.present :is(h1,h2,h3,p,li,a,span,text,blockquote,code)' });
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const font of fonts) {
        expect(font.isCustomFont, `${url}: ${font.familyName} is a system font`).toBe(true);
        used.add(font.familyName);
      }
    }
  }
  expect([...used].sort()).toEqual(walked.name === 'talk' ? ['Atkinson Hyperlegible', 'Twemoji Mozilla'] : ['Atkinson Hyperlegible', 'JetBrains Mono']);
  // The talk uses every face it declares; another deck may leave one unused (the guide has no emoji), but none fails.
  const unloaded = walked.name === 'talk' ? (status: string) => status !== 'loaded' : (status: string) => status === 'error';
  expect(await page.evaluate(() => [...document.fonts].map((f) => [f.family, f.status]))
    .then((faces) => faces.filter(([, status]) => unloaded(status!)).map(([family]) => family))).toEqual([]);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  // Each text font is fetched once: the preload in the page is the request the CSS uses.
  const fontFiles = requests.filter((u) => u.endsWith('.woff2')).map((u) => u.replace(/^.*\/assets\//, '').replace(/-[\w-]{8}\.woff2$/, ''));
  expect(fontFiles.sort()).toEqual(['atkinson-hyperlegible-400', 'atkinson-hyperlegible-700', ...(walked.name === 'talk' ? [] : ['jetbrains-mono-latin-400'])]);
});

test('text and background pairs pass WCAG AA, light and dark', async ({ browser }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ colorScheme });
    await open(page, './');
    const pairs = await page.evaluate(() => {
      const probe = document.createElement('span');
      document.querySelector('.reveal')!.append(probe);
      const color = (name: string) => {
        probe.style.color = `var(${name})`;
        return getComputedStyle(probe).color;
      };
      const paper = color('--deck-paper');
      const out = ['--deck-ink', '--deck-muted', '--deck-accent', '--deck-good', '--deck-link'].map((name) => ({ name, fg: color(name), bg: paper }));
      probe.remove();
      return out;
    });
    for (const { name, fg, bg } of pairs) expect(contrast(fg, bg), `${colorScheme} ${name} ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    await page.close();
  }
});

for (const walked of DECKS) test(`nothing in the ${walked.name} overflows the slide, at 1280×720 or on a 1024×768 projector`, async ({ browser }) => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
    const page = await browser.newPage({ viewport });
    for (const url of walked.stepUrls) {
      await open(page, url);
      const overflow = await page.evaluate(() => {
        const slide = document.querySelector('.reveal .slides section.present')!;
        const box = slide.getBoundingClientRect();
        const slack = 1;
        return [...slide.querySelectorAll('h1,h2,h3,p,li,blockquote,figure,svg text')]
          .filter((el) => el.checkVisibility({ checkVisibilityCSS: true }))
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.left < box.left - slack || r.right > box.right + slack || r.top < box.top - slack || r.bottom > box.bottom + slack;
          })
          .map((el) => el.textContent?.trim().slice(0, 40));
      });
      expect(overflow, `${viewport.width}×${viewport.height} ${url}`).toEqual([]);
    }
    await page.close();
  }
});

test('the walk has as many steps as the frames the text export reads', () => {
  expect(stepUrls.length).toBe(frames.length);
  for (const walked of DECKS) expect(walked.stepUrls.length, walked.file).toBe(walked.frames.length);
});

async function background(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, b] = rgb.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

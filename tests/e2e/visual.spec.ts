// The look: every step of the talk at 1280×720 against committed screenshots, plus the checks a
// screenshot cannot make: every glyph is drawn by the deck's own fonts, nothing is fetched from
// another host, the palette passes WCAG AA, and nothing overflows a 4:3 projector. The walk that
// takes the screenshots also makes a11y.spec.ts's per-step checks in light (a11y-checks.ts).
import { expect, test, type Page } from '@playwright/test';
import { deckFrames } from '../../src/core/index.ts';
import { talk } from './talk.ts';
import { DECKS, TALK, walkParts } from './deck-list.ts';
import { axeViolations, expectAnnounced, startListening } from './a11y-checks.ts';
import { normalizeLines } from '../unit/seed.ts';
import { visibleLines } from './visible.ts';
import { settle } from './settle.ts';

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

// One walk per deck, by PageDown in one page at 1280×720 in light, serves every check made on a
// settled step: at each step, axe (the light half of a11y.spec.ts's check; the dark half walks
// there) and, on the talk, what the live region announced; then the step's screenshot (the talk's
// are step-NN.png, another deck's <name>-step-NN.png); then its glyphs' fonts and its overflow.
// (Reached so, every step is the same picture, to the byte, as the step opened at its URL.)
// Checks are soft: a failing check still lets every later step be checked.
// The guide's walk is cut in three parts, each opened at its first step's URL, that both workers
// walk side by side (walkParts); the talk's, which checks each announcement from its first step, is one.
for (const walked of DECKS) for (const part of walkParts(walked, walked === TALK ? 1 : 3)) test(`every step of the ${walked.name}${part.label}: looks as it did, every glyph drawn by the deck’s own fonts with none from another host, nothing overflowing the slide at 1280×720, no WCAG 2.1 A/AA violation in light${walked === TALK ? ', each step announced once with only its new text' : ''}`, async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await open(page, part.from === 0 ? walked.page : walked.stepUrls[part.from]!);
  const announced = walked === TALK ? await startListening(page) : undefined;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const used = new Set<string>();
  // (Code, blocks and spans, is drawn in JetBrains Mono, cut for the pages that have code; the talk has none.)
  for (let i = part.from; i < part.to; i++) {
    const url = walked.stepUrls[i]!;
    if (i > part.from) {
      await page.keyboard.press('PageDown');
      await expect(page).toHaveURL(new URL(url, baseURL).href);
    }
    await expect.poll(async () => normalizeLines(await visibleLines(page)), { message: `${url}: step ${i + 1}` }).toEqual(normalizeLines(walked.frames[i]!.lines));
    await page.evaluate(() => document.fonts.ready);
    await settle(page);
    if (announced && i > 0) await expectAnnounced(page, announced, walked.frames, i);
    const frame = walked.frames[i]!;
    expect.soft(await axeViolations(page), `${walked.file}: step ${i + 1} (slide ${frame.slide + 1}, step ${frame.step + 1})`).toEqual([]);
    const shot = `${walked.name === 'talk' ? '' : `${walked.name}-`}step-${String(i + 1).padStart(2, '0')}.png`;
    await expect.soft(page, `${url}: looks as it did`).toHaveScreenshot(shot, {
      animations: 'disabled',
      caret: 'hide',
      maxDiffPixelRatio: 0.002,
      // What moves by itself (a video playing, an animated picture) is covered: never the same frame twice.
      mask: [page.locator('section.present :is(video, picture[data-animated])')],
    });
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'section.present :is(h1,h2,h3,p,li,a,span,text,blockquote,code)' });
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const font of fonts) {
        expect.soft(font.isCustomFont, `${url}: ${font.familyName} is a system font`).toBe(true);
        used.add(font.familyName);
      }
    }
    expect.soft(await overflowing(page), `1280×720 ${url}`).toEqual([]);
  }
  // (Formulas are drawn in KaTeX's own faces, cut for the pages that have formulas.)
  // (A part of the guide with no code on its slides would draw no glyph in JetBrains Mono.)
  const hasCode = walked.deck.slides.slice(walked.frames[part.from]!.slide, walked.frames[part.to - 1]!.slide + 1).some((slide) => /<code[\s>]/.test(slide.html.replace(/<aside class="notes"[\s\S]*?<\/aside>/g, '')));
  expect([...used].filter((family) => !family.startsWith('KaTeX_')).sort()).toEqual(walked.name === 'talk' ? ['Atkinson Hyperlegible', 'Twemoji Mozilla'] : ['Atkinson Hyperlegible', ...(hasCode ? ['JetBrains Mono'] : [])]);
  // The talk uses every face it declares; another deck may leave one unused (the guide has no emoji), but none fails.
  // (Atkinson Hyperlegible's stand-ins are the system's own fonts, there or not: src/theme/fonts.css.)
  const unloaded = walked.name === 'talk' ? (status: string) => status !== 'loaded' : (status: string) => status === 'error';
  expect(await page.evaluate(() => [...document.fonts].map((f) => [f.family, f.status]))
    .then((faces) => faces.filter(([family, status]) => !family!.startsWith('Atkinson Fallback ') && unloaded(status!)).map(([family]) => family))).toEqual([]);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  // Each text font is fetched once: the preload in the page is the request the CSS uses.
  const fontFiles = requests.filter((u) => u.endsWith('.woff2') && !/katex/i.test(u)).map((u) => u.replace(/^.*\/assets\//, '').replace(/-[\w-]{8}\.woff2$/, ''));
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

// (At 1280×720, the walk above makes the same check at every step.)
for (const walked of DECKS) test(`nothing in the ${walked.name} overflows the slide on a 1024×768 projector`, async ({ browser }) => {
  const viewport = { width: 1024, height: 768 };
  const page = await browser.newPage({ viewport });
  for (const url of walked.stepUrls) {
    await open(page, url);
    expect(await overflowing(page), `${viewport.width}×${viewport.height} ${url}`).toEqual([]);
  }
  await page.close();
});

/** What on the current slide reaches outside it (the start of its text). */
async function overflowing(page: Page): Promise<(string | undefined)[]> {
  return page.evaluate(() => {
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
}

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

// The overflow guard: every step of every deck, rendered by the built site (its theme and runtime)
// at 16:9 and 4:3, must keep every visible element inside the slide and no two text blocks on top
// of each other. A failure names the deck's file and the slide's source line.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { defaultTreeAdapter, parse, parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { compileDeck, countFrames, type Deck } from '../../src/core/index.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];

const DECKS = readdirSync('slides')
  .filter((name) => name.endsWith('.md'))
  .map((name) => path.join('slides', name));

function compile(file: string, source = readFileSync(file, 'utf8')): Deck {
  return compileDeck(source, { file, readAsset: readAssetFromDisk(file) });
}

/** The built page with its slides replaced by `deck`'s: the site's own theme and runtime, any deck. */
function pageFor(deck: Deck): string {
  const document = parse(readFileSync('dist/index.html', 'utf8'));
  const find = (node: DefaultTreeAdapterMap['parentNode']): DefaultTreeAdapterMap['element'] | undefined => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      if (child.attrs.some((a) => a.name === 'class' && a.value.split(/\s+/).includes('slides'))) return child;
      const found = find(child);
      if (found) return found;
    }
    return undefined;
  };
  const slides = find(document)!;
  slides.childNodes = [];
  for (const node of parseFragment(deck.slides.map((slide) => slide.html).join('')).childNodes) {
    defaultTreeAdapter.appendChild(slides, node);
  }
  return serialize(document);
}

interface Problem {
  line: string;
  what: string;
}

/** Runs in the page: what reaches outside the current slide, and which text blocks overlap. */
function measureStep(): Problem[] {
  const problems: Problem[] = [];
  const slide = document.querySelector('.reveal .slides section.present');
  const frame = document.querySelector('.reveal .slides')!.getBoundingClientRect();
  if (!slide) return [{ line: '?', what: 'no current slide' }];
  const line = slide.getAttribute('data-source-line') ?? '?';
  const scale = frame.width / (document.querySelector('.reveal .slides') as HTMLElement).offsetWidth || 1;
  const px = (n: number) => Math.round(n / scale);
  const TOLERANCE = 1; // CSS px at slide scale: sub-pixel rounding is no overflow
  const seen = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const describe = (el: Element) => {
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
    return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}>${text ? ` "${text}"` : ''}`;
  };
  // What an element may show is cut by ancestors that clip (overflow other than visible, an svg).
  type Box = { left: number; top: number; right: number; bottom: number };
  const clipOf = (el: Element): Box | null => {
    let clip: Box | null = null;
    for (let a = el.parentElement; a && a !== slide; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible' && !(a instanceof SVGSVGElement)) continue;
      const r = a.getBoundingClientRect();
      clip = clip
        ? { left: Math.max(clip.left, r.left), top: Math.max(clip.top, r.top), right: Math.min(clip.right, r.right), bottom: Math.min(clip.bottom, r.bottom) }
        : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }
    return clip;
  };
  const outside = (rect: DOMRect, clip: Box | null, tolerance = TOLERANCE) => {
    const left = Math.max(rect.left, clip?.left ?? -Infinity);
    const top = Math.max(rect.top, clip?.top ?? -Infinity);
    const right = Math.min(rect.right, clip?.right ?? Infinity);
    const bottom = Math.min(rect.bottom, clip?.bottom ?? Infinity);
    if (right <= left || bottom <= top) return [];
    const sides: string[] = [];
    if (frame.left - left > tolerance * scale) sides.push(`${px(frame.left - left)}px past the left`);
    if (right - frame.right > tolerance * scale) sides.push(`${px(right - frame.right)}px past the right`);
    if (frame.top - top > tolerance * scale) sides.push(`${px(frame.top - top)}px past the top`);
    if (bottom - frame.bottom > tolerance * scale) sides.push(`${px(bottom - frame.bottom)}px past the bottom`);
    return sides;
  };

  // Report the outermost element that overflows (its children overflow with it), and text that
  // overflows a box which itself fits (a long word, a box too small for its text).
  const reported = new Set<Element>();
  const withinReported = (el: Element | null) => {
    for (let a = el; a && a !== slide; a = a.parentElement) if (reported.has(a)) return true;
    return false;
  };
  const elements = [...slide.querySelectorAll('*')].filter((el) => !el.closest('aside.notes') && seen(el));
  for (const el of elements) {
    if (withinReported(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    // An inline box is as tall as its text's glyph boxes: the same slack as for text below.
    const inline = getComputedStyle(el).display === 'inline' && !(el instanceof SVGElement);
    const sides = outside(rect, clipOf(el), inline ? Math.max(TOLERANCE, (0.1 * rect.height) / scale) : TOLERANCE);
    if (sides.length) reported.add(el);
    if (sides.length) problems.push({ line, what: `${describe(el)} reaches ${sides.join(', ')} of the slide` });
  }

  // Text, line by line, grouped by the block it belongs to (its nearest non-inline ancestor).
  const blockOf = (node: Node): Element => {
    let el = node.parentElement!;
    while (el !== slide && (getComputedStyle(el).display.startsWith('inline') || getComputedStyle(el).display === 'contents') && !(el instanceof SVGTextElement)) {
      el = el.parentElement!;
    }
    return el;
  };
  const blocks = new Map<Element, DOMRect[]>();
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent?.trim() || parent.closest('aside.notes') || !seen(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const clip = clipOf(parent);
    for (const rect of withinReported(parent) ? [] : rects) {
      // A text line's box is the font's whole ascent and descent; its ink sits well inside (the
      // top tenth is room for accents), so that much slack is no overflow.
      const sides = outside(rect, clip, Math.max(TOLERANCE, (0.1 * rect.height) / scale));
      if (sides.length) problems.push({ line, what: `text "${node.textContent.trim().slice(0, 50)}" reaches ${sides.join(', ')} of the slide` });
    }
    const block = blockOf(node);
    blocks.set(block, [...(blocks.get(block) ?? []), ...rects]);
  }
  const entries = [...blocks.entries()];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, aRects] = entries[i]!;
      const [b, bRects] = entries[j]!;
      if (a.contains(b) || b.contains(a)) continue;
      const overlapping = aRects.some((r) =>
        bRects.some((s) => {
          const w = Math.min(r.right, s.right) - Math.max(r.left, s.left);
          const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
          // Glyph boxes of neighbouring lines may touch; a third of a line is text on text.
          return w > 2 * scale && h > Math.min(r.height, s.height) / 3;
        }),
      );
      if (overlapping) problems.push({ line, what: `${describe(a)} overlaps ${describe(b)}` });
    }
  }
  return problems;
}

/** Every step of the deck at the page's current size: problems as `file:line: step N of M: …`. */
async function guard(page: Page, deck: Deck, url: string): Promise<string[]> {
  await page.emulateMedia({ reducedMotion: 'reduce' }); // no transitions: measure settled steps
  await page.goto(url);
  await page.locator('.reveal.ready').waitFor();
  await page.evaluate(() => document.fonts.ready);
  const total = countFrames(deck);
  const found: string[] = [];
  for (let step = 1; step <= total; step++) {
    await expect(page.locator('.reveal .slide-number')).toHaveText(new RegExp(`^\\s*${step}\\s+of\\s+${total}\\s*$`));
    const size = page.viewportSize()!;
    for (const problem of await page.evaluate(measureStep)) {
      found.push(`${deck.file}:${problem.line}: step ${step} of ${total} at ${size.width}×${size.height}: ${problem.what}`);
    }
    if (step < total) await page.keyboard.press('PageDown');
  }
  return found;
}

/** Serves `deck` in the built page at ./<name>.overflow.html, beside the real assets. */
async function serveDeck(page: Page, deck: Deck, name: string): Promise<string> {
  await page.route(`**/${name}.overflow.html`, (route) => route.fulfill({ contentType: 'text/html', body: pageFor(deck) }));
  return `./${name}.overflow.html`;
}

for (const file of DECKS) {
  for (const size of SIZES) {
    test(`${file}: nothing overflows or overlaps at ${size.width}×${size.height}, at any step`, async ({ page }) => {
      test.slow();
      await page.setViewportSize(size);
      const deck = compile(file);
      const url = await serveDeck(page, deck, path.basename(file, '.md'));
      expect(await guard(page, deck, url)).toEqual([]);
    });
  }
}

test('the guard itself: it names the source line of a slide that overflows or overlaps', async ({ page }) => {
  const source = [
    '## Fits',
    '',
    'A short line.',
    '',
    '---',
    '',
    '## Too long',
    '',
    ...Array.from({ length: 30 }, (_, i) => `- item ${i + 1}`),
    '',
    '---',
    '',
    '## Too wide',
    '',
    `${'W'.repeat(120)}`,
    '',
    '---',
    '',
    '## On top',
    '',
    '[Lower text]{style="position:absolute;top:300px;left:100px"}',
    '',
    '[Upper text]{style="position:absolute;top:305px;left:110px"}',
    '',
  ].join('\n');
  const deck = compile('slides/overflow-self-test.md', source);
  const url = await serveDeck(page, deck, 'overflow-self-test');
  const problems = await guard(page, deck, url);
  const lineOf = (title: string) => deck.slides.find((s) => s.title === title)!.line;
  expect(problems.filter((p) => p.includes(`:${lineOf('Fits')}:`))).toEqual([]);
  expect(problems.some((p) => p.startsWith(`slides/overflow-self-test.md:${lineOf('Too long')}: step 2 of 4 at 1280×720:`) && p.includes('past the bottom'))).toBe(true);
  expect(problems.some((p) => p.startsWith(`slides/overflow-self-test.md:${lineOf('Too wide')}:`) && p.includes('past the right'))).toBe(true);
  expect(problems.some((p) => p.startsWith(`slides/overflow-self-test.md:${lineOf('On top')}:`) && p.includes('overlaps'))).toBe(true);
});

test('the guard itself: inline SVG figures, labels that fit pass and labels on top of each other do not', async ({ page }) => {
  await page.goto('./');
  await page.locator('.reveal.ready').waitFor();
  const measureWith = async (svg: string) => {
    await page.evaluate((markup) => {
      const slide = document.querySelector('.reveal .slides section.present')!;
      slide.innerHTML = `<h2>A figure</h2>${markup}`;
    }, svg);
    return page.evaluate(measureStep);
  };
  const figure = (labels: string) =>
    `<svg viewBox="0 0 800 300" width="800" height="300" role="img"><title>axis</title>` +
    `<line x1="40" y1="150" x2="760" y2="150" stroke="black"/>${labels}<circle cx="900" cy="150" r="40"/></svg>`;
  // A shape outside the viewBox is clipped by the svg: no overflow.
  expect(await measureWith(figure('<text x="40" y="130" font-size="32">powerless</text><text x="600" y="130" font-size="32">powerful</text>'))).toEqual([]);
  const colliding = await measureWith(figure('<text x="40" y="130" font-size="32">powerless</text><text x="60" y="135" font-size="32">powerful</text>'));
  expect(colliding.map((p) => p.what)).toEqual([expect.stringMatching(/<text> "powerless" overlaps <text> "powerful"/)]);
});

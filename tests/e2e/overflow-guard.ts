// The overflow guard's measure, shared by tests/e2e/overflow.spec.ts (every deck in slides/) and
// the tests of decks made for a feature (tests/e2e/math.spec.ts, code.spec.ts): every step of a
// deck, rendered by a built page (its theme and runtime), must keep every visible element inside
// the slide, no two text blocks on top of each other, and every code block able to show what it
// must. A problem names the deck's file and the slide's line.
import { existsSync, readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { defaultTreeAdapter, parse, parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { countFrames, type Deck } from '../../src/core/index.ts';
import { measureStep } from '../../src/runtime/overflow.ts';

export { measureStep };

/**
 * A built page with its slides replaced by `deck`'s: the site's own theme and runtime, any deck.
 * The page is the deck's own when it was built (`dist/<name>/index.html`: with what its slides
 * need beyond the theme, such as KaTeX's CSS and fonts for formulas), else the talk's.
 */
export function pageFor(deck: Deck, template = 'dist/index.html'): string {
  const document = parse(readFileSync(template, 'utf8'));
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

/** Every step of the deck at the page's current size: problems as `file:line: step N of M: …`. */
export async function guard(page: Page, deck: Deck, url: string): Promise<string[]> {
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

/**
 * Serves `deck` in a built page at `<folder>/<name>.overflow.html`, beside the real assets: in the
 * folder of its own page when it was built (`dist/<name>/`), else at the root, in the talk's page.
 */
export async function serveDeck(page: Page, deck: Deck, name: string, dist = 'dist'): Promise<string> {
  const own = `${dist}/${name}/index.html`;
  const folder = existsSync(own) ? `${name}/` : '';
  const body = pageFor(deck, folder ? own : `${dist}/index.html`);
  await page.route(`**/${folder}${name}.overflow.html`, (route) => route.fulfill({ contentType: 'text/html', body }));
  return `./${folder}${name}.overflow.html`;
}

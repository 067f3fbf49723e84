// The overflow guard's measure, shared by tests/e2e/overflow.spec.ts (every deck in slides/) and
// the tests of decks made for a feature (tests/e2e/math.spec.ts, code.spec.ts): every step of a
// deck, rendered by a built page (its theme and runtime), must keep every visible element inside
// the slide, no two text blocks on top of each other, and every code block able to show what it
// must. A problem names the deck's file and the slide's line.
import { existsSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { countFrames, type Deck } from '../../src/core/index.ts';
import { measureStep } from '../../src/runtime/overflow.ts';
import { pageFor } from '../../src/node/layout-check.ts';

export { measureStep };

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

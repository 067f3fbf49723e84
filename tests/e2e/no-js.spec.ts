// Scripts off: the page is the whole talk as a document — every slide in order, every step shown,
// figures in place — not a blank page or one slide.
import { expect, test } from '@playwright/test';
import { deckFrames } from '../../src/core/index.ts';
import { talk } from './talk.ts';
import { normalizeLines } from '../unit/seed.ts';

const deck = talk;
const frames = deckFrames(deck);
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

test.use({ javaScriptEnabled: false });

for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
  test(`without JavaScript (${viewport.width}×${viewport.height}) every slide and every step reads in order`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('./');
    const sections = page.locator('.reveal .slides > section');
    await expect(sections).toHaveCount(deck.slides.length);

    const boxes: { top: number; bottom: number }[] = [];
    for (const [i, slide] of deck.slides.entries()) {
      const section = sections.nth(i);
      await expect(section, `slide ${i + 1}`).toBeVisible();
      // innerText leaves out what is not rendered (display: none, visibility: hidden).
      const text = squash(await section.innerText());
      for (const frame of frames.filter((f) => f.slide === i)) {
        for (const line of normalizeLines(frame.lines)) expect(text, `slide ${i + 1}, step ${frame.step + 1}`).toContain(squash(line));
      }
      const box = (await section.boundingBox())!;
      boxes.push({ top: box.y, bottom: box.y + box.height });
      expect(box.width, `slide ${i + 1} fits the page width`).toBeLessThanOrEqual(viewport.width);
    }
    // One after the other, like a document: no slide sits on another.
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top, `slide ${i + 1} starts below slide ${i}`).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom - 1);

    // No two blocks of text overlap (the states of a `::: replace` are stacked in one spot on screen).
    const overlaps = await page.locator('.reveal .slides').evaluate((slides) => {
      const blocks = [...slides.querySelectorAll('h1,h2,h3,h4,h5,h6,p')].map((el) => ({ el, r: el.getBoundingClientRect() }));
      const found: string[] = [];
      for (const [i, a] of blocks.entries()) {
        for (const b of blocks.slice(i + 1)) {
          if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
          const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (x > 1 && y > 1) found.push(`${a.el.textContent} / ${b.el.textContent}`);
        }
      }
      return found;
    });
    expect(overlaps).toEqual([]);

    // Figures (images, inline SVG) are shown, inside their slide, and not wider than the page.
    const figures = page.locator('.reveal .slides :is(img, svg, video)');
    for (let i = 0; i < (await figures.count()); i++) {
      const figure = figures.nth(i);
      await expect(figure).toBeVisible();
      const box = (await figure.boundingBox())!;
      expect(box.width * box.height).toBeGreaterThan(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 1);
    }
    // Speaker notes are for the speaker.
    await expect(page.locator('.reveal aside.notes').first()).toBeHidden();
    // No sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  });
}

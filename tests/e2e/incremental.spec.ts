// Incremental lists on the built guide (slides/guide.md, "A list, item by item"): each item of the
// `::: incremental` list appears at its own step, as the counter, the URL, what is seen and what
// a screen reader is told all agree (the HTML they start from: tests/fixtures/loader/incremental.txt).
import { expect, test } from '@playwright/test';
import { GUIDE } from './deck-list.ts';
import { recordAnnouncements } from './a11y-checks.ts';
import { settle } from './settle.ts';
import { visibleLines } from './visible.ts';

const SLIDE = 'a-list-item-by-item';
const slide = GUIDE.deck.slides.find((s) => s.id === SLIDE)!;
/** The counter's number of the slide's first step. */
const first = GUIDE.frames.findIndex((f) => f.slide === slide.index) + 1;
const total = GUIDE.frames.length;
const ITEMS = ['No marker on any item', 'Each one takes the next step', 'Nested items take their turn', 'incremental: true in the front matter does it for every list'];

test('the guide’s incremental list shows one more item at each step: counter, URL, what is seen and said', async ({ page }) => {
  expect(slide.steps).toHaveLength(ITEMS.length + 1);
  await page.goto(`${GUIDE.page}#/${SLIDE}`);
  await page.locator('.reveal.ready').waitFor();
  const announced = await recordAnnouncements(page);
  const counter = page.locator('.reveal .slide-number');
  for (let step = 0; step <= ITEMS.length; step++) {
    if (step > 0) {
      await page.keyboard.press('PageDown');
      await expect(page).toHaveURL(new RegExp(`#/${SLIDE}/${step - 1}$`));
      await expect.poll(announced).toHaveLength(step);
      expect((await announced())[step - 1]!.join(' ')).toContain(ITEMS[step - 1]);
    }
    await settle(page);
    await expect(counter).toHaveText(new RegExp(`^\\s*${first + step}\\s+of\\s+${total}\\s*$`));
    const seen = (await visibleLines(page)).join('\n');
    ITEMS.forEach((item, k) => expect(seen.includes(item), `step ${step}: "${item}"`).toBe(k < step));
  }
});

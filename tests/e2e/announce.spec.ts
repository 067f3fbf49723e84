// Screen-reader announcements and the step counter on a deck made for the test: the built runtime
// runs on the built page with the talk's slides swapped for the test deck's, so what is announced
// at each step can be held to the text export's definition (src/core/visibility.ts).
import { expect, test, type Page } from '@playwright/test';
import { compileDeck, deckFrames } from '../../src/core/index.ts';
import { normalizeLines } from '../unit/seed.ts';
import { talk } from './talk.ts';
import { recordAnnouncements } from './a11y-checks.ts';

const DECK = [
  '## Order',
  '',
  '1. One',
  '2. Two',
  '3. Three {step=2}',
  '4. Four {step=1}',
  '',
  '---',
  '',
  '## Roles',
  '',
  '| Who | Does |',
  '| --- | --- |',
  '| Ana | code |',
  '',
  '. . .',
  '',
  '```',
  'npm start',
  '  then wait',
  '```',
  '',
].join('\n');
const deck = compileDeck(DECK, { file: 'announce.md' });
const frames = deckFrames(deck);

/** Opens the built page with the test deck's slides in place of the talk's. */
async function openTestDeck(page: Page) {
  const talkSlides = talk.slides.map((slide) => slide.html).join('');
  await page.route(
    (url) => url.pathname === '/' || url.pathname.endsWith('/index.html'),
    async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      expect(html).toContain(talkSlides);
      await route.fulfill({ response, body: html.replace(talkSlides, () => deck.slides.map((slide) => slide.html).join('')) });
    },
  );
  await page.goto('./');
  await page.locator('.reveal.ready').waitFor();
}

test('announcements say what the text export shows: numbers kept past a hidden item, table rows, code lines', async ({ page }) => {
  await openTestDeck(page);
  const announced = await recordAnnouncements(page);
  const counter = page.locator('.slide-number');
  await expect(counter).toHaveText(`1 of ${frames.length}`);

  await page.keyboard.press('PageDown'); // step 1: "4. Four" appears, "3. Three" still hidden
  await expect.poll(announced).toHaveLength(1);
  expect((await announced())[0]).toEqual(['4. Four']);
  expect(frames[1]!.lines).toContain('  4. Four');

  await page.keyboard.press('PageDown');
  await expect.poll(announced).toHaveLength(2);
  expect((await announced())[1]).toEqual(['3. Three']);

  await page.keyboard.press('PageDown'); // the next slide: its heading and the table, row by row
  await expect.poll(announced).toHaveLength(3);
  expect((await announced())[2]).toEqual(['Roles', 'Who | Does', 'Ana | code']);
  expect(normalizeLines(frames[3]!.lines)).toEqual(['Roles', 'Who | Does', 'Ana | code']);

  await page.keyboard.press('PageDown'); // the code, a line each, indent kept
  await expect.poll(announced).toHaveLength(4);
  expect((await announced())[3]).toEqual(['npm start', '  then wait']);
  await expect(counter).toHaveText(`${frames.length} of ${frames.length}`);
});

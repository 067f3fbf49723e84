// Accessibility at every step: no WCAG 2.1 A/AA violation (axe) in light and dark, a heading outline,
// a page screen readers can read, each step announced once with its new text, and the keyboard alone.
// (In light, axe and the announcements are checked on the walk in visual.spec.ts, which settles at
// every step at 1280×720 in light for its screenshots anyway; the checks are in a11y-checks.ts.)
import { expect, test, type Page } from '@playwright/test';
import { talk } from './talk.ts';
import { DECKS, TALK, walkParts, type BuiltDeck } from './deck-list.ts';
import { normalizeLines } from '../unit/seed.ts';
import { visibleLines } from './visible.ts';
import { settle as settleTransitions } from './settle.ts';
import { axeViolations, recordAnnouncements } from './a11y-checks.ts';

const deck = talk;

async function open(page: Page, hash = '', at = './') {
  await page.goto(`${at}${hash}`);
  await page.locator('.reveal.ready').waitFor();
}

/** Waits until frame `i` of `walked` is on screen and no transition is running (axe checks colours as drawn). */
async function settle(page: Page, i: number, walked: Pick<BuiltDeck, 'frames'>) {
  await expect.poll(async () => normalizeLines(await visibleLines(page)), { message: `step ${i + 1}` }).toEqual(normalizeLines(walked.frames[i]!.lines));
  await settleTransitions(page);
}

// The guide's walk in two parts that both workers walk side by side, each opened at its first step.
for (const walked of DECKS) {
  for (const part of walkParts(walked, walked === TALK ? 1 : 2)) {
    test(`axe finds no WCAG 2.1 A/AA violation at any step of the ${walked.name}${part.label} (dark)`, async ({ page }) => {
      test.setTimeout(150_000);
      await page.emulateMedia({ colorScheme: 'dark' });
      await open(page, part.from === 0 ? '' : walked.stepUrls[part.from]!.slice(walked.page.length), walked.page);
      for (let i = part.from; i < part.to; i++) {
        await settle(page, i, walked);
        const frame = walked.frames[i]!;
        expect.soft(await axeViolations(page), `${walked.file}: step ${i + 1} (slide ${frame.slide + 1}, step ${frame.step + 1})`).toEqual([]);
        if (i < part.to - 1) await page.keyboard.press('PageDown');
      }
    });
  }
}

test('screen readers can read the page: a main landmark, no role=application, one h1 and an h2 per slide', async ({ page }) => {
  await open(page);
  await expect(page.locator('[role="application"]')).toHaveCount(0);
  await expect(page.getByRole('main')).toHaveCount(1);
  const outline = await page.locator('.reveal .slides > section').evaluateAll((sections) =>
    sections.map((s) => [...s.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1]))),
  );
  expect(outline[0]![0]).toBe(1);
  expect(outline.flat().filter((level) => level === 1)).toHaveLength(1);
  for (const [i, levels] of outline.entries()) {
    if (i > 0) expect(levels[0], `slide ${i + 1} opens with an h2`).toBe(2);
    for (let j = 1; j < levels.length; j++) expect(levels[j]! - levels[j - 1]!, `slide ${i + 1}: no level skipped`).toBeLessThanOrEqual(1);
  }
});

test('arriving on a slide announces what is shown, not the step still to come; a step back says what went', async ({ page }) => {
  await open(page);
  const announced = await recordAnnouncements(page);
  await page.keyboard.press('PageDown');
  await expect.poll(announced).toHaveLength(1);
  const arrival = (await announced())[0]!.join('\n');
  expect(arrival).toContain('Working with your family');
  expect(arrival).not.toContain('Geoff Hinton');
  await page.keyboard.press('PageDown');
  await expect.poll(announced).toHaveLength(2);
  expect((await announced())[1]).toEqual(['❌ Working with Geoff Hinton']);
  await page.keyboard.press('PageUp');
  await expect.poll(announced).toHaveLength(3);
  expect((await announced())[2]).toEqual(['Hidden: ❌ Working with Geoff Hinton']);
});

test('the keyboard alone: focus is visible on links and controls, and the controls work', async ({ page }) => {
  await open(page);
  const outline = () =>
    page.evaluate(() => {
      const el = document.activeElement!;
      const style = getComputedStyle(el);
      return { tag: el.tagName, label: el.getAttribute('aria-label') ?? el.textContent, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
  await page.keyboard.press('Tab');
  expect(await outline()).toEqual({ tag: 'A', label: 'https://rosanneliu.com/', style: 'solid', width: 3 });
  // On to reveal's "next slide" button, which Enter presses.
  let focused = await outline();
  for (let i = 0; i < 5 && focused.label !== 'next slide'; i++) {
    await page.keyboard.press('Tab');
    focused = await outline();
  }
  expect(focused).toEqual({ tag: 'BUTTON', label: 'next slide', style: 'solid', width: 3 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/what-is-collaborate$/);
  // The usual presenter keys, without a mouse.
  await page.locator('body').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/what-is-collaborate\/0$/);
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/#\/why-should-we-care-about-this$/);
  await page.keyboard.press('End');
  await expect(page).toHaveURL(new RegExp(`#/${deck.slides.at(-1)!.id}`));
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(/#\/title$|\/$/);
});

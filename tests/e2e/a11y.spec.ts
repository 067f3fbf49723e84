// Accessibility at every step: no WCAG 2.1 A/AA violation (axe) in light and dark, a heading outline,
// a page screen readers can read, each step announced once with its new text, and the keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { deckFrames } from '../../src/core/index.ts';
import { talk } from './talk.ts';
import { DECKS, TALK, type BuiltDeck } from './deck-list.ts';
import { normalizeLines } from '../unit/seed.ts';
import { visibleLines } from './visible.ts';

const deck = talk;
const frames = deckFrames(deck);
const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function open(page: Page, hash = '', at = './') {
  await page.goto(`${at}${hash}`);
  await page.locator('.reveal.ready').waitFor();
}

/** Waits until frame `i` of `walked` is on screen and no transition is running (axe checks colours as drawn). */
async function settle(page: Page, i: number, walked: Pick<BuiltDeck, 'frames'> = { frames }) {
  await expect.poll(async () => normalizeLines(await visibleLines(page)), { message: `step ${i + 1}` }).toEqual(normalizeLines(walked.frames[i]!.lines));
  // Transitions only: reveal's controls hint with a long-running bounce animation.
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'));
}

/**
 * axe's WCAG 2.1 A/AA violations on the page as drawn now, one line per rule. With no frame from
 * another origin, axe.run in the page itself (AxeBuilder's legacy mode) reports the same results as
 * the default runPartial + finishRun, which opens and closes a blank page on every run, at about half
 * the cost; a page with a cross-origin frame keeps the default.
 */
async function axeViolations(page: Page): Promise<string[]> {
  const origin = new URL(page.url()).origin;
  const sameOrigin = page.frames().every((f) => f === page.mainFrame() || new URL(f.url()).origin === origin);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG21_AA).setLegacyMode(sameOrigin).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const walked of DECKS) {
  for (const colorScheme of ['light', 'dark'] as const) {
    // The talk's walk in light also listens to the live region: one walk, both checks (soft, so a
    // failure of one still lets every step of the other be checked).
    const listen = walked === TALK && colorScheme === 'light';
    const title = `axe finds no WCAG 2.1 A/AA violation at any step of the ${walked.name} (${colorScheme})`;
    test(listen ? `${title}; each step is announced once, with only its new text` : title, async ({ page }) => {
      test.setTimeout(150_000);
      await page.emulateMedia({ colorScheme });
      await open(page, '', walked.page);
      const announced = listen ? await startListening(page) : undefined;
      for (const i of walked.frames.keys()) {
        await settle(page, i, walked);
        if (announced && i > 0) await expectAnnounced(page, announced, i);
        const frame = walked.frames[i]!;
        expect.soft(await axeViolations(page), `${walked.file}: step ${i + 1} (slide ${frame.slide + 1}, step ${frame.step + 1})`).toEqual([]);
        if (i < walked.frames.length - 1) await page.keyboard.press('PageDown');
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

/** Records every announcement of our live region into `window.announced`. */
async function recordAnnouncements(page: Page) {
  await page.locator('[aria-live]').evaluate((el) => {
    const w = window as unknown as { announced: string[][] };
    w.announced = [];
    new MutationObserver(() => {
      const lines = [...el.querySelectorAll('p')].map((p) => p.textContent ?? '');
      if (lines.length) w.announced.push(lines);
    }).observe(el, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { announced: string[][] }).announced);
}

/**
 * On the talk just opened: our live region is the only one (reveal's own, which reads pending steps
 * aloud, is gone); then records what it announces from here on.
 */
async function startListening(page: Page) {
  await expect(page.locator('.aria-status')).toHaveCount(0);
  await expect(page.locator('[aria-live]')).toHaveCount(1);
  await expect(page.locator('[aria-live]')).toHaveAttribute('role', 'status');
  return recordAnnouncements(page);
}

/** Step `i` of the talk (reached by PageDown from step 1, settled) was announced once, with only its new text. */
async function expectAnnounced(page: Page, announced: () => Promise<string[][]>, i: number) {
  const now = normalizeLines(frames[i]!.lines);
  const before = new Set(normalizeLines(frames[i - 1]!.lines));
  let expected = frames[i]!.slide !== frames[i - 1]!.slide ? now : now.filter((line) => !before.has(line));
  // A step that adds no words (a path drawn in a figure) is announced by the title of what it draws.
  if (expected.length === 0) {
    expected = await page.evaluate(() =>
      [...document.querySelectorAll('.present svg .current-fragment')].flatMap((f) =>
        [...f.querySelectorAll('title')].map((t) => t.textContent?.trim() ?? '').filter(Boolean),
      ),
    );
    expect.soft(expected.length, `step ${i + 1} draws something with a name`).toBeGreaterThan(0);
  }
  await expect.soft.poll(announced, { message: `step ${i + 1}` }).toHaveLength(i);
  expect.soft(normalizeLines((await announced())[i - 1] ?? []), `step ${i + 1}`).toEqual(expected);
}

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

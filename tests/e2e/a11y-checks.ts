// Accessibility checks made at a step of a deck, shared by the walks that settle at every step:
// axe in a11y.spec.ts (dark) and in visual.spec.ts (light, on the walk that takes the screenshots),
// and the live region's announcements on the talk's walk.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { Frame } from '../../src/core/index.ts';
import { normalizeLines } from '../unit/seed.ts';

export const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe's WCAG 2.1 A/AA violations on the page as drawn now, one line per rule.
 *
 * With no frame from another origin, axe.run in the page itself (AxeBuilder's legacy mode) reports
 * the same results as the default runPartial + finishRun, which opens and closes a blank page on
 * every run, at about half the cost; a page with a cross-origin frame keeps the default. And on a
 * page without frames where axe-core is already in place (a walk stays in one document), AxeBuilder
 * is handed a no-op as the source instead of sending and compiling axe-core's 550 kB twice more:
 * it configures and runs the axe-core already there. (At every step of both decks, light and dark,
 * the full results, passes and check data included, were the same either way.) Only violations
 * are gathered in full (resultTypes; the other kinds keep one node each): collecting every passing
 * node was a third of axe's time on the guide, and the violations are the same.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const origin = new URL(page.url()).origin;
  const sameOrigin = page.frames().every((f) => f === page.mainFrame() || new URL(f.url()).origin === origin);
  const inPlace = page.frames().length === 1 && (await page.evaluate(() => typeof (window as { axe?: { runPartial?: unknown } }).axe?.runPartial === 'function'));
  const builder = new AxeBuilder({ page, ...(inPlace ? { axeSource: '/* axe-core is in the page already */' } : {}) });
  const { violations } = await builder.options({ resultTypes: ['violations'] }).withTags(WCAG21_AA).setLegacyMode(sameOrigin).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Records every announcement of our live region into `window.announced`. */
export async function recordAnnouncements(page: Page) {
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
 * On a deck just opened: our live region is the only one (reveal's own, which reads pending steps
 * aloud, is gone); then records what it announces from here on.
 */
export async function startListening(page: Page) {
  await expect(page.locator('.aria-status')).toHaveCount(0);
  await expect(page.locator('[aria-live]')).toHaveCount(1);
  await expect(page.locator('[aria-live]')).toHaveAttribute('role', 'status');
  return recordAnnouncements(page);
}

/**
 * Step `i` of `frames` (reached by PageDown from the first step, settled) was announced once, with
 * only its new text. Soft: the walk goes on to check its other steps.
 */
export async function expectAnnounced(page: Page, announced: () => Promise<string[][]>, frames: Frame[], i: number) {
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

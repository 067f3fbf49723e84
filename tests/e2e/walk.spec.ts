// A presenter with a clicker: open the built deck and press PageDown through the whole talk,
// reading only what is really visible at each step.
import { expect, test } from '@playwright/test';
import { deckFrames } from '../../src/core/index.ts';
import { talk } from './talk.ts';
import { applyLaterWording, normalizeLines, readSeed } from '../unit/seed.ts';
import { visibleLines } from './visible.ts';

const deck = talk;
const frames = deckFrames(deck);
const key = (lines: string[]) => JSON.stringify(normalizeLines(lines));

test('PageDown walks every step of the talk, in the order of the original', async ({ page }) => {
  await page.goto('./');
  await page.locator('.reveal.ready').waitFor();
  const seen: string[][] = [];
  for (const [i, frame] of frames.entries()) {
    await expect.poll(async () => normalizeLines(await visibleLines(page)), { message: `step ${i + 1}` }).toEqual(normalizeLines(frame.lines));
    seen.push(await visibleLines(page));
    if (i < frames.length - 1) await page.keyboard.press('PageDown');
  }
  // One more PageDown on the last step changes nothing.
  await page.keyboard.press('PageDown');
  await expect.poll(async () => key(await visibleLines(page))).toBe(key(frames.at(-1)!.lines));

  // Every page of the original is one of the steps seen, in order.
  let at = 0;
  for (const page33 of readSeed()) {
    const want = key(applyLaterWording(page33));
    const found = seen.findIndex((lines, j) => j >= at && key(lines) === want);
    expect(found, `page ${page33.page}`).toBeGreaterThanOrEqual(0);
    at = found;
  }
});

test('pending steps are in the DOM but not visible', async ({ page }) => {
  await page.goto('./#/what-is-collaborate');
  await page.locator('.reveal.ready').waitFor();
  const hinton = page.locator('.slides li', { hasText: 'Working with Geoff Hinton' });
  await expect(hinton).toBeAttached();
  await expect(hinton).toBeHidden();
  await page.keyboard.press('PageDown');
  await expect(hinton).toBeVisible();
});

test('the URL names the slide and step, so a reload stays on the same step', async ({ page }) => {
  await page.goto('./#/why-we-collaborate');
  await page.locator('.reveal.ready').waitFor();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(/#\/why-we-collaborate\/1$/);
  // Read once the step has settled: the URL changes at once, while the sentence this step replaces
  // is still fading out (and, still drawn, still counts as visible).
  const step = frames.find((f) => deck.slides[f.slide]!.id === 'why-we-collaborate' && f.step === 2)!;
  await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(step.lines));
  const before = await visibleLines(page);
  expect(before.join('\n')).toContain('🇺🇸: It’s just unnatural');
  await page.reload();
  await page.locator('.reveal.ready').waitFor();
  await expect.poll(() => visibleLines(page)).toEqual(before);
});

test('the built page already contains every slide and loads no Markdown parser', async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.push(await response.text());
  });
  const response = await page.goto('./');
  const html = await response!.text();
  expect((html.match(/<section\b/g) ?? []).length).toBe(deck.slides.length);
  expect(html).toContain('Until it suddenly turned into a jungle gym');
  await page.locator('.reveal.ready').waitFor();
  expect(scripts.length).toBeGreaterThan(0);
  for (const source of scripts) expect(source).not.toMatch(/markdown-it|linkify|new MarkdownIt/);
});

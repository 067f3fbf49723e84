// The presenter view: `S` opens reveal.js's speaker window with the current and next step, the
// slide's notes, a clock and the elapsed time; from the built site and from the single-file export
// opened from disk with the network off.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect as baseExpect, test, type Frame, type Page } from '@playwright/test';
import { createServer } from 'vite';
import { inlineSite } from '../../scripts/export-html.ts';
import { talk } from './talk.ts';
import { visibleLines } from './visible.ts';

// The speaker window connects by polling (every 500 ms) and debounces updates: on a loaded machine
// that takes a few seconds, so waits here are generous (they end as soon as the view is right).
const expect = baseExpect.configure({ timeout: 15_000 });

const deck = talk;
const slide = (id: string) => deck.slides.find((s) => s.id === id)!;
const text = (lines: string[]) => lines.join('\n');

async function openPresenter(page: Page): Promise<{ popup: Page; current: Frame; upcoming: Frame }> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  const frameOf = async (selector: string) => {
    const handle = await popup.locator(`${selector} iframe`).elementHandle({ timeout: 15_000 });
    const frame = await handle!.contentFrame();
    await frame!.locator('.reveal.ready').waitFor();
    return frame!;
  };
  return { popup, current: await frameOf('#current-slide'), upcoming: await frameOf('#upcoming-slide') };
}

async function presenterWalk(page: Page) {
  await page.locator('.reveal.ready').waitFor();
  const { popup, current, upcoming } = await openPresenter(page);
  const notes = popup.locator('.speaker-controls-notes .value');

  // The slide's notes, the current step (no Hinton yet) and the next one (Hinton).
  await expect(notes).toHaveText(slide('what-is-collaborate').notes);
  await expect.poll(async () => text(await visibleLines(current))).not.toContain('Geoff Hinton');
  await expect.poll(async () => text(await visibleLines(current))).toContain('Working with your family');
  await expect.poll(async () => text(await visibleLines(upcoming))).toContain('Working with Geoff Hinton');

  // The step count, in the deck's own look.
  await expect(popup.locator('.speaker-controls-step .value')).toHaveText(/^\d+ of \d+$/);
  await expect(popup.locator('style.deck-look')).toHaveCount(1);

  // A clock, and an elapsed time that runs.
  await expect(popup.locator('.speaker-controls-time .clock-value')).toHaveText(/^\d{1,2}:\d{2} ?[AP]M$/);
  const elapsed = popup.locator('.speaker-controls-time .timer');
  await expect(elapsed).toHaveText(/^\s*\d{2}:\d{2}:\d{2}\s*$/);
  await expect.poll(async () => (await elapsed.textContent())?.trim(), { timeout: 10_000 }).not.toBe('00:00:00');

  // The presenter steps the deck: both windows follow.
  await page.keyboard.press('PageDown');
  await expect.poll(async () => text(await visibleLines(current))).toContain('Working with Geoff Hinton');
  await expect.poll(async () => text(await visibleLines(upcoming))).toContain('Why should we care about this');
  await page.keyboard.press('PageDown');
  await expect(notes).toHaveText(slide('why-should-we-care-about-this').notes);
  await expect(popup.locator('.speaker-controls-step .value')).toHaveText(await page.locator('.slide-number').innerText().then((t) => t.replace(/\s+/g, ' ').trim()));

  // A clicker pointed at the speaker window drives the audience's deck too.
  await popup.bringToFront();
  await popup.keyboard.press('PageDown');
  await expect(page).toHaveURL(/#\/why-we-collaborate$/);
  await expect(notes).toHaveText(slide('why-we-collaborate').notes);
  await expect.poll(async () => text(await visibleLines(page))).toContain('It’s not the fastest route to success.');
  return popup;
}

test('S opens the presenter view of the built site: notes, current and next step, clock, timer', async ({ page }) => {
  await page.goto('./#/what-is-collaborate');
  await presenterWalk(page);
});

test('opening the presenter view in the middle of a slide keeps the audience on that step', async ({ page }) => {
  await page.goto('./#/why-we-collaborate/0');
  await page.locator('.reveal.ready').waitFor();
  const { popup, current, upcoming } = await openPresenter(page);
  await expect.poll(async () => text(await visibleLines(current))).toContain('It takes a long warm-up period');
  await expect.poll(async () => text(await visibleLines(upcoming))).toContain('It’s just unnatural');
  // Two seconds on the speaker's timer: the previews have long reported their position back.
  const elapsed = popup.locator('.speaker-controls-time .timer');
  await expect.poll(async () => (await elapsed.textContent())?.trim(), { timeout: 10_000 }).toMatch(/^00:00:(?:0[2-9]|[1-5]\d)$/);
  await expect(page).toHaveURL(/#\/why-we-collaborate\/0$/);
  await expect.poll(async () => text(await visibleLines(current))).toContain('It takes a long warm-up period');
});

test('quick clicks with the presenter view open: the deck stays where the clicks took it', async ({ page }) => {
  await page.goto('./');
  await page.locator('.reveal.ready').waitFor();
  // Clicks while the speaker window is still connecting, then on.
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  for (let i = 0; i < 9; i++) await page.keyboard.press('PageDown');
  const current = (await (await popup.locator('#current-slide iframe').elementHandle({ timeout: 15_000 }))!.contentFrame())!;
  const target = /#\/now-for-those-with-a-choice-why-should-they-choose-to-collab\/0$/; // step 10
  await expect(page).toHaveURL(target);
  await expect.poll(async () => text(await visibleLines(current))).toContain('Individually');
  // Let the speaker window's delayed reports (debounced by half a second) come and go.
  const elapsed = popup.locator('.speaker-controls-time .timer');
  const seconds = async () => (await elapsed.textContent())!.trim().split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
  const start = await seconds();
  await expect.poll(seconds).toBeGreaterThanOrEqual(start + 3);
  await expect(page).toHaveURL(target);
});

test('the presenter view works from the single-file export opened from disk, with no network', async ({ browser }) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'deck-presenter-')), 'collaborations-in-ml.html');
  writeFileSync(file, inlineSite('dist'));
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ offline: true });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  await page.goto(`${url}#/what-is-collaborate`);
  await presenterWalk(page);
  // Only the file itself (the deck and the presenter's previews of it) and inline data.
  const foreign = requests.filter((u) => !u.startsWith(url) && !/^(data|blob|about):/.test(u));
  expect(requests.filter((u) => u.startsWith(`${url}?`) && u.includes('receiver')), 'the previews load the file itself').toHaveLength(2);
  expect(foreign).toEqual([]);
  await context.close();
});

test('the presenter view works from the dev server too', async ({ page }) => {
  test.slow(); // the dev server compiles on first request
  // Port 0: the system picks a free port, so parallel checkouts cannot collide.
  const server = await createServer({ logLevel: 'silent', clearScreen: false, server: { port: 0, strictPort: false, host: '127.0.0.1' } });
  await server.listen();
  try {
    await page.goto(`${server.resolvedUrls!.local[0]}#/what-is-collaborate`);
    await presenterWalk(page);
  } finally {
    await server.close();
  }
});

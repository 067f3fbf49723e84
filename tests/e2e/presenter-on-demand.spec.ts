// The presenter view is code only the speaker needs: a reader walking the whole talk downloads
// none of it; `S` loads it and opens the speaker window, and a speaker window left open across a
// reload of the deck reconnects to it.
import { expect as baseExpect, test, type BrowserContext } from '@playwright/test';
import { countFrames } from '../../src/core/index.ts';
import { talk } from './talk.ts';

// The speaker window connects by polling and debounces updates: generous waits on a loaded machine.
const expect = baseExpect.configure({ timeout: 15_000 });

const deck = talk;

/** Every script the context receives, with whether it is the presenter view's (its window's markup). */
function recordScripts(context: BrowserContext): { url: string; presenter: boolean }[] {
  const scripts: { url: string; presenter: boolean }[] = [];
  context.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const entry = { url: response.url(), presenter: false };
    scripts.push(entry);
    entry.presenter = (await response.text().catch(() => '')).includes('speaker-controls-notes');
  });
  return scripts;
}

test('a reader walking the whole talk downloads no presenter code; S loads it and opens the speaker view', async ({ page, context }) => {
  const scripts = recordScripts(context);
  await page.goto('./');
  await page.locator('.reveal.ready').waitFor();
  for (let step = 1; step < countFrames(deck); step++) await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(new RegExp(`#/${deck.slides.at(-1)!.id}$`));
  await expect.poll(() => scripts.length, { message: 'the runtime was loaded' }).toBeGreaterThanOrEqual(2);
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((s) => s.presenter).map((s) => s.url)).toEqual([]);
  const readerScripts = scripts.length;

  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await expect(popup.locator('.speaker-controls-notes .value')).toHaveText(deck.slides.at(-1)!.notes);
  await expect(popup.locator('#current-slide iframe')).toBeAttached();
  // One more script, the presenter's, loaded once by the deck (the speaker window's previews, which
  // load the deck with `?receiver`, do not need it).
  await expect.poll(() => scripts.slice(readerScripts).filter((s) => s.presenter).length).toBe(1);
  await popup.locator('#upcoming-slide iframe').waitFor({ state: 'attached' });
  await popup.waitForLoadState('networkidle');
  expect(scripts.filter((s) => s.presenter)).toHaveLength(1);
});

test('a speaker window left open while the deck reloads reconnects and follows it', async ({ page }) => {
  await page.goto('./#/what-is-collaborate');
  await page.locator('.reveal.ready').waitFor();
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  const notes = popup.locator('.speaker-controls-notes .value');
  await expect(notes).toHaveText(deck.slides.find((s) => s.id === 'what-is-collaborate')!.notes);

  await page.reload();
  await page.locator('.reveal.ready').waitFor();
  // The speaker window's heartbeat (once a second) makes the reloaded deck load the plugin, which
  // answers the next one; from then on the speaker window follows the deck again.
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(/#\/why-should-we-care-about-this$/);
  await expect(notes).toHaveText(deck.slides.find((s) => s.id === 'why-should-we-care-about-this')!.notes);
  // Its step count follows the reloaded deck too.
  await page.keyboard.press('PageDown');
  const number = (await page.locator('.slide-number').innerText()).replace(/\s+/g, ' ').trim();
  await expect(popup.locator('.speaker-controls-step .value')).toHaveText(number);
});

// Animation between slides (`{auto-animate=true}`), on the guide's pair of slides: going from the
// first to the second, reveal.js moves the list items that both slides have to their new places
// (a transition on their transform); for a viewer who prefers reduced motion, and in the presenter
// view's previews, the second slide is there at once (src/runtime/auto-animate.ts); on a phone a
// link to the second slide lands on it. The talk's page does not load the script.
import { expect, test, type Page } from '@playwright/test';
import { settle } from './settle.ts';

const FIRST = 'guide/#/animate-from-slide-to-slide';

/** The list item "Model" two frames after the step: whether reveal paired it, whether it is moving, where it is. */
async function model(page: Page) {
  return page.evaluate(async () => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const item = [...document.querySelectorAll<HTMLElement>('.reveal section.present li')].find((li) => li.textContent === 'Model')!;
    const moving = item.getAnimations().some((a) => a instanceof CSSTransition && a.transitionProperty === 'transform' && a.playState === 'running');
    return { paired: item.hasAttribute('data-auto-animate-target'), moving, top: Math.round(item.getBoundingClientRect().top) };
  });
}

async function open(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator('.reveal.ready')).toHaveCount(1);
  // The page's script is loaded after the first paint.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /auto-animate-[\w-]+\.js$/.test(r.name)));
}

test('the pair of guide slides animates into each other, unless the viewer prefers reduced motion', async ({ page }) => {
  await open(page, FIRST);
  await page.keyboard.press('ArrowRight');
  const during = await model(page);
  expect(during).toMatchObject({ paired: true, moving: true });
  await settle(page);
  const end = await model(page);
  expect(end.moving).toBe(false);
  expect(during.top).toBeGreaterThan(end.top); // "Model" moves up, above "Data"
  await expect(page).toHaveURL(/#\/animate-from-slide-to-slide-2$/);

  await page.keyboard.press('ArrowLeft');
  await settle(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  // (The deck follows the change with configure(), which ends a running animation: let it pass first.)
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50))));
  await page.keyboard.press('ArrowRight');
  expect(await model(page)).toEqual({ paired: true, moving: false, top: end.top });
});

test('the presenter view’s previews show the second slide at once', async ({ page }) => {
  // The current step's preview, moved as the speaker window moves it.
  await open(page, FIRST.replace('#', '?receiver&postMessageEvents=true#'));
  await page.evaluate(() => window.postMessage(JSON.stringify({ method: 'next', args: [] }), '*'));
  await expect(page).toHaveURL(/#\/animate-from-slide-to-slide-2$/);
  const at = await model(page);
  expect(at.moving).toBe(false);
  await settle(page);
  expect((await model(page)).top).toBe(at.top);
});

test('the talk loads no script for it', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => scripts.push(r.url()));
  await page.goto('collaborations-in-ml/');
  await expect(page.locator('.reveal.ready')).toHaveCount(1);
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((u) => /auto-animate/.test(u))).toEqual([]);
});

// reveal.js's scroll view (phones) puts a run of auto-animate slides on one page, each slide a
// screen of scrolling further down; a link to the second lands on the second.
test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  test('a shared link to the second slide of the pair lands on it', async ({ page }) => {
    await page.goto('guide/#/animate-from-slide-to-slide-2');
    await page.locator('.reveal-viewport.reveal-scroll:not(.loading-scroll-mode)').waitFor();
    await expect(page.locator('.reveal section.present')).toHaveId('animate-from-slide-to-slide-2');
    await expect(page.locator('#animate-from-slide-to-slide-2').getByText('The same text pairs by itself')).toBeInViewport();
    await expect(page).toHaveURL(/#\/animate-from-slide-to-slide-2$/);
  });
});

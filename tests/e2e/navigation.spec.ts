// What a presenter expects from the keyboard, a clicker, a tablet and the URL, in the built deck.
import { expect, test, type Page } from '@playwright/test';
import { deckFrames } from '../../src/core/index.ts';
import { talk } from './talk.ts';
import { normalizeLines } from '../unit/seed.ts';
import { visibleLines } from './visible.ts';

const deck = talk;
const frames = deckFrames(deck);
const ids = deck.slides.map((slide) => slide.id);

async function open(page: Page, hash = '') {
  await page.goto(`./${hash}`);
  await page.locator('.reveal.ready').waitFor();
}

const shown = async (page: Page) => (await visibleLines(page)).join('\n');

test('a clicker: PageDown and PageUp step through build steps and slides', async ({ page }) => {
  await open(page, '#/what-is-collaborate');
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(/#\/what-is-collaborate\/0$/);
  await expect.poll(() => shown(page)).toContain('Working with Geoff Hinton');
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(/#\/why-should-we-care-about-this$/);
  await page.keyboard.press('PageUp');
  await expect(page).toHaveURL(/#\/what-is-collaborate\/0$/);
  await page.keyboard.press('PageUp');
  await expect(page).toHaveURL(/#\/what-is-collaborate$/);
  await expect.poll(() => shown(page)).not.toContain('Working with Geoff Hinton');
});

test('arrows and space step too', async ({ page }) => {
  await open(page, '#/what-is-collaborate');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/what-is-collaborate\/0$/);
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/#\/why-should-we-care-about-this$/);
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/#\/what-is-collaborate\/0$/);
  await page.keyboard.press('ArrowDown'); // no vertical slides here: down also means "next"
  await expect(page).toHaveURL(/#\/why-should-we-care-about-this$/);
  await page.keyboard.press('ArrowUp');
  await expect(page).toHaveURL(/#\/what-is-collaborate\/0$/);
});

test('the slide number counts build steps, "N of M", over the whole talk', async ({ page }) => {
  await open(page);
  const number = page.locator('.reveal .slide-number');
  for (const [i] of frames.entries()) {
    await expect(number, `step ${i + 1}`).toHaveText(new RegExp(`^\\s*${i + 1}\\s+of\\s+${frames.length}\\s*$`));
    if (i < frames.length - 1) await page.keyboard.press('PageDown');
  }
  await page.keyboard.press('PageUp');
  await expect(number).toHaveText(new RegExp(`^\\s*${frames.length - 1}\\s+of\\s+${frames.length}\\s*$`));
});

for (const key of ['b', 'Period']) {
  test(`${key === 'b' ? 'B' : '.'} blacks the screen out and back`, async ({ page }) => {
    await open(page, '#/my-collaboration-story');
    const reveal = page.locator('.reveal');
    await page.keyboard.press(key);
    await expect(reveal).toHaveClass(/\bpaused\b/);
    // What covers the middle of the screen: the black overlay, fully opaque, over the slide.
    const cover = () =>
      page.evaluate(() => {
        const top = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
        const style = top && getComputedStyle(top);
        return style ? `${top.className} ${style.backgroundColor} ${style.opacity}` : '';
      });
    await expect.poll(cover).toBe('pause-overlay rgb(0, 0, 0) 1');
    await page.keyboard.press(key);
    await expect(reveal).not.toHaveClass(/\bpaused\b/);
    await expect.poll(cover).not.toContain('pause-overlay');
  });
}

test('F goes fullscreen', async ({ page }) => {
  await open(page);
  expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName ?? null)).not.toBeNull();
});

for (const key of ['Escape', 'o']) {
  test(`${key === 'o' ? 'O' : 'Esc'} opens the overview; Enter picks a slide from it`, async ({ page }) => {
    await open(page, '#/vs');
    const reveal = page.locator('.reveal');
    await page.keyboard.press(key);
    await expect(reveal).toHaveClass(/\boverview\b/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(reveal).not.toHaveClass(/\boverview\b/);
    await expect(page).toHaveURL(/#\/could-it-have-been-any-other-way$/);
  });
}

test('G jumps to a slide by number or by name', async ({ page }) => {
  await open(page);
  await page.keyboard.press('g');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/${ids[4]}$`));
  await page.keyboard.press('g');
  await page.keyboard.type('vs');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/vs$/);
  await expect.poll(() => shown(page)).toContain('Jungle gym');
});

test('a shared link lands on the step it names', async ({ page }) => {
  await open(page, '#/my-collaboration-story/0');
  await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(
    normalizeLines(frames.find((f) => f.slide === ids.indexOf('my-collaboration-story') && f.step === 1)!.lines),
  );
  await open(page, '#/my-collaboration-story/1');
  await expect.poll(() => shown(page)).toContain('Until it suddenly turned into a jungle gym');
  await expect(page.locator('.reveal .slide-number')).toHaveText(/^\s*\d+\s+of\s+\d+\s*$/);
});

test.describe('on a tablet', () => {
  test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });

  test('a swipe steps forward and back', async ({ page }) => {
    await open(page, '#/what-is-collaborate');
    const cdp = await page.context().newCDPSession(page);
    const swipe = async (fromX: number, toX: number) => {
      const y = 400;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: fromX, y }] });
      for (let i = 1; i <= 5; i++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: fromX + ((toX - fromX) * i) / 5, y }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    await swipe(800, 200); // finger moves left: next
    await expect(page).toHaveURL(/#\/what-is-collaborate\/0$/);
    await swipe(800, 200);
    await expect(page).toHaveURL(/#\/why-should-we-care-about-this$/);
    await swipe(200, 800); // finger moves right: back
    await expect(page).toHaveURL(/#\/what-is-collaborate\/0$/);
  });
});

test.describe('prefers-reduced-motion', () => {
  const durations = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('.reveal .slides section, .reveal .slides .fragment')].map((el) => {
        const style = getComputedStyle(el);
        return Math.max(...style.transitionDuration.split(',').map((d) => parseFloat(d)));
      }),
    );

  test('turns slide and step transitions off', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open(page, '#/what-is-collaborate');
    await expect(page.locator('.reveal')).toHaveClass(/\bnone\b/); // reveal.js's transition class
    expect(Math.max(...(await durations(page)))).toBe(0);
  });

  test('follows the setting when it changes during the talk', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await open(page, '#/what-is-collaborate');
    expect(Math.max(...(await durations(page)))).toBeGreaterThan(0);
    await expect(page.locator('.reveal')).toHaveClass(/\bslide\b/);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect(page.locator('.reveal')).toHaveClass(/\bnone\b/);
    expect(Math.max(...(await durations(page)))).toBe(0);
  });
});

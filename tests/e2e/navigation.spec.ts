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
    // (The black fades in and out over a second: look every 100 ms rather than poll's default back-off.)
    await expect.poll(cover, { intervals: [100] }).toBe('pause-overlay rgb(0, 0, 0) 1');
    // A presenter's black is black: no "Resume presentation" button on it.
    await expect(page.locator('.reveal .pause-overlay')).toBeVisible();
    expect(await page.locator('.reveal .pause-overlay').evaluate((overlay) => [...overlay.querySelectorAll('*')].filter((el) => el.checkVisibility()).length)).toBe(0);
    await page.keyboard.press(key);
    await expect(reveal).not.toHaveClass(/\bpaused\b/);
    await expect.poll(cover, { intervals: [100] }).not.toContain('pause-overlay');
  });
}

test('a click on the black screen brings the slide back', async ({ page }) => {
  await open(page, '#/my-collaboration-story');
  await page.keyboard.press('b');
  await expect(page.locator('.reveal')).toHaveClass(/\bpaused\b/);
  // (Once the black has faded in.)
  await expect.poll(() => page.locator('.reveal .pause-overlay').evaluate((el) => getComputedStyle(el).opacity), { intervals: [100] }).toBe('1');
  await page.mouse.click(640, 360);
  await expect(page.locator('.reveal')).not.toHaveClass(/\bpaused\b/);
});

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

test('G jumps to a step by the number the screen shows, or to a slide by name', async ({ page }) => {
  await open(page);
  const number = page.locator('.reveal .slide-number');
  await page.keyboard.press('g');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  // Step 5 of the talk is the first step of its fourth slide (the title, and two steps, come before).
  await expect(page).toHaveURL(new RegExp(`#/${ids[frames[4]!.slide]}$`));
  await expect(number).toHaveText(new RegExp(`^\\s*5\\s+of\\s+${frames.length}\\s*$`));
  await page.keyboard.press('g');
  await page.keyboard.type('vs');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/vs$/);
  await expect.poll(() => shown(page)).toContain('Jungle gym');
});

// The number on screen counts steps ("13 of 22"), so G 13 goes to what the screen calls 13, even
// in the middle of a slide.
for (const n of [3, 12, 13, frames.length]) {
  test(`G ${n} shows step ${n}`, async ({ page }) => {
    await open(page, '#/vs');
    await page.keyboard.press('g');
    await page.keyboard.type(String(n));
    await page.keyboard.press('Enter');
    await expect(page.locator('.reveal .slide-number')).toHaveText(new RegExp(`^\\s*${n}\\s+of\\s+${frames.length}\\s*$`));
    await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(frames[n - 1]!.lines));
  });
}

test('G and a number past the end, or Esc, stays where it was', async ({ page }) => {
  await open(page, '#/my-collaboration-story/0');
  await page.keyboard.press('g');
  await page.keyboard.type('999');
  await page.keyboard.press('Enter');
  await page.keyboard.press('g');
  await page.keyboard.type('vs');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/my-collaboration-story\/0$/);
  await expect(page.locator('.reveal .jump-to-slide')).toHaveCount(0);
});

// A jump back must not give the punchline away: reveal.js kept an earlier slide with every step shown.
const story = frames.filter((f) => ids[f.slide] === 'my-collaboration-story');
test('G back to an earlier slide opens it at its first step', async ({ page }) => {
  await open(page, '#/vs');
  await page.keyboard.press('g');
  await page.keyboard.type('my-collaboration-story');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/my-collaboration-story$/);
  await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(story[0]!.lines));
  // PageUp from the next slide still walks back through the steps: that is stepping, not a jump.
  await open(page, '#/the-jungle-gym-experience-has-led-me-to');
  await page.keyboard.press('PageUp');
  await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(story.at(-1)!.lines));
});

test('the overview, back to an earlier slide, opens it at its first step', async ({ page }) => {
  await open(page, '#/vs');
  await page.keyboard.press('o');
  await expect(page.locator('.reveal')).toHaveClass(/\boverview\b/);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(page.locator('.reveal')).not.toHaveClass(/\boverview\b/);
  await expect(page).toHaveURL(/#\/my-collaboration-story$/);
  await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(story[0]!.lines));
  // Closed again without moving, the overview keeps the step.
  await page.keyboard.press('PageDown');
  await page.keyboard.press('o');
  await page.keyboard.press('o');
  await expect(page).toHaveURL(/#\/my-collaboration-story\/0$/);
  await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(story[1]!.lines));
});

test('a click on a slide in the overview opens it at its first step', async ({ page }) => {
  await open(page, '#/vs');
  await page.keyboard.press('o');
  await page.locator('.slides > section#my-collaboration-story').click();
  await expect(page).toHaveURL(/#\/my-collaboration-story$/);
  await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(story[0]!.lines));
});

test('the URL names the step as soon as it changes: a reload right after a step keeps it', async ({ page }) => {
  await open(page, '#/what-is-collaborate');
  for (const hash of ['#/what-is-collaborate/0', '#/why-should-we-care-about-this', '#/why-we-collaborate', '#/why-we-collaborate/0']) {
    await page.keyboard.press('PageDown');
    expect(await page.evaluate(() => location.hash)).toBe(hash);
  }
  await page.reload();
  await page.locator('.reveal.ready').waitFor();
  await expect(page).toHaveURL(/#\/why-we-collaborate\/0$/);
  const step = frames.find((f) => ids[f.slide] === 'why-we-collaborate' && f.step === 1)!;
  await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(step.lines));
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

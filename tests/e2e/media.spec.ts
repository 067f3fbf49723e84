// Pictures, video and columns in the browser, on the built guide (slides/guide.md): the plot's
// <picture> offers AVIF and WebP at twice its drawn size (its bytes against the 4000×3000 PNG's),
// the dark variant follows T, nothing shifts while pictures load, columns stand side by side on
// the stage and one under the other on a phone, the video plays with its slide and pauses when
// it is left, and an animated picture starts again when its slide opens. (axe, at every step of
// the guide, in both themes, covers the slides with backgrounds: a11y.spec.ts.)
import { statSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const open = async (page: Page, id: string) => {
  await page.goto(`guide/#/${id}`);
  await page.locator('.reveal.ready').waitFor();
  await expect(page.locator(`section#${id}`)).toHaveClass(/present/);
};

test('the plot is AVIF or WebP at twice its drawn size, far lighter than its 4000×3000 PNG', async ({ page }) => {
  await open(page, 'a-plot-sized-at-build-time');
  const picture = page.locator('section.present picture.media-light');
  expect(await picture.locator('source').evaluateAll((s) => s.map((e) => e.getAttribute('type')))).toEqual(['image/avif', 'image/webp']);
  const img = picture.locator('img');
  await expect(img).toHaveAttribute('width', '562');
  await expect(img).toHaveAttribute('height', '421');
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  const loaded = await img.evaluate((i: HTMLImageElement) => ({ src: i.currentSrc, width: i.naturalWidth, height: i.naturalHeight }));
  expect(loaded.src).toMatch(/\.avif$/);
  expect(loaded.width).toBeLessThanOrEqual(2 * 562);
  expect(loaded.height).toBeLessThanOrEqual(2 * 421);
  const before = statSync('slides/plots/loss.png').size;
  const sizes: Record<string, number> = {};
  for (const url of [loaded.src, ...(await picture.locator('source[type="image/webp"]').evaluateAll((s) => s.map((e) => (e as HTMLSourceElement).srcset))), await img.getAttribute('src')]) {
    const response = await page.request.get(new URL(url!, page.url()).href);
    sizes[url!.replace(/^.*\./, '')] = (await response.body()).length;
  }
  test.info().annotations.push({ type: 'bytes', description: `loss.png 4000×3000: ${before} B; sent at ${loaded.width}×${loaded.height}: AVIF ${sizes.avif} B, WebP ${sizes.webp} B, PNG fallback ${sizes.png} B` });
  console.log(test.info().annotations.at(-1)!.description);
  expect(sizes.avif!).toBeLessThan(before / 5);
});

test('the dark variant shows in the dark theme, by T', async ({ page }) => {
  await open(page, 'a-plot-sized-at-build-time');
  const shown = () => page.locator('section.present .media-themed > picture').evaluateAll((ps) => ps.filter((p) => getComputedStyle(p).display !== 'none').map((p) => p.className));
  expect(await shown()).toEqual(['media-picture media-light']);
  await page.keyboard.press('t'); // auto → dark
  expect(await shown()).toEqual(['media-picture media-dark']);
  await expect.poll(() => page.locator('section.present picture.media-dark img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
});

test('nothing shifts while the pictures load (CLS ≈ 0)', async ({ page }) => {
  // The pictures arrive late, after the slide is laid out.
  await page.route(/\.(avif|webp|png|jpe?g|gif)$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.addInitScript(() => {
    (window as unknown as { shift: number }).shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) (window as unknown as { shift: number }).shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const id of ['a-plot-sized-at-build-time', 'columns', 'half-a-slide-is-a-picture']) {
    await open(page, id);
    await expect.poll(() => page.locator('section.present img').evaluateAll((imgs) => imgs.filter((i) => getComputedStyle(i).display !== 'none' && getComputedStyle(i.parentElement!).display !== 'none').every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
  }
  const shift = await page.evaluate(() => (window as unknown as { shift: number }).shift);
  expect(shift).toBeLessThan(0.01);
});

test('columns stand side by side on the stage and one under the other on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, 'columns');
  const boxes = async () => Promise.all((await page.locator('section#columns .column').all()).map((c) => c.boundingBox()));
  const [left, right] = await boxes();
  expect(right!.x).toBeGreaterThanOrEqual(left!.x + left!.width);
  expect(Math.abs(right!.y - left!.y)).toBeLessThan(5);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.locator('.reveal.ready').waitFor();
  const [top, bottom] = await boxes();
  expect(bottom!.y).toBeGreaterThanOrEqual(top!.y + top!.height - 1);
});

test('the video plays when its slide opens and pauses when it is left', async ({ page }) => {
  await open(page, 'a-video');
  const video = page.locator('section#a-video video');
  await expect(video).toHaveAttribute('poster', /webp/);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0), { timeout: 10_000 }).toBe(true);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => !v.paused)).toBe(true);
});

test('an animated picture starts again each time its slide opens', async ({ page }) => {
  await open(page, 'an-animated-picture');
  const img = page.locator('section#an-animated-picture picture[data-animated] source');
  await expect(img).toHaveAttribute('srcset', /#restart-\d+$/);
  const first = await img.getAttribute('srcset');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => img.getAttribute('srcset')).not.toBe(first);
});

test('a numbered figure: "Figure 1: …" under the plot, named by its caption once; @fig-loss opens its slide from another', async ({ page }) => {
  await open(page, 'numbered-figures');
  const figure = page.locator('section.present figure#fig-loss');
  await expect(figure.locator('figcaption')).toHaveText('Figure 1: Training and validation loss');
  await expect(figure.locator('picture.media-light img')).toHaveAttribute('alt', '');
  // The accessible tree: a figure named by its caption, and no picture saying the caption again.
  expect(await figure.ariaSnapshot()).toBe(`- 'figure "Figure 1: Training and validation loss"'`);
  const link = page.locator('section.present a.figure-ref');
  await expect(link).toHaveText('Figure 1');
  const href = (await link.getAttribute('href'))!;
  expect(href).toBe('#/fig-loss');
  // From the first slide, the link's address opens the figure's slide.
  await open(page, 'a-slide-is-a-heading');
  await page.evaluate((to) => (location.hash = to), href);
  await expect(page.locator('section#numbered-figures')).toHaveClass(/present/);
  await expect(figure).toBeVisible();
});

// What a shared link shows, read from the built page: language, title, description, Open Graph and
// Twitter card tags with a real picture, an icon; and links out that open safely.
import { expect, test } from '@playwright/test';
import { talk } from './talk.ts';

const deck = talk;

/** Where the browser fetches `href` from this test server (a configured $SITE_URL maps onto the page's own address). */
function localUrl(href: string, pageUrl: string): string {
  const site = process.env.SITE_URL;
  const base = pageUrl.replace(/#.*$/, '');
  if (site && href.startsWith(site.replace(/\/?$/, '/'))) return base + href.slice(site.replace(/\/?$/, '/').length);
  return new URL(href, base).href;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('the page says what it is: lang, title, description, share tags, icon', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Collaborations in ML: why do we even care');
  const content = (selector: string) => page.locator(selector).getAttribute('content');
  expect(await content('meta[name="description"]')).toBe(deck.meta.description);
  expect(await content('meta[property="og:title"]')).toBe('Collaborations in ML: why do we even care');
  expect(await content('meta[property="og:description"]')).toBe(deck.meta.description);
  expect(await content('meta[name="twitter:card"]')).toBe('summary_large_image');

  // The picture is the title slide as a 1200×630 PNG, served next to the page.
  const image = (await content('meta[property="og:image"]'))!;
  expect(await content('meta[name="twitter:image"]')).toBe(image);
  const picture = await page.request.get(localUrl(image, page.url()));
  expect(picture.status()).toBe(200);
  expect(pngSize(await picture.body())).toEqual([Number(await content('meta[property="og:image:width"]')), Number(await content('meta[property="og:image:height"]'))]);
  expect(pngSize(await picture.body())).toEqual([1200, 630]);

  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  const served = await page.request.get(localUrl(icon!, page.url()));
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toContain('image/svg+xml');
});

test('links out open in a new tab without opener or referrer', async ({ page }) => {
  await page.goto('./');
  const external = page.locator('.reveal a[href^="http"]');
  const hrefs = await external.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(expect.arrayContaining(['https://rosanneliu.com/', 'https://www.nature.com/collections/dcgahiejgg']));
  for (let i = 0; i < (await external.count()); i++) {
    await expect(external.nth(i)).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(external.nth(i)).toHaveAttribute('target', '_blank');
  }
});

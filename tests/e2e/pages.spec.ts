// GitHub Pages serves a project site under a sub-path (`https://<user>.github.io/<repo>/`). The built
// site, served the same way, loads every asset and walks through the whole talk with no failed request.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { deckFrames } from '../../src/core/index.ts';
import { talk } from './talk.ts';
import { serveStatic, type StaticSite } from '../../src/node/static-server.ts';
import { normalizeLines } from '../unit/seed.ts';
import { visibleLines } from './visible.ts';

const deck = talk;
const frames = deckFrames(deck);
// Next to the preview server's port, so parallel checkouts do not collide.
const PORT = Number(process.env.E2E_PORT ?? 4173) + 1;

// One server for the file: its tests share it, in one worker.
test.describe.configure({ mode: 'serial' });
/** Where the browser fetches `href` from this test server (a configured $SITE_URL maps onto the page's own address). */
function localUrl(href: string, pageUrl: string): string {
  const site = process.env.SITE_URL;
  const base = pageUrl.replace(/#.*$/, '');
  if (site && href.startsWith(site.replace(/\/?$/, '/'))) return base + href.slice(site.replace(/\/?$/, '/').length);
  return new URL(href, base).href;
}

let site: StaticSite;
test.beforeAll(async () => {
  site = await serveStatic(path.resolve('dist'), '/some-repo/', PORT);
});
test.afterAll(async () => site?.close());

test('under /some-repo/ every request succeeds while walking the whole talk', async ({ page }) => {
  test.setTimeout(90_000);
  const failed: string[] = [];
  const requested: string[] = [];
  page.on('requestfailed', (request) => {
    // Chromium cancels a pending favicon fetch when the page reloads (the test reloads): that is
    // the browser changing its mind, not a missing file (a 404 still fails through 'response').
    if (request.failure()?.errorText === 'net::ERR_ABORTED' && /favicon\.svg$/.test(request.url())) return;
    failed.push(`${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    requested.push(response.url());
    if (response.status() >= 400) failed.push(`${response.url()} (${response.status()})`);
  });
  await page.goto(site.url);
  await page.locator('.reveal.ready').waitFor();
  for (const [i, frame] of frames.entries()) {
    await expect.poll(async () => normalizeLines(await visibleLines(page)), { message: `step ${i + 1}` }).toEqual(normalizeLines(frame.lines));
    if (i < frames.length - 1) await page.keyboard.press('PageDown');
  }
  // A reload lands on the same step, still under the sub-path.
  await expect(page).toHaveURL(new RegExp(`/some-repo/#/${deck.slides.at(-1)!.id}`));
  await page.reload();
  await page.locator('.reveal.ready').waitFor();
  await expect.poll(async () => normalizeLines(await visibleLines(page))).toEqual(normalizeLines(frames.at(-1)!.lines));

  expect(failed).toEqual([]);
  // Scripts and styles came from under the sub-path, not from the domain root.
  const assets = requested.filter((url) => /\.(js|css)$/.test(url));
  expect(assets.length).toBeGreaterThan(0);
  for (const url of assets) expect(url).toContain('/some-repo/');
});

test('the icon and the share picture are there under the sub-path', async ({ page }) => {
  await page.goto(site.url);
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  for (const href of [icon!, image!]) {
    const url = localUrl(href, page.url());
    expect(url).toContain('/some-repo/');
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
  }
});

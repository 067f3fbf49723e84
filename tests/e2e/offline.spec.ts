// Offline by design: the built deck and its presenter view ask nothing of any host but their own
// (fonts, emoji, scripts and styles are all bundled; no CDN), so bad Wi-Fi cannot break the talk.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { countFrames } from '../../src/core/index.ts';
import { DECKS } from './deck-list.ts';

for (const { name, page: at, deck } of DECKS) test(`walking the whole built ${name} and its presenter view requests nothing from another host`, async ({ page, context, baseURL }) => {
  test.setTimeout(90_000);
  const own = new URL(baseURL!).host;
  const foreign: string[] = [];
  const failed: string[] = [];
  let local = 0;
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === own) {
      local++;
      return route.continue();
    }
    foreign.push(url.href);
    return route.abort('blockedbyclient');
  });
  context.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  context.on('requestfailed', (request) => {
    // A video's range request that the browser itself cancels (its slide was left, it paused) is no failure to reach a host.
    if (request.resourceType() === 'media' && request.failure()?.errorText === 'net::ERR_ABORTED') return;
    failed.push(`${request.failure()?.errorText} ${request.url()}`);
  });

  await page.goto(at);
  await page.locator('.reveal.ready').waitFor();
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await expect(popup.locator('#current-slide iframe')).toBeAttached();
  for (let step = 1; step < countFrames(deck); step++) await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(new RegExp(`#/${deck.slides.at(-1)!.id}$`));
  const lastNotes = deck.slides.at(-1)!.notes;
  // (A slide without notes hides the notes box: reveal's notes plugin leaves the last text in it.)
  if (lastNotes) await expect(popup.locator('.speaker-controls-notes .value')).toHaveText(lastNotes);
  else await expect(popup.locator('.speaker-controls-notes')).toBeHidden();

  // Every font face the page uses loaded (none failed for want of a network).
  for (const target of [page, popup]) {
    const fonts = await target.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].map((font) => `${font.family} ${font.status}`);
    });
    expect(fonts.filter((font) => font.endsWith('error'))).toEqual([]);
  }
  expect(local, 'requests seen by the route').toBeGreaterThan(2);
  expect(foreign).toEqual([]);
  expect(failed).toEqual([]);
});

test('the built files name no other host to fetch from', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
  const fetched: string[] = [];
  for (const file of files('dist').filter((f) => /\.(html|css|js)$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    // What a browser would fetch on its own: stylesheet url()/@import, and src/href of resources.
    const patterns = [
      /url\(\s*['"]?((?:https?:)?\/\/[^'")\s]+)/g,
      /@import\s+['"]((?:https?:)?\/\/[^'"]+)/g,
      /<(?:script|img|source|iframe|video|audio)\b[^>]*\ssrc=["']?((?:https?:)?\/\/[^"'\s>]+)/g,
      /<link\b(?=[^>]*\srel=["']?(?:stylesheet|preload|modulepreload|icon|manifest))[^>]*\shref=["']?((?:https?:)?\/\/[^"'\s>]+)/g,
    ];
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) fetched.push(`${file}: ${match[1]}`);
  }
  expect(fetched).toEqual([]);
});

// The first slide paints from the HTML and the inlined critical CSS alone, where reveal.js will
// show it: with the runtime held back (scripts on, so this is not the no-JavaScript document view),
// the title is visible, in the same box as once reveal.js has started
// (on a phone, reveal.js's scroll view: it wraps each slide, hence the first <section> of the page).
import { expect, test, type Page } from '@playwright/test';

const firstTitle = (page: Page) => page.locator('.reveal section').first().locator('h1, h2').first();

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
]) {
  test(`the first slide paints before any script, in its final place (${viewport.width}×${viewport.height})`, async ({ browser }) => {
    test.setTimeout(120_000); // two fresh contexts on a shared, loaded machine
    const before = await browser.newContext({ viewport });
    const page = await before.newPage();
    // Hold back everything the page loads after its first paint: only the HTML and what it inlines remain.
    await page.route(/\/assets\/.*\.(js|css)$/, (route) => route.abort());
    const html = await (await page.goto('./'))!.text();
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/); // nothing blocks the first paint
    // The encoding is declared where a browser looks for it without a Content-Type charset (a saved
    // or file:// page): within the first 1024 bytes; found later, the page would be read twice.
    expect(Buffer.from(html).subarray(0, 1024).toString('latin1')).toMatch(/<meta charset="utf-8"/i);
    const title = firstTitle(page);
    await expect(title).toBeVisible();
    await expect(page.locator('.reveal .slides > section:nth-child(2) h2')).toBeHidden();
    const boxBefore = await title.boundingBox();
    await before.close();

    const after = await browser.newContext({ viewport });
    const started = await after.newPage();
    await started.goto('./');
    await started.locator('.reveal.ready').waitFor();
    const boxAfter = await firstTitle(started).boundingBox();
    await after.close();
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(boxBefore![key], key).toBeCloseTo(boxAfter![key], 0);
  });
}

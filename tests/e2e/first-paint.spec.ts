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

// Issue 17: the first slide waits for no request. Until Atkinson Hyperlegible arrives it shows in a
// system font sized and spaced to take its room (src/theme/fonts.css), so when the web font comes
// every line of the slide stays where it was (same place, same number of lines) and each is about
// as long. Checked with the stand-in this system picks (Liberation Sans here, for Arial), and with
// DejaVu Sans forced, whose letters are 15% wider than Atkinson's unless scaled.
const SYSTEM_FONTS: Record<string, string[]> = {
  'the system\'s stand-in': ['Liberation Sans', 'Arial', 'Arimo', 'Roboto', 'DejaVu Sans'],
  'DejaVu Sans': ['DejaVu Sans'],
};
for (const deck of [{ name: 'the talk', path: './' }, { name: 'the guide', path: 'guide/' }]) {
  for (const [standIn, systemFonts] of Object.entries(SYSTEM_FONTS)) {
    test(`${deck.name}'s first slide shows before its fonts arrive, in ${standIn}, and keeps its place when they do`, async ({ browser }) => {
      test.setTimeout(60_000);
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      // The text font's files wait until the slide has been measured in its stand-in.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route(/atkinson-hyperlegible-\d+-[\w-]+\.woff2$/, async (route) => {
        await released;
        await route.continue();
      });
      await page.goto(deck.path, { waitUntil: 'domcontentloaded' }); // 'load' would wait for the fonts
      await expect(firstTitle(page)).toBeVisible();
      if (standIn === 'DejaVu Sans') {
        const stack = "'Atkinson Hyperlegible', 'Atkinson Fallback DejaVu', sans-serif";
        await page.addStyleTag({ content: `:root { --r-main-font: ${stack}; --r-heading-font: ${stack}; }` });
      }
      const cdp = await context.newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const titleFonts = async () => {
        const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.reveal .slides > section:first-child :is(h1, h2)' });
        return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts.map((f) => f.familyName);
      };
      const shownIn = await titleFonts();
      test.skip(!shownIn.some((name) => systemFonts.includes(name)), `this system has none of ${systemFonts.join(', ')} (the title shows in ${shownIn.join(', ')})`);
      const lines = () =>
        page.evaluate(() =>
          [...document.querySelectorAll('.reveal .slides > section:first-child :is(h1, h2, p, li)')].filter((el) => el.checkVisibility()).map((el) => {
            const box = el.getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(el);
            return { text: el.textContent!.slice(0, 24), x: box.x, y: box.y, height: box.height, width: range.getBoundingClientRect().width };
          }),
        );
      const before = await lines();
      release();
      await page.waitForFunction(() => [...document.fonts].filter((f) => f.family === 'Atkinson Hyperlegible').every((f) => f.status === 'loaded'));
      await page.evaluate(() => document.fonts.ready);
      expect(await titleFonts()).toEqual(['Atkinson Hyperlegible']);
      const after = await lines();
      expect(after.map((b) => b.text)).toEqual(before.map((b) => b.text));
      for (const [i, b] of after.entries()) {
        for (const key of ['x', 'y', 'height'] as const) expect(Math.abs(b[key] - before[i]![key]), `${b.text}: ${key}`).toBeLessThanOrEqual(1);
        expect(Math.abs(b.width / before[i]!.width - 1), `${b.text}: width in ${shownIn.join(', ')} ${before[i]!.width}, in Atkinson Hyperlegible ${b.width}`).toBeLessThan(0.06);
      }
      await context.close();
    });
  }
}

test('a first slide the browser has read only in part stays hidden until the rest of it arrives', async ({ page }) => {
  await page.route(/\/assets\/.*\.(js|css)$/, (route) => route.abort());
  const response = await page.request.get('./');
  const html = await response.text();
  const titleEnd = html.indexOf('</h1>') + '</h1>'.length;
  // The page as a browser has it while the rest is still on its way: cut after the title.
  await page.route(/\/$/, (route) => route.fulfill({ contentType: 'text/html', body: html.slice(0, titleEnd) }));
  await page.goto('./');
  await expect(page.locator('.reveal .slides > section:first-child h1')).toBeAttached();
  await expect(page.locator('.reveal .slides > section:first-child h1')).toBeHidden();
  await page.unroute(/\/$/);
  await page.goto('./');
  await expect(page.locator('.reveal .slides > section:first-child h1')).toBeVisible();
});

// More than one deck: the built site has every slides/<name>.md at /<name>/, the talk also at
// the root, and a deck's page one folder down finds its scripts, styles and fonts (base './').
import { expect, test } from '@playwright/test';
import { visibleLines } from './visible.ts';

test('the talk is also built at /collaborations-in-ml/, with every asset found', async ({ page, baseURL }) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
  await page.goto('collaborations-in-ml/');
  await page.locator('.reveal.ready').waitFor();
  expect((await visibleLines(page)).join('\n')).toContain('Collaborations in ML:');
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(`${baseURL}collaborations-in-ml/#/what-is-collaborate`);
  expect(failed).toEqual([]);
});

// The theme's fonts were linked as ./assets/… from /<name>/ too, a 404 on a real host (vite
// preview answers it with the page instead, so the test looks at what comes back, not the status).
// The page declares them in its inline styles (the first slide's own cut is inline, issue 17).
for (const pagePath of ['', 'collaborations-in-ml/']) {
  test(`every font file the page /${pagePath} declares is the font`, async ({ page }) => {
    await page.goto(pagePath);
    const hrefs = await page.evaluate(() =>
      [...document.querySelectorAll('style')].flatMap((style) =>
        [...style.textContent!.matchAll(/url\(["']?([^"')]+\.woff2)["']?\)/g)].map((m) => new URL(m[1]!, location.href).href),
      ),
    );
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
      expect(response.headers()['content-type'], href).toContain('font/woff2');
    }
  });
}

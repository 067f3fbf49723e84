import { chromium } from '@playwright/test';
import { launchOptions } from '/work/wt/incremental/src/node/chromium.ts';
const browser = await chromium.launch(launchOptions());
for (const [w, h, tag] of [[1280, 720, 'stage'], [390, 844, 'phone']] as const) {
  for (const theme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto('http://127.0.0.1:4641/guide/#/a-list-item-by-item');
    await page.locator('.reveal.ready').waitFor();
    if (theme === 'dark') await page.keyboard.press('t');
    for (let step = 0; step <= 4; step++) {
      if (step > 0) await page.keyboard.press('PageDown');
      await page.waitForTimeout(900);
      if (tag === 'stage' || step === 0 || step === 4) await page.screenshot({ path: `/tmp/inc-shot-${tag}-${theme}-${step}.png` });
    }
    await page.close();
  }
}
await browser.close();

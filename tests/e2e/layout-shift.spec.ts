// No layout shift on first view (issue 17): from the first paint (HTML and inlined CSS) through
// reveal.js's start (on a phone, its scroll view) and the fonts' arrival, the sum of the page's
// `layout-shift` entries (CLS as Chromium counts it) stays ≤ 0.02, on a phone and on a desktop.
// The network is slowed as a phone's (1.6 Mbps, 150 ms), so the runtime, the stylesheet and the
// fonts arrive one after the other, after the first paint, as on a first visit.
import { expect, test } from '@playwright/test';

const SCREENS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: 'desktop', viewport: { width: 1280, height: 720 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];

for (const page of [{ name: 'the talk', path: './' }, { name: 'the guide', path: 'guide/' }]) {
  test(`no layout shift on first view: ${page.name}, phone and desktop`, async ({ browser }) => {
    test.setTimeout(60_000);
    for (const { name, ...screen } of SCREENS) {
      const context = await browser.newContext(screen);
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 200_000 });
      await tab.addInitScript(() => {
        const shifts: { value: number; sources: string[] }[] = [];
        (window as unknown as { __shifts: typeof shifts }).__shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources: { node?: Node }[] })[]) {
            if (!entry.hadRecentInput) shifts.push({ value: entry.value, sources: entry.sources.map((s) => (s.node as Element | undefined)?.className?.toString() ?? s.node?.nodeName ?? '?') });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await tab.goto(page.path);
      await tab.locator('.reveal.ready').waitFor({ timeout: 30_000 });
      await tab.evaluate(() => document.fonts.ready);
      await tab.waitForLoadState('networkidle');
      await tab.waitForTimeout(300);
      const shifts = await tab.evaluate(() => (window as unknown as { __shifts: { value: number; sources: string[] }[] }).__shifts);
      const cls = shifts.reduce((sum, s) => sum + s.value, 0);
      expect(cls, `${name}: ${JSON.stringify(shifts)}`).toBeLessThanOrEqual(0.02);
      await context.close();
    }
  });
}

// Phone to audience: a press of Next on the phone's remote page until the audience's deck shows the
// step, through `npm run present`'s server (in this process, on 127.0.0.1: the local network's own
// delay, a few ms on Wi-Fi, comes on top). Both pages run in one browser, so their clocks
// (performance.timeOrigin + now) agree: the press is timed in the phone's click handler, the
// arrival at the first frame after reveal.js changed the slide's classes.
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startPresent } from '../src/node/present/server.ts';
import { remoteScript } from '../scripts/present.ts';
import { median, quantile, round, worst } from './stats.ts';

export interface RemoteFigures {
  presses: number;
  medianMs: number;
  p90Ms: number;
  worstMs: number;
}

export async function benchRemote(browser: Browser, presses: number): Promise<RemoteFigures> {
  const server = await startPresent({ site: path.resolve('dist'), deckPath: '/', port: 0, host: '127.0.0.1', remoteScript: await remoteScript() });
  const audience = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  try {
    const deck = await audience.newPage();
    await deck.addInitScript(() => {
      const moves: number[] = ((window as any).__moves = []);
      let pending = false;
      new MutationObserver(() => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => {
          moves.push(performance.timeOrigin + performance.now());
          pending = false;
        });
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['class'] });
    });
    await deck.goto(server.audienceUrl);
    await deck.locator('.reveal.ready').waitFor();
    const remote: Page = await phone.newPage();
    await remote.goto(server.remoteUrl);
    await remote.locator('#step').filter({ hasText: / of / }).waitFor();
    await remote.evaluate(() => addEventListener('click', () => ((window as any).__pressed = performance.timeOrigin + performance.now()), true));
    const samples: number[] = [];
    // Forth and back through the talk's first steps; two presses to warm up.
    for (let i = 0; i < presses + 2; i++) {
      const button = Math.floor(i / 8) % 2 === 0 ? '#next' : '#prev';
      await deck.waitForTimeout(150); // reveal's own moves settle
      const before = await deck.evaluate(() => (window as any).__moves.length as number);
      await remote.click(button);
      await deck.waitForFunction((n) => (window as any).__moves.length > n, before, { timeout: 5_000 });
      const arrived = await deck.evaluate((n) => (window as any).__moves[n] as number, before);
      const pressed = await remote.evaluate(() => (window as any).__pressed as number);
      if (i >= 2) samples.push(arrived - pressed);
    }
    return { presses, medianMs: round(median(samples), 1), p90Ms: round(quantile(samples, 0.9), 1), worstMs: round(worst(samples), 1) };
  } finally {
    await audience.close();
    await phone.close();
    await server.close();
  }
}

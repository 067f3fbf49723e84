// A step "settled": nothing on the page mid-transition. reveal.js slides a slide in (0.8 s) and fades
// a step in (0.2 s); waiting those out was half the time of every walk that checks settled steps
// (the guide's 59 steps: 41 s of 84). Instead the running CSS transitions are fast-forwarded to
// their end, as toHaveScreenshot's `animations: 'disabled'` does for the picture: what is then on
// screen is what the wait would have shown (their end state, and their transitionend events fire).
// Only CSS transitions: reveal's controls hint with a long-running bounce animation that is left be.
import type { Frame, Page } from '@playwright/test';

export async function settle(page: Page | Frame): Promise<void> {
  await page.evaluate(() => {
    // (A transition that starts when another ends is finished in the next round.)
    for (let round = 0; round < 20; round++) {
      const running = document.getAnimations().filter((a) => a instanceof CSSTransition && a.playState === 'running');
      if (running.length === 0) return;
      for (const transition of running) transition.finish();
    }
    throw new Error('transitions keep starting');
  });
}

// Formulas in the browser, on pages that have one only (src/vite/math.ts adds this module to
// them; the formulas themselves are typeset at build time: no math JavaScript here).
// - Fit: a display formula wider than its slide is scaled down until it fits, to FLOOR at most
//   (below that it would not be read from the back of the room): past that it overflows, and the
//   overflow guard names it.
// - A link to a numbered equation (`@eq-loss`, `#/eq-loss`) opens its slide at the step that
//   shows the equation (ref-steps.ts).

import { formulaText } from '../core/syntax/math/read-as.ts';
import type { FeatureReader } from '../core/visibility.ts';
import { linkToTheirSteps } from './ref-steps.ts';

/** The smallest scale a display formula is shown at. */
export const FLOOR = 0.6;

/** Scales each laid-out display formula under `root` to fit its width. */
export function fitFormulas(root: ParentNode = document): void {
  for (const display of root.querySelectorAll<HTMLElement>('.reveal .katex-display')) {
    if (display.getClientRects().length === 0) continue; // on a slide not shown: measured when it is
    const content = display.querySelector('.katex-html');
    if (!content) continue;
    display.style.fontSize = '';
    for (let pass = 0; pass < 3; pass++) {
      // Rectangles, not widths: reveal.js scales the slide, and both are scaled alike.
      const range = document.createRange();
      range.selectNodeContents(content);
      const needed = range.getBoundingClientRect().width;
      const available = display.getBoundingClientRect().width;
      if (needed <= available + 0.5 || available === 0) break;
      const now = Number.parseFloat(display.style.fontSize || '1');
      const next = Math.max(FLOOR, Math.floor((now * available * 1000) / needed) / 1000);
      if (next >= now) break;
      display.style.fontSize = `${next}em`;
      if (next === FLOOR) break;
    }
  }
}

/** `#/eq-loss` → `#/eq-loss/<the step that shows it>`, for each link to an equation. */
export function linkEquationsToTheirSteps(): void {
  linkToTheirSteps('a.equation-ref');
}

function start(): void {
  // The announcer (a11y.ts) reads a formula as its TeX source. The key is FEATURE_READERS_KEY of
  // src/core/visibility.ts, written out: importing it would share a module with the announcer.
  ((globalThis as { [key: symbol]: FeatureReader[] | undefined })[Symbol.for('deck.featureReaders')] ??= []).push(formulaText);
  linkEquationsToTheirSteps();
  const fit = () => fitFormulas();
  void document.fonts.ready.then(fit);
  // reveal.js's events bubble from its element; each shows another slide (or lays them all out, to print).
  for (const type of ['ready', 'slidechanged', 'resize', 'pdf-ready']) document.addEventListener(type, fit);
  addEventListener('resize', fit);
}

if (typeof document !== 'undefined') start();

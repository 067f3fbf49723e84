// "7 of 33": the slide number counts build steps over the whole deck, like the original's page export.
import type { RevealApi } from 'reveal.js';

/** Build steps of one slide, as the model counted them (`data-steps` on its <section>, src/core). */
export function stepsOf(slide: Element): number {
  return Number(slide.getAttribute('data-steps')) || 1;
}

/** The current slide's step: 0 as it opens, k once its k-th group of fragments is shown. */
export function currentStep(deck: RevealApi): number {
  const fragment = deck.getIndices().f;
  return typeof fragment === 'number' ? fragment + 1 : 0;
}

/** [current step, 'of', total steps], 1-based, in reveal.js's slideNumber format. */
export function stepNumber(deck: RevealApi): [number, string, number] {
  const slides = deck.getSlides();
  const current = deck.getCurrentSlide();
  let before = 0;
  let total = 0;
  let seenCurrent = false;
  for (const slide of slides) {
    const steps = stepsOf(slide);
    if (slide === current) seenCurrent = true;
    else if (!seenCurrent) before += steps;
    total += steps;
  }
  return [before + currentStep(deck) + 1, 'of', total];
}

/**
 * reveal.js asks for the number on slide changes only; a build step changes it too, so the
 * number is rewritten on fragment events in reveal.js's own markup.
 */
export function showStepNumbers(deck: RevealApi): void {
  const render = () => {
    const element = deck.getRevealElement()?.querySelector('.slide-number');
    if (!element) return;
    const [current, delimiter, total] = stepNumber(deck);
    element.innerHTML =
      `<a href="${location.hash.replace(/"/g, '&quot;')}"><span class="slide-number-a">${current}</span> ` +
      `<span class="slide-number-delimiter">${delimiter}</span> <span class="slide-number-b">${total}</span></a>`;
  };
  deck.on('fragmentshown', render);
  deck.on('fragmenthidden', render);
}

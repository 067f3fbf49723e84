// "7 of 33": the slide number counts build steps over the whole deck, like the original's page export.
import type { RevealApi } from 'reveal.js';

/** Steps of one slide: the slide as it opens, then one per distinct fragment index. */
export function stepsOf(slide: Element): number {
  const indices = new Set<string>();
  for (const fragment of slide.querySelectorAll('.fragment')) {
    if (!fragment.closest('aside.notes')) indices.add(fragment.getAttribute('data-fragment-index') ?? '');
  }
  return indices.size + 1;
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
  const fragment = deck.getIndices().f;
  const step = typeof fragment === 'number' ? fragment + 1 : 0;
  return [before + step + 1, 'of', total];
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

// A link to a numbered thing (`@eq-loss`, `@fig-loss`: `#/eq-loss`) opens its slide at the step
// that shows it: reveal.js reads `#/<id>/<step>`, the step written here once the page has loaded
// (a slide compiled before the target's could not know it). Used by the feature scripts whose
// pages have such links (math.ts, media.ts).

/** `#/fig-loss` → `#/fig-loss/<the step that shows it>`, for each link matching `selector`. */
export function linkToTheirSteps(selector: string): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>(selector)) {
    const id = decodeURIComponent(link.getAttribute('href')!.replace(/^#\/?/, '').replace(/\/\d+$/, ''));
    const target = document.getElementById(id);
    const slide = target?.closest('section');
    if (!target || !slide) continue;
    let step = -1;
    for (let el: Element | null = target; el && el !== slide; el = el.parentElement) {
      if (el.classList.contains('fragment')) step = Math.max(step, Number(el.getAttribute('data-fragment-index') ?? 0));
    }
    if (step >= 0) link.setAttribute('href', `#/${encodeURIComponent(id)}/${step}`);
  }
}

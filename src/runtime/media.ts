// Pictures, on the pages that have them (src/vite/media.ts adds this script to them only). The
// build marks the first two slides' pictures eager and the others lazy; here, when a slide opens,
// the next slide's pictures start loading too, and an animated picture starts from its first
// frame. The print view loads every picture. reveal.js's events arrive on its `.reveal` element,
// so this needs nothing from src/runtime/main.ts. (Videos play and pause with their slide by
// reveal.js itself: `data-autoplay`.) A link to a numbered figure (`@fig-loss`) opens its slide at
// the step that shows the figure (ref-steps.ts).
import { linkToTheirSteps } from './ref-steps.ts';

const root = document.querySelector<HTMLElement>('.reveal');
const slides = () => [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')];
let restarts = 0;

function eager(section: Element | undefined): void {
  for (const img of section?.querySelectorAll<HTMLImageElement>('img[loading="lazy"]') ?? []) img.loading = 'eager';
}

/** Gives each file of an animated picture a new address (the same file): the browser plays it from its first frame. */
function restart(section: Element): void {
  restarts++;
  for (const picture of section.querySelectorAll('picture[data-animated]')) {
    for (const element of picture.querySelectorAll<HTMLSourceElement | HTMLImageElement>('source, img')) {
      const attr = element instanceof HTMLSourceElement ? 'srcset' : 'src';
      const url = element.getAttribute(attr);
      if (url) element.setAttribute(attr, `${url.replace(/#restart-\d+$/, '')}#restart-${restarts}`);
    }
  }
}

function opened(section: Element | null | undefined): void {
  if (!section) return;
  const all = slides();
  const at = all.indexOf(section.closest('.slides > section') as HTMLElement);
  eager(all[at + 1]);
  restart(section);
}

if (/[?&]print-pdf\b/.test(location.search)) {
  for (const img of document.querySelectorAll<HTMLImageElement>('img[loading="lazy"]')) img.loading = 'eager';
}
root?.addEventListener('ready', (event) => opened((event as Event & { currentSlide?: Element }).currentSlide));
root?.addEventListener('slidechanged', (event) => opened((event as Event & { currentSlide?: Element }).currentSlide));
// Loaded after reveal.js may have started: the slide already open counts as opened.
opened(document.querySelector('.reveal .slides > section.present'));
linkToTheirSteps('a.figure-ref');

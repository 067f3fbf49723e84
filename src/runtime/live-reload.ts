// Dev only: when a slide is saved, the dev server sends the deck's new `<section>`s; they are
// swapped in without a page reload and the presenter stays on the same slide and step (or the
// nearest one that still exists). A deck with errors keeps its last good slides under Vite's
// error overlay, which closes by itself on the next good save, and only then: Vite's client clears
// any overlay on any hot update (a font re-cut after a save sends one for the CSS), and reloads the
// page when an overlay is up at the page's first update, which would open the broken deck.
import type { RevealApi } from 'reveal.js';
import { DEV_INFO_ID, MATH_STYLE_ATTRIBUTE, UPDATE_EVENT } from '../shared/live-reload-events.ts';
import { stepsOf } from './slide-number.ts';
import type { DeckError, DeckUpdate } from '../vite/plugin.ts';

const OVERLAY = 'vite-error-overlay';

/** Where the presenter last put the deck: restored after every swap. */
interface Place {
  h: number;
  f: number;
  id: string;
  /** How many slides the deck had then. */
  total: number;
}

export function followDeckEdits(deck: RevealApi): void {
  const hot = import.meta.hot;
  const infoElement = document.getElementById(DEV_INFO_ID);
  if (!hot || !infoElement) return;
  const info = JSON.parse(infoElement.textContent ?? '{}') as { deck: string; errors: DeckError[] };
  let errors = info.errors;
  showErrors(errors);
  // Ours stand aside while Vite applies an update (so it neither clears them nor reloads), and
  // come back after it while the deck still has errors.
  hot.on('vite:beforeUpdate', () => showErrors([]));
  hot.on('vite:afterUpdate', () => showErrors(errors));

  // The place changes when the presenter moves, not when a swap moves the deck: a save seen
  // half-written (an empty or cut-off file) must not lose the place the next full save restores.
  let place: Place | undefined = deck.isReady() ? currentPlace(deck) : undefined;
  let swapping = false;
  // The slides' HTML as the last update gave it (unknown until the first: reveal.js has changed the page's own).
  let lastSlides: string[] | undefined;
  const remember = () => {
    if (!swapping) place = currentPlace(deck);
  };
  for (const event of ['ready', 'slidechanged', 'fragmentshown', 'fragmenthidden']) deck.on(event, remember);

  hot.on(UPDATE_EVENT, (update: DeckUpdate) => {
    if (update.deck !== info.deck) return;
    errors = update.errors;
    showErrors(errors);
    if (update.slides === undefined) return;
    // The deck's first formula: the page has no KaTeX CSS and fonts yet (src/vite/math.ts); the URL keeps the place.
    if (update.slides.some((slide) => slide.includes('class="katex')) && !document.querySelector(`style[${MATH_STYLE_ATTRIBUTE}]`)) return location.reload();
    document.title = update.title;
    place ??= currentPlace(deck);
    // reveal.js reports the moves a swap makes (synchronously): none of them is the presenter's.
    swapping = true;
    try {
      const landed = lastSlides?.length === update.slides.length ? swapChangedSlides(deck, lastSlides, update.slides, place) : swapSlides(deck, update.slides.join(''), place);
      if (landed) place = landed;
      lastSlides = update.slides;
    } finally {
      swapping = false;
    }
  });
}

/**
 * Replaces only the slides whose HTML changed since the last update, when the deck has as many
 * slides as then (an edit inside slides: a long deck's save then costs its edited slide, not the
 * whole deck), and goes back to `place`. Otherwise swapSlides replaces them all.
 */
function swapChangedSlides(deck: RevealApi, before: string[], after: string[], place: Place): Place | undefined {
  const container = deck.getSlidesElement();
  const slides = container ? [...container.querySelectorAll<HTMLElement>(':scope > section')] : [];
  if (slides.length !== after.length) return swapSlides(deck, after.join(''), place);
  for (let i = 0; i < after.length; i++) {
    if (after[i] === before[i]) continue;
    const incoming = document.createElement('template');
    incoming.innerHTML = after[i]!;
    const section = incoming.content.firstElementChild;
    if (!(section instanceof HTMLElement) || section.tagName !== 'SECTION') return swapSlides(deck, after.join(''), place);
    slides[i]!.replaceWith(section);
    slides[i] = section;
  }
  deck.sync();
  // The open slide keeps its place (it may have been renamed); its steps may be fewer now.
  const f = Math.min(place.f, stepsOf(slides[place.h] ?? slides[0]!) - 2);
  deck.slide(Math.min(place.h, slides.length - 1), 0, f);
  return { h: place.h, f: place.f, id: slides[place.h]?.id ?? place.id, total: slides.length };
}

function currentPlace(deck: RevealApi): Place {
  const { h, f } = deck.getIndices();
  return { h, f: f ?? -1, id: deck.getCurrentSlide()?.id ?? '', total: deck.getTotalSlides() };
}

/**
 * Replaces every slide and goes back to `place`: with as many slides as before, the same position
 * (the open slide was edited, maybe renamed); otherwise the slide with the same id (slides were
 * added or removed before it), else the nearest position. The step is kept, or the slide's last
 * one when it has fewer. Returns the new place when the slide was found for sure, so a cut-off
 * file that lacks it does not overwrite the place to return to.
 */
export function swapSlides(deck: RevealApi, html: string, place: Place): Place | undefined {
  const container = deck.getSlidesElement();
  const incoming = document.createElement('template');
  incoming.innerHTML = html;
  // (`:scope` matches no element of a fragment, so the top-level sections are counted by hand.)
  const count = [...incoming.content.children].filter((child) => child.tagName === 'SECTION').length;
  if (!container || count === 0) return undefined;
  container.replaceChildren(incoming.content);
  deck.sync();
  const slides = [...container.querySelectorAll<HTMLElement>(':scope > section')];
  const byId = count !== place.total && place.id ? slides.findIndex((slide) => slide.id === place.id) : -1;
  const sure = count === place.total || byId >= 0;
  const target = byId >= 0 ? byId : Math.min(place.h, count - 1);
  // The slide's last fragment index, from the model's count of its steps (step 0 has none).
  const f = Math.min(place.f, stepsOf(slides[target]!) - 2);
  deck.slide(target, 0, f);
  return sure ? { h: target, f: place.f, id: slides[target]!.id, total: count } : undefined;
}

/** The overlays this module opened (Vite's own, for a broken module, are left to Vite). */
const shown = new Set<Element>();

function showErrors(errors: DeckError[]): void {
  for (const overlay of shown) overlay.remove();
  shown.clear();
  const Overlay = customElements.get(OVERLAY);
  if (!Overlay || errors.length === 0) return;
  for (const error of errors) shown.add(document.body.appendChild(new Overlay(error)));
}

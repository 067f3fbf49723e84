// Dev only: when a slide is saved, the dev server sends the deck's new `<section>`s; they are
// swapped in without a page reload and the presenter stays on the same slide and step (or the
// nearest one that still exists). A deck with errors keeps its last good slides under Vite's
// error overlay, which closes by itself on the next good save.
import type { RevealApi } from 'reveal.js';
import type { DeckError, DeckUpdate } from '../vite/plugin.ts';

// Kept in step with UPDATE_EVENT and DEV_INFO_ID in src/vite/plugin.ts (not imported: that module is Node-only).
const UPDATE_EVENT = 'deck:update';
const DEV_INFO_ID = 'deck-dev-info';
const OVERLAY = 'vite-error-overlay';

export function followDeckEdits(deck: RevealApi): void {
  const hot = import.meta.hot;
  const infoElement = document.getElementById(DEV_INFO_ID);
  if (!hot || !infoElement) return;
  const info = JSON.parse(infoElement.textContent ?? '{}') as { deck: string; errors: DeckError[] };
  showErrors(info.errors);
  hot.on(UPDATE_EVENT, (update: DeckUpdate) => {
    if (update.deck !== info.deck) return;
    showErrors(update.errors);
    if (update.html === undefined) return;
    document.title = update.title;
    swapSlides(deck, update.html);
  });
}

/** Replaces every slide and returns to the slide that was open and its step (or the nearest that still exists). */
export function swapSlides(deck: RevealApi, html: string): void {
  const container = deck.getSlidesElement();
  if (!container) return;
  const { h, f } = deck.getIndices();
  const currentId = deck.getCurrentSlide()?.id ?? '';
  const countBefore = deck.getTotalSlides();
  container.innerHTML = html;
  deck.sync();
  const slides = [...container.querySelectorAll<HTMLElement>(':scope > section')];
  if (slides.length === 0) return;
  // Same number of slides: the open one was edited (maybe renamed), so keep the position.
  // Slides added or removed: follow the open slide by its id, else stay at the nearest position.
  const byId = slides.length !== countBefore && currentId ? slides.findIndex((slide) => slide.id === currentId) : -1;
  const target = byId >= 0 ? byId : Math.min(h, slides.length - 1);
  const steps = [...slides[target]!.querySelectorAll('.fragment[data-fragment-index]')].map((el) => Number(el.getAttribute('data-fragment-index')));
  const lastStep = steps.length > 0 ? Math.max(...steps) : -1;
  deck.slide(target, 0, Math.min(f ?? -1, lastStep));
}

function showErrors(errors: DeckError[]): void {
  document.querySelectorAll(OVERLAY).forEach((overlay) => overlay.remove());
  const Overlay = customElements.get(OVERLAY);
  if (!Overlay || errors.length === 0) return;
  for (const error of errors) document.body.appendChild(new Overlay(error));
}

// Dev only: when a slide is saved, the dev server sends the `<section>`s the save changed; they
// are swapped in without a page reload and the presenter stays on the same slide and step (or the
// nearest one that still exists). A deck with errors keeps its last good slides under Vite's
// error overlay, which closes by itself on the next good save, and only then: Vite's client clears
// any overlay on any hot update (a font re-cut after a save sends one for the CSS), and reloads the
// page when an overlay is up at the page's first update, which would open the broken deck.
import type { RevealApi } from 'reveal.js';
import { DEV_INFO_ID, MATH_STYLE_ATTRIBUTE, RESEND_EVENT, UPDATE_EVENT } from '../shared/live-reload-events.ts';
import { stepNumber, stepsOf } from './slide-number.ts';
import type { DeckError, DeckUpdate } from '../vite/plugin.ts';
import { watchOverflow } from './overflow-watch.ts';

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
  const info = JSON.parse(infoElement.textContent ?? '{}') as { deck: string; file: string; version: number; errors: DeckError[] };
  // What does not fit on the slide the author is looking at, named with its line.
  watchOverflow(deck, info.file);
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
  // The version of the slides the page shows (src/vite/plugin.ts: SlideChanges).
  let version = info.version;
  const remember = () => {
    if (!swapping) place = currentPlace(deck);
  };
  for (const event of ['ready', 'slidechanged', 'fragmentshown', 'fragmenthidden']) deck.on(event, remember);

  hot.on(UPDATE_EVENT, (update: DeckUpdate) => {
    if (update.deck !== info.deck) return;
    errors = update.errors;
    showErrors(errors);
    const changes = update.slides;
    if (changes === undefined) return;
    const incoming = 'all' in changes ? changes.all : Object.values(changes.changed);
    // The deck's first formula: the page has no KaTeX CSS and fonts yet (src/vite/math.ts); the URL keeps the place.
    if (incoming.some((slide) => slide.includes('class="katex')) && !document.querySelector(`style[${MATH_STYLE_ATTRIBUTE}]`)) return location.reload();
    // The deck's first QR code (front matter qr:): the page has no sheet for it yet (src/vite/qr.ts).
    if (incoming.some((slide) => slide.includes('<figure class="deck-qr">')) && !document.querySelector('style[data-deck="qr"]')) return location.reload();
    // Changes to slides this page does not have: it asks for them all.
    if (!('all' in changes) && (changes.base !== version || !fits(deck, changes.changed))) return hot.send(RESEND_EVENT, { deck: info.deck });
    document.title = update.title;
    version = changes.version;
    if (incoming.length === 0) return;
    place ??= currentPlace(deck);
    // reveal.js reports the moves a swap makes (synchronously): none of them is the presenter's.
    swapping = true;
    try {
      const landed = 'all' in changes ? swapSlides(deck, changes.all.join(''), place) : swapChangedSlides(deck, changes.changed, place);
      if (landed) place = landed;
    } finally {
      swapping = false;
    }
  });
  // This script loads after the page: a save made meanwhile was sent before anything listened.
  // The dev server sends the slides again when they are newer than the page's.
  hot.send(RESEND_EVENT, { deck: info.deck, version: info.version });
}

/** The deck's slides, in order. */
function slidesOf(deck: RevealApi): HTMLElement[] {
  const container = deck.getSlidesElement();
  return container ? [...container.querySelectorAll<HTMLElement>(':scope > section')] : [];
}

/** Whether each changed slide is one the deck has, and its new HTML one `<section>`. */
function fits(deck: RevealApi, changed: Record<number, string>): boolean {
  const count = slidesOf(deck).length;
  return Object.entries(changed).every(([i, html]) => Number(i) < count && /^<section\b/.test(html) && html.trimEnd().endsWith('</section>'));
}

/**
 * Replaces the slides a save changed (by index: the deck has as many slides as before), each in
 * place, and goes back to `place`: a long deck's save costs its edited slide, not the whole deck.
 */
function swapChangedSlides(deck: RevealApi, changed: Record<number, string>, place: Place): Place | undefined {
  const slides = slidesOf(deck);
  const current = deck.getCurrentSlide();
  const incoming = Object.entries(changed).map(([i, html]): [HTMLElement, HTMLElement] => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return [slides[Number(i)]!, template.content.firstElementChild as HTMLElement];
  });
  // The open slide's state (data-state) is the deck's, which only reveal.js's navigation applies.
  const stateChanged = incoming.some(([slide, section]) => slide === current && slide.getAttribute('data-state') !== section.getAttribute('data-state'));
  const stepsChanged = incoming.some(([slide, section]) => slide.getAttribute('data-steps') !== section.getAttribute('data-steps'));
  for (const [slide, section] of incoming) morphSlide(deck, slide, section);
  // The open slide keeps its place (it may have been renamed); its steps may be fewer now.
  const h = Math.min(place.h, slides.length - 1);
  const f = Math.min(place.f, stepsOf(slides[h]!) - 2);
  if (stateChanged || slides[h] !== current) deck.slide(h, 0, f);
  else {
    // reveal.js shows every step of the slides before the open one, and the open one's up to its step.
    for (const [slide] of incoming) if (slide.classList.contains('past')) for (const fragment of slide.querySelectorAll('.fragment')) fragment.classList.add('visible');
    if (incoming.some(([slide]) => slide === current)) deck.navigateFragment(f);
    // The step counter counts every slide's steps; a centred or stretched slide is placed by its new content.
    if (stepsChanged) renumber(deck);
    if (incoming.some(([slide]) => slide.matches('.center') || slide.querySelector(':scope > .stretch, :scope > .r-stretch'))) deck.layout();
  }
  return { h: place.h, f: place.f, id: slides[place.h]?.id ?? place.id, total: slides.length };
}

/** The step counter ("7 of 33", in reveal.js's markup: src/runtime/slide-number.ts), after a save changed a slide's steps. */
function renumber(deck: RevealApi): void {
  const counter = deck.getRevealElement()?.querySelector('.slide-number');
  const [current, , total] = stepNumber(deck);
  const a = counter?.querySelector('.slide-number-a');
  const b = counter?.querySelector('.slide-number-b');
  if (a) a.textContent = String(current);
  if (b) b.textContent = String(total);
}

/** What reveal.js writes on a slide's <section> (its state, not the deck's): kept when the slide is replaced. */
const REVEAL_CLASSES = ['past', 'present', 'future', 'stack'];
const REVEAL_ATTRIBUTES = new Set(['hidden', 'aria-hidden', 'inert', 'data-fragment', 'data-previous-indexv', 'data-index-h', 'data-index-v']);
/** Its inline style: whether it is shown, where a centred slide's top is, its place in the overview. */
const REVEAL_STYLE = ['display', 'top', 'transform'] as const;

/**
 * Gives a slide the attributes and content of its new `<section>` and has reveal.js take in that one
 * slide (Reveal.syncSlide: its background and fragments), keeping the element and what reveal.js
 * wrote on it (its place among past and future slides, whether it is shown). Reveal.sync would
 * redo every slide of the deck: its background, fragments and layout.
 */
function morphSlide(deck: RevealApi, slide: HTMLElement, section: HTMLElement): void {
  const classes = REVEAL_CLASSES.filter((name) => slide.classList.contains(name));
  const style = REVEAL_STYLE.map((name) => [name, slide.style[name]] as const).filter(([, value]) => value !== '');
  for (const { name } of [...slide.attributes]) if (!section.hasAttribute(name) && !REVEAL_ATTRIBUTES.has(name)) slide.removeAttribute(name);
  for (const { name, value } of [...section.attributes]) if (slide.getAttribute(name) !== value) slide.setAttribute(name, value);
  slide.classList.add(...classes);
  const restyle = () => style.forEach(([name, value]) => (slide.style[name] = value));
  restyle();
  slide.replaceChildren(...section.childNodes);
  deck.syncSlide(slide);
  // (syncSlide loads the slide, which shows it: a slide reveal.js had hidden, far from the open one, stays hidden.)
  restyle();
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
  const slides = slidesOf(deck);
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

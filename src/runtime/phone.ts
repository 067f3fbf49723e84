// Phones: below reveal.js's scrollActivationWidth the deck turns into reveal's scroll view (one page
// per slide, one swipe per step). Its slides keep the 1280×720 stage, so on a 390 px wide phone text
// shrinks to a third (a 36 px line becomes 11 px). Here, while the scroll view is on, the stage is a
// narrow portrait page shaped like the screen: the same styles wrap into a column and stay readable.
import type { RevealApi } from 'reveal.js';
import type { Place } from './navigation.ts';
import { stepsOf } from './slide-number.ts';

/** Stage width on a phone, in slide pixels: a 390 px phone shows it at ~0.55, so 36 px text reads at ~20 px. */
export const PHONE_STAGE_WIDTH = 660;

/**
 * The place a `#/slide-id/step` link names, read before reveal.js starts: on a phone reveal's
 * scroll view opens at the top and rewrites the URL before the stage is fitted.
 */
export function placeInHash(deck: RevealApi, hash: string): (Place & { slide: HTMLElement }) | undefined {
  const [name, step] = hash.replace(/^#\/?/, '').split('/');
  if (!name) return undefined;
  let slide: HTMLElement | null = null;
  try {
    slide = document.getElementById(decodeURIComponent(name));
  } catch {
    return undefined; // a malformed %-escape names no slide
  }
  if (!slide?.matches('.slides section')) return undefined;
  const { h, v } = deck.getIndices(slide);
  // (A step past the slide's last is its last, as reveal.js reads it.)
  const f = step !== undefined && /^\d+$/.test(step) ? Math.min(Number(step), stepsOf(slide) - 2) : -1;
  return { h, v: v ?? 0, f, slide };
}

/**
 * In the scroll view a slide is a page, and each step a screen's height of scrolling in it: scroll
 * to the top of the slide's page, then one step at a time (what a swipe does) to the step.
 * (reveal's own slide() scrolls to a point computed as if the pages had no height of their own,
 * up to a screen short of the slide on a long deck, and its scroll snapping then settles on the
 * page before.)
 */
function scrollTo(deck: RevealApi, place: Place & { slide: HTMLElement }): void {
  const viewport = deck.getViewportElement();
  const page = place.slide.closest<HTMLElement>('.scroll-page');
  if (!viewport || !page) return deck.slide(place.h, place.v);
  viewport.scrollTop += page.getBoundingClientRect().top - viewport.getBoundingClientRect().top;
  // A slide that animates from the one before (auto-animate) shares that slide's page, after its steps.
  const onPage = [...page.querySelectorAll<HTMLElement>('section')];
  let steps = place.f + 1;
  for (const before of onPage.slice(0, onPage.indexOf(place.slide))) steps += stepsOf(before);
  for (; steps > 0; steps--) deck.next();
}

/** reveal.js's scrollActivationWidth (its default): at this window width or less it shows its scroll view. */
export const SCROLL_VIEW_MAX_WIDTH = 435;

interface Stage {
  width: number | string;
  height: number | string;
}

/**
 * The stage to start reveal.js with: the desktop one, or on a phone the portrait one fitPhones
 * would switch to, so that reveal.js lays the slides out once, as the first paint already showed
 * them (src/vite/critical.ts), and nothing moves when it starts.
 */
export function initialStage(desktop: Stage): Stage {
  const width = window.innerWidth;
  if (width === 0 || width > SCROLL_VIEW_MAX_WIDTH || /print-pdf/.test(location.search)) return desktop;
  return { width: PHONE_STAGE_WIDTH, height: Math.round(PHONE_STAGE_WIDTH * (window.innerHeight / width)) };
}

/** Call before `deck.initialize()`, with the stage's desktop size. */
export function fitPhones(deck: RevealApi, desktop: Stage): void {
  const linked = location.hash;
  let landed = false;
  const fit = () => {
    const config = deck.getConfig();
    let wanted = desktop;
    const viewport = deck.getViewportElement() ?? document.documentElement;
    // reveal's isScrollView() is not in its type definitions; its viewport class says the same.
    if (viewport.classList.contains('reveal-scroll')) {
      const aspect = viewport.clientHeight / Math.max(1, viewport.clientWidth);
      wanted = { width: PHONE_STAGE_WIDTH, height: Math.round(PHONE_STAGE_WIDTH * aspect) };
    }
    if (config.width !== wanted.width || config.height !== wanted.height) deck.configure(wanted);
    // A shared link opened on a phone lands on its slide and step, once the pages have their size.
    if (!landed && viewport.classList.contains('reveal-scroll')) {
      const place = placeInHash(deck, linked);
      if (place) scrollTo(deck, place);
    }
    landed = true;
  };
  deck.on('ready', () => {
    fit();
    // A link followed with the deck open (the hash edited): reveal's scroll view lands short of it too.
    window.addEventListener('hashchange', () => {
      const place = deck.getViewportElement()?.classList.contains('reveal-scroll') ? placeInHash(deck, location.hash) : undefined;
      if (place) scrollTo(deck, place);
    });
    // After reveal's own resize handler (which switches the scroll view on and off by width, and is
    // registered again on every configure(), so it may run after ours).
    window.addEventListener('resize', () => setTimeout(fit, 0));
  });
}

/** Shortest vertical swipe, in CSS px, that counts as one step. */
const SWIPE_MIN = 30;

/**
 * In the scroll view a flick scrolls freely, and its momentum and snapping can carry past a step
 * (Chromium lands a swipe from a slide's first step on its third). Here a swipe is one step, as a
 * clicker's press is: up for the next, down for the previous. The page does not pan under the
 * finger, and reveal.js's own swipe handling (which would add a step of its own) does not see the
 * gesture. Pinch-zoom (two fingers) is left alone.
 */
export function swipeOneStep(deck: RevealApi): void {
  let start: { x: number; y: number } | undefined;
  const inScrollView = () => deck.getViewportElement()?.classList.contains('reveal-scroll') ?? false;
  const capture = { passive: false, capture: true } as const;
  deck.on('ready', () => {
    const viewport = deck.getViewportElement() ?? document.documentElement;
    for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel'] as const) {
      viewport.addEventListener(type, (event) => {
        if (event.pointerType === 'touch' && inScrollView()) event.stopPropagation();
      }, capture);
    }
    viewport.addEventListener('touchstart', (event) => {
      const touch = event.touches[0];
      start = inScrollView() && event.touches.length === 1 && touch ? { x: touch.clientX, y: touch.clientY } : undefined;
    }, capture);
    viewport.addEventListener('touchmove', (event) => {
      if (start && event.touches.length === 1) event.preventDefault();
    }, capture);
    viewport.addEventListener('touchend', (event) => {
      const touch = event.changedTouches[0];
      const from = start;
      start = undefined;
      if (!from || !touch) return;
      const dy = from.y - touch.clientY;
      if (Math.abs(dy) < SWIPE_MIN || Math.abs(dy) < Math.abs(from.x - touch.clientX)) return;
      if (dy > 0) deck.next();
      else deck.prev();
    }, capture);
  });
}

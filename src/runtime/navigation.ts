// What a presenter expects from the keyboard and the room: reveal.js already binds PageDown/PageUp
// (a clicker), arrows and space, B and . (blackout), F (fullscreen) and Esc/O (overview); this
// module adds what it lacks or gets wrong for a talk with build steps:
// - a jump (G, the overview, a link naming no step) opens a slide at its first step, never with its
//   punchline shown; only stepping back (PageUp, ←) walks back through a slide's steps;
// - G takes the number the screen shows ("13 of 33" counts steps), or a slide's name;
// - the URL names the step as soon as it changes (reveal.js waits up to a second), so a quick
//   reload keeps it;
// - a black screen is black: no "Resume presentation" button on it (navigation.css); B, or a
//   click on the black (reveal.js's own handler), brings the slide back;
// - no motion for viewers who ask for less.
import type { RevealApi } from 'reveal.js';
import { stepsOf } from './slide-number.ts';
import './navigation.css';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Transitions as configured, or none when the viewer prefers reduced motion. */
export function motionConfig(transition: 'slide' | 'fade' | 'none' = 'slide') {
  const reduce = matchMedia(REDUCED_MOTION).matches;
  return { transition: reduce ? 'none' : transition, backgroundTransition: reduce ? 'none' : 'fade' } as const;
}

/** The preference can change while the deck is open (an OS setting); follow it. */
export function followReducedMotion(deck: RevealApi, transition: 'slide' | 'fade' | 'none' = 'slide'): void {
  matchMedia(REDUCED_MOTION).addEventListener('change', () => deck.configure(motionConfig(transition)));
}

/** A slide and a step, as reveal.js counts them (f = -1: the slide as it opens). */
export interface Place {
  h: number;
  v: number;
  f: number;
}

/** reveal.js's own `#/slide-id/step` (or `#/h/v/step` for a slide without an id). */
export function hashOf(deck: RevealApi): string {
  const slide = deck.getCurrentSlide();
  const { h, v, f } = deck.getIndices();
  const step = typeof f === 'number' && f >= 0 ? f : undefined;
  if (slide?.id) return `#/${encodeURIComponent(slide.id)}${step === undefined ? '' : `/${step}`}`;
  return `#/${h}${v > 0 || step !== undefined ? `/${v}` : ''}${step === undefined ? '' : `/${step}`}`;
}

/**
 * reveal.js writes the URL at most once a second (a workaround for an old Chrome thumbnailer bug),
 * so a reload soon after a step lost it; and its scroll view (phones) does not write it at all.
 * Written here on every slide and step change, at once. reveal's late write says the same.
 */
export function writeUrlAtOnce(deck: RevealApi): void {
  const write = () => {
    const hash = hashOf(deck);
    if (location.hash !== hash) history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  };
  for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden']) deck.on(event, write);
}

/** The place of step `n` (1-based) counted over the whole deck, as the on-screen number counts it. */
export function placeOfStep(deck: RevealApi, n: number): Place | undefined {
  if (!Number.isInteger(n) || n < 1) return undefined;
  let before = 0;
  for (const slide of deck.getSlides()) {
    const steps = stepsOf(slide);
    if (n <= before + steps) {
      const { h, v } = deck.getIndices(slide);
      return { h, v: v ?? 0, f: n - before - 2 };
    }
    before += steps;
  }
  return undefined;
}

/** A slide named by its id (`vs`), or `id/step` as in the URL, else the first slide whose text has the words. */
export function placeOfName(deck: RevealApi, query: string): Place | undefined {
  const [name, step] = query.split('/');
  const byId = deck.getSlides().find((slide) => slide.id === name);
  if (byId) {
    const { h, v } = deck.getIndices(byId);
    const f = step !== undefined && /^\d+$/.test(step) ? Math.min(Number(step), stepsOf(byId) - 2) : -1;
    return { h, v: v ?? 0, f };
  }
  const words = new RegExp(`(^|\\W)${query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|\\W)`, 'i');
  const byText = deck.getSlides().find((slide) => words.test(slide.textContent ?? ''));
  if (!byText) return undefined;
  const { h, v } = deck.getIndices(byText);
  return { h, v: v ?? 0, f: -1 };
}

const G = 71;

/**
 * G opens a box (reveal.js's look): a number is a step as the screen counts it, anything else a
 * slide's name or words on it. Enter jumps; Esc or leaving the box cancels. Replaces reveal's own
 * jump (`jumpToSlide: false`), which took slide numbers and kept a slide's steps as last seen.
 */
export function jumpOnG(deck: RevealApi): void {
  const box = document.createElement('div');
  box.className = 'jump-to-slide';
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'jump-to-slide-input';
  input.placeholder = 'Jump to step (number) or slide (name)';
  input.setAttribute('aria-label', 'Jump to a step number or a slide name');
  box.append(input);
  const close = () => {
    if (!box.isConnected) return;
    box.remove();
    input.value = '';
    deck.getRevealElement()?.focus();
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      const query = input.value.trim();
      const place = /^\d+$/.test(query) ? placeOfStep(deck, Number(query)) : query ? placeOfName(deck, query) : undefined;
      close();
      if (place) deck.slide(place.h, place.v, place.f);
    } else if (event.key === 'Escape') {
      close();
    }
    // The box's keys are its own, not reveal's shortcuts.
    event.stopPropagation();
  });
  input.addEventListener('blur', () => setTimeout(close, 1));
  deck.addKeyBinding({ keyCode: G, key: 'G', description: 'Jump to a step number or a slide name' }, () => {
    deck.getRevealElement()?.append(box);
    input.focus();
  });
}

/**
 * The overview, and a URL edited to name a slide without a step, land on the slide's first step.
 * (reveal.js keeps a slide as it last showed it, so an earlier slide opened with every step shown.)
 */
export function jumpsOpenAtFirstStep(deck: RevealApi): void {
  let before: Place | undefined;
  const here = (): Place => {
    const { h, v, f } = deck.getIndices();
    return { h, v: v ?? 0, f: typeof f === 'number' ? f : -1 };
  };
  const toFirstStep = () => {
    const now = here();
    if (now.f !== -1) deck.slide(now.h, now.v, -1);
  };
  deck.on('overviewshown', () => (before = here()));
  deck.on('overviewhidden', () => {
    // A click on a slide in the overview moves there just after this event.
    queueMicrotask(() => {
      const now = here();
      if (before && (now.h !== before.h || now.v !== before.v)) toFirstStep();
      before = undefined;
    });
  });
  // After reveal's own hashchange handler, which went to the slide (registered at initialize).
  deck.on('ready', () => {
    window.addEventListener('hashchange', () => {
      // (On a phone, reveal's scroll view: phone.ts scrolls to the place the link names.)
      if (deck.getViewportElement()?.classList.contains('reveal-scroll')) return;
      if (!/^#\/[^/]+\/\d+$/.test(location.hash) && !/^#\/\d+\/\d+\/\d+$/.test(location.hash)) toFirstStep();
    });
  });
}

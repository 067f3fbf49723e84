// Long code, on the pages that have code blocks (src/vite/code.ts adds this script to them only).
// The theme sizes a block's type down to a floor (src/theme/code.css); a block still taller than
// the room its slide leaves it is cut to that room and scrolls, and at each step its highlighted
// lines are scrolled into view: on the screen, in the presenter's previews, and in the print view,
// where each step's page (a PDF page) shows that step's lines. reveal.js's events arrive on its
// `.reveal` element, so this needs nothing from src/runtime/main.ts. It also tells the announcer
// (a11y.ts) how a block reads line by line, highlighted lines first.
import { codeBlockLines } from '../core/syntax/code/lines.ts';
import type { FeatureReader } from '../core/visibility.ts';

// The key is FEATURE_READERS_KEY of src/core/visibility.ts, written out: importing it would share a module with the announcer.
((globalThis as { [key: symbol]: FeatureReader[] | undefined })[Symbol.for('deck.featureReaders')] ??= []).push(codeBlockLines);

/** The slide's height given to Reveal (src/runtime/main.ts): a printed slide's section has none of its own. */
const SLIDE_HEIGHT = 720;
/** Room kept free at the slide's foot for the step number and the arrows (src/theme/slides.css). */
const FOOT = 48;
/** A block cut to its slide's room keeps at least this many lines. */
const MIN_LINES = 3;

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** The lines of a block's current stage: the stage is how many of its markers are shown. */
function litLines(pre: HTMLElement): HTMLElement[] {
  if (!pre.classList.contains('code-steps')) return [];
  const stage = pre.querySelectorAll(':scope > code > i.code-stage.visible').length;
  return [...pre.querySelectorAll<HTMLElement>(`:scope > code > .line.s${stage}`)];
}

/** Cuts the slide's code blocks to the room the slide has, when its content runs past its bottom. */
function fit(section: HTMLElement, printing: boolean): void {
  const blocks = [...section.querySelectorAll<HTMLElement>('pre.code')].filter((pre) => !pre.closest('aside.notes'));
  if (blocks.length === 0) return;
  for (const pre of blocks) pre.style.maxHeight = '';
  const box = section.getBoundingClientRect();
  const scale = box.width / section.offsetWidth || 1;
  const style = getComputedStyle(section);
  const height = printing ? SLIDE_HEIGHT : section.offsetHeight;
  const limit = box.top + (height - Math.max(FOOT, parseFloat(style.paddingBottom))) * scale;
  let bottom = -Infinity;
  for (const child of section.children) {
    if (child instanceof HTMLElement && child.tagName !== 'ASIDE' && getComputedStyle(child).display !== 'none') {
      bottom = Math.max(bottom, child.getBoundingClientRect().bottom + parseFloat(getComputedStyle(child).marginBottom) * scale);
    }
  }
  let excess = (bottom - limit) / scale;
  for (const pre of blocks) {
    if (excess <= 0.5) break;
    const tall = pre.offsetHeight;
    const line = parseFloat(getComputedStyle(pre).lineHeight);
    const padding = parseFloat(getComputedStyle(pre).paddingTop) + parseFloat(getComputedStyle(pre).paddingBottom);
    const floor = Math.min(tall, MIN_LINES * line + padding);
    const cut = Math.max(floor, tall - excess);
    if (cut < tall) pre.style.maxHeight = `${Math.floor(cut)}px`;
    excess -= tall - cut;
  }
}

/** A block that scrolls can be scrolled from the keyboard too (WCAG 2.1.1): it takes the focus. */
function focusable(pre: HTMLElement): void {
  if (pre.scrollHeight > pre.clientHeight + 1 || pre.scrollWidth > pre.clientWidth + 1) pre.tabIndex = 0;
  else pre.removeAttribute('tabindex');
}

/** Scrolls a block that scrolls so its highlighted lines are in view (centred when they fit). */
function follow(pre: HTMLElement, smooth: boolean): void {
  if (pre.scrollHeight <= pre.clientHeight + 1) return;
  const lines = litLines(pre);
  if (lines.length === 0) return;
  // (pre.code is position: relative: its lines' offsets are from its padding box, as scrollTop is.)
  const top = lines[0]!.offsetTop;
  const bottom = lines[lines.length - 1]!.offsetTop + lines[lines.length - 1]!.offsetHeight;
  const padding = parseFloat(getComputedStyle(pre).paddingTop);
  const room = pre.clientHeight;
  const target = bottom - top <= room - 2 * padding ? top - (room - (bottom - top)) / 2 : top - padding;
  const max = pre.scrollHeight - room;
  pre.scrollTo({ top: Math.max(0, Math.min(max, Math.round(target))), behavior: smooth && !reducedMotion() ? 'smooth' : 'instant' });
}

function present(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.reveal .slides section.present');
}

function settle(section: HTMLElement | null, { refit, smooth, printing = false }: { refit: boolean; smooth: boolean; printing?: boolean }): void {
  if (!section) return;
  if (refit) {
    fit(section, printing);
    for (const pre of section.querySelectorAll<HTMLElement>('pre.code')) focusable(pre);
  }
  for (const pre of section.querySelectorAll<HTMLElement>('pre.code-steps')) follow(pre, smooth);
}

/**
 * On a phone (reveal.js's scroll view), a vertical swipe is one step (src/runtime/phone.ts), which
 * holds the page still by cancelling every move of a finger. A block wider than the phone scrolls
 * sideways instead: a touch that begins on one is kept from that handler (this listener, on the
 * window, runs before its own on the viewport), and the theme gives the block `touch-action: pan-x`
 * (src/theme/code.css), so a sideways move scrolls the code and an upward one is still a step.
 */
function scrollCodeSideways(): void {
  let sideways = false;
  const options = { capture: true, passive: true } as const;
  addEventListener('touchstart', (event) => {
    const pre = event.target instanceof Element ? event.target.closest<HTMLElement>('.reveal-scroll pre.code') : null;
    sideways = !!pre && event.touches.length === 1 && pre.scrollWidth > pre.clientWidth + 1;
  }, options);
  addEventListener('touchmove', (event) => {
    if (sideways) event.stopPropagation();
  }, options);
}

const deck = document.querySelector('.reveal');
if (deck) {
  scrollCodeSideways();
  deck.addEventListener('ready', () => settle(present(), { refit: true, smooth: false }));
  deck.addEventListener('slidechanged', () => settle(present(), { refit: true, smooth: false }));
  for (const type of ['fragmentshown', 'fragmenthidden']) deck.addEventListener(type, () => settle(present(), { refit: false, smooth: true }));
  // The print view: one page per step, each a copy of its slide with that step's fragments shown.
  deck.addEventListener('pdf-ready', () => {
    for (const section of document.querySelectorAll<HTMLElement>('.reveal .pdf-page > section')) settle(section, { refit: true, smooth: false, printing: true });
  });
  // Live reload (npm start) puts new slides in place: the slide on screen is measured again.
  const slides = deck.querySelector('.slides');
  if (slides) new MutationObserver(() => settle(present(), { refit: true, smooth: false })).observe(slides, { childList: true });
  if (deck.classList.contains('ready')) settle(present(), { refit: true, smooth: false });
}

// The laser pointer (L): over the deck the cursor becomes a bright dot. Its place, as a fraction of
// the slide, goes out as a `deck:pointer` event (follow.ts sends it to the other windows under
// `npm run present`), and a place from another window shows here with showPointer().
import type { RevealApi } from 'reveal.js';

export interface PointerAt {
  /** Fractions of the slide's width and height. */
  x: number;
  y: number;
  on: boolean;
}

let dot: HTMLElement | undefined;
let on = false;
let frame = 0;
let latest: PointerAt | undefined;

function theDot(): HTMLElement {
  if (dot) return dot;
  dot = document.createElement('div');
  dot.className = 'laser-pointer';
  dot.setAttribute('aria-hidden', 'true');
  Object.assign(dot.style, {
    position: 'fixed', left: '0', top: '0', width: '18px', height: '18px', margin: '-9px 0 0 -9px', borderRadius: '50%',
    background: '#ff1f1f', boxShadow: '0 0 6px 3px rgba(255, 40, 40, .75), 0 0 18px 8px rgba(255, 40, 40, .35)',
    pointerEvents: 'none', zIndex: '2147483646', display: 'none',
  });
  document.body.append(dot);
  return dot;
}

const stage = (deck: RevealApi) => (deck.getSlidesElement() ?? document.body).getBoundingClientRect();

function place(deck: RevealApi, at: PointerAt): void {
  const element = theDot();
  const rect = stage(deck);
  element.style.display = at.on ? 'block' : 'none';
  element.style.transform = `translate(${rect.left + at.x * rect.width}px, ${rect.top + at.y * rect.height}px)`;
}

/** Tell the other windows, at most once a frame. */
function announce(at: PointerAt): void {
  latest = at;
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    dispatchEvent(new CustomEvent<PointerAt>('deck:pointer', { detail: latest }));
  });
}

let onMove: ((event: PointerEvent) => void) | undefined;

/** `mouse`: where the mouse is (client pixels), if known: the dot shows there at once. */
export function togglePointer(deck: RevealApi, mouse?: { x: number; y: number }): void {
  on = !on;
  const viewport = deck.getRevealElement();
  if (viewport) viewport.style.cursor = on ? 'none' : '';
  if (on) {
    const moveTo = (x: number, y: number) => {
      const rect = stage(deck);
      const at = { x: (x - rect.left) / rect.width, y: (y - rect.top) / rect.height, on: true };
      place(deck, at);
      announce(at);
    };
    onMove = (event) => moveTo(event.clientX, event.clientY);
    addEventListener('pointermove', onMove, { passive: true });
    if (mouse) moveTo(mouse.x, mouse.y);
  } else {
    if (onMove) removeEventListener('pointermove', onMove);
    theDot().style.display = 'none';
    announce({ x: 0, y: 0, on: false });
  }
}

/** A pointer from another window (follow mode). */
export function showPointer(deck: RevealApi, at: PointerAt): void {
  if (!on) place(deck, at);
}

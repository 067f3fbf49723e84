// The speaker's tools, in every deck: a laser pointer (L), zoom (Z or Alt+click), ink (D to draw on
// the step, C to clear it). Readers never use them, so each is a chunk of its own, imported on its
// first key press (as the presenter view is): this module only binds the keys. The keys show in
// reveal.js's `?` help overlay through their descriptions.
import type { RevealApi } from 'reveal.js';
import { stepNumber } from './slide-number.ts';

const once = <T>(load: () => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
};
export const loadPointer = once(() => import('./pointer.ts'));
const loadZoom = once(() => import('./zoom.ts'));
const loadInk = once(() => import('./ink.ts'));

/** Where the mouse last was (Z zooms there), in client pixels; the middle of the window until it moves. */
let mouse: { x: number; y: number } | undefined;

export function bindTools(deck: RevealApi): void {
  if (new URLSearchParams(location.search).has('receiver')) return; // the presenter view's previews
  addEventListener('mousemove', (event) => (mouse = { x: event.clientX, y: event.clientY }), { passive: true });
  deck.addKeyBinding({ keyCode: 76, key: 'L', description: 'Laser pointer on/off' }, () => void loadPointer().then((m) => m.togglePointer(deck, mouse)));
  deck.addKeyBinding({ keyCode: 90, key: 'Z', description: 'Zoom in where the pointer is, or out (also Alt+click)' }, () => {
    const at = mouse ?? { x: innerWidth / 2, y: innerHeight / 2 };
    void loadZoom().then((m) => m.toggleZoom(deck, at.x, at.y));
  });
  deck.addKeyBinding({ keyCode: 68, key: 'D', description: 'Draw on this step (ink) on/off' }, () => void loadInk().then((m) => m.toggleInk(deck)));
  deck.addKeyBinding({ keyCode: 67, key: 'C', description: 'Clear the ink of this step' }, () => void loadInk().then((m) => m.clearInk()));
  // Alt+click zooms, as reveal.js's zoom plugin does; before reveal sees the click.
  addEventListener('mousedown', (event) => {
    if (!event.altKey || event.button !== 0 || !deck.getRevealElement()?.contains(event.target as Node)) return;
    event.preventDefault();
    void loadZoom().then((m) => m.toggleZoom(deck, event.clientX, event.clientY));
  }, true);
}

/**
 * Under `npm run present` the laptop's windows get a follow token in their page (a meta tag the
 * server adds): they then follow each other and the phone (follow.ts, loaded only then).
 */
export function followPresentServer(deck: RevealApi): void {
  const token = document.querySelector<HTMLMetaElement>('meta[name="deck-present"]')?.content;
  if (!token || new URLSearchParams(location.search).has('receiver')) return;
  void import('./follow.ts').then(({ follow }) => follow(deck, token, { stepNumber, loadPointer }));
}

// Dev only: the overflow guard while the author writes. Each time the deck settles on a step (and
// after each save swaps slides in), the current slide is measured as the tests measure every step
// (overflow.ts); what reaches outside the slide or lies on top of other text is named in a note at
// the top of the window (a slide usually overflows at the bottom), with the deck's file and the
// slide's line, and a button that opens the editor there (Vite's /__open-in-editor). The note goes
// when the slide fits.
import type { RevealApi } from 'reveal.js';
import { measureStep, type Problem } from './overflow.ts';

export const OVERFLOW_NOTE_ID = 'deck-overflow-note';
/** After the last move or save: reveal.js's slide transition is over, and the fonts have arrived. */
const SETTLE_MS = 900;

export function watchOverflow(deck: RevealApi, file: string): void {
  // Not in the presenter view's previews, not in the print view, not in a phone's scroll view (a
  // page that grows with its content).
  if (new URLSearchParams(location.search).has('receiver') || document.documentElement.classList.contains('reveal-print')) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void document.fonts.ready.then(check), SETTLE_MS);
  };
  const check = () => {
    if (!deck.isReady() || document.querySelector('.reveal-viewport.reveal-scroll') || deck.isOverview()) return show(file, []);
    show(file, measureStep());
  };
  for (const event of ['ready', 'slidechanged', 'fragmentshown', 'fragmenthidden', 'resize', 'overviewhidden']) deck.on(event, schedule);
  deck.on('overviewshown', () => show(file, []));
  // A save swaps slides in (live-reload.ts) without a reveal.js event.
  const slides = deck.getSlidesElement();
  if (slides) new MutationObserver(schedule).observe(slides, { childList: true, subtree: true });
  if (deck.isReady()) schedule();
}

function show(file: string, problems: Problem[]): void {
  let note = document.getElementById(OVERFLOW_NOTE_ID);
  if (problems.length === 0) return note?.remove();
  if (!note) {
    note = document.createElement('div');
    note.id = OVERFLOW_NOTE_ID;
    note.setAttribute('role', 'status');
    note.style.cssText = [
      'position:fixed; right:12px; top:12px; z-index:2147483000; max-width:min(60ch, calc(100vw - 24px)); color-scheme:light',
      'padding:8px 12px; border-radius:6px; background:#fff4e5; color:#5c2b00; border:2px solid #b35c00',
      'font:14px/1.4 system-ui, sans-serif; box-shadow:0 2px 8px rgb(0 0 0 / .25)',
    ].join(';');
    document.body.append(note);
  }
  const line = problems[0]!.line;
  const where = `${file}:${line}`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  note.replaceChildren();
  const title = document.createElement('strong');
  title.textContent = `This slide does not fit: ${where}`;
  const what = document.createElement('div');
  what.textContent = `${problems[0]!.what}${more}`;
  const open = document.createElement('button');
  open.type = 'button';
  open.textContent = 'Open in editor';
  open.style.cssText = 'margin-top:4px; font:inherit; cursor:pointer';
  open.addEventListener('click', () => void fetch(`/__open-in-editor?file=${encodeURIComponent(`${file}:${line}`)}`));
  note.append(title, what, open);
}

// Zoom (Z, or Alt+click, as reveal.js's zoom plugin): the page grows 2.5× around the point, and the
// same key, click, Esc or a move to another step brings it back.
import type { RevealApi } from 'reveal.js';

const SCALE = 2.5;
let zoomed = false;
let bound = false;

function unzoom(): void {
  zoomed = false;
  document.body.style.transform = '';
  document.documentElement.classList.remove('deck-zoomed');
}

export function toggleZoom(deck: RevealApi, x: number, y: number): void {
  if (!bound) {
    bound = true;
    for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden', 'overviewshown']) deck.on(event, unzoom);
    // Esc unzooms (and does not open the overview while zoomed).
    addEventListener('keydown', (event) => {
      if (zoomed && event.key === 'Escape') {
        event.stopImmediatePropagation();
        unzoom();
      }
    }, true);
  }
  if (zoomed) return unzoom();
  zoomed = true;
  const body = document.body.style;
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  body.transition = reduce ? '' : 'transform .35s ease';
  body.transformOrigin = '0 0';
  // Scale around (x, y): that point stays where it was.
  body.transform = `translate(${x * (1 - SCALE)}px, ${y * (1 - SCALE)}px) scale(${SCALE})`;
  document.documentElement.classList.add('deck-zoomed');
}

export const isZoomed = () => zoomed;

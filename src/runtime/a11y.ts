// Screen readers and keyboards. reveal.js out of the box (a) marks the deck `role="application"`,
// which turns off a screen reader's reading mode, and (b) announces a slide's whole text on arrival,
// pending steps included ("Working with Geoff Hinton" before it appears). Here the deck is the page's
// main content, reveal's live region is removed, and each step change is announced once, through our
// own live region, with only the text that step brings.
import type { RevealApi } from 'reveal.js';

/** Elements that are one line of text (as in tests/e2e/visible.ts and the text export). */
const LINE = 'h1,h2,h3,h4,h5,h6,p,li,figcaption,dt,dd,pre,text';

/** Whether a fragment is on screen at the current step, from reveal's classes (not from CSS, which may be mid-transition). */
function fragmentShown(fragment: Element): boolean {
  const has = (name: string) => fragment.classList.contains(name);
  if (has('fade-out')) return !has('visible');
  if (has('current-visible') || has('fade-in-then-out')) return has('current-fragment');
  return has('visible');
}

function hiddenHere(el: Element): boolean {
  return el.matches('aside.notes, [aria-hidden="true"]') || (el.classList.contains('fragment') && !fragmentShown(el));
}

/** A line's own words at the current step: nested lines and hidden parts left out. */
function ownText(line: Element): string {
  const isItem = line.tagName === 'LI';
  let text = '';
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.textContent ?? '';
      else if (child instanceof Element) {
        if (child.tagName === 'BR') text += ' ';
        else if (hiddenHere(child) || child.matches('ul,ol')) continue;
        else if (child.matches(LINE) && !(isItem && child.tagName === 'P')) continue;
        else {
          if (child.tagName === 'P') text += ' ';
          walk(child);
        }
      }
    }
  };
  walk(line);
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Names of the figure parts a step draws (an SVG element with a `<title>` of its own, such as a
 * path that appears at a step): a step that adds no words is announced by what it draws.
 */
export function shownPictureLabels(slide: Element): Set<string> {
  const labels = new Set<string>();
  for (const fragment of slide.querySelectorAll('svg .fragment')) {
    if (!fragmentShown(fragment)) continue;
    for (const title of fragment.querySelectorAll(':scope > title, :scope * > title')) {
      const label = title.textContent?.trim();
      if (label) labels.add(label);
    }
  }
  return labels;
}

/** The lines of a slide a viewer can see now, keyed by element, in document order. */
export function shownLines(slide: Element): Map<Element, string> {
  const lines = new Map<Element, string>();
  for (const el of slide.querySelectorAll(LINE)) {
    // Paragraphs inside list items are part of the item's line.
    if (el.tagName === 'P' && el.parentElement?.closest('li')) continue;
    let shown = el.getClientRects().length > 0; // display: none anywhere above leaves no boxes
    for (let node: Element | null = el; shown && node && node !== slide; node = node.parentElement) {
      if (hiddenHere(node)) shown = false;
    }
    if (!shown) continue;
    const text = ownText(el);
    if (text) lines.set(el, text);
  }
  return lines;
}

function createAnnouncer(): HTMLElement {
  const region = document.createElement('div');
  region.className = 'deck-announcer';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  // Visually hidden, still read (the usual "sr-only" recipe).
  Object.assign(region.style, {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    border: '0',
  });
  document.body.append(region);
  return region;
}

/** Call before `deck.initialize()`. */
export function makeAccessible(deck: RevealApi): void {
  let region: HTMLElement | undefined;
  let lastSlide: Element | undefined;
  let lastLines = new Map<Element, string>();
  let lastPictures = new Set<string>();
  let pending = false;

  const announce = (lines: string[]) => {
    if (!region || lines.length === 0) return;
    region.replaceChildren(
      ...lines.map((line) => {
        const p = document.createElement('p');
        p.textContent = line;
        return p;
      }),
    );
  };

  // reveal fires several events for one step (slidechanged, then fragmentshown…): wait for the step
  // to settle, then compare with the step before.
  const update = () => {
    pending = false;
    const slide = deck.getCurrentSlide();
    if (!slide) return;
    const lines = shownLines(slide);
    if (slide !== lastSlide) {
      announce([...lines.values()]);
    } else {
      const added = [...lines].filter(([el, text]) => lastLines.get(el) !== text).map(([, text]) => text);
      const shownTexts = new Set(lines.values());
      const removed = [...lastLines.values()].filter((text) => !shownTexts.has(text));
      const pictures = shownPictureLabels(slide);
      const drawn = [...pictures].filter((label) => !lastPictures.has(label));
      if (added.length > 0) announce(added);
      else if (drawn.length > 0) announce(drawn);
      else if (removed.length > 0) announce(removed.map((text) => `Hidden: ${text}`));
      else announce([...lastPictures].filter((label) => !pictures.has(label)).map((label) => `Hidden: ${label}`));
    }
    lastSlide = slide;
    lastLines = lines;
    lastPictures = shownPictureLabels(slide);
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    setTimeout(update, 0);
  };

  deck.on('ready', () => {
    const wrapper = deck.getRevealElement();
    if (wrapper) {
      // role=application makes screen readers stop reading the page as a page: the deck is the
      // main content instead (unless the page already has a main landmark).
      if (!document.querySelector('main, [role="main"]')) wrapper.setAttribute('role', 'main');
      else wrapper.removeAttribute('role');
      wrapper.setAttribute('aria-label', document.title || 'Slides');
      // reveal keeps writing the whole slide here; without the element nothing is announced twice.
      wrapper.querySelector('.aria-status')?.remove();
    }
    region = createAnnouncer();
    // The first slide is read with the page itself; announcements start at the first change.
    lastSlide = deck.getCurrentSlide();
    lastLines = lastSlide ? shownLines(lastSlide) : new Map();
  });
  for (const type of ['slidechanged', 'fragmentshown', 'fragmenthidden']) deck.on(type, schedule);
}

// Screen readers and keyboards. reveal.js out of the box (a) marks the deck `role="application"`,
// which turns off a screen reader's reading mode, and (b) announces a slide's whole text on arrival,
// pending steps included ("Working with Geoff Hinton" before it appears). Here the deck is the page's
// main content, reveal's live region is removed, and each step change is announced once, through our
// own live region, with only the text that step brings.
import type { RevealApi } from 'reveal.js';
import { BLOCK_BREAK, FEATURE_READERS_KEY, frameItems, shownPictureLabels, spokenText, type FeatureReader, type TreeReader } from '../core/visibility.ts';
import { currentStep } from './slide-number.ts';

/**
 * The DOM as the visibility rules read it (the same rules as the text export, src/core/visibility.ts),
 * minus what is hidden from screen readers.
 */
const domReader: TreeReader<Node> = {
  tag: (node) => (node instanceof Element ? node.localName : undefined),
  text: (node) => (node.nodeType === Node.TEXT_NODE ? (node.nodeValue ?? '') : undefined),
  attr: (node, name) => (node instanceof Element ? node.getAttribute(name) : null),
  children: (node) => [...node.childNodes].filter((child) => !(child instanceof Element && child.getAttribute('aria-hidden') === 'true')),
};

/** The readers the page's features added (src/runtime/code.ts, math.ts), read anew at each step: they may come later. */
function featureReaders(): FeatureReader[] {
  return ((globalThis as { [key: symbol]: FeatureReader[] | undefined })[Symbol.for(FEATURE_READERS_KEY)] ??= []);
}

/** The lines of a slide a viewer sees at `step`, as spoken, by the element they come from, in document order. */
export function shownLines(slide: Element, step: number): Map<Node, string[]> {
  const lines = new Map<Node, string[]>();
  for (const item of frameItems(domReader, [slide], step, featureReaders())) {
    if (item === BLOCK_BREAK) continue;
    const texts = lines.get(item.node) ?? [];
    texts.push(spokenText(item));
    lines.set(item.node, texts);
  }
  return lines;
}

/** Names of the figure parts a slide shows at `step` (see shownPictureLabels in src/core/visibility.ts). */
export function shownPictures(slide: Element, step: number): Set<string> {
  return shownPictureLabels(domReader, [slide], step);
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
  let lastLines = new Map<Node, string[]>();
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
    const step = currentStep(deck);
    const lines = shownLines(slide, step);
    const pictures = shownPictures(slide, step);
    if (slide !== lastSlide) {
      announce([...lines.values()].flat());
    } else {
      const added = [...lines].flatMap(([node, texts]) => texts.filter((text) => !lastLines.get(node)?.includes(text)));
      const shownTexts = new Set([...lines.values()].flat());
      const removed = [...lastLines.values()].flat().filter((text) => !shownTexts.has(text));
      const drawn = [...pictures].filter((label) => !lastPictures.has(label));
      if (added.length > 0) announce(added);
      else if (drawn.length > 0) announce(drawn);
      else if (removed.length > 0) announce(removed.map((text) => `Hidden: ${text}`));
      else announce([...lastPictures].filter((label) => !pictures.has(label)).map((label) => `Hidden: ${label}`));
    }
    lastSlide = slide;
    lastLines = lines;
    lastPictures = pictures;
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
    lastLines = lastSlide ? shownLines(lastSlide, currentStep(deck)) : new Map();
    lastPictures = lastSlide ? shownPictures(lastSlide, currentStep(deck)) : new Set();
  });
  for (const type of ['slidechanged', 'fragmentshown', 'fragmenthidden']) deck.on(type, schedule);
}

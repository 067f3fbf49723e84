// What is visible at each step, as text: the frame-by-frame export and the tests read this.
// It follows reveal.js's rules: a fragment with data-fragment-index i is shown once the
// slide's step passes i; `fade-out` hides it from then on.
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { Deck, Slide } from './model.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Elements whose text is one line of a frame. */
const LINE_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'li', 'figcaption', 'dt', 'dd', 'text', 'pre']);
const SKIP_TAGS = new Set(['aside', 'script', 'style', 'title', 'desc', 'template']);

export interface Frame {
  slide: number;
  step: number;
  /** Visible lines; '' separates blocks (a blank line in the export). */
  lines: string[];
}

export function slideFrames(slide: Slide): Frame[] {
  const root = parseFragment(slide.html);
  return slide.steps.map((step) => ({ slide: slide.index, step: step.index, lines: visibleLines(root.childNodes, step.index) }));
}

export function deckFrames(deck: Deck): Frame[] {
  return deck.slides.flatMap(slideFrames);
}

/** The seed's layout: `N of M`, a blank line, the frame's text, a blank line. */
export function framesToText(frames: Frame[]): string {
  return frames.map((frame, i) => `${i + 1} of ${frames.length}\n\n${frame.lines.join('\n')}\n\n`).join('');
}

export function isVisibleAt(element: Element, step: number): boolean {
  const classes = attr(element, 'class').split(/\s+/);
  if (!classes.includes('fragment')) return true;
  const index = Number(attr(element, 'data-fragment-index') || '0');
  const shown = index < step;
  if (classes.includes('fade-out')) return !shown;
  if (classes.includes('fade-in-then-out') || classes.includes('current-visible')) return index === step - 1;
  if (classes.some((c) => c.startsWith('highlight-'))) return true;
  return shown;
}

function visibleLines(nodes: Node[], step: number): string[] {
  const lines: string[] = [];
  const walk = (node: Node, depth: number, list: { ordered: boolean; next: number } | null) => {
    if (!('tagName' in node)) return;
    if (SKIP_TAGS.has(node.tagName) || !isVisibleAt(node, step)) return;
    if (node.tagName === 'ul' || node.tagName === 'ol') {
      const ordered = node.tagName === 'ol';
      const counter = { ordered, next: ordered ? Number(attr(node, 'start') || '1') : 0 };
      if (list === null && lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
      for (const child of node.childNodes) walk(child, depth + 1, counter);
      if (list === null) lines.push('');
      return;
    }
    if (LINE_TAGS.has(node.tagName)) {
      const isItem = node.tagName === 'li';
      const text = inlineText(node, step, isItem ? isList : isBlockContainer);
      const marker = node.tagName === 'li' && list ? (list.ordered ? `${list.next++}.` : '•') : '';
      if (text) {
        if (marker) lines.push(`${'  '.repeat(depth)}${marker} ${text}`);
        else {
          if (list === null && lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
          lines.push(text);
          if (list === null) lines.push('');
        }
      }
      // Nested lists (and, outside list items, nested blocks) produce their own lines.
      for (const child of node.childNodes) if ((isItem ? isList : isBlockContainer)(child)) walk(child, depth, list);
      return;
    }
    for (const child of node.childNodes) walk(child, depth, list);
  };
  for (const node of nodes) walk(node, 0, null);
  while (lines[0] === '') lines.shift();
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.filter((line, i) => !(line === '' && lines[i - 1] === ''));
}

function isBlockContainer(node: Node): boolean {
  return 'tagName' in node && (node.tagName === 'ul' || node.tagName === 'ol' || LINE_TAGS.has(node.tagName) || node.tagName === 'div' || node.tagName === 'blockquote');
}

function isList(node: Node): boolean {
  return 'tagName' in node && (node.tagName === 'ul' || node.tagName === 'ol');
}

/**
 * Text of a line element: its visible content, whitespace folded, leaving out what `nested` says
 * makes lines of its own (a list item keeps its paragraphs and replace states, not its sub-lists).
 */
function inlineText(element: Element, step: number, nested: (node: Node) => boolean): string {
  let text = '';
  const collect = (node: Node) => {
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterMap['textNode']).value;
    else if ('tagName' in node) {
      if (SKIP_TAGS.has(node.tagName) || nested(node) || !isVisibleAt(node, step)) return;
      if (node.tagName === 'br' || node.tagName === 'p') text += ' ';
      for (const child of node.childNodes) collect(child);
    }
  };
  for (const child of element.childNodes) collect(child);
  return text.replace(/\s+/g, ' ').trim();
}

function attr(element: Element, name: string): string {
  return element.attrs.find((a) => a.name === name)?.value ?? '';
}

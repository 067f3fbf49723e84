// What is visible at each step, as text: the frame-by-frame export and the tests read this. The
// rules (what a line is, what step k shows) are src/core/visibility.ts's, read here over parse5.
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { Deck, Slide } from './model.ts';
import { codeBlockLines } from './syntax/code/lines.ts';
import { formulaText } from './syntax/math/read-as.ts';
import { frameItems, frameText, type FeatureReader, type TreeReader } from './visibility.ts';

type Node = DefaultTreeAdapterMap['node'];

export interface Frame {
  slide: number;
  step: number;
  /** Visible lines; '' separates blocks (a blank line in the export). */
  lines: string[];
}

/** parse5's tree, as the visibility rules read it. */
export const parse5Reader: TreeReader<Node> = {
  tag: (node) => ('tagName' in node ? node.tagName : undefined),
  text: (node) => (node.nodeName === '#text' ? (node as DefaultTreeAdapterMap['textNode']).value : undefined),
  attr: (node, name) => ('attrs' in node ? node.attrs : []).find((a) => a.name === name)?.value,
  children: (node) => ('childNodes' in node ? node.childNodes : []),
};

/** How the features' own elements read (a code block, a formula): on every page here, at build time. */
export const FEATURE_READERS: readonly FeatureReader[] = [codeBlockLines, formulaText];

export function slideFrames(slide: Slide): Frame[] {
  const root = parseFragment(slide.html);
  return slide.steps.map((step) => ({ slide: slide.index, step: step.index, lines: frameText(frameItems(parse5Reader, root.childNodes, step.index, FEATURE_READERS)) }));
}

export function deckFrames(deck: Deck): Frame[] {
  return deck.slides.flatMap(slideFrames);
}

/** The seed's layout: `N of M`, a blank line, the frame's text, a blank line. */
export function framesToText(frames: Frame[]): string {
  return frames.map((frame, i) => `${i + 1} of ${frames.length}\n\n${frame.lines.join('\n')}\n\n`).join('');
}


// The decks every deck-wide browser test walks: the talk (at the site root) and the guide, the
// engine's own showcase (at /guide/). A defect the talk alone would hide shows up in the guide.
import { readFileSync } from 'node:fs';
import { compileDeck, deckFrames, type Deck, type Frame } from '../../src/core/index.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import { scholarlyFor } from '../../src/node/read-deck.ts';
import { talk, TALK_FILE } from './talk.ts';

export interface BuiltDeck {
  /** Short name for test titles and screenshot files. */
  name: string;
  file: string;
  /** The deck's page, relative to the site root. */
  page: string;
  deck: Deck;
  frames: Frame[];
  /** `<page>#/slide-id/step` for every step, in order. */
  stepUrls: string[];
}

function built(name: string, file: string, page: string, deck: Deck): BuiltDeck {
  const stepUrls = deck.slides.flatMap((slide) => slide.steps.map((step) => `${page}#/${slide.id}${step.index > 0 ? `/${step.index - 1}` : ''}`));
  return { name, file, page, deck, frames: deckFrames(deck), stepUrls };
}

export const GUIDE_FILE = 'slides/guide.md';
const GUIDE_SOURCE = readFileSync(GUIDE_FILE, 'utf8');
// Its citations and diagrams read and drawn as the build does.
const guide = compileDeck(GUIDE_SOURCE, { file: GUIDE_FILE, readAsset: readAssetFromDisk(GUIDE_FILE), ...(await scholarlyFor(GUIDE_SOURCE)) });

export const TALK = built('talk', TALK_FILE, './', talk);
export const GUIDE = built('guide', GUIDE_FILE, './guide/', guide);
export const DECKS: BuiltDeck[] = [TALK, GUIDE];

/** Steps `from` (inclusive) to `to` (exclusive) of a deck's walk. */
export interface WalkPart {
  from: number;
  to: number;
  /** " (steps 31–59 of 59)" for a test's title; empty for a whole walk. */
  label: string;
}

/**
 * A deck's walk cut into `count` parts of about as many steps, each starting at a slide's first
 * step (opened at its URL, the same picture to the byte as reached by PageDown): fullyParallel
 * hands the parts to both workers, so a long walk no longer runs alone at the end of the run.
 */
export function walkParts(walked: BuiltDeck, count: number): WalkPart[] {
  const total = walked.frames.length;
  const starts = [...walked.frames.keys()].filter((i) => walked.frames[i]!.step === 0);
  const cuts = [0];
  for (let k = 1; k < count; k++) {
    const want = (total * k) / count;
    const cut = starts.reduce((best, s) => (Math.abs(s - want) < Math.abs(best - want) ? s : best));
    if (cut > cuts.at(-1)!) cuts.push(cut);
  }
  return cuts.map((from, k) => {
    const to = cuts[k + 1] ?? total;
    return { from, to, label: cuts.length > 1 ? ` (steps ${from + 1}–${to} of ${total})` : '' };
  });
}

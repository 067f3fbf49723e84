// The deck model: what the loader knows about a deck once the Markdown is parsed.
// Everything here is plain data so it can cross from build time to tests and scripts.

export type Severity = 'error' | 'warning';

/** A problem in the source, located 1-based like a compiler would report it. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
}

export interface DeckLink {
  label: string;
  href: string;
}

/** Front-matter metadata; it feeds the page head and the generated title slide. */
export interface DeckMeta {
  title: string;
  subtitle?: string;
  author?: string;
  affiliation?: string;
  url?: string;
  links: DeckLink[];
  event?: string;
  date?: string;
  description?: string;
  /** Where the deck is published (`https://user.github.io/repo/`): canonical URL, absolute share links. */
  canonical?: string;
  lang: string;
  /** Text direction of the whole deck (`dir` on <html>): `ltr`, `rtl` or `auto`; unset means left to right. */
  dir?: string;
  /** Generate a title slide from the metadata (default: true when there is a title). */
  titleSlide: boolean;
}

/** One build step of a slide: step 0 is the slide as it opens, step k shows fragment group k-1. */
export interface Step {
  index: number;
  /** 1-based source line of the first element that appears at this step (the slide's line for step 0). */
  line: number;
}

export interface Slide {
  /** 0-based position in the deck (reveal.js's horizontal index). */
  index: number;
  /** Stable id for links: `#/<id>`. */
  id: string;
  /** 1-based source line where the slide starts. */
  line: number;
  /** Text of the first heading, or '' when the slide has none. */
  title: string;
  steps: Step[];
  /** Speaker notes as plain text ('' when none). */
  notes: string;
  /** The reveal.js `<section>` element, notes included. */
  html: string;
}

export interface Deck {
  file: string;
  meta: DeckMeta;
  slides: Slide[];
  diagnostics: Diagnostic[];
}

/** Total number of frames when the deck is walked step by step. */
export function countFrames(deck: Deck): number {
  return deck.slides.reduce((sum, slide) => sum + slide.steps.length, 0);
}

// Where a deck's slides are: its block structure, parsed once. A top-level thematic break
// (`---`) ends a slide; one inside a fence, a list, a quote or a container does not, which only
// a block parse can tell. The front matter is read here too, since it decides the title slide.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import type { DeckEnv, SharedAccess } from './env.ts';
import type { DeckMeta, Diagnostic } from './model.ts';
import { readFrontMatter } from './plugins/front-matter.ts';
import { syntaxOf } from './syntax/feature.ts';

export interface SlideSource {
  /** 0-based line of the deck where the slide's source starts. */
  from: number;
  /** Offsets in the deck's text of the slide's source (its `---` left out). */
  start: number;
  end: number;
  /** 1-based line an empty slide is placed at: the line after its `---`. */
  emptyLine: number;
}

export interface DeckSplit {
  meta: DeckMeta;
  slides: SlideSource[];
  /** Link reference definitions, wherever in the deck they stand (markdown-it's env.references). */
  references: unknown;
}

/**
 * `blocks` is the deck's chain cut after block parsing (markdown.ts: blockParser); `text` is
 * normalized (no `\r`, no NUL). The front matter's problems are reported in `env`.
 */
export function splitDeck(blocks: MarkdownIt, text: string, env: DeckEnv): DeckSplit {
  // The block parse reports nothing: each slide's own parse reports its problems once.
  const parseEnv = { file: env.file, diagnostics: [], readAsset: env.readAsset } as DeckEnv;
  const tokens = blocks.parse(text, parseEnv);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offsetOf = (line: number) => (line < lineStarts.length ? lineStarts[line]! : text.length);

  const frontMatter = tokens[0]?.type === 'front_matter' ? tokens[0] : undefined;
  const meta = readFrontMatter(frontMatter, blocks, env);
  // What a feature needs from the whole deck before its slides are compiled one by one.
  env.meta = meta;
  for (const feature of syntaxOf(blocks).features) feature.scanDeck?.(tokens, env);
  let from = frontMatter?.map?.[1] ?? 0;

  const breaks: number[] = [];
  let firstHeading: number | undefined;
  for (const token of tokens) {
    if (token.level !== 0 || !token.map) continue;
    if (token.type === 'hr') breaks.push(token.map[0]);
    else if (token.type === 'heading_open' && breaks.length === 0) firstHeading ??= token.map[0];
  }

  const slides: SlideSource[] = [];
  // An empty slide starts on the line after its `---` (the deck's first, on line 1).
  let emptyLine = 1;
  const add = (end: number) => slides.push({ from, start: offsetOf(from), end: offsetOf(end), emptyLine });
  if (meta.titleSlide && firstHeading !== undefined) {
    // The title slide is made from the front matter: a heading written after it starts a slide
    // of its own (what comes before it, such as the title slide's notes, stays with the title).
    add(firstHeading);
    from = firstHeading;
  }
  for (const line of breaks) {
    // A deck that opens with `---`s (and has no title slide to attach to) has nothing before them.
    if (slides.length > 0 || meta.titleSlide || hasBlocks(tokens, from, line)) add(line);
    from = line + 1;
    emptyLine = line + 2;
  }
  add(lineStarts.length);
  return { meta, slides, references: parseEnv.references };
}

function hasBlocks(tokens: Token[], from: number, to: number): boolean {
  return tokens.some((token) => token.map && token.map[0] >= from && token.map[0] < to && token.type !== 'front_matter');
}

/** What splitDeck gave for a text, kept to be reused after an edit that cannot change it. */
export interface KeptSplit {
  text: string;
  split: DeckSplit;
  /** What splitDeck reported (the front matter's problems). */
  diagnostics: Diagnostic[];
  /** What the features' deck scans wrote in the deck's shared state (equation numbers). */
  shared: SharedAccess[];
}

/**
 * A line whose start settles its block structure: a letter or digit, after at most a list
 * marker, a quote mark or a heading's `#`s. An edit after that letter or digit leaves the line
 * what it was (a paragraph, an item, a heading), so the deck's slide breaks are where they were.
 */
const PLAIN_LINE_START = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?|#{1,6}[ \t]+)?[\p{L}\p{N}]/u;
/**
 * What the block parse reads in a line beyond its start: a table's cells (a table, not a
 * paragraph, decides whether a `---` under it breaks the slide) and a link definition's label.
 */
const BLOCK_LEVEL_TEXT = /\||\]:/;

/** Block sizes for the common start and end of two texts, each step down after the first that differs. */
const COMPARED_BLOCKS = [4096, 256, 16, 1];

/**
 * The split of `text`, from the one kept for the text before an edit, when the two differ inside
 * one line only, after its first letter or digit, and neither version of the line holds anything
 * the block parse or a feature's deck scan reads (its scanReads); otherwise undefined (splitDeck parses the deck again). Typing in a slide
 * then costs that slide alone (compile.ts: createDeckCompiler).
 */
export function splitAfterEdit(blocks: MarkdownIt, kept: KeptSplit, text: string): DeckSplit | undefined {
  const scans = syntaxOf(blocks).features.filter((feature) => feature.scanDeck);
  if (scans.some((feature) => !feature.scanReads)) return undefined;
  // A link definition may span lines that start like any other: a deck that has one is parsed again.
  if (kept.split.references && Object.keys(kept.split.references).length > 0) return undefined;
  const old = kept.text;
  const shorter = Math.min(old.length, text.length);
  // What the texts share at the start and the end, compared a block at a time (a string compare
  // is a memory compare: a long deck's 600 KB are a few hundred of them, not a million characters).
  let same = 0;
  for (const block of COMPARED_BLOCKS) while (same + block <= shorter && old.slice(same, same + block) === text.slice(same, same + block)) same += block;
  let sameEnd = 0;
  for (const block of COMPARED_BLOCKS) {
    while (sameEnd + block <= shorter - same && old.slice(old.length - sameEnd - block, old.length - sameEnd) === text.slice(text.length - sameEnd - block, text.length - sameEnd)) sameEnd += block;
  }
  if (old.slice(same, old.length - sameEnd).includes('\n') || text.slice(same, text.length - sameEnd).includes('\n')) return undefined;
  const first = kept.split.slides[0];
  if (!first || same < first.start) return undefined; // the front matter, or what comes before the first slide
  const lineStart = old.lastIndexOf('\n', same - 1) + 1;
  const oldLineEnd = old.indexOf('\n', same) < 0 ? old.length : old.indexOf('\n', same);
  const delta = text.length - old.length;
  const lines = [old.slice(lineStart, oldLineEnd), text.slice(lineStart, oldLineEnd + delta)];
  for (const line of lines) {
    const start = PLAIN_LINE_START.exec(line);
    if (!start || same - lineStart < start[0].length || BLOCK_LEVEL_TEXT.test(line)) return undefined;
    if (scans.some((feature) => feature.scanReads!.test(line))) return undefined;
  }
  // (A slide ends at a line start, or at the text's end: typing at the very end of the deck moves that end too.)
  const moved = (offset: number) => (offset > same || offset === old.length ? offset + delta : offset);
  return { ...kept.split, slides: kept.split.slides.map((slide) => ({ ...slide, start: moved(slide.start), end: moved(slide.end) })) };
}

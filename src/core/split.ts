// Where a deck's slides are: its block structure, parsed once. A top-level thematic break
// (`---`) ends a slide; one inside a fence, a list, a quote or a container does not, which only
// a block parse can tell. The front matter is read here too, since it decides the title slide.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import type { DeckEnv } from './env.ts';
import type { DeckMeta } from './model.ts';
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

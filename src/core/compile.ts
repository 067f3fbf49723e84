// Markdown text → deck model. Pure: no Vite, no DOM, no file system.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { createEnv, type DeckEnv } from './env.ts';
import { createMarkdown } from './markdown.ts';
import { defaultMeta } from './meta.ts';
import type { Deck, Slide, Step } from './model.ts';
import type { SlideSteps } from './steps/step-order.ts';
import { slideMark } from './plugins/slides.ts';

let shared: MarkdownIt | undefined;

export interface CompileOptions {
  /** Path shown in diagnostics, relative to the project root (e.g. `slides/talk.md`). */
  file?: string;
  /**
   * Reads a file the deck refers to (a figure, an image), by its path relative to the deck's
   * folder; `undefined` when it does not exist. The core never touches the file system itself:
   * adapters (Vite plugin, scripts) pass `readAssetFromDisk` from src/node, tests pass a map.
   */
  readAsset?: (relativePath: string) => string | undefined;
}

export function compileDeck(source: string, options: CompileOptions = {}): Deck {
  return compileInBatches(source, options, SLIDES_PER_BATCH);
}

/**
 * Slides per trip through markdown-it's chain. A deck's tokens (~100 per slide, with their
 * inline children, attributes and marks) live until their slide is rendered; taken a few dozen
 * slides at a time they die young, instead of being copied by every garbage collection until
 * the whole deck is done. At 1,000 slides that is ~40% of the loader's time (bench/README.md).
 */
const SLIDES_PER_BATCH = 32;

/**
 * compileDeck with the batch size as a parameter, so a test can hold that batches change
 * nothing (1 slide per batch, and Infinity: the whole deck in one trip, as `md.parse` does).
 *
 * The block parser hands over the block tokens every `slidesPerBatch`-th top-level `---`
 * (src/core/plugins/slide-batches.ts: only there is a `---` told apart from one in a list, a
 * quote or a fence). The rest of the core chain (inline parsing, every deck rule) runs on that
 * batch and it is rendered before parsing goes on; the batches go through the chain in order,
 * so the slides rule numbers them as one deck (env.slideRun).
 *
 * Link reference definitions (`[x]: https://…`) are the exception: a link may use one defined
 * further down, which the block parser has not reached when the link's batch is parsed. A deck
 * that may hold one goes through in one batch.
 */
export function compileInBatches(source: string, options: CompileOptions, slidesPerBatch: number): Deck {
  const md = (shared ??= createMarkdown());
  const env = createEnv(options.file ?? 'deck.md', options.readAsset);
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const rules = md.core.ruler.__rules__.filter((rule) => rule.enabled);
  const afterBlock = rules.findIndex((rule) => rule.name === 'block') + 1;
  const restOfChain = rules.slice(afterBlock);
  const whole = new md.core.State(text, md, env);
  const run = (env.slideRun = { index: 0, usedIds: new Set<string>(), separatorLine: 1 });
  const slides: Slide[] = [];
  const flush = (tokens: Token[], separatorLineAfter?: number) => {
    const state = new md.core.State(whole.src, md, env); // the whole source: rules locate columns in it
    state.tokens = tokens;
    for (const rule of restOfChain) rule.fn(state);
    collectSlides(md, state.tokens, env, slides);
    if (separatorLineAfter !== undefined) run.separatorLine = separatorLineAfter;
  };
  if (Number.isFinite(slidesPerBatch) && !MAYBE_REFERENCE_DEFINITION.test(text)) env.slideBatches = { slidesPerBatch, separators: 0, flush };
  for (const rule of rules.slice(0, afterBlock)) rule.fn(whole); // normalize, block (which flushes batches)
  delete env.slideBatches;
  flush(whole.tokens); // the last batch
  delete env.slideRun;
  // In source order, as a compiler lists them (the sort is stable: same spot, rule order).
  const diagnostics = env.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file: env.file, meta: env.meta ?? defaultMeta(), slides, diagnostics };
}

/**
 * Text that may hold a link reference definition, anywhere: at the start of a line, or inside a
 * quote or a list item. Generous on purpose: a false alarm costs only the batches.
 */
const MAYBE_REFERENCE_DEFINITION = /\]:/;

function collectSlides(md: MarkdownIt, tokens: Token[], env: DeckEnv, slides: Slide[]): void {
  let start = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type === 'slide_open') start = i;
    else if (tokens[i]!.type === 'slide_close') slides.push(buildSlide(md, tokens.slice(start, i + 1), env));
  }
}

function buildSlide(md: MarkdownIt, tokens: Token[], env: DeckEnv): Slide {
  const open = tokens[0]!;
  const mark = slideMark(open);
  const { stepLines } = open.meta!.steps as SlideSteps;
  const steps: Step[] = [{ index: 0, line: mark.line }, ...stepLines.map((line, i) => ({ index: i + 1, line: line || mark.line }))];
  return {
    index: mark.index,
    id: mark.id,
    line: mark.line,
    title: mark.title,
    steps,
    notes: notesText(tokens),
    html: flat(md.renderer.render(tokens, md.options, env)),
  };
}

/**
 * The same string, stored flat. The renderer builds a slide's HTML from hundreds of pieces
 * (`+=`), which V8 keeps as a tree of string parts five times the size of the text until it
 * is read; reading one character flattens it now, so the parts die young instead of being
 * copied by every garbage collection until the deck is done.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

function notesText(tokens: Token[]): string {
  const parts: string[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.type === 'container_notes_open') depth++;
    else if (token.type === 'container_notes_close') depth--;
    else if (depth > 0 && token.type === 'inline') parts.push(token.content);
  }
  return parts.join('\n');
}

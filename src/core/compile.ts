// Markdown text → deck model. Pure: no Vite, no DOM, no file system.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { createEnv, type DeckEnv } from './env.ts';
import { createMarkdown } from './markdown.ts';
import { defaultMeta } from './meta.ts';
import type { Deck, Slide, Step } from './model.ts';
import type { SlideSteps } from './plugins/step-order.ts';
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
 * The block structure is parsed for the whole deck first (that is where a top-level `---` is
 * told apart from one in a list or a fence, and where link references are collected); the rest
 * of the core chain (inline parsing, every deck rule) then runs on each batch's block tokens,
 * which are rendered before the next batch starts. The batches are cut at top-level `---`s and
 * go through the chain in order, so the slides rule numbers them as one deck (env.slideRun).
 */
export function compileInBatches(source: string, options: CompileOptions, slidesPerBatch: number): Deck {
  const md = (shared ??= createMarkdown());
  const env = createEnv(options.file ?? 'deck.md', options.readAsset);
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const rules = md.core.ruler.__rules__.filter((rule) => rule.enabled);
  const afterBlock = rules.findIndex((rule) => rule.name === 'block') + 1;
  const whole = new md.core.State(text, md, env);
  for (const rule of rules.slice(0, afterBlock)) rule.fn(whole);
  const batches = splitIntoBatches(whole.tokens, slidesPerBatch);
  whole.tokens = [];
  const run = (env.slideRun = { index: 0, usedIds: new Set<string>(), separatorLine: 1 });
  const slides: Slide[] = [];
  for (let b = 0; b < batches.length; b++) {
    const batch = batches[b]!;
    batches[b] = undefined!; // let this batch's tokens go once it is rendered
    if (batch.separatorLine) run.separatorLine = batch.separatorLine;
    const state = new md.core.State(whole.src, md, env); // the whole source: rules locate columns in it
    state.tokens = batch.tokens;
    for (const rule of rules.slice(afterBlock)) rule.fn(state);
    collectSlides(md, state.tokens, env, slides);
  }
  delete env.slideRun;
  // In source order, as a compiler lists them (the sort is stable: same spot, rule order).
  const diagnostics = env.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file: env.file, meta: env.meta ?? defaultMeta(), slides, diagnostics };
}

interface Batch {
  tokens: Token[];
  /** Line the slides rule gives a slide that starts right after the `---` before the batch. */
  separatorLine?: number;
}

/**
 * Cuts the block tokens at every `slidesPerBatch`-th top-level `---` (the separator itself is
 * left out: the batch before ends its slide, the next starts one). Never at the first `---`: a
 * deck that opens with one has no slide before it, and only the slides rule can tell.
 */
function splitIntoBatches(tokens: Token[], slidesPerBatch: number): Batch[] {
  const batches: Batch[] = [];
  let from = 0;
  let separatorLine: number | undefined;
  let separators = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== 'hr' || token.level !== 0 || ++separators === 1 || (separators - 1) % slidesPerBatch !== 0) continue;
    batches.push({ tokens: tokens.slice(from, i), separatorLine });
    separatorLine = (token.map?.[0] ?? 0) + 2;
    from = i + 1;
  }
  batches.push({ tokens: tokens.slice(from), separatorLine });
  return batches;
}

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

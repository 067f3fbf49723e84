// Markdown text → deck model. Pure: no Vite, no DOM, no file system.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { createEnv, deckShared, MAX_DIAGNOSTICS, type DeckEnv, type SharedAccess } from './env.ts';
import { blockParser, createMarkdown } from './markdown.ts';
import type { Deck, Diagnostic, Slide, Step } from './model.ts';
import type { SlideSteps } from './steps/step-order.ts';
import { slideMark } from './plugins/slides.ts';
import { splitAfterEdit, splitDeck, type DeckSplit, type KeptSplit } from './split.ts';
import type { CodeHighlighter } from './syntax/code/highlighter.ts';
import type { BibliographyParser } from './syntax/cite/bibliography.ts';
import { bibliographyPath, loadBibliography } from './syntax/cite/index.ts';
import { addReferenceSlides } from './syntax/cite/references.ts';
import type { DiagramRenderer } from './syntax/diagram/renderer.ts';
import type { MediaService } from './syntax/media/service.ts';
import type { TexTypesetter } from './syntax/math/typesetter.ts';
import type { QrEncoder } from './syntax/qr-encoder.ts';

export interface CompileOptions {
  /** Path shown in diagnostics, relative to the project root (e.g. `slides/talk.md`). */
  file?: string;
  /**
   * Reads a file the deck refers to (a figure, an image), by its path relative to the deck's
   * folder; `undefined` when it does not exist. The core never touches the file system itself:
   * adapters (Vite plugin, scripts) pass `readAssetFromDisk` from src/node, tests pass a map.
   */
  readAsset?: (relativePath: string) => string | undefined;
  /**
   * Colours fenced code at build time. The core compiles synchronously: an adapter loads the
   * grammars the deck names first (src/node/code-highlighter.ts). Without one, code blocks are
   * shown without colours and their languages are not checked.
   */
  highlighter?: CodeHighlighter;
  /** Reads the deck's bibliography (BibTeX, CSL-JSON) for citations (src/node/bibliography.ts). */
  bibliography?: BibliographyParser;
  /** Draws ```mermaid and ```dot diagrams at build time (src/node/diagrams.ts). */
  diagrams?: DiagramRenderer;
  /**
   * KaTeX (`import('katex')`), which typesets `$…$` and `$$…$$` at build time. An adapter loads it
   * for a deck that may hold a formula (mayHoldMath: src/node/read-deck.ts), so a deck without one
   * never loads it. Without it, each formula is an error.
   */
  katex?: TexTypesetter;
  /**
   * Pictures and videos: the adapter reads and converts them (src/node/media.ts, with sharp)
   * before the compile, and the core sizes them and writes <picture>s. Without one, a picture is
   * a plain <img> of the file as it is.
   */
  media?: MediaService;
  /**
   * Encodes the title slide's QR code (front matter `qr:`; src/node/qr-encoder.ts, with the
   * `qrcode` package). An adapter loads it for a deck whose front matter has `qr:`. Without it,
   * the title slide shows the address alone.
   */
  qr?: QrEncoder;
}

/** The full chain, and the same chain cut after block parsing (it finds where slides start). */
let shared: { md: MarkdownIt; blocks: MarkdownIt } | undefined;

/**
 * Markdown → deck model, one slide at a time. The deck's block structure is parsed once
 * (`splitDeck`: its front matter, its link reference definitions and its top-level `---`s,
 * which a fence, a list, a quote or a container hides), then each slide's lines go through the
 * whole chain on their own (`md.parse`), their token maps moved to the deck's lines. So a
 * slide's tokens live only until its HTML is rendered.
 */
export function compileDeck(source: string, options: CompileOptions = {}): Deck {
  return compileSlides(source, options, undefined);
}

/**
 * compileDeck for a deck that is compiled again and again (the dev server, on every save): it
 * keeps what each slide of the last compile gave, and a slide whose text, place in the deck,
 * front matter, link references, files read and shared state (env.ts: DeckShared) are all as
 * they were is taken from there instead of being compiled again. An edit inside one slide
 * recompiles that slide; one that adds or removes lines recompiles the slides after it too.
 */
export function createDeckCompiler(): (source: string, options?: CompileOptions) => Deck {
  let previous = new Map<string, CompiledSlide>();
  let split: KeptSplit | undefined;
  return (source, options = {}) => {
    const cache: SlideCache = { previous, next: new Map(), split };
    const deck = compileSlides(source, options, cache);
    previous = cache.next;
    split = cache.split;
    return deck;
  };
}

/** What compiling one slide gave, and what it read. */
interface CompiledSlide {
  slide: Slide;
  /** The diagnostics it added. */
  diagnostics: Diagnostic[];
  /** What it looked at and changed in the deck's shared state. */
  shared: SharedAccess[];
  /** Whether its diagnostics reached the deck's limit (then what it reported depended on the slides before). */
  capped: boolean;
  /** The files it read, with what they held. */
  assets: Map<string, string | undefined>;
}

interface SlideCache {
  previous: Map<string, CompiledSlide>;
  next: Map<string, CompiledSlide>;
  /** Where the last compile's slides were (split.ts: splitAfterEdit reuses it after an edit inside a line). */
  split: KeptSplit | undefined;
}

function compileSlides(source: string, options: CompileOptions, cache: SlideCache | undefined): Deck {
  const { md, blocks } = (shared ??= { md: createMarkdown(), blocks: blockParser() });
  const env = createEnv(options.file ?? 'deck.md', options.readAsset, options.highlighter, options);
  // Each file is read once per compile: a kept slide is checked against the files it read, and
  // slides share figures (300 slides with a figure each were 600 file-system calls per save).
  const read = new Map<string, string | undefined>();
  const readEach = env.readAsset;
  const readAsset = (file: string) => (read.has(file) ? read.get(file) : read.set(file, readEach(file)).get(file));
  env.readAsset = readAsset;
  const text = normalize(source);
  const state = deckShared(env);
  const split = splitOnce(blocks, text, env, cache);
  env.meta = split.meta;
  // Defined anywhere, a link reference serves every slide (markdown-it keeps them in env).
  env.references = split.references;
  const allocateId = (base: string) => {
    let id = base;
    for (let n = 2; state.has(SLIDE_IDS, id); n++) id = `${base}-${n}`;
    state.add(SLIDE_IDS, id);
    return id;
  };
  // What every slide depends on, besides its own text and place.
  const deckKey = cache ? JSON.stringify([env.file, split.meta, split.references ?? null]) : '';
  const slides: Slide[] = [];
  for (const part of split.slides) {
    const index = slides.length;
    const titleSlide = index === 0 && split.meta.titleSlide;
    const slideText = text.slice(part.start, part.end);
    const key = cache ? [deckKey, index, titleSlide, part.from, part.emptyLine, slideText].join('\u0000') : '';
    const reused = cache?.previous.get(key);
    if (
      cache &&
      reused &&
      !reused.capped &&
      env.diagnostics.length + reused.diagnostics.length < MAX_DIAGNOSTICS &&
      state.stillHolds(reused.shared) &&
      [...reused.assets].every(([file, content]) => readAsset(file) === content)
    ) {
      cache.next.set(key, reused);
      for (const diagnostic of reused.diagnostics) env.diagnostics.push(diagnostic);
      state.replay(reused.shared);
      slides.push(reused.slide);
      continue;
    }
    const firstDiagnostic = env.diagnostics.length;
    const assets = new Map<string, string | undefined>();
    state.recording();
    if (cache) env.readAsset = (file) => {
      const content = readAsset(file);
      assets.set(file, content);
      return content;
    };
    env.slide = { index, titleSlide, lineOffset: part.from, emptyLine: part.emptyLine, deckSource: text, allocateId };
    const slide = buildSlide(md, md.parse(slideText, env), env);
    slides.push(slide);
    if (cache) cache.next.set(key, { slide, diagnostics: env.diagnostics.slice(firstDiagnostic), shared: state.recording(), capped: env.diagnostics.length >= MAX_DIAGNOSTICS, assets });
  }
  delete env.slide;
  env.readAsset = readAsset;
  const withReferences = referenceSlides(slides, env, text, allocateId);
  // In source order, as a compiler lists them (the sort is stable: same spot, rule order).
  const diagnostics = env.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file: env.file, meta: env.meta, slides: withReferences, diagnostics };
}

/** splitDeck, or what a kept split gives after an edit that cannot have changed it (with what it reported and scanned). */
function splitOnce(blocks: MarkdownIt, text: string, env: DeckEnv, cache: SlideCache | undefined): DeckSplit {
  const state = deckShared(env);
  const kept = cache?.split;
  const moved = kept && splitAfterEdit(blocks, kept, text);
  if (cache && kept && moved) {
    for (const diagnostic of kept.diagnostics) env.diagnostics.push(diagnostic);
    state.replay(kept.shared);
    cache.split = { ...kept, text, split: moved };
    return moved;
  }
  const firstDiagnostic = env.diagnostics.length;
  state.recording();
  const split = splitDeck(blocks, text, env);
  if (cache) cache.split = { text, split, diagnostics: env.diagnostics.slice(firstDiagnostic), shared: state.recording() };
  return split;
}

/** The shared set of slide ids taken so far. */
const SLIDE_IDS = 'slide ids';

/**
 * The same deck through the chain in one `md.parse`, the slides rule cutting it at its `---`s:
 * what a user of createMarkdown() gets. compileDeck must give the very same model
 * (tests/unit/slide-by-slide.test.ts holds it); this one keeps every token of the deck alive
 * until the end, so the loader does not use it.
 */
export function compileWholeDeck(source: string, options: CompileOptions = {}): Deck {
  const { md } = (shared ??= { md: createMarkdown(), blocks: blockParser() });
  const env = createEnv(options.file ?? 'deck.md', options.readAsset, options.highlighter, options);
  const slides: Slide[] = [];
  const text = normalize(source);
  collectSlides(md, md.parse(text, env), env, slides);
  const ids = new Set(slides.map((s) => s.id));
  const allocateId = (base: string) => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  const withReferences = referenceSlides(slides, env, text, allocateId);
  const diagnostics = env.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file: env.file, meta: env.meta!, slides: withReferences, diagnostics };
}

/** markdown-it's own normalization (its `normalize` rule), once for the deck, so slices cut from it need none. */
function normalize(source: string): string {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
}

/** The deck's slides with its generated reference list (citations: syntax/cite/references.ts). */
function referenceSlides(slides: Slide[], env: DeckEnv, text: string, allocateId: (base: string) => string): Slide[] {
  if (!bibliographyPath(env)) return slides;
  const bib = loadBibliography(env, text, false);
  return addReferenceSlides(slides, env, bib.ok ? bib.entries : undefined, allocateId, text.split('\n').length);
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
    html: md.renderer.render(tokens, md.options, env),
  };
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

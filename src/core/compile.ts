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
  const md = (shared ??= createMarkdown());
  const env = createEnv(options.file ?? 'deck.md', options.readAsset);
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const tokens = md.parse(text, env);
  const slides: Slide[] = [];
  let start = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type === 'slide_open') start = i;
    else if (tokens[i]!.type === 'slide_close') slides.push(buildSlide(md, tokens.slice(start, i + 1), env));
  }
  // In source order, as a compiler lists them (the sort is stable: same spot, rule order).
  const diagnostics = env.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file: env.file, meta: env.meta ?? defaultMeta(), slides, diagnostics };
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

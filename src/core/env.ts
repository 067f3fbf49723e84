// Per-render state. It travels in markdown-it's `env`, never in module state, so renders are re-entrant.
import type { MarkdownIt, Token } from 'markdown-it';
import type { DeckMeta, Diagnostic, Severity } from './model.ts';

export interface DeckEnv {
  [key: string | symbol]: unknown;
  file: string;
  diagnostics: Diagnostic[];
  /** Set by the front-matter rule; defaults apply when the deck has none. */
  meta?: DeckMeta;
  /** Reads an asset relative to the deck's folder (see CompileOptions.readAsset). */
  readAsset: (relativePath: string) => string | undefined;
  /**
   * Set by compile.ts, which parses a deck one slide at a time: which slide this source is.
   * Without it (markdown-it used directly, as a plugin) the source is cut at its own `---`s.
   */
  slide?: SlideContext;
}

/** What a slide parsed on its own needs to know of the deck around it. */
export interface SlideContext {
  /** 0-based position in the deck. */
  index: number;
  /** Whether it is the generated title slide (the deck's first, with front matter that asks for one). */
  titleSlide: boolean;
  /** 0-based line in the deck of the source's first line: token maps are shifted by it. */
  lineOffset: number;
  /** 1-based line the slide is placed at when it holds nothing: the line after its `---`. */
  emptyLine: number;
  /** The deck's whole text, in whose lines the shifted maps point (diagnostics find columns there). */
  deckSource: string;
  /** The slide's id for links, from its title (or `slide-N`): unique in the deck. */
  allocateId: (base: string) => string;
}

export function createEnv(file: string, readAsset: DeckEnv['readAsset'] = () => undefined): DeckEnv {
  return { file, diagnostics: [], readAsset };
}

/**
 * Fills in what the deck's rules need in an env given by someone else: `md.render(text)` (no
 * env) works, its diagnostics then in `env.diagnostics` of the env passed, if any.
 */
export function deckEnvPlugin(md: MarkdownIt): void {
  md.core.ruler.before('normalize', 'deck_env', (state) => {
    const env = state.env as Partial<DeckEnv>;
    env.file ??= 'deck.md';
    env.diagnostics ??= [];
    env.readAsset ??= () => undefined;
  });
}

/** Past this many diagnostics a file is hopeless; more would only slow the loader down. */
export const MAX_DIAGNOSTICS = 200;

/** Records a diagnostic at a 1-based line and column. */
export function report(env: DeckEnv, severity: Severity, line: number, column: number, message: string): void {
  const count = env.diagnostics.length;
  if (count > MAX_DIAGNOSTICS) return;
  if (count === MAX_DIAGNOSTICS) {
    env.diagnostics.push({ file: env.file, line, column, severity: 'error', message: `too many problems; stopped after ${MAX_DIAGNOSTICS}` });
    return;
  }
  env.diagnostics.push({ file: env.file, line, column, severity, message });
}

/** True once report() has stopped recording: checks can skip their work. */
export function reportFull(env: DeckEnv): boolean {
  return env.diagnostics.length > MAX_DIAGNOSTICS;
}

/** 1-based first line of a block token (0 when markdown-it gave it no map). */
export function tokenLine(token: Token): number {
  return token.map ? token.map[0] + 1 : 0;
}

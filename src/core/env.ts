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
  /** What the deck's slides share: see deckShared(). */
  shared?: DeckShared;
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

/** One change to the state a deck's slides share. */
export interface SharedChange {
  kind: 'add' | 'count';
  scope: string;
  key: string;
}

/**
 * The state a deck's slides share: sets of keys (the slide ids taken, the characters already
 * reported) and use counters (a figure's uses, for its ids). Rules read and write it only here,
 * so compile.ts can tell whether a slide sees the same state as last time (`digest`: the changes
 * so far, in order) and reuse what that slide gave, replaying its changes (`replay`).
 */
export class DeckShared {
  private readonly sets = new Map<string, Set<string>>();
  private readonly counts = new Map<string, Map<string, number>>();
  private changeCount = 0;
  private hash1 = 0x811c9dc5;
  private hash2 = 0x01000193;
  /** The changes since recording() was last called. */
  private recorded: SharedChange[] = [];

  has(scope: string, key: string): boolean {
    return this.sets.get(scope)?.has(key) ?? false;
  }

  size(scope: string): number {
    return this.sets.get(scope)?.size ?? 0;
  }

  add(scope: string, key: string): void {
    if (this.has(scope, key)) return;
    this.apply({ kind: 'add', scope, key });
  }

  /** Counts one more use of `key`; returns how many there have been, this one included. */
  count(scope: string, key: string): number {
    this.apply({ kind: 'count', scope, key });
    return this.counts.get(scope)!.get(key)!;
  }

  /** The changes so far, as one value: equal digests, equal state (to a 64-bit hash). */
  get digest(): string {
    return `${this.changeCount}:${this.hash1.toString(36)}:${this.hash2.toString(36)}`;
  }

  /** Starts a new record of changes; returns the one that ends. */
  recording(): SharedChange[] {
    const done = this.recorded;
    this.recorded = [];
    return done;
  }

  replay(changes: readonly SharedChange[]): void {
    for (const change of changes) this.apply(change);
  }

  private apply(change: SharedChange): void {
    if (change.kind === 'add') {
      let set = this.sets.get(change.scope);
      if (!set) this.sets.set(change.scope, (set = new Set()));
      set.add(change.key);
    } else {
      let counts = this.counts.get(change.scope);
      if (!counts) this.counts.set(change.scope, (counts = new Map()));
      counts.set(change.key, (counts.get(change.key) ?? 0) + 1);
    }
    this.recorded.push(change);
    this.changeCount++;
    const text = `${change.kind}\u0000${change.scope}\u0000${change.key}\u0001`;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      this.hash1 = Math.imul(this.hash1 ^ c, 0x01000193) >>> 0;
      this.hash2 = Math.imul(this.hash2 ^ c, 0x5bd1e995) >>> 0;
    }
  }
}

/** The deck's shared state (one per render, in env). */
export function deckShared(env: DeckEnv): DeckShared {
  return (env.shared ??= new DeckShared());
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

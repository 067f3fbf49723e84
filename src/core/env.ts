// Per-render state. It travels in markdown-it's `env`, never in module state, so renders are re-entrant.
import type { MarkdownIt, Token } from 'markdown-it';
import type { DeckMeta, Diagnostic, Severity } from './model.ts';
import type { CodeHighlighter } from './syntax/code/highlighter.ts';
import type { BibliographyParser } from './syntax/cite/bibliography.ts';
import type { DiagramRenderer } from './syntax/diagram/renderer.ts';
import type { MediaService } from './syntax/media/service.ts';
import type { TexTypesetter } from './syntax/math/typesetter.ts';
import type { QrEncoder } from './syntax/qr-encoder.ts';

export interface DeckEnv {
  [key: string | symbol]: unknown;
  file: string;
  diagnostics: Diagnostic[];
  /** Set by the front-matter rule; defaults apply when the deck has none. */
  meta?: DeckMeta;
  /** Reads an asset relative to the deck's folder (see CompileOptions.readAsset). */
  readAsset: (relativePath: string) => string | undefined;
  /** Colours code blocks (see CompileOptions.highlighter); without one, code is shown plain. */
  highlighter?: CodeHighlighter;
  /** Reads the bibliography (see CompileOptions.bibliography). */
  bibliography?: BibliographyParser;
  /** Draws diagrams (see CompileOptions.diagrams). */
  diagrams?: DiagramRenderer;
  /** Typesets formulas (see CompileOptions.katex). */
  katex?: TexTypesetter;
  /** Describes and names the deck's pictures and videos (see CompileOptions.media); without one they stay plain <img>s. */
  media?: MediaService;
  /** Draws the title slide's QR code (see CompileOptions.qr). */
  qr?: QrEncoder;
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

export function createEnv(
  file: string,
  readAsset: DeckEnv['readAsset'] = () => undefined,
  highlighter?: CodeHighlighter,
  extras: { bibliography?: BibliographyParser; diagrams?: DiagramRenderer; media?: MediaService; katex?: TexTypesetter; qr?: QrEncoder } = {},
): DeckEnv {
  return {
    file,
    diagnostics: [],
    readAsset,
    ...(highlighter ? { highlighter } : {}),
    ...(extras.bibliography ? { bibliography: extras.bibliography } : {}),
    ...(extras.diagrams ? { diagrams: extras.diagrams } : {}),
    ...(extras.media ? { media: extras.media } : {}),
    ...(extras.katex ? { katex: extras.katex } : {}),
    ...(extras.qr ? { qr: extras.qr } : {}),
  };
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

/** One look at, or change to, the state a deck's slides share, with what it found. */
export type SharedAccess =
  | { op: 'has'; scope: string; key: string; found: boolean }
  | { op: 'size'; scope: string; found: number }
  | { op: 'add'; scope: string; key: string }
  | { op: 'count'; scope: string; key: string; found: number }
  | { op: 'get'; scope: string; key: string; found: string | undefined }
  | { op: 'set'; scope: string; key: string; value: string };

/**
 * The state a deck's slides share: sets of keys (the slide ids taken, the characters already
 * reported), use counters (a figure's uses, for its ids) and values by key (an equation's
 * number, which a slide before it may ask for: written before the slides are compiled). Rules read and write it only here,
 * and every access is recorded, so compile.ts can reuse what a slide gave last time when each
 * look it took still finds the same (`stillHolds`), replaying its changes (`replay`).
 */
export class DeckShared {
  private readonly sets = new Map<string, Set<string>>();
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly values = new Map<string, Map<string, string>>();
  /** The accesses since recording() was last called. */
  private recorded: SharedAccess[] = [];

  has(scope: string, key: string): boolean {
    const found = this.sets.get(scope)?.has(key) ?? false;
    this.recorded.push({ op: 'has', scope, key, found });
    return found;
  }

  size(scope: string): number {
    const found = this.sets.get(scope)?.size ?? 0;
    this.recorded.push({ op: 'size', scope, found });
    return found;
  }

  add(scope: string, key: string): void {
    this.apply({ op: 'add', scope, key });
  }

  /** Counts one more use of `key`; returns how many there have been, this one included. */
  count(scope: string, key: string): number {
    const found = this.counts.get(scope)?.get(key) ?? 0;
    this.apply({ op: 'count', scope, key, found });
    return found + 1;
  }

  /** The value last set for `key`, or undefined. */
  get(scope: string, key: string): string | undefined {
    const found = this.values.get(scope)?.get(key);
    this.recorded.push({ op: 'get', scope, key, found });
    return found;
  }

  set(scope: string, key: string, value: string): void {
    this.apply({ op: 'set', scope, key, value });
  }

  /** Starts a new record of accesses; returns the one that ends. */
  recording(): SharedAccess[] {
    const done = this.recorded;
    this.recorded = [];
    return done;
  }

  /** Whether every look in `accesses` would find the same now. */
  stillHolds(accesses: readonly SharedAccess[]): boolean {
    // Looks taken after the record's own changes see them: check on a copy of the state as it goes.
    const added = new Map<string, Set<string>>();
    const counted = new Map<string, number>();
    const written = new Map<string, string>();
    for (const access of accesses) {
      if (access.op === 'set') {
        written.set(`${access.scope}\u0000${access.key}`, access.value);
      } else if (access.op === 'get') {
        const name = `${access.scope}\u0000${access.key}`;
        const now = written.has(name) ? written.get(name) : this.values.get(access.scope)?.get(access.key);
        if (now !== access.found) return false;
      } else if (access.op === 'add') {
        if (!this.sets.get(access.scope)?.has(access.key)) added.set(access.scope, (added.get(access.scope) ?? new Set()).add(access.key));
      } else if (access.op === 'has') {
        const found = (this.sets.get(access.scope)?.has(access.key) ?? false) || (added.get(access.scope)?.has(access.key) ?? false);
        if (found !== access.found) return false;
      } else if (access.op === 'size') {
        if ((this.sets.get(access.scope)?.size ?? 0) + (added.get(access.scope)?.size ?? 0) !== access.found) return false;
      } else {
        const name = `${access.scope}\u0000${access.key}`;
        const now = (this.counts.get(access.scope)?.get(access.key) ?? 0) + (counted.get(name) ?? 0);
        if (now !== access.found) return false;
        counted.set(name, (counted.get(name) ?? 0) + 1);
      }
    }
    return true;
  }

  /** Makes the changes in `accesses` again (and records them). */
  replay(accesses: readonly SharedAccess[]): void {
    for (const access of accesses) if (access.op === 'add' || access.op === 'count' || access.op === 'set') this.apply(access);
  }

  private apply(access: SharedAccess & { op: 'add' | 'count' | 'set' }): void {
    if (access.op === 'set') {
      let values = this.values.get(access.scope);
      if (!values) this.values.set(access.scope, (values = new Map()));
      values.set(access.key, access.value);
    } else if (access.op === 'add') {
      let set = this.sets.get(access.scope);
      if (!set) this.sets.set(access.scope, (set = new Set()));
      set.add(access.key);
    } else {
      let counts = this.counts.get(access.scope);
      if (!counts) this.counts.set(access.scope, (counts = new Map()));
      counts.set(access.key, (counts.get(access.key) ?? 0) + 1);
    }
    this.recorded.push(access);
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

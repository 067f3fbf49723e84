// Per-render state. It travels in markdown-it's `env`, never in module state, so renders are re-entrant.
import type { Token } from 'markdown-it';
import type { DeckMeta, Diagnostic, Severity } from './model.ts';
import type { SlideBatches } from './plugins/slide-batches.ts';

export interface DeckEnv {
  [key: string | symbol]: unknown;
  file: string;
  diagnostics: Diagnostic[];
  /** Set by the front-matter rule; defaults apply when the deck has none. */
  meta?: DeckMeta;
  /** Reads an asset relative to the deck's folder (see CompileOptions.readAsset). */
  readAsset: (relativePath: string) => string | undefined;
  /**
   * Set when the deck goes through markdown-it's chain in batches of slides (compile.ts): the
   * slide numbering and ids so far, and the line of the `---` the next batch starts after.
   */
  slideRun?: SlideRun;
  /** Set by compile.ts while the block parser hands it the deck in batches of slides. */
  slideBatches?: SlideBatches;
}

export interface SlideRun {
  index: number;
  usedIds: Set<string>;
  separatorLine: number;
}

export function createEnv(file: string, readAsset: DeckEnv['readAsset'] = () => undefined): DeckEnv {
  return { file, diagnostics: [], readAsset };
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

// Per-render state. It travels in markdown-it's `env`, never in module state, so renders are re-entrant.
import type { Token } from 'markdown-it';
import type { DeckMeta, Diagnostic, Severity } from './model.ts';

export interface DeckEnv {
  [key: string | symbol]: unknown;
  file: string;
  diagnostics: Diagnostic[];
  /** Set by the front-matter rule; defaults apply when the deck has none. */
  meta?: DeckMeta;
  /** Reads an asset relative to the deck's folder (see CompileOptions.readAsset). */
  readAsset: (relativePath: string) => string | undefined;
}

export function createEnv(file: string, readAsset: DeckEnv['readAsset'] = () => undefined): DeckEnv {
  return { file, diagnostics: [], readAsset };
}

/** Records a diagnostic at a 1-based line and column. */
export function report(env: DeckEnv, severity: Severity, line: number, column: number, message: string): void {
  env.diagnostics.push({ file: env.file, line, column, severity, message });
}

/** 1-based first line of a block token (0 when markdown-it gave it no map). */
export function tokenLine(token: Token): number {
  return token.map ? token.map[0] + 1 : 0;
}

// Source positions for diagnostics: block tokens know their lines (token.map); the column comes
// from finding the offending text in those lines of the source.
import type { Token } from 'markdown-it';
import type { DeckEnv } from '../env.ts';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 code units, as editors count them). */
  column: number;
}

const LINES = Symbol('deck source lines');

/** The source's lines, as `src.split('\n')` would give them, each cut out only when asked for. */
export interface SourceLines {
  readonly length: number;
  /** Line `index` (0-based), or undefined past either end. */
  at(index: number): string | undefined;
}

/**
 * The source's lines, indexed once per render and kept in env (renders stay re-entrant). Only
 * where each line starts is kept: a few lines are read (for diagnostics), and splitting a long
 * deck into strings cost more than all those reads.
 */
export function sourceLines(env: DeckEnv, slideSource: string): SourceLines {
  // A slide parsed on its own (compile.ts) has its maps in the deck's lines.
  const src = env.slide?.deckSource ?? slideSource;
  const cached = env[LINES] as { src: string; lines: SourceLines } | undefined;
  if (cached?.src === src) return cached.lines;
  const starts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  const lines: SourceLines = {
    length: starts.length,
    at: (index) => (index >= 0 && index < starts.length ? src.slice(starts[index], index + 1 < starts.length ? starts[index + 1]! - 1 : src.length) : undefined),
  };
  env[LINES] = { src, lines };
  return lines;
}

/** Where a block token starts: its first line, at its first non-blank character. */
export function blockPosition(env: DeckEnv, src: string, token: Token | undefined): Position {
  if (!token?.map) return { line: 1, column: 1 };
  const text = sourceLines(env, src).at(token.map[0]) ?? '';
  return { line: token.map[0] + 1, column: text.search(/\S|$/) + 1 };
}

/**
 * Finds `needle` in the source lines of `map` (the first occurrence at or after `after`, when
 * given) and returns its position; falls back to the start of the block when it is not there.
 */
export function locate(env: DeckEnv, src: string, map: [number, number] | null | undefined, needle: string, after?: Position): Position {
  if (!map) return after ?? { line: 1, column: 1 };
  const lines = sourceLines(env, src);
  const end = Math.max(map[1], map[0] + 1);
  for (let i = after ? Math.max(after.line - 1, map[0]) : map[0]; i < end && i < lines.length; i++) {
    const from = after && i === after.line - 1 ? after.column : 0;
    const at = lines.at(i)!.indexOf(needle, from);
    if (at >= 0) return { line: i + 1, column: at + 1 };
  }
  const text = lines.at(map[0]) ?? '';
  return { line: map[0] + 1, column: text.search(/\S|$/) + 1 };
}

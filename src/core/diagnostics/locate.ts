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

/** Each block's newline offsets, found once (a paragraph may hold thousands of formulas). */
const NEWLINES = new WeakMap<Token, number[]>();

/** How many newlines a block's content has before `offset`. */
function newlinesBefore(block: Token, offset: number): number {
  let found = NEWLINES.get(block);
  if (!found) {
    found = [];
    for (let i = block.content.indexOf('\n'); i >= 0; i = block.content.indexOf('\n', i + 1)) found.push(i);
    NEWLINES.set(block, found);
  }
  let low = 0;
  let high = found.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (found[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Where an offset of the text an inline rule ran over (a formula's, a reference's) is, in the deck. The inline token's
 * content is its block's lines, each less its indent or quote marks (markdown-it), so the line
 * is the block's first plus the newlines before the offset, and the column is where that line's
 * text stands in the deck's line. Text parsed apart (an image's alt text) falls back to a search.
 */
export function inlinePosition(env: DeckEnv, src: string, block: Token, source: string, offset: number, needle: string): Position {
  const content = block.content;
  if (source === content && block.map) {
    const lineStart = content.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = content.indexOf('\n', offset);
    const text = content.slice(lineStart, lineEnd < 0 ? content.length : lineEnd);
    const newlines = newlinesBefore(block, lineStart);
    const deckLine = sourceLines(env, src).at(block.map[0] + newlines);
    const at = deckLine?.indexOf(text) ?? -1;
    if (deckLine !== undefined && at >= 0) return { line: block.map[0] + newlines + 1, column: at + (offset - lineStart) + 1 };
  }
  return locate(env, src, block.map, needle);
}

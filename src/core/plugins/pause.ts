// Pause: a paragraph that is exactly `. . .` (pandoc/Quarto's convention). Everything after it,
// up to the end of its slide or container, appears at the next step.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { tokenLine } from '../env.ts';
import { markFragment } from './fragment-meta.ts';

export const PAUSE = '. . .';

function isPause(tokens: Token[], i: number): boolean {
  return (
    tokens[i]?.type === 'paragraph_open' &&
    tokens[i + 1]?.type === 'inline' &&
    tokens[i + 1]!.content.trim() === PAUSE &&
    tokens[i + 2]?.type === 'paragraph_close'
  );
}

export function pausePlugin(md: MarkdownIt): void {
  md.core.ruler.push('deck_pause', (state) => {
    state.tokens = wrapPauses(state.tokens, 0, state.tokens.length, state.Token);
  });
}

/**
 * Copies tokens[from, to), wrapping what follows each pause; a later pause ends up nested inside
 * an earlier one. One pass into a fresh array, not a splice per pause: splicing the document's
 * token list made a deck of n pauses cost n² (bench: loader per-slide cost).
 */
function wrapPauses(tokens: Token[], from: number, to: number, TokenClass: typeof Token): Token[] {
  const out: Token[] = [];
  for (let i = from; i < to; i++) {
    if (!isPause(tokens, i) || i + 2 >= to) {
      out.push(tokens[i]!);
      continue;
    }
    const level = tokens[i]!.level;
    let end = i + 3;
    while (end < to && tokens[end]!.level >= level && tokens[end]!.type !== 'slide_close') end++;
    const open = new TokenClass('pause_open', 'div', 1);
    open.block = true;
    open.level = level;
    open.map = tokens[i]!.map;
    open.attrSet('class', 'pause');
    markFragment(open, { line: tokenLine(tokens[i]!) });
    const close = new TokenClass('pause_close', 'div', -1);
    close.block = true;
    close.level = level;
    out.push(open);
    for (const token of wrapPauses(tokens, i + 3, end, TokenClass)) out.push(token);
    out.push(close);
    i = end - 1;
  }
  return out;
}

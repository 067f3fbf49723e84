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
    const tokens = state.tokens;
    // Walk backwards so a later pause is wrapped first and ends up nested inside an earlier one.
    for (let i = tokens.length - 3; i >= 0; i--) {
      if (!isPause(tokens, i)) continue;
      const level = tokens[i]!.level;
      let end = i + 3;
      while (end < tokens.length && tokens[end]!.level >= level && tokens[end]!.type !== 'slide_close') end++;
      const open = new state.Token('pause_open', 'div', 1);
      open.block = true;
      open.level = level;
      open.map = tokens[i]!.map;
      open.attrSet('class', 'pause');
      markFragment(open, { line: tokenLine(tokens[i]!) });
      const close = new state.Token('pause_close', 'div', -1);
      close.block = true;
      close.level = level;
      const body = tokens.slice(i + 3, end);
      tokens.splice(i, end - i, open, ...body, close);
    }
  });
}

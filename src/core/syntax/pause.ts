// Pause: a paragraph that is exactly `. . .` (pandoc/Quarto's convention). Everything after it,
// up to the end of its slide or container, appears at the next step.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { tokenLine } from '../env.ts';
import { markFragment } from '../steps/fragment-meta.ts';

export const PAUSE = '. . .';
const MAX_NESTED_PAUSES = 32;

function isPause(tokens: Token[], i: number): boolean {
  return (
    tokens[i]?.type === 'paragraph_open' &&
    tokens[i + 1]?.type === 'inline' &&
    tokens[i + 1]!.content.includes(PAUSE) &&
    tokens[i + 1]!.content.trim() === PAUSE &&
    tokens[i + 2]?.type === 'paragraph_close'
  );
}

export function pausePlugin(md: MarkdownIt): void {
  // After replace: a pause ends where the replace state it is in ends.
  md.core.ruler.after('deck_replace', 'deck_pause', (state) => {
    const tokens = state.tokens;
    // One pass, so a deck with thousands of pauses stays linear: a pause opens here and closes
    // where its container (or slide) ends; a later pause in the same container closes first,
    // so it ends up nested inside the earlier one.
    const out: Token[] = [];
    const open: Token[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      while (open.length > 0 && (token.level < open[open.length - 1]!.level || token.type === 'slide_close')) {
        const close = new state.Token('pause_close', 'div', -1);
        close.block = true;
        close.level = open.pop()!.level;
        out.push(close);
      }
      if (!isPause(tokens, i)) {
        out.push(token);
        continue;
      }
      // Each pause nests in the one before it; past MAX_NESTED_PAUSES in one container the next
      // becomes the innermost one's sibling instead (it appears later all the same), so no
      // number of pauses makes HTML deeper than browsers and Vite's HTML tools can take.
      let sameContainer = 0;
      for (const p of open) if (p.level === token.level) sameContainer++;
      if (sameContainer >= MAX_NESTED_PAUSES) {
        const close = new state.Token('pause_close', 'div', -1);
        close.block = true;
        close.level = open.pop()!.level;
        out.push(close);
      }
      const pause = new state.Token('pause_open', 'div', 1);
      pause.block = true;
      pause.level = token.level;
      pause.map = token.map;
      pause.attrSet('class', 'pause');
      markFragment(pause, { line: tokenLine(token) });
      out.push(pause);
      open.push(pause);
      i += 2;
    }
    while (open.length > 0) {
      const close = new state.Token('pause_close', 'div', -1);
      close.block = true;
      close.level = open.pop()!.level;
      out.push(close);
    }
    state.tokens = out;
  });
}

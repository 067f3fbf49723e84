// Table cells: markdown-it gives a cell (its <td>/<th> and its inline token) no source map, so
// whatever is reported in a cell (an unknown class, an image not found…) had no line and landed
// at 1:1. Each gets the line of its row, before anything reads it.
import type { MarkdownIt } from 'markdown-it';
import { STEPS } from '../phases.ts';

export function cellLinesPlugin(md: MarkdownIt): void {
  md.core.ruler.before(STEPS, 'deck_cell_lines', (state) => {
    let last: [number, number] | null = null;
    for (const token of state.tokens) {
      if (token.map) last = token.map;
      else if (last && (token.type === 'inline' || token.type === 'td_open' || token.type === 'th_open')) token.map = [last[0], last[0] + 1];
    }
  });
}

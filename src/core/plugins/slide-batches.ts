// Slide batches: while the block parser walks the deck, every few dozen top-level `---`s it hands
// the block tokens so far to env.slideBatches (compile.ts), which takes them through the rest of
// the chain and renders them before parsing goes on. So a deck's tokens die young instead of
// living (and being copied by every garbage collection) until the whole deck is parsed.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import type { DeckEnv } from '../env.ts';

export interface SlideBatches {
  /** Cut at every this-many-th top-level `---` (never the first: see compile.ts). */
  slidesPerBatch: number;
  /** Top-level `---`s seen so far. */
  separators: number;
  /** Takes the tokens before a cut; `separatorLine` is the line the next slide starts on if it is empty. */
  flush: (tokens: Token[], separatorLine: number) => void;
}

export function slideBatchesPlugin(md: MarkdownIt): void {
  const hr = md.block.ruler.__rules__.find((rule) => rule.name === 'hr')!.fn;
  // Right before markdown-it's own hr rule, so everything that claims a line first (front
  // matter, fences, indented code, containers, tables) still does.
  md.block.ruler.before('hr', 'deck_slide_batches', (state, startLine, endLine, silent) => {
    const batches = (state.env as DeckEnv).slideBatches;
    // Level 0: the outermost block loop, where no list, quote or container is open.
    if (!batches || silent || state.level !== 0 || !hr(state, startLine, endLine, true)) return false;
    if (++batches.separators === 1 || (batches.separators - 1) % batches.slidesPerBatch !== 0) return false;
    hr(state, startLine, endLine, false);
    const separator = state.tokens.pop()!;
    // The parser holds on to this array: hand over a copy and empty it in place.
    batches.flush(state.tokens.slice(), (separator.map?.[0] ?? 0) + 2);
    state.tokens.length = 0;
    return true;
  });
}

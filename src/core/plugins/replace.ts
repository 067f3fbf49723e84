// Replace in place: inside `::: replace`, each block gives way to the next one at a step, in the
// same spot (the states are stacked in one grid cell, so the layout does not jump).
//
//   ::: replace
//   It doesn’t have any short-term benefit on any quantifiable metrics.
//
//   It takes a long warm-up period before it starts gaining reward.
//   :::
//
// `::: replace step=2` makes the first replacement happen at step 2 of the slide.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import container from 'markdown-it-container';
import { tokenLine } from '../env.ts';
import { markFragment } from './fragment-meta.ts';

const OPEN = 'container_replace_open';
const CLOSE = 'container_replace_close';

export function parseReplaceParams(info: string): { step?: number } {
  const match = /\bstep\s*=\s*(\d+)/.exec(info);
  return match ? { step: Number(match[1]) } : {};
}

export function replacePlugin(md: MarkdownIt): void {
  md.use(container, 'replace', {
    render: (tokens, idx) => (tokens[idx]!.nesting === 1 ? '<div class="replace">\n' : '</div>\n'),
  });
  md.core.ruler.push('deck_replace', (state) => {
    state.tokens = rewriteReplaces(state.tokens, state.Token);
  });
}

/**
 * Copies `tokens`, rewriting each replace container (inner ones first). One pass with a fresh
 * array, not a splice per container: splicing the document's token list made a deck of n
 * containers cost n² (bench: loader per-slide cost).
 */
function rewriteReplaces(tokens: Token[], TokenClass: typeof Token): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.type !== OPEN) {
      out.push(open);
      continue;
    }
    const close = findClose(tokens, i);
    const inner = rewriteReplaces(tokens.slice(i + 1, close), TokenClass);
    out.push(open, ...wrapStates(inner, open, TokenClass));
    if (close < tokens.length) out.push(tokens[close]!);
    i = close;
  }
  return out;
}

function wrapStates(tokens: Token[], open: Token, TokenClass: typeof Token): Token[] {
  const states = childRanges(tokens, 0, tokens.length, open.level + 1);
  const { step } = parseReplaceParams(open.info);
  const wrapped: Token[] = [];
  let previousFadeOut: Token | undefined;
  states.forEach(([from, to], n) => {
    const line = tokenLine(tokens[from]!);
    const appear = wrapper(TokenClass, n > 0 ? 'replace-state' : 'replace-state replace-first');
    if (n > 0) {
      markFragment(appear[0], { line, ...(n === 1 && step ? { step } : {}) });
      // The state before this one fades out at the step this one appears.
      markFragment(previousFadeOut!, { line, effect: 'fade-out', sameStepAs: appear[0] });
    }
    const isLast = n === states.length - 1;
    const fadeOut = isLast ? undefined : wrapper(TokenClass, 'replace-out');
    wrapped.push(appear[0]);
    if (fadeOut) wrapped.push(fadeOut[0]);
    for (let k = from; k < to; k++) wrapped.push(tokens[k]!);
    if (fadeOut) wrapped.push(fadeOut[1]);
    wrapped.push(appear[1]);
    previousFadeOut = fadeOut?.[0];
  });
  return wrapped;
}

function wrapper(TokenClass: typeof Token, className: string): [Token, Token] {
  const open = new TokenClass('replace_state_open', 'div', 1);
  open.block = true;
  open.attrSet('class', className);
  const close = new TokenClass('replace_state_close', 'div', -1);
  close.block = true;
  return [open, close];
}

function findClose(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.type === OPEN) depth++;
    else if (tokens[i]!.type === CLOSE && --depth === 0) return i;
  }
  return tokens.length;
}

/** [from, to) ranges of the direct child blocks between two indices. */
export function childRanges(tokens: Token[], from: number, to: number, level: number): [number, number][] {
  const ranges: [number, number][] = [];
  let i = from;
  while (i < to) {
    const start = i;
    if (tokens[i]!.nesting === 1) {
      let depth = 0;
      do {
        depth += tokens[i]!.nesting;
        i++;
      } while (depth > 0 && i < to);
    } else i++;
    if (tokens[start]!.level === level) ranges.push([start, i]);
  }
  return ranges;
}

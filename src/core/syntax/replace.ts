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
import { tokenLine } from '../env.ts';
import { STEPS } from '../phases.ts';
import { markFragment } from '../steps/fragment-meta.ts';
import { parseStep } from '../steps/step-number.ts';
import { containerParams, declareSyntax } from './feature.ts';

const OPEN = 'container_replace_open';
const CLOSE = 'container_replace_close';
const ASIDE = 'container_aside_open';

/** `step=N` of `::: replace step=N` (a wrong value is reported by the marker check). */
function firstStep(open: Token): number | undefined {
  const written = containerParams(open).find((p) => p.key === 'step')?.value;
  return written === undefined ? undefined : parseStep(written);
}

export function replacePlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'replace in place',
    containers: [
      {
        name: 'replace',
        summary: 'each block gives way to the next at a step, in the same spot',
        params: { step: 'step' },
        render: (token) => (token.nesting === 1 ? '<div class="replace">\n' : '</div>\n'),
      },
    ],
  });
  md.core.ruler.before(STEPS, 'deck_replace', (state) => {
    state.tokens = transform(state.tokens, 0, state.tokens.length, state.Token);
  });
}

/**
 * Copies tokens[from, to), wrapping the blocks of each replace container into its states.
 * Inner containers are done first (recursion is bounded by markdown-it's maxNesting), and every
 * token is copied a bounded number of times, so many containers stay linear.
 */
function transform(tokens: Token[], from: number, to: number, TokenClass: typeof Token): Token[] {
  const out: Token[] = [];
  for (let i = from; i < to; i++) {
    const open = tokens[i]!;
    out.push(open);
    if (open.type !== OPEN) continue;
    const close = Math.min(findClose(tokens, i), to);
    const inner = transform(tokens, i + 1, close, TokenClass);
    const states = withAsides(inner, childRanges(inner, 0, inner.length, open.level + 1));
    const step = firstStep(open);
    let previousFadeOut: Token | undefined;
    states.forEach(([start, end], n) => {
      const line = tokenLine(inner[start]!);
      const appear = wrapper(TokenClass, n > 0 ? 'replace-state' : 'replace-state replace-first');
      if (n > 0) {
        markFragment(appear[0], { line, ...(n === 1 && step ? { step } : {}) });
        // The state before this one fades out at the step this one appears.
        markFragment(previousFadeOut!, { line, effect: 'fade-out', sameStepAs: appear[0] });
      }
      const isLast = n === states.length - 1;
      const fadeOut = isLast ? undefined : wrapper(TokenClass, 'replace-out');
      out.push(appear[0]);
      if (fadeOut) out.push(fadeOut[0]);
      for (let k = start; k < end; k++) out.push(inner[k]!);
      if (fadeOut) out.push(fadeOut[1]);
      out.push(appear[1]);
      previousFadeOut = fadeOut?.[0];
    });
    i = close - 1;
  }
  return out;
}

/**
 * An aside is no state of its own: it goes with the state written before it (the first, when it is
 * written first), and so appears and gives way with it (aside.ts moves it to the slide's foot).
 */
function withAsides(tokens: Token[], ranges: [number, number][]): [number, number][] {
  if (!ranges.some(([start]) => tokens[start]!.type === ASIDE)) return ranges;
  const states: [number, number][] = [];
  let leading: number | undefined;
  for (const [start, end] of ranges) {
    if (tokens[start]!.type === ASIDE) {
      if (states.length) states[states.length - 1]![1] = end;
      else leading ??= start;
      continue;
    }
    states.push([leading ?? start, end]);
    leading = undefined;
  }
  // (Asides alone: one state.)
  if (leading !== undefined) states.push([leading, ranges.at(-1)![1]]);
  return states;
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

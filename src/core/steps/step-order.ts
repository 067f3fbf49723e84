// Numbers the marked fragments of each slide into reveal.js's `data-fragment-index`.
// An unnumbered fragment appears one step after the fragment before it in the document;
// `step=N` pins it to step N. Indices are then packed to 0..k-1 so no step is empty.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { AFTER_STEPS, STEPS } from '../phases.ts';
import { fragmentClasses, fragmentMark, innerSteps, type FragmentMark } from './fragment-meta.ts';

export interface SlideSteps {
  /** 1-based line of the first element of each step after the first. */
  stepLines: number[];
}

export function stepOrderPlugin(md: MarkdownIt): void {
  // Each slide's marks are numbered on their own: after the deck is cut into slides.
  md.core.ruler.after('deck_slides', STEPS, (state) => {
    const tokens = state.tokens;
    let start = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.type === 'slide_open') start = i;
      else if (tokens[i]!.type === 'slide_close' && start >= 0) {
        const stepLines = numberSlide(tokens, start + 1, i);
        tokens[start]!.meta!.steps = { stepLines } satisfies SlideSteps;
      }
    }
  });
  md.core.ruler.after(STEPS, AFTER_STEPS, () => {});
}

/** Stands in the list of marked tokens for a step inside a token (markInnerSteps). */
const INNER = {} as Token;

function numberSlide(tokens: Token[], from: number, to: number): number[] {
  // The marked tokens in document order (inline children in place), with their marks.
  const markedTokens: Token[] = [];
  const marks: FragmentMark[] = [];
  let hasSameStep = false;
  const collect = (token: Token) => {
    const mark = fragmentMark(token);
    if (mark) {
      markedTokens.push(token);
      marks.push(mark);
      if (mark.sameStepAs) hasSameStep = true;
    }
    for (const inner of innerSteps(token)) {
      markedTokens.push(INNER);
      marks.push(inner);
      if (inner.sameStepAs) hasSameStep = true;
    }
  };
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    collect(token);
    if (token.type === 'inline' && token.children) for (const child of token.children) collect(child);
  }
  if (marks.length === 0) return [];
  // The step each mark asks for: its own, or the one after the previous mark's.
  const raw: number[] = new Array<number>(marks.length);
  let previous = 0;
  for (let k = 0; k < marks.length; k++) {
    const mark = marks[k]!;
    if (mark.sameStepAs) continue;
    const step = mark.step ?? previous + 1;
    raw[k] = step;
    previous = step;
  }
  // (Only replacements say "at the same step as that token"; most slides have none.)
  if (hasSameStep) {
    const stepOf = new Map<FragmentMark, number>();
    for (let k = 0; k < marks.length; k++) if (!marks[k]!.sameStepAs) stepOf.set(marks[k]!, raw[k]!);
    for (let k = 0; k < marks.length; k++) {
      const mark = marks[k]!;
      if (!mark.sameStepAs) continue;
      const target = fragmentMark(mark.sameStepAs);
      const step = (target && stepOf.get(target)) ?? previous + 1;
      raw[k] = step;
      stepOf.set(mark, step);
    }
  }
  const distinct = [...new Set(raw)].sort((a, b) => a - b);
  const stepLines: number[] = distinct.map(() => Number.POSITIVE_INFINITY);
  // Packed index of each step asked for (a map: a slide may have thousands of steps).
  const indexOf = new Map<number, number>();
  for (let d = 0; d < distinct.length; d++) indexOf.set(distinct[d]!, d);
  for (let k = 0; k < marks.length; k++) {
    const token = markedTokens[k]!;
    const mark = marks[k]!;
    const index = indexOf.get(raw[k]!)!;
    mark.index = index;
    // (A token's inner steps are written by its own renderer, from their marks.)
    if (token !== INNER) {
      token.attrSet('class', fragmentClasses(token.attrGet('class'), mark.effect));
      token.attrSet('data-fragment-index', String(index));
    }
    if (!mark.sameStepAs && mark.line > 0) stepLines[index] = Math.min(stepLines[index]!, mark.line);
  }
  return stepLines.map((line) => (Number.isFinite(line) ? line : 0));
}

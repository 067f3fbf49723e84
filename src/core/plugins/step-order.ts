// Numbers the marked fragments of each slide into reveal.js's `data-fragment-index`.
// An unnumbered fragment appears one step after the fragment before it in the document;
// `step=N` pins it to step N. Indices are then packed to 0..k-1 so no step is empty.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { fragmentMark, walkTokens, type FragmentMark } from './fragment-meta.ts';

export interface SlideSteps {
  /** 1-based line of the first element of each step after the first. */
  stepLines: number[];
}

export function stepOrderPlugin(md: MarkdownIt): void {
  md.core.ruler.push('deck_step_order', (state) => {
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
}

function numberSlide(tokens: Token[], from: number, to: number): number[] {
  const marked: [Token, FragmentMark][] = [];
  walkTokens(
    tokens,
    (token) => {
      const mark = fragmentMark(token);
      if (mark) marked.push([token, mark]);
    },
    from,
    to,
  );
  const raw = new Map<FragmentMark, number>();
  let previous = 0;
  for (const [, mark] of marked) {
    if (mark.sameStepAs) continue;
    const step = mark.step ?? previous + 1;
    raw.set(mark, step);
    previous = step;
  }
  for (const [, mark] of marked) {
    if (!mark.sameStepAs) continue;
    const target = fragmentMark(mark.sameStepAs);
    raw.set(mark, (target && raw.get(target)) ?? previous + 1);
  }
  const distinct = [...new Set(raw.values())].sort((a, b) => a - b);
  const stepLines: number[] = distinct.map(() => Number.POSITIVE_INFINITY);
  const indexOfStep = new Map(distinct.map((step, index) => [step, index]));
  for (const [token, mark] of marked) {
    const index = indexOfStep.get(raw.get(mark)!)!;
    mark.index = index;
    const classes = new Set(String(token.attrGet('class') ?? '').split(/\s+/).filter(Boolean));
    classes.add('fragment');
    if (mark.effect) classes.add(mark.effect);
    token.attrSet('class', [...classes].join(' '));
    token.attrSet('data-fragment-index', String(index));
    if (!mark.sameStepAs && mark.line > 0) stepLines[index] = Math.min(stepLines[index]!, mark.line);
  }
  return stepLines.map((line) => (Number.isFinite(line) ? line : 0));
}

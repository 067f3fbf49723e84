// Conflicting step orders: an element set to appear before the element it sits in (a `{step=1}`
// inside a pause that opens at step 2) cannot appear before its container does.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { report, reportFull, type DeckEnv } from '../env.ts';
import { locate } from '../diagnostics/locate.ts';
import { fragmentMark, innerSteps, walkTokens, type FragmentMark } from './fragment-meta.ts';
import { AFTER_STEPS } from '../phases.ts';
import { figurePart, partConflictMessage, partContainer } from '../figures/figure-steps.ts';

export function stepConflictsPlugin(md: MarkdownIt): void {
  md.core.ruler.before(AFTER_STEPS, 'deck_step_conflicts', (state) => {
    walkTokens(state.tokens, checkToken, { env: state.env as unknown as DeckEnv, src: state.src, stack: [] });
  });
}

interface Walk {
  env: DeckEnv;
  src: string;
  /** For each open ancestor, the latest-appearing marked element among it and its own ancestors. */
  stack: (FragmentMark | undefined)[];
}

function checkToken(token: Token, block: Token, { env, src, stack }: Walk): boolean | void {
  if (reportFull(env)) return false;
  if (token.type === 'slide_open') stack.length = 0;
  const mark = fragmentMark(token);
  const outer = stack[stack.length - 1];
  // Only an explicit `step=N` can put an element before its container; an unnumbered one
  // follows the step before it, so reporting those too would repeat the same conflict.
  if (comesTooEarly(mark, outer)) {
    const p = locate(env, src, block.map, 'step');
    report(env, 'error', p.line, p.column, `conflicting step orders: step=${mark!.step} comes before the step of the element it is inside (line ${outer!.line}), so it cannot appear earlier than that`);
  }
  // The steps a token carries inside it (an SVG's data-step parts) sit in the token itself:
  // a conflict is reported at the image, where the author can see it.
  const part = figurePart(token);
  if (part) {
    const container = partContainer(part, outer);
    for (const inner of innerSteps(token)) {
      if (comesTooEarly(inner, container)) report(env, 'error', inner.line, part.column, partConflictMessage(part, inner, container!));
    }
  } else {
    // Other steps inside a token (a formula's \step[N] parts) carry their own column.
    for (const inner of innerSteps(token)) {
      if (comesTooEarly(inner, outer)) {
        report(env, 'error', inner.line, inner.column ?? 1, `conflicting step orders: step ${inner.step} comes before the step of the element it is inside (line ${outer!.line}), so it cannot appear earlier than that`);
      }
    }
  }
  if (token.nesting === 1) stack.push(mark?.index !== undefined && (!outer || mark.index > outer.index!) ? mark : outer);
  else if (token.nesting === -1) stack.pop();
}

function comesTooEarly(mark: FragmentMark | undefined, outer: FragmentMark | undefined): boolean {
  return !!mark && mark.step !== undefined && !mark.sameStepAs && mark.index !== undefined && !!outer && outer.index! > mark.index;
}

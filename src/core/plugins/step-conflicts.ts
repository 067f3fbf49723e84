// Conflicting step orders: an element set to appear before the element it sits in (a `{step=1}`
// inside a pause that opens at step 2) cannot appear before its container does.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { report, reportFull, type DeckEnv } from '../env.ts';
import { locate } from '../diagnostics/locate.ts';
import { fragmentMark, walkTokens, type FragmentMark } from './fragment-meta.ts';
import { figurePart, partConflictMessage, partContainer } from '../figures/figure-steps.ts';

export function stepConflictsPlugin(md: MarkdownIt): void {
  md.core.ruler.push('deck_step_conflicts', (state) => {
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
  // (An SVG part's marker follows its figure's token: the figure is what the part is inside.)
  const part = figurePart(token);
  const outer = part ? partContainer(part, stack[stack.length - 1]) : stack[stack.length - 1];
  // Only an explicit `step=N` can put an element before its container; an unnumbered one
  // follows the step before it, so reporting those too would repeat the same conflict.
  if (mark && mark.step !== undefined && !mark.sameStepAs && mark.index !== undefined && outer && outer.index! > mark.index) {
    if (part) report(env, 'error', mark.line, part.column, partConflictMessage(part, mark, outer));
    else {
      const p = locate(env, src, block.map, 'step');
      report(env, 'error', p.line, p.column, `conflicting step orders: step=${mark.step} comes before the step of the element it is inside (line ${outer.line}), so it cannot appear earlier than that`);
    }
  }
  if (token.nesting === 1) stack.push(mark?.index !== undefined && (!outer || mark.index > outer.index!) ? mark : outer);
  else if (token.nesting === -1) stack.pop();
}

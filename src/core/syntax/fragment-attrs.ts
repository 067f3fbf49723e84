// Steps on one element, in markdown-it-attrs style: `{.fragment}` appears at the next step,
// `{step=3}` (or `{.fragment step=3}`) at step 3 of the slide, so two things can appear
// together or out of document order. reveal.js effect classes (`.fade-out`, …) pass through.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { report, type DeckEnv } from '../env.ts';
import { locate } from '../diagnostics/locate.ts';
import { fragmentMark, markFragment, walkTokens } from '../steps/fragment-meta.ts';

export const STEP_ATTR = 'step';

export function fragmentAttrsPlugin(md: MarkdownIt): void {
  md.core.ruler.push('deck_fragment_attrs', (state) => {
    walkTokens(state.tokens, markStep, { env: state.env as unknown as DeckEnv, src: state.src });
  });
}

function markStep(token: Token, block: Token, { env, src }: { env: DeckEnv; src: string }): void {
  if (!token.attrs || fragmentMark(token)) return;
  const rawStep = token.attrGet(STEP_ATTR);
  const stepValue = rawStep === null ? null : String(rawStep);
  if (stepValue === null && !hasFragmentClass(token.attrGet('class'))) return;
  const line = block.map ? block.map[0] + 1 : 0;
  let step: number | undefined;
  if (stepValue !== null) {
    step = Number(stepValue);
    if (!/^[1-9]\d*$/.test(stepValue)) {
      const p = locate(env, src, block.map, `${STEP_ATTR}=`);
      report(env, 'error', p.line, p.column, `step must be a whole number from 1, got "${stepValue}"`);
      step = undefined;
    }
    token.attrs = token.attrs.filter(([name]) => name !== STEP_ATTR);
  }
  markFragment(token, { line, ...(step !== undefined ? { step } : {}) });
}

/** True when the class list holds `fragment` (most attributes are links' hrefs: no split for them). */
function hasFragmentClass(value: string | number | null): boolean {
  if (value === null) return false;
  const classes = String(value);
  return classes.includes('fragment') && classes.split(/\s+/).includes('fragment');
}

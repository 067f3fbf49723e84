// Steps on one element, in markdown-it-attrs style: `{.fragment}` appears at the next step,
// `{step=3}` (or `{.fragment step=3}`) at step 3 of the slide, so two things can appear
// together or out of document order. reveal.js effect classes (`.fade-out`, …) pass through.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { report, type DeckEnv } from '../env.ts';
import { locate } from '../diagnostics/locate.ts';
import { STEPS } from '../phases.ts';
import { fragmentMark, markFragment, walkTokens } from '../steps/fragment-meta.ts';
import { parseStep, stepNumberError } from '../steps/step-number.ts';
import { declareSyntax, type MarkerClassDeclaration } from './feature.ts';

export const STEP_ATTR = 'step';

/** reveal.js's fragment effects: each shapes how a step appears (or goes). */
const EFFECTS: [string, string][] = [
  ['fade-in', 'fades in (the default)'],
  ['fade-out', 'fades out at its step'],
  ['fade-up', 'slides up as it fades in'],
  ['fade-down', 'slides down as it fades in'],
  ['fade-left', 'slides left as it fades in'],
  ['fade-right', 'slides right as it fades in'],
  ['fade-in-then-out', 'shown at its step only'],
  ['fade-in-then-semi-out', 'shown at its step, then dimmed'],
  ['semi-fade-out', 'dimmed at its step'],
  ['current-visible', 'shown at its step only'],
  ['grow', 'grows at its step'],
  ['shrink', 'shrinks at its step'],
  ['strike', 'struck through at its step'],
  ['highlight-red', 'turns red at its step'],
  ['highlight-green', 'turns green at its step'],
  ['highlight-blue', 'turns blue at its step'],
  ['highlight-current-red', 'red at its step only'],
  ['highlight-current-green', 'green at its step only'],
  ['highlight-current-blue', 'blue at its step only'],
];

export function fragmentAttrsPlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'steps on one element',
    markerClasses: [
      { name: 'fragment', summary: 'appears one step after the element marked before it' },
      ...EFFECTS.map(([name, summary]): MarkerClassDeclaration => ({ name, summary: `with .fragment: ${summary}` })),
    ],
    attributes: [{ name: STEP_ATTR, summary: 'appears at step N of its slide (a whole number from 1)' }],
  });
  md.core.ruler.before(STEPS, 'deck_fragment_attrs', (state) => {
    walkTokens(state.tokens, markStep, { env: state.env as unknown as DeckEnv, src: state.src });
  });
}

function markStep(token: Token, block: Token, { env, src }: { env: DeckEnv; src: string }): void {
  if (!token.attrs || fragmentMark(token)) return;
  const rawStep = token.attrGet(STEP_ATTR);
  const written = rawStep === null ? null : String(rawStep);
  if (written === null && !hasFragmentClass(token.attrGet('class'))) return;
  const line = block.map ? block.map[0] + 1 : 0;
  let step: number | undefined;
  if (written !== null) {
    step = parseStep(written);
    if (step === undefined) {
      const p = locate(env, src, block.map, `${STEP_ATTR}=`);
      report(env, 'error', p.line, p.column, stepNumberError(STEP_ATTR, written));
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

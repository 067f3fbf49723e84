// The contract between the plugins that *mark* build steps and the one that *numbers* them
// (Marpit's split: a syntactic trigger marks tokens, a second rule orders them).
import type { Token } from 'markdown-it';

export interface FragmentMark {
  /** Explicit 1-based step within the slide (`{step=2}`); absent means "the step after the previous one". */
  step?: number;
  /** Appear at the same step as another marked token (used by replace-in-place). */
  sameStepAs?: Token;
  /** Extra reveal.js effect class, e.g. `fade-out`. */
  effect?: string;
  /** 1-based source line, for the deck model and diagnostics. */
  line: number;
  /** 1-based column, for a step written inside a token (a formula's \step): its diagnostics. */
  column?: number;
  /** Resolved reveal.js `data-fragment-index`, written by the step-order rule. */
  index?: number;
}

export function markFragment(token: Token, mark: FragmentMark): FragmentMark {
  token.meta = { ...(token.meta ?? {}), fragment: mark };
  return mark;
}

export function fragmentMark(token: Token): FragmentMark | undefined {
  return token.meta?.fragment as FragmentMark | undefined;
}

/**
 * The steps an element is shown by, from the stepped elements around it: the innermost that makes
 * it appear, and the innermost that fades it out (a `::: replace` state giving way). What is moved
 * out of its place (an aside, a footnote) keeps them with a mark `sameStepAs` each.
 */
export interface StepsAround {
  appear?: Token;
  fadeOut?: Token;
}

/** The steps around an element that opens with `token`, given those around `token` (outer). */
export function stepsWithin(outer: StepsAround, token: Token): StepsAround {
  const mark = fragmentMark(token);
  if (!mark) return outer;
  return mark.effect === 'fade-out' ? { ...outer, fadeOut: token } : { ...outer, appear: token };
}

/**
 * Marks `open` (what was moved out of its place) with the step that made it appear there, and, when
 * something around it faded it out, returns the wrapper (open, close) to put around its content
 * that fades out at that step.
 */
export function keepSteps(open: Token, around: StepsAround, line: number, TokenClass: typeof Token, ownStep?: number): [Token, Token] | undefined {
  if (ownStep !== undefined) markFragment(open, { line, step: ownStep });
  else if (around.appear) markFragment(open, { line, sameStepAs: around.appear });
  if (!around.fadeOut) return undefined;
  const wrapper = new TokenClass('fade_out_open', 'div', 1);
  wrapper.block = true;
  markFragment(wrapper, { line, effect: 'fade-out', sameStepAs: around.fadeOut });
  const end = new TokenClass('fade_out_close', 'div', -1);
  end.block = true;
  return [wrapper, end];
}

/**
 * Gives one token steps of its own inside it (the parts of a figure; later, lines of code or
 * terms of an equation), in document order after the token's own mark if it has one. They are
 * numbered with the slide's other steps; the token's renderer writes each mark's `index`.
 */
export function markInnerSteps(token: Token, marks: FragmentMark[]): FragmentMark[] {
  token.meta = { ...(token.meta ?? {}), innerSteps: marks };
  return marks;
}

/** The steps a token carries inside it (see markInnerSteps); empty for nearly every token. */
export function innerSteps(token: Token): readonly FragmentMark[] {
  return (token.meta?.innerSteps as FragmentMark[] | undefined) ?? NONE;
}

const NONE: readonly FragmentMark[] = [];

const WHITESPACE = /\s/;

/**
 * The class list of a stepped element: its own classes (`own`, as written; null for none), then
 * `fragment` and the mark's effect, each once, in that order.
 */
export function fragmentClasses(own: string | number | null, effect: string | undefined): string {
  const text = own === null ? '' : String(own);
  // Nearly always one class or none: nothing to split or deduplicate.
  if (!WHITESPACE.test(text)) {
    let classes = text === '' || text === 'fragment' ? 'fragment' : `${text} fragment`;
    if (effect && effect !== 'fragment' && effect !== text) classes += ` ${effect}`;
    return classes;
  }
  const classes = new Set(text.split(/\s+/).filter(Boolean));
  classes.add('fragment');
  if (effect) classes.add(effect);
  return [...classes].join(' ');
}

/**
 * Visits block tokens and the inline children inside them, in document order, with the block
 * token each belongs to and the caller's `context`; `visit` returns false to stop. A callback,
 * not a generator: several rules walk every token of the deck, and a generator allocated two
 * objects per token. Pass a function made once (a module's own), not a closure made per render:
 * V8 can then inline the call, which costs more than the visit itself on most tokens.
 */
export function walkTokens<C>(tokens: Token[], visit: (token: Token, block: Token, context: C) => boolean | void, context: C): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (visit(token, token, context) === false) return;
    if (token.type === 'inline' && token.children) {
      for (const child of token.children) if (visit(child, token, context) === false) return;
    }
  }
}

// Animation from one slide to the next (reveal.js's auto-animate, Quarto's names): two adjacent
// slides whose headings say `{auto-animate=true}` are animated into each other; reveal.js pairs
// their elements (a heading, paragraph or list item with the same text, a picture with the same
// file, a code block with the same code, or two elements with the same `{data-id=…}`) and moves,
// resizes and recolours each pair; the rest fades. Options, on the heading too:
// `auto-animate-duration=0.6` (seconds), `auto-animate-easing=ease-in-out`,
// `auto-animate-unmatched=false` (the unpaired elements appear at once), `auto-animate-id=name`
// and `auto-animate-restart=true` (which runs of slides animate into each other). They become the
// slide's `data-auto-animate*` attributes (src/core/render/slide-render.ts writes them); every
// value is checked against what it may be, so none reaches the style sheet reveal.js writes from
// them as anything but a number or a word. The same options written on an element
// (`{data-auto-animate-delay=0.2}`) are checked too.
//
// reveal.js animates a slide only into an adjacent one that has auto-animate too (with the same
// auto-animate-id, and no auto-animate-restart on the later of the two): a slide that has it and
// pairs with neither neighbour animates nothing, which is a warning at its `auto-animate`. Which
// slides pair is found over the whole deck first (scanAutoAnimate, a feature's scanDeck).
import type { MarkdownIt, Token } from 'markdown-it';
import { deckShared, report, type DeckEnv } from '../../env.ts';
import { locate } from '../../diagnostics/locate.ts';
import { AFTER_STEPS, STEPS } from '../../phases.ts';
import { walkTokens } from '../../steps/fragment-meta.ts';
import { declareSyntax } from '../feature.ts';

/** The heading's attribute names, each with the `data-` attribute of the slide it becomes. */
const OPTIONS = ['auto-animate', 'auto-animate-duration', 'auto-animate-easing', 'auto-animate-unmatched', 'auto-animate-id', 'auto-animate-restart'] as const;
type Option = (typeof OPTIONS)[number];

/** CSS's easing keywords, and cubic-bezier() of four plain numbers (its x values from 0 to 1). */
const EASINGS = ['ease', 'ease-in', 'ease-out', 'ease-in-out', 'linear', 'step-start', 'step-end'];
const NUMBER = String.raw`-?(?:\d+(?:\.\d+)?|\.\d+)`;
const CUBIC_BEZIER = new RegExp(String.raw`^cubic-bezier\(\s*(${NUMBER})\s*,\s*(${NUMBER})\s*,\s*(${NUMBER})\s*,\s*(${NUMBER})\s*\)$`);
/** Seconds: a plain decimal number, at most a minute. */
const SECONDS = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
const MAX_SECONDS = 60;
/** An `auto-animate-id`: a word. */
const WORD = /^[A-Za-z0-9_-]{1,64}$/;

/** The slide's `data-auto-animate*` attributes, as they are written on its <section>. */
export type AutoAnimateAttributes = [string, string][];

/** The deckShared scope: the line of each slide heading that has auto-animate=true and pairs with no neighbour. */
const ALONE = 'auto-animate alone';

/** What the deck scan reads of a slide's first heading: `{… auto-animate=true auto-animate-id=x auto-animate-restart …}`. */
interface Animated {
  /** Its 1-based line (0: the slide has no heading). */
  line: number;
  on: boolean;
  id: string | undefined;
  restart: boolean;
}

/** The `name=value` pairs (and lone names, true) of an attribute block at the end of a heading's text. */
function headingOptions(text: string): Map<string, string> {
  const options = new Map<string, string>();
  const block = /\{([^{}]*)\}\s*$/.exec(text)?.[1];
  if (block === undefined) return options;
  for (const m of block.matchAll(/([^\s=]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) options.set(m[1]!, (m[2] ?? m[3] ?? m[4] ?? '').trim());
  return options;
}

/** Whether reveal.js animates `from` into the slide after it, `to` (reveal.js: shouldAutoAnimateBetween). */
function pairs(from: Animated | undefined, to: Animated | undefined): boolean {
  return !!from?.on && !!to?.on && from.id === to.id && !to.restart;
}

/**
 * Finds the slides with auto-animate=true that pair with neither neighbour, before the slides are
 * compiled (see SyntaxDeclaration.scanDeck). A top-level `---` ends a slide (as split.ts reads it;
 * the title slide made from the front matter has no heading of its own, so it pairs with nothing).
 */
export function scanAutoAnimate(tokens: readonly Token[], env: DeckEnv): void {
  const slides: Animated[] = [{ line: 0, on: false, id: undefined, restart: false }];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'hr' && token.level === 0) slides.push({ line: 0, on: false, id: undefined, restart: false });
    else if (token.type === 'heading_open' && slides.at(-1)!.line === 0) {
      const options = headingOptions(tokens[i + 1]?.content ?? '');
      // (`{auto-animate}` alone is true; a value that is no switch is an error, and the option off.)
      const set = (name: string) => ['', 'true'].includes(options.get(name) ?? 'false');
      slides[slides.length - 1] = { line: (token.map?.[0] ?? 0) + 1, on: set('auto-animate'), id: options.get('auto-animate-id'), restart: set('auto-animate-restart') };
    }
  }
  const shared = deckShared(env);
  slides.forEach((slide, i) => {
    if (slide.on && !pairs(slides[i - 1], slide) && !pairs(slide, slides[i + 1])) shared.set(ALONE, String(slide.line), slides[i - 1]?.on || slides[i + 1]?.on ? 'differs' : 'none');
  });
}

export function autoAnimatePlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'animation between slides',
    attributes: [
      { name: 'auto-animate', summary: 'on a heading: `true` on two adjacent slides animates the one into the other (elements with the same text or `data-id` move)' },
      { name: 'auto-animate-duration', summary: 'on a heading: how long the animation takes, in seconds (1 when not given)' },
      { name: 'auto-animate-easing', summary: 'on a heading: its pace: `ease` (the default), `ease-in`, `ease-out`, `ease-in-out`, `linear` or `cubic-bezier(…)`' },
      { name: 'auto-animate-unmatched', summary: 'on a heading: `false` shows the elements that have no pair at once instead of fading them in' },
      { name: 'auto-animate-id', summary: 'on a heading: a name; only adjacent slides with the same one animate into each other' },
      { name: 'auto-animate-restart', summary: 'on a heading: `true` starts a new run: the slide before does not animate into this one' },
    ],
    scanDeck: scanAutoAnimate,
    scanReads: /auto-animate/,
  });
  // markdown-it parsing a whole deck at once (no compile.ts): the deck is scanned here.
  md.core.ruler.after('block', 'deck_auto_animate_scan', (state) => {
    const env = state.env as unknown as DeckEnv;
    if (!env.slide) scanAutoAnimate(state.tokens, env);
  });
  md.core.ruler.before(STEPS, 'deck_auto_animate', (state) => {
    const env = state.env as unknown as DeckEnv;
    let slide: Token | undefined;
    let seenHeading = false;
    for (const token of state.tokens) {
      if (token.type === 'slide_open') [slide, seenHeading] = [token, false];
      if (token.type !== 'heading_open' || !slide) continue;
      if (seenHeading) {
        misplaced(env, state.src, token);
        continue;
      }
      seenHeading = true;
      const attributes = slideAttributes(env, state.src, token);
      if (attributes.length) slide.meta = { ...(slide.meta ?? {}), autoAnimate: attributes };
    }
  });
  // The same options on an element (reveal.js reads them on any element it animates).
  md.core.ruler.before(AFTER_STEPS, 'deck_auto_animate_elements', (state) => {
    walkTokens(state.tokens, checkElement, { env: state.env as unknown as DeckEnv, src: state.src });
  });
}

/** The slide's attributes from its heading's; the heading keeps none of them. */
function slideAttributes(env: DeckEnv, src: string, heading: Token): AutoAnimateAttributes {
  const attrs = heading.attrs ?? [];
  const written = attrs.filter((a): a is [Option, string] => (OPTIONS as readonly string[]).includes(a[0]));
  if (written.length === 0) return [];
  heading.attrs = attrs.filter(([k]) => !(OPTIONS as readonly string[]).includes(k));
  const out: AutoAnimateAttributes = [];
  let on = false;
  for (const [name, raw] of written) {
    const value = String(raw).trim();
    const problem = optionProblem(name, value);
    if (problem) {
      const p = locate(env, src, heading.map, value === '' ? name : `${name}=`);
      report(env, 'error', p.line, p.column, problem);
      continue;
    }
    if (name === 'auto-animate') on = value !== 'false';
    // A switch that is off is no attribute at all: reveal.js reads whether it is there.
    else if (name === 'auto-animate-restart') value !== 'false' && out.push([`data-${name}`, '']);
    else out.push([`data-${name}`, value]);
  }
  if (on) {
    // A slide that pairs with neither neighbour animates nothing.
    const alone = deckShared(env).get(ALONE, String((heading.map?.[0] ?? 0) + 1));
    if (alone) {
      const p = locate(env, src, heading.map, 'auto-animate');
      report(
        env,
        'warning',
        p.line,
        p.column,
        alone === 'none'
          ? 'auto-animate=true animates nothing here: neither the slide before nor the one after has it (reveal.js animates between two adjacent slides that both have auto-animate=true)'
          : 'auto-animate=true animates nothing here: the adjacent slide that has it does not pair with this one (the two need the same auto-animate-id, and no auto-animate-restart=true on the later one)',
      );
    }
  }
  if (!on) {
    if (out.length) {
      const p = locate(env, src, heading.map, out[0]![0].slice('data-'.length));
      report(env, 'warning', p.line, p.column, `${out[0]![0].slice('data-'.length)} does nothing without auto-animate=true on the same heading`);
    }
    return [];
  }
  return [['data-auto-animate', ''], ...out];
}

/** An option on a heading under the slide's title: it is the slide's, so it belongs on the title. */
function misplaced(env: DeckEnv, src: string, heading: Token): void {
  const attrs = heading.attrs ?? [];
  const first = attrs.find(([k]) => (OPTIONS as readonly string[]).includes(k));
  if (!first) return;
  heading.attrs = attrs.filter(([k]) => !(OPTIONS as readonly string[]).includes(k));
  const p = locate(env, src, heading.map, first[0]);
  report(env, 'warning', p.line, p.column, `${first[0]} belongs on the slide's first heading (it animates the whole slide); ignored here`);
}

/** What is wrong with an option's value, or undefined when it may stay (`name`: the attribute as written). */
function optionProblem(option: string, value: string, name = option): string | undefined {
  switch (option) {
    case 'auto-animate':
    case 'auto-animate-restart':
    case 'auto-animate-unmatched':
      // (`{auto-animate}` alone is true, as an HTML switch is.)
      return value === '' || value === 'true' || value === 'false' ? undefined : `${name} must be true or false, got "${value}"`;
    case 'auto-animate-duration':
    case 'auto-animate-delay':
      return SECONDS.test(value) && Number(value) <= MAX_SECONDS ? undefined : `${name} must be a number of seconds from 0 to ${MAX_SECONDS}, like 0.5, got "${value}"`;
    case 'auto-animate-easing': {
      if (EASINGS.includes(value)) return undefined;
      const bezier = CUBIC_BEZIER.exec(value);
      if (bezier && [bezier[1], bezier[3]].every((x) => Number(x) >= 0 && Number(x) <= 1)) return undefined;
      return `${name} must be ${EASINGS.join(', ')} or cubic-bezier(x1, y1, x2, y2) with x1 and x2 from 0 to 1, got "${value}"`;
    }
    case 'auto-animate-id':
      return WORD.test(value) ? undefined : `${name} must be a word (letters, digits, - and _), got "${value}"`;
    default:
      return undefined;
  }
}

/** The options reveal.js reads on an element, and what each must be. */
const ELEMENT_OPTIONS = new Set(['data-auto-animate-duration', 'data-auto-animate-delay', 'data-auto-animate-easing', 'data-auto-animate-unmatched', 'data-auto-animate-id']);

/** An element's `data-auto-animate-*` options: one with a value they may not have is reported and removed. */
function checkElement(token: Token, block: Token, { env, src }: { env: DeckEnv; src: string }): void {
  if (!token.attrs?.some(([name]) => ELEMENT_OPTIONS.has(name))) return;
  token.attrs = token.attrs.filter(([name, raw]) => {
    if (!ELEMENT_OPTIONS.has(name)) return true;
    const problem = optionProblem(name.slice('data-'.length), String(raw).trim(), name);
    if (!problem) return true;
    const p = locate(env, src, block.map, `${name}=`);
    report(env, 'error', p.line, p.column, `${problem}; removed`);
    return false;
  });
}

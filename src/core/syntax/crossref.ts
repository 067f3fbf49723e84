// Cross-references, in Quarto's form: an id with a kind's prefix numbers the thing it is on
// (`$$ … $$ {#eq-loss}`, `![caption](loss.png){#fig-loss}`), 1, 2, … in the deck's order, and
// `@eq-loss` / `@fig-loss` in the text links to it. A slide may refer to one that a later slide
// defines, and slides are compiled one at a time: each kind's labels are found first, over the
// whole deck's block structure (a feature's scanDeck), and kept here in deckShared(env), where
// each slide's look at them is recorded (so the dev server compiles a slide again when a number
// it shows changes). Equations: math/equations.ts; figures: figure-numbers.ts.
//
// Quarto's other forms of a reference are read here too, for every kind (crossrefPlugin):
// `@Fig-loss` (capitalized: the same "Figure 1"), and in brackets, as Pandoc writes a citation,
// `[@fig-a; @fig-b]` ("Figure 1, Figure 2"), `[-@fig-a]` ("1": no prefix), `[Fig. @fig-a]`
// ("Fig. 1": the text before the label replaces "Figure"). A label is never a citation key.
import type { MarkdownIt, StateInline, Token } from 'markdown-it';
import { deckShared, report, reportFull, type DeckEnv } from '../env.ts';
import { inlinePosition, type Position } from '../diagnostics/locate.ts';
import { nearest } from '../diagnostics/suggest.ts';
import { STEPS } from '../phases.ts';
import { declareSyntax } from './feature.ts';
import { bracketParts } from './bracket.ts';

export interface LabelKind {
  /** `eq-`, `fig-`: what a label of this kind starts with. */
  prefix: string;
  /** The deckShared scope of its numbers: each label's `number:line`, and `*` (all labels). */
  scope: string;
  /** What one is called in messages, and with its article. */
  noun: string;
  one: string;
  /** How a label of this kind is given, for the message about an unknown one. */
  labelledAs: (label: string) => string;
  /** What a reference shows before the number, the number as it shows it, and its link's class. */
  word: string;
  shown: (number: number) => string;
  linkClass: string;
}

export const EQUATIONS: LabelKind = {
  prefix: 'eq-',
  scope: 'equation numbers',
  noun: 'equation',
  one: 'an equation',
  labelledAs: (label) => `$$ … $$ {#${label}}`,
  word: 'Eq.',
  shown: (number) => `(${number})`,
  linkClass: 'equation-ref',
};
export const FIGURES: LabelKind = {
  prefix: 'fig-',
  scope: 'figure numbers',
  noun: 'figure',
  one: 'a figure',
  labelledAs: (label) => `![caption](file){#${label}}`,
  word: 'Figure',
  shown: String,
  linkClass: 'figure-ref',
};
const KINDS = [EQUATIONS, FIGURES];
const ALL = '*';

/** What follows `@` in a label, after its prefix: letters, digits and `_`, with single `-`, `:` or `.` between them. */
const LABEL_REST = '[\\p{L}\\p{N}_]+(?:[-:.][\\p{L}\\p{N}_]+)*';

/** A label's kind, its first letter written either way (`@Fig-loss` is Quarto's capitalized form of `@fig-loss`). */
function kindOf(key: string): LabelKind | undefined {
  const lower = lowerFirst(key);
  return KINDS.find((kind) => lower.startsWith(kind.prefix));
}

function lowerFirst(key: string): string {
  return key.charAt(0).toLowerCase() + key.slice(1);
}

/** Whether `@key` is a cross-reference (not a citation). */
export function isCrossRefLabel(key: string): boolean {
  return kindOf(key) !== undefined;
}

/** Where a text may hold a reference of this kind (`@fig-`, `@Fig-`), for the rules that skip the rest. */
export function mayReferTo(text: string, kind: LabelKind): boolean {
  return text.includes(`@${kind.prefix}`) || text.includes(`@${kind.prefix.charAt(0).toUpperCase()}${kind.prefix.slice(1)}`);
}

/** `@eq-loss` (or `@Eq-loss`): the prefix, then the rest of a label (LABEL_REST). */
export function referencePattern(kind: LabelKind): RegExp {
  const first = kind.prefix.charAt(0);
  return new RegExp(`@([${first}${first.toUpperCase()}]${kind.prefix.slice(1)}${LABEL_REST})`, 'uy');
}

/** The label an attribute block gives (`{#eq-loss}`, `{id=eq-loss}`), if it is of this kind. */
export function labelInAttrs(attrs: string, kind: LabelKind): string | undefined {
  let label: string | undefined;
  for (const m of attrs.matchAll(/(?:^|[\s{])(?:#([^\s{}]+)|id=(["']?)([^\s{}"']+)\2)/g)) label = m[1] ?? m[3];
  return label?.startsWith(kind.prefix) ? label : undefined;
}

/** Numbers a kind's labels in the order given (a label given twice keeps its first number). */
export function numberLabels(env: DeckEnv, kind: LabelKind, found: Iterable<{ label: string; line: number }>): void {
  const shared = deckShared(env);
  const labels = new Set<string>();
  for (const { label, line } of found) {
    if (labels.has(label)) continue;
    labels.add(label);
    shared.set(kind.scope, label, `${labels.size}:${line}`);
  }
  shared.set(kind.scope, ALL, [...labels].join(' '));
}

/** A label's number and the 1-based line that defines it, or undefined. */
export function labelNumber(env: DeckEnv, kind: LabelKind, label: string): { number: number; line: number } | undefined {
  const found = deckShared(env).get(kind.scope, label);
  if (found === undefined) return undefined;
  const [number, line] = found.split(':').map(Number);
  return { number: number!, line: line! };
}

/** Every label of a kind in the deck (for a did-you-mean). */
export function labelsOf(env: DeckEnv, kind: LabelKind): string[] {
  return (deckShared(env).get(kind.scope, ALL) ?? '').split(' ').filter(Boolean);
}

/**
 * The inline rule for `@label` references of one kind (`pattern`, from referencePattern): not
 * inside a word (an e-mail address) nor inside a link. Each becomes a `tokenType` token whose meta
 * holds the label and where it was written, for its feature to number or report.
 */
export function referenceRule(pattern: RegExp, tokenType: string): (state: StateInline, silent: boolean) => boolean {
  return (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x40 || state.linkLevel > 0) return false;
    if (state.pos > 0 && /[\p{L}\p{N}_]/u.test(state.src[state.pos - 1]!)) return false;
    pattern.lastIndex = state.pos;
    const m = pattern.exec(state.src);
    if (!m || m.index + m[0].length > state.posMax) return false;
    if (!silent) {
      const token = state.push(tokenType, '', 0);
      token.content = m[0];
      token.meta = { label: lowerFirst(m[1]!), source: state.src, start: state.pos };
    }
    state.pos += m[0].length;
    return true;
  };
}

/**
 * A reference's number, or undefined and an error at it (`at`: where `@label` is written), with
 * the nearest label of its kind as a suggestion.
 */
export function resolveLabel(env: DeckEnv, kind: LabelKind, label: string, at: () => Position): number | undefined {
  const found = labelNumber(env, kind, label);
  if (found) return found.number;
  if (reportFull(env)) return undefined; // no more errors are kept: skip the search for a guess
  const { line, column } = at();
  const guess = nearest(label, labelsOf(env, kind));
  report(env, 'error', line, column, `unknown ${kind.noun} "@${label}"${guess ? `; did you mean "@${guess}"?` : ''} (${kind.one} gets its label as ${kind.labelledAs(label)})`);
  return undefined;
}

/** The link a reference becomes: "Figure 1", or its own prefix (`word`, "" for none) before the number. */
export function referenceLink(kind: LabelKind, label: string, number: number, escape: (text: string) => string, word = kind.word): string {
  // reveal.js goes to the slide holding the element with that id (ref-steps.ts, to the step showing it).
  return `<a class="${kind.linkClass}" href="#/${escape(label)}">${word ? `${escape(word)}&nbsp;` : ''}${kind.shown(number)}</a>`;
}

const BRACKET_TOKEN = 'crossref_bracket';

/** One reference in brackets: `Fig. -@fig-a, left`. */
interface BracketItem {
  kind: LabelKind | undefined;
  /** The label (its first letter lowered), or a citation key when kind is undefined. */
  label: string;
  /** Written before it ("Fig."), after it (", left"), and whether it was `-@`. */
  prefix: string;
  suffix: string;
  suppressed: boolean;
  /** What was written, and the offset of its `@` in the inline source. */
  written: string;
  at: number;
}

interface BracketMeta {
  items: BracketItem[];
  source: string;
  start: number;
  /** Filled by deck_crossref: the references as HTML (undefined: written as it was). */
  html?: string;
}

/**
 * The inline rule: `[…@fig-a…; …]`, a bracket whose every `;`-part holds one `@key`, at least one
 * of them a cross-reference label (a bracket of citation keys alone is cite/'s). Not a link, a
 * span (`[…]{.class}`) nor inside a link.
 */
function bracket(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x5b /* [ */ || state.linkLevel > 0) return false;
  const end = src.indexOf(']', start + 1);
  if (end < 0 || end >= state.posMax) return false;
  const inner = src.slice(start + 1, end);
  if (!inner.includes('@') || inner.includes('[') || '([{'.includes(src[end + 1] ?? '.')) return false;
  const parts = bracketParts(inner);
  if (!parts) return false;
  const items: BracketItem[] = [];
  let offset = start + 1;
  for (const { space, before, suppressed, key, after } of parts) {
    if (/[\p{L}\p{N}_\\]$/u.test(before) || after.includes('@')) return false;
    const kind = kindOf(key);
    const label = kind ? lowerFirst(key) : key;
    if (kind && !new RegExp(`^${kind.prefix}${LABEL_REST}$`, 'u').test(label)) return false;
    const written = `${before}${suppressed ? '-' : ''}@${key}${after}`;
    items.push({ kind, label, prefix: before.trim(), suffix: after.trimEnd(), suppressed, written: written.trim(), at: offset + space.length + before.length + (suppressed ? 1 : 0) });
    offset += space.length + written.length + 1;
  }
  if (!items.some((item) => item.kind)) return false;
  if (!silent) {
    const token = state.push(BRACKET_TOKEN, '', 0);
    token.content = src.slice(start, end + 1);
    token.meta = { items, source: src, start } satisfies BracketMeta;
  }
  state.pos = end + 1;
  return true;
}

/** Each bracket's references numbered, or reported. */
function resolveBrackets(env: DeckEnv, src: string, block: Token, children: readonly Token[], escape: (text: string) => string): void {
  for (const child of children) {
    if (child.children) resolveBrackets(env, src, block, child.children, escape);
    if (child.type !== BRACKET_TOKEN) continue;
    const meta = child.meta as unknown as BracketMeta;
    const where = (item: BracketItem) => () => inlinePosition(env, src, block, meta.source, item.at, `@${item.written.slice(item.written.indexOf('@') + 1)}`);
    const keys = meta.items.filter((item) => !item.kind);
    if (keys.length) {
      const { line, column } = where(keys[0]!)();
      report(env, 'error', line, column, `"@${keys[0]!.label}" is a citation in a bracket of cross-references; write citations and cross-references in brackets of their own: [@${meta.items.find((item) => item.kind)!.label}] [@${keys[0]!.label}]`);
    }
    const parts = meta.items.map((item) => {
      const number = item.kind && resolveLabel(env, item.kind, item.label, where(item));
      if (number === undefined) return undefined;
      const word = item.prefix || (item.suppressed ? '' : item.kind!.word);
      return referenceLink(item.kind!, item.label, number, escape, word) + escape(item.suffix);
    });
    // A bracket with a problem stays as it was written (its problems reported).
    if (parts.every((part) => part !== undefined)) meta.html = parts.join(', ');
  }
}

/** The bracketed forms of every kind's references (the bare `@fig-a` is each kind's own rule). */
export function crossrefPlugin(md: MarkdownIt): void {
  declareSyntax(md, { feature: 'cross-references' });
  md.inline.ruler.before('link', BRACKET_TOKEN, bracket);
  md.core.ruler.before(STEPS, 'deck_crossref', (state) => {
    const env = state.env as unknown as DeckEnv;
    for (const block of state.tokens) {
      if (block.type === 'inline' && block.children && block.content.includes('@')) resolveBrackets(env, state.src, block, block.children, md.utils.escapeHtml);
    }
  });
  md.renderer.rules[BRACKET_TOKEN] = (tokens, idx) => {
    const token = tokens[idx]!;
    return (token.meta as unknown as BracketMeta).html ?? md.utils.escapeHtml(token.content);
  };
}

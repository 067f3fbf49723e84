// Cross-references, in Quarto's form: an id with a kind's prefix numbers the thing it is on
// (`$$ … $$ {#eq-loss}`, `![caption](loss.png){#fig-loss}`), 1, 2, … in the deck's order, and
// `@eq-loss` / `@fig-loss` in the text links to it. A slide may refer to one that a later slide
// defines, and slides are compiled one at a time: each kind's labels are found first, over the
// whole deck's block structure (a feature's scanDeck), and kept here in deckShared(env), where
// each slide's look at them is recorded (so the dev server compiles a slide again when a number
// it shows changes). Equations: math/equations.ts; figures: figure-numbers.ts.
import type { StateInline } from 'markdown-it';
import { deckShared, type DeckEnv } from '../env.ts';

export interface LabelKind {
  /** `eq-`, `fig-`: what a label of this kind starts with. */
  prefix: string;
  /** The deckShared scope of its numbers: each label's `number:line`, and `*` (all labels). */
  scope: string;
}

export const EQUATIONS: LabelKind = { prefix: 'eq-', scope: 'equation numbers' };
export const FIGURES: LabelKind = { prefix: 'fig-', scope: 'figure numbers' };
const KINDS = [EQUATIONS, FIGURES];
const ALL = '*';

/** Whether `@key` is a cross-reference (not a citation). */
export function isCrossRefLabel(key: string): boolean {
  return KINDS.some((kind) => key.startsWith(kind.prefix));
}

/** `@eq-loss`: a label is the prefix, then letters, digits and `_`, with single `-`, `:` or `.` between them. */
export function referencePattern(kind: LabelKind): RegExp {
  return new RegExp(`@(${kind.prefix}[\\p{L}\\p{N}_]+(?:[-:.][\\p{L}\\p{N}_]+)*)`, 'uy');
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
      token.meta = { label: m[1], source: state.src, start: state.pos };
    }
    state.pos += m[0].length;
    return true;
  };
}

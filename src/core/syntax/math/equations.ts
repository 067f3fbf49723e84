// Numbered equations, in Quarto's form: `$$ … $$ {#eq-loss}` numbers the display formula (1, 2, …
// in the deck's order) and `@eq-loss` anywhere in the text links to it, showing "Eq. (1)".
// A slide may refer to an equation that a later slide defines, and slides are compiled one at a
// time: the numbers are found first, over the whole deck's block structure (scanEquations, a
// feature's scanDeck), and kept in deckShared(env), where each slide's look at them is recorded
// (so the dev server compiles a slide again when a number it shows changes).
import type { Token } from 'markdown-it';
import { deckShared, type DeckEnv } from '../../env.ts';
import { loneDisplayFormula } from './dollars.ts';

/** Shared state scope: each label's `number:line` (1-based line of its paragraph), and `*` (all labels). */
const EQUATIONS = 'equation numbers';
const ALL = '*';

/** `@eq-loss`: a label is `eq-` then letters, digits and `_`, with single `-`, `:` or `.` between them. */
export const EQUATION_REF = /@(eq-[\p{L}\p{N}_]+(?:[-:.][\p{L}\p{N}_]+)*)/uy;

/** The label an attribute block gives a display formula (`{#eq-loss}`, `{id=eq-loss}`), if any. */
export function equationLabel(attrs: string): string | undefined {
  let label: string | undefined;
  for (const m of attrs.matchAll(/(?:^|[\s{])(?:#([^\s{}]+)|id=(["']?)([^\s{}"']+)\2)/g)) label = m[1] ?? m[3];
  return label?.startsWith('eq-') ? label : undefined;
}

/** Numbers the deck's equations in order, before its slides are compiled (see SyntaxDeclaration.scanDeck). */
export function scanEquations(tokens: readonly Token[], env: DeckEnv): void {
  const shared = deckShared(env);
  const labels: string[] = [];
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.content.includes('$$')) continue;
    const lone = loneDisplayFormula(token.content);
    const label = lone && equationLabel(lone.attrs);
    if (!label || labels.includes(label)) continue;
    labels.push(label);
    shared.set(EQUATIONS, label, `${labels.length}:${(token.map?.[0] ?? 0) + 1}`);
  }
  shared.set(EQUATIONS, ALL, labels.join(' '));
}

/** A label's number and the line of the paragraph that defines it, or undefined. */
export function equationNumber(env: DeckEnv, label: string): { number: number; line: number } | undefined {
  const found = deckShared(env).get(EQUATIONS, label);
  if (found === undefined) return undefined;
  const [number, line] = found.split(':').map(Number);
  return { number: number!, line: line! };
}

/** Every label of the deck (for a did-you-mean). */
export function equationLabels(env: DeckEnv): string[] {
  return (deckShared(env).get(EQUATIONS, ALL) ?? '').split(' ').filter(Boolean);
}

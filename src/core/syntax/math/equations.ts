// Numbered equations, in Quarto's form: `$$ … $$ {#eq-loss}` numbers the display formula (1, 2, …
// in the deck's order) and `@eq-loss` anywhere in the text links to it, showing "Eq. (1)".
// The numbers are found over the whole deck first (scanEquations, a feature's scanDeck) and kept
// as ../crossref.ts keeps every kind of label.
import type { Token } from 'markdown-it';
import type { DeckEnv } from '../../env.ts';
import { EQUATIONS, labelInAttrs, labelNumber, numberLabels, referencePattern } from '../crossref.ts';
import { loneDisplayFormula } from './dollars.ts';

/** `@eq-loss`: a label is `eq-` then letters, digits and `_`, with single `-`, `:` or `.` between them. */
export const EQUATION_REF = referencePattern(EQUATIONS);

/** The label an attribute block gives a display formula (`{#eq-loss}`, `{id=eq-loss}`), if any. */
export function equationLabel(attrs: string): string | undefined {
  return labelInAttrs(attrs, EQUATIONS);
}

/** Numbers the deck's equations in order, before its slides are compiled (see SyntaxDeclaration.scanDeck). */
export function scanEquations(tokens: readonly Token[], env: DeckEnv): void {
  const found: { label: string; line: number }[] = [];
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.content.includes('$$')) continue;
    const lone = loneDisplayFormula(token.content);
    const label = lone && equationLabel(lone.attrs);
    if (label) found.push({ label, line: (token.map?.[0] ?? 0) + 1 });
  }
  numberLabels(env, EQUATIONS, found);
}

/** A label's number and the line of the paragraph that defines it, or undefined. */
export function equationNumber(env: DeckEnv, label: string): { number: number; line: number } | undefined {
  return labelNumber(env, EQUATIONS, label);
}

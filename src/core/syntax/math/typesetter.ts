// What the core asks of a TeX typesetter: KaTeX's own API, which an adapter loads (src/node/
// read-deck.ts, `import('katex')`) for a deck that may hold a formula, and passes in CompileOptions.
// The core only names KaTeX's types, so a deck without formulas never loads KaTeX (~100 ms).
import type katex from 'katex';

export type TexTypesetter = Pick<typeof katex, 'renderToString' | 'ParseError'>;

/**
 * Whether `source` (a deck's Markdown) may hold a formula: every formula starts with a `$`
 * (dollars.ts). A superset, as codeLanguageNames is: an adapter loads KaTeX once too often
 * (a price in dollars), never once too few.
 */
export function mayHoldMath(source: string): boolean {
  return source.includes('$');
}

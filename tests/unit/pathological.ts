// Pathological decks for the robustness tests: each builder makes an input of size n, at full
// size (`sizes`) the ones the issue names: 20,000 slides, 10,000 nested levels, a 5 MB paragraph,
// 10,000 markers on one line.
export interface Pathological {
  build: (n: number) => string;
  size: number;
}

export const PATHOLOGICAL: Record<string, Pathological> = {
  '10,000 nested list levels': { size: 10_000, build: (n) => `## Lists\n\n${'- '.repeat(n)}deep\n` },
  '10,000 nested quotes': { size: 10_000, build: (n) => `## Quotes\n\n${'> '.repeat(n)}deep\n` },
  '10,000 nested indented lists': { size: 10_000, build: (n) => `## Lists\n\n${Array.from({ length: n }, (_, i) => `${' '.repeat(2 * (i % 50))}- level ${i}`).join('\n')}\n` },
  '10,000 nested containers': { size: 10_000, build: (n) => `## Containers\n\n${'::: replace\n'.repeat(n)}text\n${':::\n'.repeat(n)}` },
  'a 5 MB paragraph': { size: 5_000_000, build: (n) => `## Long\n\n${'word '.repeat(n / 5)}\n` },
  '10,000 markers on one line': { size: 10_000, build: (n) => `## Markers\n\n${'[x]{.fragment} '.repeat(n)}\n` },
  '10,000 misspelled markers on one line': { size: 10_000, build: (n) => `## Markers\n\n${'[x]{.fragmnt setp=1} '.repeat(n)}\n` },
  '10,000 pauses': { size: 10_000, build: (n) => `## Pauses\n\n${'a\n\n. . .\n\n'.repeat(n)}` },
  '10,000 asides after pauses on one slide, with footnotes': { size: 10_000, build: (n) => `## Asides\n\n${'a[^1]\n\n. . .\n\n::: aside\nx\n:::\n\n'.repeat(n)}[^1]: note\n` },
  '10,000 nested asides': { size: 10_000, build: (n) => `## Asides\n\n${'::: aside\n'.repeat(n)}text\n${':::\n'.repeat(n)}` },
  '10,000 Quarto callouts with titles': { size: 10_000, build: (n) => `## Callouts\n\n${'::: {.callout-tip title="a b"}\n## T\n\nx\n:::\n\n'.repeat(n)}` },
  '10,000 unclosed containers': { size: 10_000, build: (n) => `## Open\n\n${'::: notes\n\n'.repeat(n)}` },
  '100,000 list items on one slide': { size: 100_000, build: (n) => `## Items\n\n${'- item {.fragment}\n'.repeat(n)}` },
  '10,000 unclosed attribute blocks on one line': { size: 10_000, build: (n) => `## Braces\n\n${'{a=b .fragment '.repeat(n)}\n` },
  '10,000 front matter keys': { size: 10_000, build: (n) => `---\n${Array.from({ length: n }, (_, i) => `key${i}: value`).join('\n')}\n---\n\n## A\n` },
  '10,000 script tags and links on one line': { size: 10_000, build: (n) => `## Scripts\n\n${'<script [x](javascript:y( '.repeat(n)}\n` },
  '10,000 images on one line': { size: 10_000, build: (n) => `## Images\n\n${'![](missing.png)'.repeat(n)}\n` },
  '10,000 dollar signs on one line': { size: 10_000, build: (n) => `## Prices\n\n${'$5 and $$ a '.repeat(n / 2)}\n` },
  '2,000 formulas in one paragraph, each with a step and an error': {
    size: 2_000,
    build: (n) => `## Formulas\n\n${Array.from({ length: n }, (_, i) => `$x_{${i}} + \\step{y} + \\Rr$`).join('\n')}\n`,
  },
  '1,000 numbered equations and references': {
    size: 1_000,
    build: (n) => Array.from({ length: n }, (_, i) => `## E${i}\n\n@eq-${(i * 7) % n} and @eq-nope${i}\n\n$$ x = ${i} $$ {#eq-${i}}\n`).join('\n---\n\n'),
  },
  '1,000 numbered figures and references': {
    size: 1_000,
    build: (n) => Array.from({ length: n }, (_, i) => `## F${i}\n\n@fig-${(i * 7) % n} and @fig-nope${i}\n\n![Plot ${i}](missing.png){#fig-${i}}\n`).join('\n---\n\n'),
  },
  '20,000 slides with steps, notes and replacements': {
    size: 20_000,
    build: (n) =>
      Array.from({ length: n }, (_, i) => `## Slide ${i}\n\n- a {.fragment}\n- b {step=2}\n\n::: replace\nOne\n\nTwo\n:::\n\n. . .\n\nText *${i}*\n\n::: notes\nSay ${i}\n:::\n`).join('\n---\n\n'),
  },
};

// Markdown built at random from the deck's own syntax, right and wrong (fast-check), for the
// property tests and the batch test.
import fc from 'fast-check';

/** Lines that use the deck's syntax, right and wrong, and the characters it is made of. */
const SYNTAX_LINES = [
  '---', '## Heading', '### Sub', '. . .', '::: notes', '::: replace', '::: replace step=2', ':::', '::: replcae',
  '- item', '- item {.fragment}', '  - nested {step=2}', '1. one {step=1}', '> quote', '> - quoted item {.fragment}',
  'Text {.fragment}', 'Text {step=3}', 'Text {.fragment .fade-out}', 'Some [span]{.fragment} words', '[a]{step=2} [b]{step=1}',
  '![A ladder](figures/ladder.svg)', '![](missing.png){.fragment}', '`code`{.fragment}', '*em* **strong** ~~gone~~',
  '```', '```yaml', '    indented code', '{.fragment}', '{step=x}', '<script>alert(1)</script>', '[x](javascript:alert(1))',
  'Text {onclick=alert(1)}', '| a | b |', '|---|---|', '| 1 | 2 {.fragment} |', '', '', '',
  // Formulas, right and wrong: steps inside, rows, numbered equations and references, TeX errors, refused commands.
  'So $x^2$ costs $5', '$$ a = \\step{b} + \\step[2]{c} $$', '$$', '$$ x $$ {#eq-a}', '$$ y $$ {#eq-a .fragment}', 'By @eq-a and @eq-b.',
  // Numbered figures and references to them.
  '![A ladder](figures/ladder.svg){#fig-a}', '![Loss](missing.png){#fig-a .fragment}', '![](figures/ladder.svg){#fig-b fig-alt="Rungs"}', 'As @fig-a and @fig-b show.',
  '\\begin{aligned} a &= b \\\\', '\\step &= c \\end{aligned} $$', '$\\frac{1}{$', '$\\href{javascript:x}{y}$', '$\\step[0]{x}$',
  // Quarto's spellings: asides (with steps), callouts (titles, unknown kinds), {.smaller}, {.scrollable}.
  '::: aside', '::: aside step=2', '::: {.aside .fragment}', '::: {.callout-note}', '::: {.callout-tip title="A tip"}', '::: callout-warning',
  '::: {.callout-xyz}', '## Title {.smaller}', '## Title {.scrollable}',
];
const SYNTAX_CHARS = [...'{}[]()<>:.-*_`#>|!=~"\'&\\ \n\tab1$@^'];

const line = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SYNTAX_LINES) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...SYNTAX_CHARS), maxLength: 30 }) },
);
const frontMatter = fc.constantFrom('', '---\ntitle: T\n---\n', '---\ntitle: [\n---\n', '---\nautor: x\ntitleSlide: maybe\n---\n', '---\n---\n', '---\nmacros: {"\\\\R": "\\\\mathbb{R}"}\n---\n');
export const deckSource = fc.tuple(frontMatter, fc.array(line, { maxLength: 60 })).map(([head, lines]) => head + lines.join('\n') + '\n');


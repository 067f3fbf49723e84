// The bench's user-sized deck: 300 slides, ~600 KB of Markdown, every marker the engine has on
// every slide, and the figure files it needs. `npm run check` and live edit are budgeted on it
// (bench/check.ts, bench/live-edit.ts). It must check clean: no error and no warning.
//
// Each slide holds: a `##` heading; emphasis, strong, both, strike-through, code spans; a link out
// and a link to another slide; emoji (a plain one, a flag, a skin tone, a ZWJ sequence) in text
// and as a list item's bullet; a list with `{.fragment}` items, effect classes (`.fade-out`,
// `.highlight-current-blue`…) and a nested list; an inline span `[words]{.fragment …}`;
// `{step=N}` on list items and paragraphs (against the document order, and shared);
// `::: replace` inside a list item and `::: replace step=N` at the top level; a table with
// alignments; a quote with an autolink; a fenced code block holding a `---`; an SVG figure with
// `data-step` and `class="fragment"` parts (every third slide beside the text, every fifth one
// a step as a whole); a right-to-left Arabic paragraph and a `lang` span (`{lang=… dir=…}`);
// `::: notes` (one of them after the pause); and a `. . .` pause.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The deck's name: its file is `<name>.md`, served at `/<name>/` by the dev server. */
export const BENCH_DECK_NAME = 'bench-300';
export const BENCH_DECK_SLIDES = 300;

/**
 * Figure i: a ladder, then a jungle gym; a part at an explicit step (`data-step`, unless
 * `explicitStep` is false) and a part one step after the step before it (`class="fragment"`).
 */
function figure(i: number, explicitStep = true): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 300" font-size="28" stroke-linecap="round">
  <title>From a ladder to a jungle gym, figure ${i}</title>
  <desc>A ladder with four rungs on the left. At the next steps, bars grow out of it to the right until it is a jungle gym, and words name each part.</desc>
  <g class="figure-ink" stroke="currentColor" stroke-width="6" fill="none">
    <path d="M40 20 V280 M120 20 V280 M40 80 H120 M40 140 H120 M40 200 H120 M40 260 H120"/>
  </g>
  <text x="80" y="300" text-anchor="middle" fill="currentColor" class="figure-strong">ladder</text>
  <g ${explicitStep ? 'data-step="2"' : 'class="fragment"'}>
    <g class="figure-accent" stroke="#a3252b" stroke-width="6" fill="none">
      <path d="M120 80 H300 V200 H120 M300 20 V280"/>
    </g>
    <text x="320" y="60" fill="currentColor" class="figure-heading">more ways up</text>
  </g>
  <g class="fragment">
    <rect class="figure-accent-fill" fill="#a3252b" x="300" y="120" width="${40 + i * 20}" height="40" rx="8"/>
    <text x="320" y="240" fill="currentColor">jungle gym ${i}</text>
  </g>
</svg>
`;
}

/** The figures with a `data-step="2"` part; a figure that is a step as a whole uses gym-whole.svg. */
const FIGURES = 4;

/** The files the deck refers to, by path relative to the deck's folder. */
export function benchDeckFiles(): Record<string, string> {
  const files: Record<string, string> = { 'figures/gym-whole.svg': figure(FIGURES, false) };
  for (let i = 0; i < FIGURES; i++) files[`figures/gym-${i}.svg`] = figure(i);
  return files;
}

/**
 * The figure of slide n: every fifth one is a step as a whole (by `{step=2}` or `{.fragment}`;
 * the latter comes after the slide's step 4, so that figure has no part at an explicit step
 * before it); every third other one is set beside the text.
 */
function figureLine(n: number): string {
  const alt = `![A ladder that becomes a jungle gym, slide ${n}]`;
  if (n % 10 === 0) return `${alt}(figures/gym-whole.svg){.fragment}`;
  if (n % 5 === 0) return `${alt}(figures/gym-${n % FIGURES}.svg){step=2}`;
  return `${alt}(figures/gym-${n % FIGURES}.svg)${n % 3 === 0 ? '{.figure-beside}' : ''}`;
}

function slide(n: number, slides: number): string {
  const other = ((n * 7) % slides) + 1;
  return `## Slide ${n}: escaping local optima, part ${n}

Working with people you would *not* normally work with, part ${n}: **strong** claims, ***both*** at once, ~~struck~~ words, \`compileDeck(source)\`, [a link out](https://example.org/talks/${n}) and [slide ${other}](#/slide-${other}-escaping-local-optima-part-${other}).

- ✅ a first point, with an emoji for its bullet
- a second point, at the next step {.fragment}
  - a nested detail, with [words that turn red]{.fragment .highlight-red} in it
  - another one, with \`code\` and *emphasis*
- ❌ a third point that fades out {.fragment .fade-out}
- 👇 a fourth, blue at its step only {.fragment .highlight-current-blue}

1. Individually {step=1}
2. Collectively, shown third {step=3}

powerless {step=2}

powerful 👍🏽 {step=2}

| who | works with | since | 🇺🇸 |
| :--- | :---: | ---: | --- |
| a student ${n} | a mentor 👨🏽‍🔬 | 2019 | \`yes\` |
| a lab | [a school](https://example.edu/${n}) | 2021 | ~~no~~ |

> “Science is a team effort, often straddling disciplines and regions. Collaborations foster trust.”
>
> <https://www.nature.com/collections/dcgahiejgg>

- It’s not the fastest route to success.
- ::: replace
  It doesn’t have any short-term benefit.

  It takes a long warm-up period.
  :::
- It incurs lots of peripheral costs. {.fragment}

::: replace step=4
A first version of the sentence.

A second version takes its place.
:::

${figureLine(n)}

\`\`\`ts
const slide = ${n}; // a fence: its --- is no slide break
---
\`\`\`

التعاون يفتح طرقا جديدة {lang=ar dir=rtl}

Some words [auf Deutsch]{lang=de}, then [a few more]{.fragment .fade-in-then-semi-out}.

::: notes
Notes for slide ${n}: escaping local optima. Think SGD, dropout and data augmentation: the randomness we put in training.
:::

. . .

After the pause, part ${n}: [write](mailto:someone@example.org) or [call](tel:+15555550100).

::: notes
Notes after the pause show from the start.
:::
`;
}

/** The deck: front matter with every key, then `slides` slides. */
export function benchDeck(slides = BENCH_DECK_SLIDES): string {
  const front = `---
title: "A bench deck:"
subtitle: ${slides} slides with every marker
author: The bench
affiliation: bench/deck.ts
url: https://example.org/
links:
  - https://example.org/slides/
  - label: The source
    href: https://example.org/source/
event: npm run bench
date: July 18, 2022
description: "A synthetic deck of ${slides} slides, about 600 KB of Markdown, that uses every marker the engine has."
lang: en
dir: ltr
canonical: https://example.org/bench/
titleSlide: true
---

::: notes
The title slide's notes.
:::
`;
  const parts = [front];
  for (let i = 1; i <= slides; i++) parts.push(slide(i, slides));
  return parts.join('\n---\n\n');
}

/** Writes the deck and its figures into `dir`; returns the deck's path. */
export function writeBenchDeck(dir: string, slides = BENCH_DECK_SLIDES): string {
  for (const [file, text] of Object.entries(benchDeckFiles())) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const file = path.join(dir, `${BENCH_DECK_NAME}.md`);
  writeFileSync(file, benchDeck(slides));
  return file;
}

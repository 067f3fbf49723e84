// Loader throughput: synthetic decks of 10…10,000 slides, Markdown → slide HTML, in this process.
// For information (its MB/s budget is retired: authors feel `npm run check` and live edit, which
// have budgets on the 300-slide deck of bench/deck.ts); only its linearity has a budget: the cost
// per slide at 10,000 slides at most 2× that at 100. tests/unit import syntheticDeck and
// SYNTHETIC_FIGURE (the snapshot in tests/fixtures/snapshots/synthetic-50.json is of this deck).
import { compileDeck } from '../src/core/index.ts';
import { median, round } from './stats.ts';

/** One synthetic slide using every syntax feature the talk uses: steps, notes, lists, figures. */
function syntheticSlide(n: number): string {
  return `## Slide ${n}: escaping local optima

Working with people that you would *not* normally work with, part ${n}.

- a first point, shown from the start
- a second point with a [link](https://example.org/${n}) {.fragment}
  - a nested detail
- a third point with **emphasis** {.fragment}

![A figure for slide ${n}](figures/figure-${n % 7}.svg){.fragment}

powerless {step=2}

1. Individually {step=1}

- ::: replace
  It takes a long warm-up period.

  It gains reward later.
  :::

::: notes
Speaker notes for slide ${n}: mention SGD, dropout and data augmentation.
:::

. . .

Everything after the pause, part ${n}.
`;
}

/** The synthetic decks' figures: small, accessible, with a step inside, as the talk's are. */
export const SYNTHETIC_FIGURE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 60"><title>A ladder</title><desc>A ladder with three rungs, then a jungle gym around it.</desc><path d="M10 5 V55 M40 5 V55 M10 20 H40 M10 35 H40" stroke="currentColor"/><g data-step="3"><path d="M40 5 H90 V55 H40" stroke="currentColor"/><text x="50" y="30">jungle gym</text></g></svg>`;

export function syntheticDeck(slides: number): string {
  const parts = ['---\ntitle: "Synthetic deck"\nauthor: Bench\n---\n'];
  for (let i = 1; i <= slides; i++) parts.push(syntheticSlide(i));
  return parts.join('\n---\n\n');
}

export interface LoaderRow {
  slides: number;
  bytes: number;
  runs: number;
  medianMs: number;
  mbPerS: number;
  usPerSlide: number;
}

const time = (fn: () => void): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

export function benchLoader(sizes = [10, 100, 1000, 10000]): LoaderRow[] {
  const rows: LoaderRow[] = [];
  for (const slides of sizes) {
    const source = syntheticDeck(slides);
    const bytes = Buffer.byteLength(source);
    const compile = () => {
      const deck = compileDeck(source, { file: `bench/synthetic-${slides}.md`, readAsset: () => SYNTHETIC_FIGURE });
      if (deck.slides.length !== slides + 1) throw new Error(`synthetic deck of ${slides}: got ${deck.slides.length} slides`);
      if (deck.diagnostics.some((d) => d.severity === 'error')) throw new Error(`synthetic deck of ${slides} has errors`);
      deck.slides.map((s) => s.html).join(''); // the HTML the page receives
    };
    // Warm up (JIT, the shared markdown-it instance), then the median of several timed runs.
    const warmups = slides >= 10000 ? 1 : 3;
    const runs = slides >= 10000 ? 5 : slides >= 1000 ? 7 : 15;
    for (let i = 0; i < warmups; i++) compile();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(time(compile));
    const ms = median(times);
    rows.push({ slides, bytes, runs, medianMs: round(ms, 2), mbPerS: round(bytes / 1e6 / (ms / 1000), 2), usPerSlide: round((ms * 1000) / slides, 1) });
  }
  return rows;
}

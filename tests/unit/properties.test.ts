// Property tests (fast-check): Markdown built at random from the deck's own syntax never makes
// the loader throw, always gives well-formed HTML, and always gives step indices that reveal.js
// steps through in the order the author wrote.
import fc from 'fast-check';
import katex from 'katex';
import { parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/core/index.ts';
import { deckSource } from './random-deck.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const RUNS = 300;

/**
 * parse5 parses HTML the way browsers do, repairing anything malformed; serializing the repaired
 * tree gives the input back only if the input was well-formed. (The spelling differences:
 * markdown-it writes `"` in text as `&quot;`, which parse5 writes as `"`; see also below.)
 */
function reparsed(html: string): { normalized: string; roundTrip: string } {
  // In text, markdown-it and KaTeX spell some characters as references parse5 writes plainly.
  const normalized = html.replace(/(^|>)([^<]*)/g, (_, open: string, text: string) => open + text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&nbsp;/g, '\u00a0'));
  // (And parse5 writes a no-break space, which KaTeX puts in for `~`, as `&nbsp;`.)
  return { normalized, roundTrip: serialize(parseFragment(html)).replace(/&nbsp;/g, '\u00a0') };
}

describe('random Markdown from the deck’s syntax', () => {
  it('never throws, and always gives well-formed HTML', () => {
    fc.assert(
      fc.property(deckSource, (source) => {
        const deck = compileDeck(source, { file: 'deck.md', katex, readAsset: (p) => (p === 'figures/ladder.svg' ? '<svg/>' : undefined) });
        for (const slide of deck.slides) {
          const { normalized, roundTrip } = reparsed(slide.html);
          expect(roundTrip).toBe(normalized);
        }
        for (const d of deck.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(source.split('\n').length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never lets a script through', () => {
    fc.assert(
      fc.property(deckSource, (source) => {
        const html = compileDeck(source, { katex }).slides.map((s) => s.html).join('');
        expect(html).not.toMatch(/<script|\son[a-z]+=|(href|src)="\s*javascript:/i);
      }),
      { numRuns: RUNS },
    );
  });
});

/** One marked element of a slide and the step the author meant for it. */
type Marked = { kind: 'fragment' | 'span' | 'pause' | 'item' } | { kind: 'step'; step: number };

const marked: fc.Arbitrary<Marked | 'plain'> = fc.oneof(
  fc.constant('plain' as const),
  fc.constantFrom<Marked>({ kind: 'fragment' }, { kind: 'span' }, { kind: 'pause' }, { kind: 'item' }),
  fc.integer({ min: 1, max: 6 }).map((step): Marked => ({ kind: 'step', step })),
);

function slideSource(items: (Marked | 'plain')[]): string {
  const blocks = items.map((item, k) => {
    if (item === 'plain') return `plain ${k}`;
    switch (item.kind) {
      case 'fragment':
        return `fragment ${k} {.fragment}`;
      case 'span':
        return `words and [span ${k}]{.fragment}`;
      case 'pause':
        return '. . .';
      case 'item':
        return `- item ${k} {.fragment}`;
      case 'step':
        return `stepped ${k} {step=${item.step}}`;
    }
  });
  return `## Slide\n\n${blocks.join('\n\n')}\n`;
}

/** The step each marked item asks for: `step=N` is N, anything else the step after the previous one. */
function intendedSteps(items: (Marked | 'plain')[]): number[] {
  let previous = 0;
  const steps: number[] = [];
  for (const item of items) {
    if (item === 'plain') continue;
    previous = item.kind === 'step' ? item.step : previous + 1;
    steps.push(previous);
  }
  return steps;
}

/** data-fragment-index of each fragment, in document (pre-)order, as reveal.js finds them. */
function fragmentIndices(html: string): number[] {
  const indices: number[] = [];
  const walk = (node: Node) => {
    if (!('tagName' in node)) return;
    const element = node as Element;
    const attr = (name: string) => element.attrs.find((a) => a.name === name)?.value;
    if ((attr('class') ?? '').split(/\s+/).includes('fragment')) indices.push(Number(attr('data-fragment-index')));
    for (const child of element.childNodes) walk(child);
  };
  for (const child of parseFragment(html).childNodes) walk(child);
  return indices;
}

describe('step indices', () => {
  it('follow the order the author wrote, with no empty step', () => {
    fc.assert(
      fc.property(fc.array(marked, { minLength: 1, maxLength: 12 }), (items) => {
        const deck = compileDeck(slideSource(items), { katex });
        expect(deck.slides).toHaveLength(1);
        const slide = deck.slides[0]!;
        const indices = fragmentIndices(slide.html);
        const intended = intendedSteps(items);
        expect(indices).toHaveLength(intended.length);
        // Same order: one appears before, with, or after another exactly as the author asked.
        for (let a = 0; a < intended.length; a++) {
          for (let b = a + 1; b < intended.length; b++) {
            expect(Math.sign(indices[a]! - indices[b]!), `items ${a} and ${b} of ${JSON.stringify(items)}`).toBe(Math.sign(intended[a]! - intended[b]!));
          }
        }
        // reveal.js steps 0, 1, 2, …: every index up to the last is used, so no click shows nothing.
        const used = new Set(indices);
        expect([...used].sort((x, y) => x - y)).toEqual([...Array(used.size).keys()]);
        expect(slide.steps).toHaveLength(used.size + 1);
      }),
      { numRuns: RUNS },
    );
  });
});

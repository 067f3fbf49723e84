// Pathological inputs: each must compile (what `npm run check` and the build run) without
// throwing, in time, and linearly: the full size may take at most RATIO times as long as a
// quarter of it (linear is 4×, quadratic 16×). Times are not compared to any absolute budget
// beyond the test timeout: the machine is shared (speed budgets live in `npm run bench`).
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { compileDeck, countFrames, renderDocument, type Deck } from '../../src/core/index.ts';
import { PATHOLOGICAL } from './pathological.ts';

const RATIO = 10;
/** Below this, a run is too short for its ratio to mean anything on a loaded machine. */
const NOISE_MS = 400;

function timeCompile(source: string): { ms: number; deck: Deck; html: string } {
  const start = performance.now();
  const deck = compileDeck(source, { file: 'deck.md', katex });
  const html = renderDocument('<!--deck:slides-->', deck);
  return { ms: performance.now() - start, deck, html };
}

/** Extra checks on what some of the full-size inputs give. */
const EXPECT: Record<string, (deck: Deck) => void> = {
  '20,000 slides with steps, notes and replacements': (deck) => {
    expect(deck.slides.length).toBe(20_000);
    expect(deck.diagnostics).toEqual([]);
    // Each slide: step 0, {.fragment}, {step=2}, the replacement, the pause.
    expect(countFrames(deck)).toBe(20_000 * 5);
  },
  '10,000 pauses': (deck) => {
    // Each pause is one more step, even though past 32 they are no longer nested in the HTML.
    expect(countFrames(deck)).toBe(10_001);
  },
  '10,000 misspelled markers on one line': (deck) => {
    // A flood of mistakes is cut off with one last diagnostic.
    expect(deck.diagnostics.length).toBe(201);
    expect(deck.diagnostics.map((d) => d.message)).toContain('too many problems; stopped after 200');
  },
};

describe('pathological inputs finish, linearly', () => {
  // The cheap ones are timed three times (the fastest run counts), so a pause of the machine or
  // of the garbage collector is not taken for the loader's own time; the 20,000 slides once.
  for (const [name, { build, size }] of Object.entries(PATHOLOGICAL)) {
    it(name, () => {
      const fullSource = build(size);
      const quarterSource = build(size / 4);
      let full = timeCompile(fullSource);
      let quarter = timeCompile(quarterSource).ms;
      for (let run = 1; run < 3 && full.ms < 3000; run++) {
        quarter = Math.min(quarter, timeCompile(quarterSource).ms);
        const again = timeCompile(fullSource);
        if (again.ms < full.ms) full = again;
      }
      expect(full.deck.slides.length).toBeGreaterThan(0);
      expect(full.html.length).toBeGreaterThan(0);
      EXPECT[name]?.(full.deck);
      if (full.ms > NOISE_MS) expect(full.ms / Math.max(quarter, 1), `${quarter.toFixed(0)} ms → ${full.ms.toFixed(0)} ms`).toBeLessThan(RATIO);
    }, 240_000);
  }
});

describe('what is not Markdown at all', () => {
  it('still compiles', () => {
    for (const source of ['', '\u0000\u0001\u0002', '\r\n\r\n---\r\n', '\uFEFF---\n---\n', '{'.repeat(10_000), '['.repeat(10_000) + ']'.repeat(10_000), '*'.repeat(10_000), '`'.repeat(10_000)]) {
      expect(() => renderDocument('<!--deck:slides-->', compileDeck(source, { katex }))).not.toThrow();
    }
  });
});

// (npm run check and vite build on the valid ones: robustness-build.test.ts, a file of its own so
// that vitest runs it beside this one.)

// The bench's synthetic deck compiles to exactly what it did before the loader was made faster:
// the snapshot (tests/fixtures/snapshots/synthetic-50.json) was written by the loader as it was,
// so a speed-up that changes any HTML, step, note or diagnostic fails here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/core/index.ts';
import { SYNTHETIC_FIGURE, syntheticDeck } from '../../bench/loader.ts';

const SNAPSHOT = path.join(import.meta.dirname, '../fixtures/snapshots/synthetic-50.json');

describe('the synthetic deck of 50 slides', () => {
  it('compiles to the committed deck model', () => {
    const deck = compileDeck(syntheticDeck(50), { file: 'bench/synthetic-50.md', readAsset: () => SYNTHETIC_FIGURE });
    expect(JSON.parse(JSON.stringify(deck))).toEqual(JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
  });

  it('compiles the same twice in one process (nothing cached across compiles changes the output)', () => {
    const compile = () => compileDeck(syntheticDeck(50), { file: 'bench/synthetic-50.md', readAsset: () => SYNTHETIC_FIGURE });
    expect(compile()).toEqual(compile());
  });
});

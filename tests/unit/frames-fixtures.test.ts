// The text export on decks made for it (tests/fixtures/frames/*.txt): one test per case, named by
// the line of its header. The talk's own export is held by tests/unit/talk.test.ts.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck, deckFrames, framesToText } from '../../src/core/index.ts';
import { readFixtures } from './fixture-file.ts';

const dir = path.join(import.meta.dirname, '../fixtures/frames');

for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
  describe(file, () => {
    for (const c of readFixtures(path.join(dir, file))) {
      it(`line ${c.line}: ${c.header}`, () => {
        const deck = compileDeck(c.input, { file });
        expect(deck.diagnostics).toEqual([]);
        expect(framesToText(deckFrames(deck))).toBe(c.expected);
      });
    }
  });
}

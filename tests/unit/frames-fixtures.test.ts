// The text export on decks made for it (tests/fixtures/frames/*.txt): one test per case, named by
// the line of its header. The talk's own export is held by tests/unit/talk.test.ts.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck, deckFrames, framesToText } from '../../src/core/index.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import { readFixtures } from './fixture-file.ts';
import { scholarlyFor } from './scholarly.ts';

const dir = path.join(import.meta.dirname, '../fixtures/frames');
const scholarly = await scholarlyFor(readdirSync(dir).filter((f) => f.endsWith('.txt')).flatMap((file) => readFixtures(path.join(dir, file))));

for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
  describe(file, () => {
    for (const c of readFixtures(path.join(dir, file))) {
      it(`line ${c.line}: ${c.header}`, () => {
        const deck = compileDeck(c.input, { file, readAsset: readAssetFromDisk(file, dir), ...scholarly });
        expect(deck.diagnostics).toEqual([]);
        expect(framesToText(deckFrames(deck))).toBe(c.expected);
      });
    }
  });
}

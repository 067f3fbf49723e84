// One test per fixture case, named by the line of its header.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/core/index.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import { readFixtures } from './fixture-file.ts';
import { abbreviateKatex } from './katex-html.ts';
import { highlighterFor } from './highlighter.ts';
import { scholarlyFor } from './scholarly.ts';

const dir = path.join(import.meta.dirname, '../fixtures/loader');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
// Code is coloured as the build colours it.
const highlighter = await highlighterFor(files.flatMap((file) => readFixtures(path.join(dir, file))));
// Citations and diagrams, read and drawn as the build does.
const scholarly = await scholarlyFor(files.flatMap((file) => readFixtures(path.join(dir, file))));

for (const file of files) {
  describe(file, () => {
    for (const c of readFixtures(path.join(dir, file))) {
      it(`line ${c.line}: ${c.header}`, () => {
        const deck = compileDeck(c.input, { file, readAsset: readAssetFromDisk(file, dir), highlighter, ...scholarly });
        // (KaTeX's own HTML is shortened to its text and its stepped parts: katex-html.ts.)
        expect(abbreviateKatex(deck.slides.map((s) => s.html).join(''))).toBe(c.expected);
      });
    }
  });
}

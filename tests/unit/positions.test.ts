// No diagnostic lands at 1:1 unless its cause is there: 1:1 is where a locating helper falls back
// when it lost the token's line (a table cell has no source map of its own), so a message there
// about something else is a position bug. Scans every case of the fixture corpus.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/core/index.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import { readFixtures } from './fixture-file.ts';

/** Causes that are about what starts at line 1: the first slide itself, or the whole file. */
const ABOUT_THE_START = [/^slide 1 has no heading/, /^empty slide/, /^front matter must be a mapping/, /^front matter is never closed/, /^file not found$/];

const root = path.join(import.meta.dirname, '../fixtures');

describe('diagnostics of the fixture corpus are where their cause is', () => {
  for (const folder of ['diagnostics', 'loader']) {
    for (const file of readdirSync(path.join(root, folder)).filter((f) => f.endsWith('.txt'))) {
      it(`${folder}/${file}: nothing at 1:1 but what starts there`, () => {
        const misplaced: string[] = [];
        for (const c of readFixtures(path.join(root, folder, file))) {
          const deck = compileDeck(c.input, { file: 'deck.md', readAsset: readAssetFromDisk(file, path.join(root, folder)) });
          for (const d of deck.diagnostics) {
            if (d.line === 1 && d.column === 1 && !ABOUT_THE_START.some((cause) => cause.test(d.message))) misplaced.push(`line ${c.line} (${c.header}): ${d.message}`);
          }
        }
        expect(misplaced).toEqual([]);
      });
    }
  }
});

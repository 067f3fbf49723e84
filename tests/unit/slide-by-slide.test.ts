// compileDeck takes a deck through markdown-it's chain one slide at a time, each slide's lines on
// their own (src/core/compile.ts). That must change nothing: every deck compiles to the same model
// as the whole deck in one md.parse (compileWholeDeck, what a user of createMarkdown() gets).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDeck, compileWholeDeck, type CompileOptions } from '../../src/core/compile.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import { SYNTHETIC_FIGURE, syntheticDeck } from '../../bench/loader.ts';
import { readFixtures } from './fixture-file.ts';
import { deckSource } from './random-deck.ts';

const ROOT = path.join(import.meta.dirname, '../..');
const FIGURE = '<svg xmlns="http://www.w3.org/2000/svg"><title>A ladder</title><desc>A ladder, drawn.</desc><g data-step="2" id="rung"><path d="M0 0"/></g></svg>';

function expectSameSlideBySlide(source: string, options: CompileOptions): void {
  expect(compileDeck(source, options)).toEqual(compileWholeDeck(source, options));
}

describe('compiling slide by slide', () => {
  it('the talk', () => {
    const file = 'slides/collaborations-in-ml.md';
    const whole = compileWholeDeck(readFileSync(path.join(ROOT, file), 'utf8'), { file, readAsset: readAssetFromDisk(file, ROOT) });
    expect(whole.slides.length).toBeGreaterThan(10);
    expectSameSlideBySlide(readFileSync(path.join(ROOT, file), 'utf8'), { file, readAsset: readAssetFromDisk(file, ROOT) });
  });

  it('the bench’s synthetic deck (figures with steps, notes, replace, pauses)', () => {
    expectSameSlideBySlide(syntheticDeck(40), { file: 'synthetic.md', readAsset: () => SYNTHETIC_FIGURE });
  });

  for (const kind of ['loader', 'diagnostics']) {
    const dir = path.join(ROOT, 'tests/fixtures', kind);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      it(`every case of tests/fixtures/${kind}/${name}`, () => {
        for (const c of readFixtures(path.join(dir, name))) {
          const file = `tests/fixtures/${kind}/deck.md`;
          const readAsset = kind === 'loader' ? readAssetFromDisk(file, ROOT) : (p: string) => (p.endsWith('.svg') ? FIGURE : p === 'photo.png' ? 'PNG' : undefined);
          expectSameSlideBySlide(c.input, { file, readAsset });
        }
      });
    }
  }

  it('random decks made of the deck’s syntax, right and wrong', () => {
    fc.assert(
      fc.property(deckSource, (source) => {
        expectSameSlideBySlide(source, { file: 'deck.md', readAsset: (p) => (p.endsWith('.svg') ? FIGURE : undefined) });
      }),
      { numRuns: 300 },
    );
  });

  it('decks with many slides: repeated titles, empty slides, a leading ---, link references', () => {
    const decks = [
      '---\n\n## A\n\n---\n\n## A\n\n---\n\n---\n\n## B [x]\n\n---\n\n## A\n\n[x]: https://example.org\n',
      '## A\n\n---\n---\n---\n\n## A {.fragment}\n\n---\n\ntext\n\n---\n\n::: notes\nonly notes\n:::\n\n---\n\n## [ref]\n\n[ref]: https://example.org/r\n',
      '## Uses\n\n[quoted] and [listed]\n\n---\n\n## B\n\n---\n\n## C\n\n> [quoted]: https://example.org/q\n\n- [listed]: https://example.org/l\n',
      '---\ntitle: T\n---\n\n## One\n\n---\n\n## Two\n\n- a {.fragment}\n- b\n\n---\n\n- list\n---\n\n## Three\n\n```\n---\n```\n\n---\n\n> quote\n> ---\n',
    ];
    for (const source of decks) expectSameSlideBySlide(source, { file: 'deck.md' });
  });
});

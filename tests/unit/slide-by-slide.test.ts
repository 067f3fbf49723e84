// compileDeck takes a deck through markdown-it's chain one slide at a time, each slide's lines on
// their own (src/core/compile.ts). That must change nothing: every deck compiles to the same model
// as the whole deck in one md.parse (compileWholeDeck, what a user of createMarkdown() gets).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { compileDeck, compileWholeDeck, createDeckCompiler, type CompileOptions } from '../../src/core/compile.ts';
import { createEnv, deckShared } from '../../src/core/env.ts';
import { blockParser } from '../../src/core/markdown.ts';
import { splitAfterEdit, splitDeck } from '../../src/core/split.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import { SYNTHETIC_FIGURE, syntheticDeck } from '../../bench/loader.ts';
import { readFixtures } from './fixture-file.ts';
import { deckSource } from './random-deck.ts';
import { scholarlyFor } from './scholarly.ts';

const ROOT = path.join(import.meta.dirname, '../..');
const FIGURE = '<svg xmlns="http://www.w3.org/2000/svg"><title>A ladder</title><desc>A ladder, drawn.</desc><g data-step="2" id="rung"><path d="M0 0"/></g></svg>';

function expectSameSlideBySlide(source: string, options: CompileOptions): void {
  expect(compileDeck(source, options)).toEqual(compileWholeDeck(source, options));
}

const scholarly = await scholarlyFor(['```mermaid ```dot']);

describe('compiling slide by slide', () => {
  it('the talk', () => {
    const file = 'slides/collaborations-in-ml.md';
    const whole = compileWholeDeck(readFileSync(path.join(ROOT, file), 'utf8'), { file, readAsset: readAssetFromDisk(file, ROOT), katex });
    expect(whole.slides.length).toBeGreaterThan(10);
    expectSameSlideBySlide(readFileSync(path.join(ROOT, file), 'utf8'), { file, readAsset: readAssetFromDisk(file, ROOT), katex });
  });

  it('the bench’s synthetic deck (figures with steps, notes, replace, pauses)', () => {
    expectSameSlideBySlide(syntheticDeck(40), { file: 'synthetic.md', readAsset: () => SYNTHETIC_FIGURE, katex });
  });

  for (const kind of ['loader', 'diagnostics']) {
    const dir = path.join(ROOT, 'tests/fixtures', kind);
    // Footnotes are a slide's own only when the slide is parsed on its own: markdown-it-footnote,
    // given the whole deck at once, numbers them over the deck and lists them at its end.
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt') && f !== 'footnotes.txt')) {
      it(`every case of tests/fixtures/${kind}/${name}`, () => {
        for (const c of readFixtures(path.join(dir, name))) {
          const file = `tests/fixtures/${kind}/deck.md`;
          const fromDisk = readAssetFromDisk(file, ROOT);
          const readAsset = kind === 'loader' ? fromDisk : (p: string) => (p.endsWith('.svg') ? FIGURE : p === 'photo.png' ? 'PNG' : /\.(bib|json)$/.test(p) ? fromDisk(p) : undefined);
          expectSameSlideBySlide(c.input, { file, readAsset, ...scholarly });
        }
      });
    }
  }

  it('random decks made of the deck’s syntax, right and wrong', () => {
    fc.assert(
      fc.property(deckSource, (source) => {
        // (Footnotes, `[^1]` or inline `^[…]`, differ on purpose, as in the fixtures above; the
        // generator can put a `^` before a `[`: seen as "^[]\n", one run in six.)
        fc.pre(!/\^\[|\[\^/.test(source));
        expectSameSlideBySlide(source, { file: 'deck.md', katex, readAsset: (p) => (p.endsWith('.svg') ? FIGURE : undefined) });
      }),
      { numRuns: 300 },
    );
  });

  it('formulas: equations numbered across slides, referred to from before and after, with steps inside', () => {
    const decks = [
      '---\ntitle: T\nmacros: {"\\\\R": "\\\\mathbb{R}"}\n---\n\nSee @eq-c and @eq-a.\n\n## One $\\R$\n\n$$ a = \\step{1} $$ {#eq-a}\n\n---\n\n## Two\n\n@eq-b, @eq-nope\n\n$$\n\\begin{aligned}\nb &= 1 \\\\\n\\step &= 2\n\\end{aligned}\n$$ {#eq-b .fragment}\n\n---\n\n## Three\n\n$$ c $$ {#eq-c}\n\n$$ c $$ {#eq-c}\n',
    ];
    for (const source of decks) expectSameSlideBySlide(source, { file: 'deck.md', katex });
    const deck = compileDeck(decks[0]!, { file: 'deck.md', katex });
    expect(deck.slides[0]!.html).toContain('Eq.&nbsp;(3)');
    expect(deck.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('"@eq-nope"'), expect.stringContaining('"eq-c" is already used')]);
  });

  it('decks with many slides: repeated titles, empty slides, a leading ---, link references', () => {
    const decks = [
      '---\n\n## A\n\n---\n\n## A\n\n---\n\n---\n\n## B [x]\n\n---\n\n## A\n\n[x]: https://example.org\n',
      '## A\n\n---\n---\n---\n\n## A {.fragment}\n\n---\n\ntext\n\n---\n\n::: notes\nonly notes\n:::\n\n---\n\n## [ref]\n\n[ref]: https://example.org/r\n',
      '## Uses\n\n[quoted] and [listed]\n\n---\n\n## B\n\n---\n\n## C\n\n> [quoted]: https://example.org/q\n\n- [listed]: https://example.org/l\n',
      '---\ntitle: T\n---\n\n## One\n\n---\n\n## Two\n\n- a {.fragment}\n- b\n\n---\n\n- list\n---\n\n## Three\n\n```\n---\n```\n\n---\n\n> quote\n> ---\n',
    ];
    for (const source of decks) expectSameSlideBySlide(source, { file: 'deck.md', katex });
  });
});

describe('compiling again after an edit (the dev server: createDeckCompiler)', () => {
  // An edit: text put in at some place of the deck (a word, a marker, a line, a slide break, a
  // heading, a character no font draws, a figure), or the figure's file changed on disk.
  const INSERTS = [
    'x', ' {.fragment}', '\n', '\n---\n', '\n## Same\n', ' ψ', ' 😀', '\n![f](figures/a.svg)\n', '\n\n. . .\n\n', '\n::: notes\nn\n:::\n', '{.fragmnt}', '[r]: https://example.org\n',
    // Formulas: a reference to an equation, and equations that number (or renumber) it from anywhere in the deck.
    ' $x^2$', ' @eq-a', '\n\n$$ a = \\step{1} $$ {#eq-a}\n\n', '\n\n$$ b $$ {#eq-b}\n\n', '$$',
    // Numbered figures: a reference, and figures that number (or renumber) it.
    ' @fig-a', '\n\n![A](figures/a.svg){#fig-a}\n\n', '\n\n![B](figures/a.svg){#fig-b .fragment}\n\n',
    // Bracketed references, and slides that animate into each other (or alone: a warning).
    ' [-@fig-a; @eq-b]', '\n## Moves {auto-animate=true}\n', '\n---\n\n## Moves {auto-animate=true}\n',
  ];
  const FIGURES = [FIGURE, FIGURE.replace('A ladder', 'A rope'), '<svg xmlns="http://www.w3.org/2000/svg"><g id="rung" class="fragment"/></svg>'];

  it('gives what a first compile gives, whatever was edited', () => {
    fc.assert(
      fc.property(deckSource, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INSERTS), fc.nat(2)), { minLength: 1, maxLength: 4 }), (source, edits) => {
        let figure = FIGURES[0]!;
        const options: CompileOptions = { file: 'deck.md', katex, readAsset: (p) => (p.endsWith('.svg') ? figure : undefined) };
        const compile = createDeckCompiler();
        expect(compile(source, options)).toEqual(compileDeck(source, options));
        let edited = source;
        for (const [at, insert, figureVersion] of edits) {
          const offset = at % (edited.length + 1);
          edited = edited.slice(0, offset) + insert + edited.slice(offset);
          figure = FIGURES[figureVersion]!;
          expect(compile(edited, options)).toEqual(compileDeck(edited, options));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('typing at the very end of a deck with no closing newline is kept (found by the property above)', () => {
    const options: CompileOptions = { file: 'deck.md', katex, readAsset: () => undefined };
    const compile = createDeckCompiler();
    for (const source of ['\nx', '\nxx', '\nxxy', '\nxx']) expect(compile(source, options)).toEqual(compileDeck(source, options));
  });

  it('compiles again only the slide an edit is in', () => {
    const source = Array.from({ length: 30 }, (_, i) => `## Slide ${i}\n\n- a {.fragment}\n- b ψ\n`).join('\n---\n\n');
    let reads = 0;
    const options: CompileOptions = { file: 'deck.md', katex, readAsset: () => (reads++, undefined) };
    const compile = createDeckCompiler();
    const first = compile(source, options);
    const edited = source.replace('## Slide 15\n\n- a', '## Slide 15\n\n- a, edited');
    const second = compile(edited, options);
    expect(second).toEqual(compileDeck(edited, options));
    // The same objects where nothing changed: those slides were not compiled again.
    expect(second.slides.filter((slide, i) => slide === first.slides[i]).length).toBe(29);
    expect(second.slides[15]).not.toBe(first.slides[15]);
  });

  it('compiles a slide again when what it shares with the slides before it changed', () => {
    let figure = FIGURE;
    const options: CompileOptions = { file: 'deck.md', katex, readAsset: (p) => (p.endsWith('.svg') ? figure : undefined) };
    const same = (compile: ReturnType<typeof createDeckCompiler>, source: string) => expect(compile(source, options)).toEqual(compileDeck(source, options));
    const cases: [string, string, () => void][] = [
      // Slide ids: the last slide's id is "a-2" until the first slide is no longer "A".
      ['## A\n\n---\n\n## B\n\n---\n\n## A\n', '## C\n\n---\n\n## B\n\n---\n\n## A\n', () => {}],
      // A figure's ids count its uses.
      ['## A\n\n![f](f.svg)\n\n---\n\n## B\n\n![f](f.svg)\n', '## A\n\n---\n\n## B\n\n![f](f.svg)\n', () => {}],
      // A character no font draws is reported once, where it is first written.
      ['## A ψ\n\n---\n\n## B ψ\n', '## A\n\n---\n\n## B ψ\n', () => {}],
      // The figure's file changed on disk.
      ['## A\n\n![f](f.svg)\n', '## A\n\n![f](f.svg)\n', () => (figure = FIGURE.replace('A ladder', 'A rope'))],
      // An equation's number, shown by a slide before it: an equation added on a later slide renumbers it.
      ['## A\n\nSee @eq-b.\n\n---\n\n## B\n\n$$ b $$ {#eq-b}\n', '## A\n\nSee @eq-b.\n\n---\n\n## B\n\n$$ a $$ {#eq-a}\n\n$$ b $$ {#eq-b}\n', () => {}],
      // …or takes its label away (the reference is then an error), or gives it back.
      ['## A\n\nSee @eq-b.\n\n---\n\n## B\n\n$$ b $$ {#eq-b}\n', '## A\n\nSee @eq-b.\n\n---\n\n## B\n\n$$ b $$\n', () => {}],
      ['## A\n\n$$ b $$ {#eq-b}\n\n---\n\n## B\n\n$$ b $$ {#eq-b}\n', '## A\n\n$$ b $$\n\n---\n\n## B\n\n$$ b $$ {#eq-b}\n', () => {}],
      // A figure's number, the same: a figure added on a later slide renumbers it; a label taken away makes the reference an error.
      ['## A\n\nSee @fig-b.\n\n---\n\n## B\n\n![b](f.svg){#fig-b}\n', '## A\n\nSee @fig-b.\n\n---\n\n## B\n\n![a](f.svg){#fig-a}\n\n![b](f.svg){#fig-b}\n', () => {}],
      ['## A\n\nSee @fig-b.\n\n---\n\n## B\n\n![b](f.svg){#fig-b}\n', '## A\n\nSee @fig-b.\n\n---\n\n## B\n\n![b](f.svg)\n', () => {}],
      // Whether a slide animates into a neighbour: the neighbour gains or loses auto-animate=true, or another id.
      ['## A {auto-animate=true}\n\n---\n\n## B\n', '## A {auto-animate=true}\n\n---\n\n## B {auto-animate=true}\n', () => {}],
      ['## A {auto-animate=true}\n\n---\n\n## B {auto-animate=true}\n', '## A {auto-animate=true}\n\n---\n\n## B {auto-animate=true auto-animate-id=b}\n', () => {}],
    ];
    for (const [before, after, change] of cases) {
      figure = FIGURE;
      const compile = createDeckCompiler();
      same(compile, before);
      change();
      same(compile, after);
    }
  });

  it('after an edit inside a line, reuses where the slides are only when a new block parse finds the same', () => {
    const blocks = blockParser();
    const split = (text: string) => {
      const env = createEnv('deck.md');
      const result = splitDeck(blocks, text, env);
      return { text, split: result, diagnostics: env.diagnostics, shared: deckShared(env).recording() };
    };
    const WORDS = ['x', ' word', '$', '|', '`', '```', '~~~', '<div>', ':::', '[a]: b', '{#eq-a}', ' ψ', '*', '#', '1.', '>', ' {.fragment}'];
    let reused = 0;
    fc.assert(
      fc.property(deckSource, fc.nat(), fc.constantFrom(...WORDS), (source, at, word) => {
        const offset = at % (source.length + 1);
        const edited = source.slice(0, offset) + word + source.slice(offset);
        const moved = splitAfterEdit(blocks, split(source), edited);
        if (!moved) return;
        reused++;
        expect(moved).toEqual(split(edited).split);
      }),
      { numRuns: 1000 },
    );
    // Edits that cannot change the slides are common: the property above is not vacuous.
    expect(reused).toBeGreaterThan(50);
    const deck = '## One\n\n- an item\n\n---\n\n## Two\n\nText here\n';
    expect(splitAfterEdit(blocks, split(deck), deck.replace('an item', 'an edited item'))).toBeDefined();
    // A container's name, a line's start, a formula, a new line: parsed again.
    for (const edited of [deck.replace('an item', 'an $x$ item'), deck.replace('Text here', 'Text\n---\nhere'), deck.replace('- an', '-an')]) {
      expect(splitAfterEdit(blocks, split(deck), edited)).toBeUndefined();
    }
  });
});

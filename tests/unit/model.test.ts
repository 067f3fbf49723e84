// The deck model: slides, steps with their source lines, notes and metadata.
import { describe, expect, it } from 'vitest';
import { compileDeck, countFrames, deckFrames, framesToText, renderDocument } from '../../src/core/index.ts';

const source = `---
title: "Talk:"
subtitle: the sequel
author: Ada
url: https://example.org/
links:
  - https://example.com/a
  - { label: Slides, href: https://example.com/s }
---

::: notes
Welcome.
:::

---

## One

- a
- b {.fragment}

. . .

c

::: notes
Say one.

And more.
:::

---

## Two

x {step=2}

y {step=1}
`;

describe('deck model', () => {
  const deck = compileDeck(source, { file: 'slides/t.md' });

  it('reads front matter into metadata', () => {
    expect(deck.meta).toMatchObject({
      title: 'Talk:',
      subtitle: 'the sequel',
      author: 'Ada',
      url: 'https://example.org/',
      lang: 'en',
      titleSlide: true,
      links: [
        { label: 'https://example.com/a', href: 'https://example.com/a' },
        { label: 'Slides', href: 'https://example.com/s' },
      ],
    });
    expect(deck.diagnostics).toEqual([]);
  });

  it('maps every slide and step to its source line', () => {
    expect(deck.slides.map((s) => [s.id, s.line])).toEqual([
      ['title', 1],
      ['one', 17],
      ['two', 34],
    ]);
    expect(deck.slides[1]!.steps).toEqual([
      { index: 0, line: 17 },
      { index: 1, line: 20 },
      { index: 2, line: 22 },
    ]);
    // Steps are numbered by {step=N}, so step 1 is the line of "y", step 2 the line of "x".
    expect(deck.slides[2]!.steps).toEqual([
      { index: 0, line: 34 },
      { index: 1, line: 38 },
      { index: 2, line: 36 },
    ]);
    expect(countFrames(deck)).toBe(7);
  });

  it('attaches speaker notes to their slide', () => {
    expect(deck.slides.map((s) => s.notes)).toEqual(['Welcome.', 'Say one.\nAnd more.', '']);
    expect(deck.slides[1]!.html).toContain('<aside class="notes">\n<p>Say one.</p>\n<p>And more.</p>\n</aside>');
  });

  it('lists what is visible at each step, notes excluded', () => {
    expect(deckFrames(deck).map((f) => f.lines)).toEqual([
      ['Talk:', '', 'the sequel', '', 'Ada', '', 'https://example.org/', '', 'https://example.com/a', '', 'Slides'],
      ['One', '', '  • a'],
      ['One', '', '  • a', '  • b'],
      ['One', '', '  • a', '  • b', '', 'c'],
      ['Two'],
      ['Two', '', 'y'],
      ['Two', '', 'x', '', 'y'],
    ]);
    expect(framesToText(deckFrames(deck)).split('\n').slice(0, 3)).toEqual(['1 of 7', '', 'Talk:']);
  });

  it('fills the page template', () => {
    const html = renderDocument('<html lang="%deck.lang%"><title>%deck.title%</title><div><!--deck:slides--></div>', deck);
    expect(html).toContain('<html lang="en"><title>Talk: the sequel</title>');
    expect(html.match(/<section /g)).toHaveLength(3);
  });

  it('is re-entrant: compiling twice gives the same deck', () => {
    expect(compileDeck(source, { file: 'slides/t.md' })).toEqual(deck);
  });
});

// Figures: what the figure plugin reports, and what reaches the frame text.
import { describe, expect, it } from 'vitest';
import { compileDeck, deckFrames } from '../../src/core/index.ts';

const SVG = `<svg viewBox="0 0 10 10"><title>T</title><desc>D</desc><text>always</text><text data-step="1">later</text></svg>`;
const compile = (markdown: string, files: Record<string, string>) => compileDeck(markdown, { file: 'deck.md', readAsset: (p) => files[p] });

describe('figure plugin', () => {
  it('puts the words of a figure in the frame text at their step', () => {
    const deck = compile('## S\n\n![f](f.svg)\n', { 'f.svg': SVG });
    expect(deck.diagnostics).toEqual([]);
    expect(deckFrames(deck).map((f) => f.lines.filter(Boolean))).toEqual([['S', 'always'], ['S', 'always', 'later']]);
  });

  it('reports a missing file at its line and column', () => {
    const deck = compile('## S\n\nsee\n\n  ![f](figs/none.svg)\n', {});
    expect(deck.diagnostics).toEqual([
      { file: 'deck.md', line: 5, column: 8, severity: 'error', message: expect.stringContaining('figure figs/none.svg: file not found') },
    ]);
  });

  it('requires a description, and a name from the alt text or <title>', () => {
    const deck = compile('## S\n\n![](f.svg)\n', { 'f.svg': '<svg><text>x</text></svg>' });
    expect(deck.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('needs a name'),
      expect.stringContaining('needs a <desc>'),
    ]);
  });

  it('leaves out what could run code or load from elsewhere, and says so', () => {
    const svg = `<svg><title>T</title><desc>D</desc><script>x()</script><rect onclick="x()"/><a href="https://e.org/"><text>x</text></a><style>*{}</style></svg>`;
    const deck = compile('## S\n\n![f](f.svg)\n', { 'f.svg': svg });
    expect(deck.diagnostics).toHaveLength(4);
    expect(deck.slides[0]!.html).not.toMatch(/script|onclick|https:|style/);
  });

  it('rejects a step that is not a whole number from 1', () => {
    const deck = compile('## S\n\n![f](f.svg)\n', { 'f.svg': SVG.replace('data-step="1"', 'data-step="0"') });
    expect(deck.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('data-step must be a whole number from 1, got "0"')]);
  });
});

describe('figure ids', () => {
  it('stay unique when one figure is used twice', () => {
    const svg = `<svg><title>T</title><desc>D</desc><marker id="m"/><path marker-end="url(#m)"/></svg>`;
    const html = compile('## A\n\n![f](f.svg)\n\n---\n\n## B\n\n![f](f.svg)\n', { 'f.svg': svg }).slides.map((s) => s.html).join('');
    expect(html.match(/ id="[^"]+"/g)).toEqual([' id="a"', ' id="figure-f-desc"', ' id="figure-f-m"', ' id="b"', ' id="figure-f-2-desc"', ' id="figure-f-2-m"']);
    expect(html).toContain('url(#figure-f-2-m)');
  });
});

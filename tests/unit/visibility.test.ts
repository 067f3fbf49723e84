// Visibility has one home (src/core/visibility.ts): the rules read any tree through a TreeReader,
// and the page carries each slide's step count from the model for the step counter.
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/core/index.ts';
import { formulaText } from '../../src/core/syntax/math/read-as.ts';
import { frameItems, frameText, isShownAt, REPEATED_DRAWING_CLASS, type TreeReader } from '../../src/core/visibility.ts';
import { stepsOf } from '../../src/runtime/slide-number.ts';
import { talk } from '../e2e/talk.ts';

/** A tree of plain objects: neither parse5 nor the DOM. */
type Plain = { tag?: string; text?: string; attrs?: Record<string, string>; children?: Plain[] };
const plainReader: TreeReader<Plain> = {
  tag: (node) => node.tag,
  text: (node) => node.text,
  attr: (node, name) => node.attrs?.[name],
  children: (node) => node.children ?? [],
};
const el = (tag: string, attrs: Record<string, string>, ...children: (Plain | string)[]): Plain => ({
  tag,
  attrs,
  children: children.map((child) => (typeof child === 'string' ? { text: child } : child)),
});

describe('what is visible at step k', () => {
  it('follows reveal.js: shown from its step, fade-out hides, fade-in-then-out shows at its step only, highlights always', () => {
    const at = (attrs: Record<string, string>) => [0, 1, 2, 3].map((step) => isShownAt(plainReader, el('p', attrs), step));
    expect(at({})).toEqual([true, true, true, true]);
    expect(at({ class: 'fragment', 'data-fragment-index': '1' })).toEqual([false, false, true, true]);
    expect(at({ class: 'fragment fade-out', 'data-fragment-index': '1' })).toEqual([true, true, false, false]);
    expect(at({ class: 'fragment fade-in-then-out', 'data-fragment-index': '1' })).toEqual([false, false, true, false]);
    expect(at({ class: 'fragment highlight-red', 'data-fragment-index': '0' })).toEqual([true, true, true, true]);
  });

  it("a feature's reader says what an element reads as (a formula: its TeX source), once; what is aria-hidden is not read", () => {
    const formula = (text: string, attrs: Record<string, string> = {}) =>
      el('span', { 'data-text': text, ...attrs }, el('math', {}, el('mi', {}, 'x')), el('span', { 'aria-hidden': 'true' }, 'x drawn'));
    const slide = el(
      'section',
      {},
      el('p', {}, 'So ', formula('$x$'), ' and ', el('span', {}, formula('$y$', { class: 'fragment fade-out', 'data-fragment-index': '0' }), formula('$y + z$', { class: 'fragment', 'data-fragment-index': '0' })), '.'),
    );
    expect(frameText(frameItems(plainReader, [slide], 0, [formulaText]))).toEqual(['So $x$ and $y$.']);
    expect(frameText(frameItems(plainReader, [slide], 1, [formulaText]))).toEqual(['So $x$ and $y + z$.']);
    // Without the formula's reader (a page without formulas never carries it), its MathML is read, once.
    expect(frameText(frameItems(plainReader, [slide], 0))).toEqual(['So x and x.']);
  });

  it('speaker notes are not read, an aside on the slide is; so is a paragraph of class "notes"; a repeated drawing is read once', () => {
    const slide = el(
      'section',
      {},
      el('p', { class: 'notes' }, 'Shown'),
      el('aside', { class: 'notes' }, el('p', {}, 'Only the speaker')),
      el('aside', { class: 'aside' }, el('p', {}, 'Source: a survey')),
      el('svg', {}, el('text', {}, 'Drawn')),
      el('svg', { class: `wide ${REPEATED_DRAWING_CLASS}` }, el('text', {}, 'Drawn')),
      el('style', {}, 'p {}'),
    );
    expect(frameText(frameItems(plainReader, [slide], 0))).toEqual(['Shown', '', 'Source: a survey', '', 'Drawn']);
  });

  it('reads any tree through its reader: lines, bullets, numbers and block breaks', () => {
    const slide = el(
      'section',
      {},
      el('h2', {}, 'Title'),
      el('ol', { start: '3' }, el('li', {}, 'three'), el('li', { class: 'fragment', 'data-fragment-index': '0' }, 'four'), el('li', {}, 'five')),
      el('aside', { class: 'notes' }, el('p', {}, 'not read')),
    );
    expect(frameText(frameItems(plainReader, [slide], 0))).toEqual(['Title', '', '  3. three', '  5. five']);
    expect(frameText(frameItems(plainReader, [slide], 1))).toEqual(['Title', '', '  3. three', '  4. four', '  5. five']);
  });
});

describe('the step count in the page', () => {
  const steps = (html: string) => Number(/^<section [^>]*\bdata-steps="(\d+)"/.exec(html)?.[1]);

  it('each <section> carries its slide step count from the model', () => {
    const deck = compileDeck('## A\n\n- a\n- b {.fragment}\n- c {step=3}\n\n---\n\n## B\n', { file: 'steps.md' });
    expect(deck.slides.map((slide) => steps(slide.html))).toEqual([3, 1]);
    expect(talk.slides.map((slide) => steps(slide.html))).toEqual(talk.slides.map((slide) => slide.steps.length));
  });

  it('the step counter reads it, not the fragments it finds in the DOM', () => {
    const section = { getAttribute: (name: string) => (name === 'data-steps' ? '3' : null), querySelectorAll: () => [] } as unknown as Element;
    expect(stepsOf(section)).toBe(3);
  });
});

// One rule for step numbers, wherever one is written; one API for a token with several steps.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/core/index.ts';
import { parseStep } from '../../src/core/steps/step-number.ts';

const SVG = (step: string) => `<svg viewBox="0 0 10 10"><title>T</title><desc>D</desc><text>always</text><text data-step="${step}">later</text></svg>`;
const compile = (markdown: string, files: Record<string, string> = {}) => compileDeck(markdown, { file: 'deck.md', readAsset: (p) => files[p] });
const messages = (markdown: string, files?: Record<string, string>) => compile(markdown, files).diagnostics.map((d) => d.message);

describe('a step number', () => {
  it('is a whole number from 1, in decimal digits', () => {
    expect(['1', '2', '10', '123'].map(parseStep)).toEqual([1, 2, 10, 123]);
    for (const written of ['0', '01', '-1', '+2', '1e1', '2.0', '0x2', ' 2', '2 ', '', 'two', '１']) expect(parseStep(written), JSON.stringify(written)).toBeUndefined();
  });

  it('means the same in a Markdown attribute, a container parameter and an SVG data-step', () => {
    for (const bad of ['1e1', '2.0', '0']) {
      expect(messages(`## A\n\nText {step=${bad}}\n`)).toEqual([`step must be a whole number from 1, got "${bad}"`]);
      expect(messages(`## A\n\n::: replace step=${bad}\nOne\n\nTwo\n:::\n`)).toEqual([`step must be a whole number from 1, got "${bad}"`]);
      expect(messages('## A\n\n![f](f.svg)\n', { 'f.svg': SVG(bad) })).toEqual([`figure f.svg: data-step must be a whole number from 1, got "${bad}"`]);
    }
  });

  it('a bad step of ::: replace is not half-read (step=2x is not step 2)', () => {
    const deck = compile('## A\n\nFirst {.fragment}\n\n::: replace step=3x\nOne\n\nTwo\n:::\n');
    expect(deck.diagnostics.map((d) => d.message)).toEqual(['step must be a whole number from 1, got "3x"']);
    // The replacement follows the step before it, as if no step were given.
    expect(deck.slides[0]!.steps).toHaveLength(3);
  });
});

describe('a figure’s parts are steps of its one token', () => {
  it('numbered in document order with the slide’s Markdown steps', () => {
    const svg = '<svg><title>T</title><desc>D</desc><g data-step="2"><text>b</text></g><g class="fragment"><text>c</text></g></svg>';
    const deck = compile('## A\n\nFirst {step=1}\n\n![f](f.svg)\n\nLast {.fragment}\n', { 'f.svg': svg });
    expect(deck.diagnostics).toEqual([]);
    const html = deck.slides[0]!.html;
    const indices = [...html.matchAll(/data-fragment-index="(\d+)"/g)].map((m) => Number(m[1]));
    expect(indices).toEqual([0, 1, 2, 3]);
    expect(deck.slides[0]!.steps).toHaveLength(5);
  });
});

describe('speaker notes after a pause', () => {
  // reveal.js's notes plugin shows an <aside class="notes"> only when `closest('.fragment')` is
  // null (or that fragment is current): the same test, on the HTML.
  it('the `npm run new` template’s notes are outside every step, so the presenter sees them from the start', () => {
    const template = readFileSync(path.join(import.meta.dirname, '../../scripts/templates/deck.md'), 'utf8');
    const deck = compile(template);
    const notes = deck.slides.flatMap((slide) => asides(parseFragment(slide.html)).map((aside) => [slide.id, aside] as const));
    expect(notes.length).toBeGreaterThan(0);
    for (const [id, aside] of notes) expect(insideFragment(aside), id).toBe(false);
  });
});

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function asides(root: Node): Element[] {
  const found: Element[] = [];
  const visit = (node: Node) => {
    if ('tagName' in node && node.tagName === 'aside' && classes(node).includes('notes')) found.push(node);
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return found;
}

function insideFragment(element: Element): boolean {
  for (let node: Node | null = element.parentNode; node && 'tagName' in node; node = node.parentNode) if (classes(node).includes('fragment')) return true;
  return false;
}

function classes(element: Element): string[] {
  return (element.attrs.find((a) => a.name === 'class')?.value ?? '').split(/\s+/);
}

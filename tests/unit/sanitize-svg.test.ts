// The figure sanitizer: every known SVG script vector (tests/fixtures/svg-vectors.ts) comes out
// with nothing that runs or loads, each removal reported at the image; what a picture needs stays.
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/core/index.ts';
import { ANIMATABLE, SVG_ATTRIBUTES, SVG_ELEMENTS } from '../../src/core/figures/svg-allowlist.ts';
import { SVG_VECTORS, vectorDeck } from '../fixtures/svg-vectors.ts';

type Element = DefaultTreeAdapterMap['element'];

const compile = (svg: string) => compileDeck(vectorDeck(), { file: 'deck.md', readAsset: (p) => (p === 'figures/vector.svg' ? svg : undefined) });

/** Every element of the slide's figure, with its attributes as `prefix:name` and value. */
function figureElements(html: string): Element[] {
  const out: Element[] = [];
  const visit = (node: DefaultTreeAdapterMap['node']) => {
    if ('tagName' in node && node.namespaceURI === 'http://www.w3.org/2000/svg') out.push(node);
    else if ('tagName' in node && node.tagName !== 'section' && node.tagName !== 'figure' && node.tagName !== 'h2') out.push(node);
    if ('childNodes' in node) node.childNodes.forEach(visit);
  };
  visit(parseFragment(html));
  return out;
}

const attributeName = (a: Element['attrs'][number]) => (a.prefix ? `${a.prefix}:${a.name}` : a.name).toLowerCase();

describe('known SVG script vectors', () => {
  for (const vector of SVG_VECTORS) {
    it(vector.name, () => {
      const deck = compile(vector.svg);
      const html = deck.slides[0]!.html;
      // Only allowlisted SVG elements; no handler, no link or url() other than to #id.
      for (const element of figureElements(html)) {
        expect(element.namespaceURI, `<${element.tagName}>`).toBe('http://www.w3.org/2000/svg');
        expect(SVG_ELEMENTS.has(element.tagName.toLowerCase()), `<${element.tagName}>`).toBe(true);
        for (const a of element.attrs) {
          const name = attributeName(a);
          expect(name, `<${element.tagName} ${name}>`).not.toMatch(/^on|^style$/);
          if (!name.startsWith('xmlns')) expect(a.value, `<${element.tagName} ${name}>`).not.toMatch(/script:|data:|evil\.test|\/\/|\\/i);
          if (/href$/.test(name)) expect(a.value).toMatch(/^#/);
          for (const url of a.value.matchAll(/url\(([^)]*)\)/gi)) expect(url[1]).toMatch(/^['"]?#/);
          if (name === 'attributename') expect(ANIMATABLE.has(a.value.trim().toLowerCase())).toBe(true);
        }
      }
      // Every removal is an error at the image (line 3, column 13), naming the figure.
      for (const d of deck.diagnostics) {
        expect(d).toMatchObject({ line: 3, column: 13, severity: 'error', message: expect.stringMatching(/^figure figures\/vector\.svg: /) });
      }
    });
  }

  it('each vector that had something to remove says so (all but the inert CDATA text)', () => {
    const silent = SVG_VECTORS.filter((v) => compile(v.svg).diagnostics.length === 0).map((v) => v.name);
    expect(silent).toEqual(['CDATA that closes the text']);
  });
});

describe('the allowlist', () => {
  const svg = (body: string, root = '') => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${root}><title>T</title><desc>D</desc>${body}</svg>`;
  const figure = (body: string, root = '') => {
    const deck = compile(svg(body, root));
    return { html: deck.slides[0]!.html, messages: deck.diagnostics.map((d) => d.message.replace('figure figures/vector.svg: ', '')) };
  };

  it('keeps what pictures use: shapes, text, gradients, markers, filters, same-figure references, safe animation', () => {
    const body =
      '<defs><linearGradient id="g" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="rgb(1 2 3)"/></linearGradient>' +
      '<marker id="m" refX="1" refY="1" markerWidth="4" markerHeight="4" orient="auto"><path d="M0 0 L2 1 Z"/></marker>' +
      '<filter id="f"><feGaussianBlur stdDeviation="1"/><feOffset dx="1" dy="1"/></filter><clipPath id="c"><circle r="3"/></clipPath></defs>' +
      '<g transform="translate(1 2) rotate(3)" clip-path="url(#c)" filter="url(#f)"><rect width="5" height="5" fill="url(#g)" stroke="currentColor" stroke-dasharray="1 2"/>' +
      '<path d="M0 0" marker-end="url(#m)"/><use href="#m" x="1"/><a href="#g"><text x="1" y="2" font-family="\'Atkinson\', sans-serif">words<tspan dy="1">more</tspan></text></a>' +
      '<circle r="1" opacity="calc(0.5)"><animate attributeName="r" values="1;2" dur="1s" repeatCount="indefinite"/><set attributeName="fill" to="red" begin="click"/></circle>' +
      '<animateTransform attributeName="transform" type="rotate" from="0" to="90" dur="1s"/></g>';
    const { html, messages } = figure(body, ' xmlns:xlink="http://www.w3.org/1999/xlink" aria-hidden="false"');
    expect(messages).toEqual([]);
    for (const kept of ['<linearGradient', 'gradientUnits=', 'stop-color="rgb(1 2 3)"', '<feGaussianBlur', '<feOffset', 'filter="url(#figure-vector-f)"', 'clip-path="url(#figure-vector-c)"', 'href="#figure-vector-m"', '<tspan', '<animate attributeName="r"', '<set attributeName="fill"', '<animateTransform', 'font-family=', 'opacity="calc(0.5)"']) {
      expect(html).toContain(kept);
    }
  });

  it('is an allowlist: an element or attribute it does not name goes, with an error each', () => {
    const { html, messages } = figure('<blink>x</blink><rect width="1" data-x="1" xml:base="https://e.org/" cursor="pointer"/><font-face-uri href="#x"/>');
    expect(messages).toEqual([
      '<blink> is not allowed in a figure (it was left out)',
      '<rect data-x> is not an attribute a figure may use (it was left out)',
      '<rect xml:base> is not an attribute a figure may use (it was left out)',
      '<rect cursor> is not an attribute a figure may use (it was left out)',
      '<font-face-uri> is not allowed in a figure (it was left out)',
    ]);
    expect(html).toContain('<rect width="1"></rect>');
  });

  it('an animation may change only what ANIMATABLE names', () => {
    const { messages } = figure('<rect><set attributeName="class" to="x"/><set attributeName="id" to="x"/><animate attributeName="fill" values="red;blue"/></rect>');
    expect(messages).toEqual([
      '<set attributeName="class"> is not allowed in a figure: an animation may only change shapes, positions and colours (it was left out)',
      '<set attributeName="id"> is not allowed in a figure: an animation may only change shapes, positions and colours (it was left out)',
    ]);
  });

  it('names every attribute kind it checks', () => {
    expect(new Set(SVG_ATTRIBUTES.values())).toEqual(new Set(['css', 'fragment', 'target', 'text', 'namespace']));
    for (const name of ['href', 'xlink:href', 'style', 'src', 'onload', 'onclick', 'onbegin', 'cursor']) expect(ANIMATABLE.has(name), name).toBe(false);
    for (const name of ['script', 'style', 'foreignobject', 'image', 'iframe', 'handler', 'listener', 'discard', 'cursor', 'font-face-uri']) {
      expect(SVG_ELEMENTS.has(name), name).toBe(false);
    }
  });
});

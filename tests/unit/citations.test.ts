// Citations and diagrams beyond the fixtures: the dev server's compiler follows edits of the .bib
// file (the slides that read it are compiled again), the reference list splits as it grows, no
// input makes them throw, and the pages that use none of it get none of their sheets.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck, countFrames, createDeckCompiler, formatDiagnostic } from '../../src/core/index.ts';
import { pageScholarly } from '../../src/vite/scholarly.ts';
import { topToBottom } from '../../src/core/syntax/diagram/index.ts';
import { scholarlyFor } from './scholarly.ts';

const ROOT = path.join(import.meta.dirname, '../..');
const BIB = readFileSync(path.join(ROOT, 'slides/guide.bib'), 'utf8');
const scholarly = await scholarlyFor(['```mermaid ```dot']);

const DECK = '---\nbibliography: refs.bib\n---\n\n## A\n\n[@he2016]\n\n---\n\n## B\n\nNo cites.\n';

describe('citations', () => {
  it('the dev server’s compiler follows an edit of the .bib file', () => {
    const compile = createDeckCompiler();
    let bib = BIB;
    const options = { file: 'slides/deck.md', readAsset: (p: string) => (p === 'refs.bib' ? bib : undefined), ...scholarly };
    const first = compile(DECK, options);
    expect(first.diagnostics).toEqual([]);
    expect(first.slides[0]!.html).toContain('Deep Residual Learning for Image Recognition');
    bib = BIB.replace('Deep Residual Learning for Image Recognition', 'Deep Residual Learning, Edited');
    const second = compile(DECK, options);
    expect(second.slides[0]!.html).toContain('Deep Residual Learning, Edited');
    expect(second.slides.at(-1)!.html).toContain('Deep Residual Learning, Edited');
    bib = BIB.replace('@inproceedings{he2016,', '@inproceedings{he2016b,');
    const third = compile(DECK, options);
    expect(third.diagnostics.map(formatDiagnostic)).toEqual(['slides/deck.md:7:3: error: unknown citation key "he2016"; did you mean "he2016b"? (the keys are in refs.bib)']);
    bib = BIB.replace('year      = {2016},\n  doi', 'year      = {2016}\n  doi');
    const fourth = compile(DECK, options);
    expect(fourth.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^slides\/refs\.bib:\d+:\d+: error: BibTeX syntax error/)]);
    bib = BIB;
    expect(compile(DECK, options)).toEqual(first);
  });

  it('the reference list continues over more slides as it grows, each key listed once', () => {
    const entries = Array.from({ length: 30 }, (_, i) => `@article{k${i}, title = {A title long enough to take a line or two of the list, number ${i}}, author = {Doe, Jane and Roe, Rick}, journal = {Journal}, year = {2020}, doi = {10.1/${i}}}`).join('\n');
    const cites = Array.from({ length: 30 }, (_, i) => `[@k${i}]`).join(' ');
    const deck = compileDeck(`---\nbibliography: r.bib\ncitation-style: numeric\n---\n\n## A\n\n${cites}\n`, { readAsset: () => entries, ...scholarly });
    const pages = deck.slides.filter((s) => s.id.startsWith('references'));
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.map((s) => s.title)).toEqual(pages.map((_, i) => (i === 0 ? 'References' : `References (${i + 1}/${pages.length})`)));
    const listed = pages.flatMap((s) => [...s.html.matchAll(/<li value="(\d+)"/g)].map((m) => Number(m[1])));
    expect(listed).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(deck.slides.map((s) => s.index)).toEqual(deck.slides.map((_, i) => i));
  });

  it('a slide that cites many gets shorter references in its footer (the reference slides keep them in full)', () => {
    const entries = Array.from({ length: 8 }, (_, i) => `@article{k${i}, title = {A title long enough to take a line or two of the list, number ${i}}, author = {Doe, Jane and Roe, Rick}, journal = {The Journal of Long Names}, year = {2020}, doi = {10.1/${i}}}`).join('\n');
    const few = compileDeck('---\nbibliography: r.bib\n---\n\n## A\n\n[@k0; @k1]\n', { readAsset: () => entries, ...scholarly });
    expect(few.slides[0]!.html).toContain('The Journal of Long Names');
    const many = compileDeck(`---\nbibliography: r.bib\n---\n\n## A\n\n[${Array.from({ length: 8 }, (_, i) => `@k${i}`).join('; ')}]\n`, { readAsset: () => entries, ...scholarly });
    const footer = /<footer class="cite-footer">.*<\/footer>/.exec(many.slides[0]!.html)![0];
    expect(footer).not.toContain('The Journal of Long Names');
    expect(footer.match(/<li>Doe and Roe \(2020\)\./g)).toHaveLength(8);
    expect(footer).toContain('href="https://doi.org/10.1/7"');
    expect(many.slides.at(-1)!.html).toContain('The Journal of Long Names');
  });

  it('nothing throws on broken bibliographies or diagrams', () => {
    const inputs = ['@article{', '@article{x, title = {', '[{"id": 1}]', '{}', '\u0000@@@', '@string{a = "b"} @article{k, title = a # "c"}'];
    for (const bib of inputs) {
      for (const file of ['r.bib', 'r.json']) {
        const deck = compileDeck(`---\nbibliography: ${file}\n---\n\n## A\n\n[@k] @x [-@] [@] [; @k,] \n\n\`\`\`mermaid\n${bib}\n\`\`\`\n\n\`\`\`dot\n${bib}\n\`\`\`\n`, { readAsset: () => bib, ...scholarly });
        expect(deck.slides.length).toBeGreaterThan(0);
      }
    }
  });

  it('only the pages with citations, footnotes or diagrams get their sheets', () => {
    expect(pageScholarly('<body><section><p>Plain</p></section>')).toEqual({ citations: false, diagrams: false });
    expect(pageScholarly('<body><p>x <span class="cite">(A, 2020)</span></p><footer class="cite-footer">')).toEqual({ citations: true, diagrams: false });
    expect(pageScholarly('<body><figure class="diagram diagram-dot">')).toEqual({ citations: false, diagrams: true });
    const talk = compileDeck(readFileSync(path.join(ROOT, 'slides/collaborations-in-ml.md'), 'utf8'));
    expect(pageScholarly(`<body>${talk.slides.map((s) => s.html).join('')}`)).toEqual({ citations: false, diagrams: false });
  });
});

describe('diagrams', () => {
  const cases: [string, string, string[]][] = [
    ['flowchart', 'flowchart TD\n  A[Start] --> B{Choice}\n  B -->|yes| C[Done]', ['Start', 'Choice', 'Done', 'yes']],
    ['sequence', 'sequenceDiagram\n  Alice->>Bob: Hello\n  Bob-->>Alice: Hi back', ['Alice', 'Bob', 'Hello', 'Hi back']],
    ['class', 'classDiagram\n  Animal <|-- Duck\n  Animal : +int age', ['Animal', 'Duck']],
    ['state', 'stateDiagram-v2\n  [*] --> Still\n  Still --> Moving\n  Moving --> [*]', ['Still', 'Moving']],
  ];
  for (const [kind, code, words] of cases) {
    it(`a Mermaid ${kind} diagram is an SVG with its words as text, and no style sheet or outside URL`, () => {
      const deck = compileDeck(`## A\n\n\`\`\`mermaid\n%% title: A ${kind} diagram\n${code}\n\`\`\`\n`, scholarly);
      expect(deck.diagnostics).toEqual([]);
      const html = deck.slides[0]!.html;
      expect(html).toContain('<figure class="diagram diagram-mermaid">');
      for (const word of words) expect(html).toMatch(new RegExp(`<text[^>]*>[^<]*${word}`));
      expect(html).not.toMatch(/<style|@import|https?:\/\/(?!www\.w3\.org)/);
    });
  }

  describe('a left-to-right diagram is also drawn top to bottom, for a phone', () => {
    const svgs = (html: string) => [...html.matchAll(/<svg\b[^>]*>/g)].map((m) => m[0]);
    const indices = (html: string, cls: string) => {
      const drawing = html.slice(html.indexOf(`class="${cls}"`)).split('</svg>')[0]!;
      return [...drawing.matchAll(/data-fragment-index="(\d+)"/g)].map((m) => m[1]).sort().join(' ');
    };
    it('a Mermaid flowchart LR: two drawings, the phone one narrower, with the same steps at the same places', () => {
      const lr = '```mermaid\n%% title: Three steps\nflowchart LR\n  A[Tokens] --> B(Attention)\n  B --> C[Output]\n  class B step1\n  class C step2\n```';
      const deck = compileDeck(`## A\n\n${lr}\n`, scholarly);
      expect(deck.diagnostics).toEqual([]);
      const html = deck.slides[0]!.html;
      const [wide, tall] = svgs(html);
      expect(svgs(html)).toHaveLength(2);
      expect(wide).toContain('class="diagram-wide"');
      expect(tall).toContain('class="diagram-tall"');
      expect(tall).toContain('aria-label="Three steps"');
      const aspect = (svg: string) => {
        const [, w, h] = /viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg)!;
        return Number(w) / Number(h);
      };
      expect(aspect(tall!)).toBeLessThan(aspect(wide!));
      // The same steps: nodes and edges appear together in both, and the model has no extra step.
      expect(indices(html, 'diagram-tall')).toBe(indices(html, 'diagram-wide'));
      expect(indices(html, 'diagram-wide')).not.toBe('');
      const alone = compileDeck(`## A\n\n${lr.replace('flowchart LR', 'flowchart TD')}\n`, scholarly);
      expect(deck.slides[0]!.steps).toEqual(alone.slides[0]!.steps);
      expect(countFrames(deck)).toBe(countFrames(alone));
      // No id twice in the page.
      const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
    });
    it('a Graphviz graph with rankdir=LR too; a top-to-bottom one or a sequence diagram is drawn once', () => {
      const dot = compileDeck('## A\n\n```dot {alt="A chain"}\ndigraph { rankdir=LR; a -> b -> c; b [class="step1"]; }\n```\n', scholarly);
      expect(dot.diagnostics).toEqual([]);
      expect(svgs(dot.slides[0]!.html)).toHaveLength(2);
      expect(indices(dot.slides[0]!.html, 'diagram-tall')).toBe(indices(dot.slides[0]!.html, 'diagram-wide'));
      for (const once of ['```dot {alt="A chain"}\ndigraph { a -> b -> c; }\n```', '```mermaid\n%% title: T\nflowchart TD\n  A --> B\n```', '```mermaid\n%% title: T\nsequenceDiagram\n  A->>B: LR\n```']) {
        const deck = compileDeck(`## A\n\n${once}\n`, scholarly);
        expect(deck.diagnostics).toEqual([]);
        expect(svgs(deck.slides[0]!.html)).toHaveLength(1);
        expect(deck.slides[0]!.html).not.toContain('diagram-wide');
      }
    });
    it('a problem is reported once, not once per drawing', () => {
      const deck = compileDeck('## A\n\n```mermaid\nflowchart LR\n  A --> B\n```\n', scholarly);
      expect(deck.diagnostics.map((d) => d.message)).toHaveLength(1);
    });
    it.each([
      ['mermaid', 'flowchart LR\n  A --> B', 'flowchart TD\n  A --> B'],
      ['mermaid', 'graph RL;\n  A --> B', 'graph TD;\n  A --> B'],
      ['mermaid', 'flowchart TD\n  subgraph S\n    direction LR\n  end', undefined],
      ['mermaid', 'sequenceDiagram\n  A->>B: flowchart LR', undefined],
      ['dot', 'digraph {\n  rankdir="LR"\n  a -> b\n}', 'digraph {\n  rankdir="LR"\n  a -> b\n\n  rankdir=TB;\n}'],
      ['dot', 'digraph { a -> b }', undefined],
      ['dot', 'digraph { rankdir=LR; a -> b } // trailing', undefined],
    ] as const)('topToBottom(%s, %j) is %j', (lang, code, expected) => {
      expect(topToBottom(lang, code)).toBe(expected);
    });
  });
});

// The render cache (src/node/render-cache.ts) and loadDeckWithCode's use of it: a deck compiled
// from the cache is the deck Shiki and the diagram renderers make, in a project whose cache is
// empty, filled, or out of date; a block the cache lacks is drawn, never left out.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/core/index.ts';
import { createCodeHighlighter } from '../../src/node/code-highlighter.ts';
import { loadDeckWithCode } from '../../src/node/read-deck.ts';
import { openRenderCache, packageVersion, RENDER_CACHE } from '../../src/node/render-cache.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'render-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('openRenderCache', () => {
  it('keeps entries across opens of the same version, and none across versions', () => {
    const file = path.join(root, 'unit', 'c.json');
    const a = openRenderCache<string>(file, 'v1');
    expect(a.get(['x', 'y'])).toBeUndefined();
    a.set(['x', 'y'], 'xy');
    a.save();
    expect(openRenderCache<string>(file, 'v1').get(['x', 'y'])).toBe('xy');
    // The parts are kept apart: ['x', 'y'] is not ['xy'].
    expect(openRenderCache<string>(file, 'v1').get(['xy'])).toBeUndefined();
    expect(openRenderCache<string>(file, 'v2').get(['x', 'y'])).toBeUndefined();
    // No version (a package not found): nothing is read or written.
    const none = openRenderCache<string>(path.join(root, 'unit', 'none.json'), undefined);
    none.set(['a'], 'b');
    none.save();
    expect(() => readFileSync(path.join(root, 'unit', 'none.json'))).toThrow();
  });

  it('starts empty on a damaged file', () => {
    const file = path.join(root, 'unit', 'bad.json');
    writeFileSync(file, '{not json');
    expect(openRenderCache<string>(file, 'v1').get(['x'])).toBeUndefined();
  });

  it('finds installed packages’ versions', () => {
    expect(packageVersion('shiki')).toMatch(/^\d+\.\d+\.\d+/);
    expect(packageVersion('beautiful-mermaid')).toMatch(/^\d+\.\d+\.\d+/);
    expect(packageVersion('no-such-package-here')).toBeUndefined();
  });
});

describe('loadDeckWithCode with the render cache', () => {
  const deck = [
    '## Code',
    '',
    '```ts',
    'const answer: number = 42;',
    '```',
    '',
    '---',
    '',
    '## Diagrams',
    '',
    '```mermaid',
    '%% title: Two boxes',
    'graph LR',
    '  A --> B',
    '```',
    '',
    '```dot',
    '// title: Two nodes',
    'digraph { a -> b }',
    '```',
    '',
    '- in a list',
    '',
    '  ```python',
    '  print("hi")',
    '  ```',
    '',
  ].join('\n');

  it('gives the same deck with the cache empty, filled, partly filled, and without it', async () => {
    mkdirSync(path.join(root, 'slides'), { recursive: true });
    writeFileSync(path.join(root, 'slides/deck.md'), deck);
    // Without the cache: a compiler of its own (as the dev server's) loads the renderers up front.
    const shiki = await createCodeHighlighter();
    const uncached = await loadDeckWithCode('slides/deck.md', shiki, root, (source, options) => compileDeck(source, options));
    expect(uncached.diagnostics).toEqual([]);
    expect(uncached.slides[0]!.html).toContain('style="--');
    expect(uncached.slides[1]!.html).toContain('<svg');
    const cold = await loadDeckWithCode('slides/deck.md', shiki, root);
    const files = ['code.json', 'diagrams.json'].map((f) => path.join(root, RENDER_CACHE, f));
    for (const file of files) expect(readFileSync(file, 'utf8').length).toBeGreaterThan(10);
    // Filled: a highlighter that never loads a grammar still gives the coloured deck.
    const unused = await createCodeHighlighter();
    const warm = await loadDeckWithCode('slides/deck.md', unused, root);
    expect(unused.languages).toEqual([]);
    expect(cold).toEqual(uncached);
    expect(warm).toEqual(uncached);
    // A block the cache does not have is drawn (and added).
    writeFileSync(path.join(root, 'slides/deck.md'), deck.replace('A --> B', 'A --> C'));
    const changed = await loadDeckWithCode('slides/deck.md', shiki, root);
    expect(changed.diagnostics).toEqual([]);
    expect(changed.slides[1]!.html).toContain('<svg');
    expect(changed.slides[1]!.html).not.toEqual(uncached.slides[1]!.html);
    expect(changed.slides[0]).toEqual(uncached.slides[0]);
    // A damaged cache is a cold one (another project: a process reads its cache once).
    const other = path.join(root, 'other');
    mkdirSync(path.join(other, 'slides'), { recursive: true });
    mkdirSync(path.join(other, RENDER_CACHE), { recursive: true });
    writeFileSync(path.join(other, 'slides/deck.md'), deck);
    for (const f of ['code.json', 'diagrams.json']) writeFileSync(path.join(other, RENDER_CACHE, f), 'garbage');
    expect(await loadDeckWithCode('slides/deck.md', shiki, other)).toEqual(uncached);
  }, 60_000);

  it('reads a bibliography from the cache as citation-js reads it, problems included', async () => {
    const bib = '@article{ha2018,\n  title = {World Models},\n  author = {Ha, David and Schmidhuber, J{\\"u}rgen},\n  year = {2018}\n}\n@article{ha2018,\n  title = {Twice}\n}\n';
    writeFileSync(path.join(root, 'slides/refs.bib'), bib);
    writeFileSync(path.join(root, 'slides/cites.md'), '---\nbibliography: refs.bib\n---\n\n## Cites\n\nAs shown [@ha2018], and [@nobody].\n');
    const shiki = await createCodeHighlighter();
    const uncached = await loadDeckWithCode('slides/cites.md', shiki, root, (source, options) => compileDeck(source, options));
    expect(uncached.slides[0]!.html).toContain('Ha');
    expect(uncached.diagnostics.length).toBeGreaterThan(0);
    const cold = await loadDeckWithCode('slides/cites.md', shiki, root);
    const warm = await loadDeckWithCode('slides/cites.md', shiki, root);
    expect(readFileSync(path.join(root, RENDER_CACHE, 'bibliography.json'), 'utf8')).toContain('World Models');
    expect(cold).toEqual(uncached);
    expect(warm).toEqual(uncached);
  }, 60_000);

  it('reports an unknown language as without the cache', async () => {
    writeFileSync(path.join(root, 'slides/unknown.md'), '## X\n\n```typescrpt\nlet a = 1;\n```\n');
    const shiki = await createCodeHighlighter();
    const uncached = await loadDeckWithCode('slides/unknown.md', shiki, root, (source, options) => compileDeck(source, options));
    const cached = await loadDeckWithCode('slides/unknown.md', shiki, root);
    expect(uncached.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('did you mean "typescript"')]);
    expect(cached).toEqual(uncached);
  }, 60_000);
});

// Layers point one way (/work/shared/STYLE.md, point 10): the site and its scripts never import the
// tests or the benchmark, the core stays pure, and no module imports itself through others.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importSpecifiers, readImportGraph, type ImportGraph } from './import-graph.ts';

const root = path.resolve(import.meta.dirname, '../..');
const graph = readImportGraph(root, ['src', 'scripts', 'tests', 'bench']);

/**
 * The one cycle known when this test was written: env.ts ↔ plugins/slide-batches.ts (type imports
 * only), which the loader's rework (issue 12, item 4) removes. Delete the entry with it.
 */
function crossings(from: (file: string) => boolean, to: (file: string) => boolean): string[] {
  return [...graph].flatMap(([file, edges]) =>
    from(file) ? edges.filter((e) => e.file !== undefined && to(e.file)).map((e) => `${file} imports ${e.specifier}`) : [],
  );
}

const under = (...folders: string[]) => (file: string) => folders.some((folder) => file.startsWith(`${folder}/`));

describe('the import graph', () => {
  it('is read from the sources (the reader sees every kind of import)', () => {
    expect(graph.get('scripts/export.ts')!.map((e) => e.file)).toContain('src/node/chromium.ts');
    expect(importSpecifiers("import a from './a.ts';\nimport type { B } from '../b.ts';\nexport { c } from './c.ts';\nimport './d.css';\nconst e = await import('./e.ts');\n// import f from './f.ts';\n")).toEqual([
      './a.ts',
      '../b.ts',
      './c.ts',
      './d.css',
      './e.ts',
    ]);
  });

  it('src/ and scripts/ import nothing from tests/ or bench/', () => {
    expect(crossings(under('src', 'scripts'), under('tests', 'bench'))).toEqual([]);
  });

  it('src/core imports only src/core and packages that know no Vite, DOM or file system', () => {
    expect(crossings(under('src/core'), (file) => !file.startsWith('src/core/'))).toEqual([]);
    const hostImports = [...graph]
      .filter(([file]) => under('src/core')(file))
      .flatMap(([file, edges]) => edges.filter((e) => /^(?:node:|vite$|fs$|path$)/.test(e.specifier)).map((e) => `${file} imports ${e.specifier}`));
    expect(hostImports).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles = findCycles(graph).map((cycle) => cycle.join(' → '));
    expect(cycles).toEqual([]);
  });

  it('the cycle finder finds a cycle, however long', () => {
    const edge = (file: string) => ({ file, specifier: `./${file}` });
    const looped: ImportGraph = new Map([
      ['a.ts', [edge('b.ts')]],
      ['b.ts', [edge('c.ts')]],
      ['c.ts', [edge('a.ts')]],
      ['d.ts', [edge('a.ts')]],
    ]);
    expect(findCycles(looped)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(findCycles(new Map([['a.ts', [edge('b.ts')]], ['b.ts', []]]))).toEqual([]);
  });
});

// The project's own import graph, read from the sources: each file and what it imports (type-only
// imports included: a cycle of types is still a cycle to read through). `file` is set for the
// project's own files (relative specifiers), not for packages.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type ImportGraph = Map<string, { specifier: string; file?: string }[]>;

const SOURCE = /\.(?:ts|mts|mjs|js)$/;
const SPECIFIERS = [
  /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm, // import x from '…', export { x } from '…'
  /^\s*import\s*['"]([^'"]+)['"]/gm, // import '…' (side effects)
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…')
];

function sourceFiles(dir: string, root: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full, root);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path.relative(root, full)] : [];
  });
}

/** Every import specifier in a module's text, in order. */
export function importSpecifiers(text: string): string[] {
  // Comments may quote an import (`// import x from '…'`) without making one.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return SPECIFIERS.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1]!));
}

/** The graph of `folders` (and the root's config files) under `root`, keyed by path relative to it. */
export function readImportGraph(root: string, folders: string[]): ImportGraph {
  const files = [
    ...folders.flatMap((folder) => sourceFiles(path.join(root, folder), root)),
    ...readdirSync(root).filter((name) => SOURCE.test(name) && statSync(path.join(root, name)).isFile()),
  ];
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const edges = importSpecifiers(readFileSync(path.join(root, file), 'utf8')).map((specifier) =>
      specifier.startsWith('.') ? { specifier, file: path.normalize(path.join(path.dirname(file), specifier)) } : { specifier },
    );
    graph.set(file, edges);
  }
  return graph;
}

/** Each import cycle once, as the files around it (starting from its first file in sorted order). */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const { file: next } of graph.get(file) ?? []) {
      if (next === undefined) continue;
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(canonical.join(' → '), canonical);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return [...cycles.values()];
}

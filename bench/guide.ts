// The guide deck's compile with its citations and diagrams, as the build does it
// (src/node/read-deck.ts: loadDeckWithCode): cold in a fresh process (citation-js, beautiful-mermaid
// and Graphviz's WebAssembly loaded, the .bib read, the diagrams drawn, or taken from the render cache
// when it has them, as the build does: src/node/render-cache.ts), then warm. Run as a child
// (`node --import tsx bench/guide.ts`) it prints its figures as JSON.
import { execFileSync } from 'node:child_process';
import { median, round } from './stats.ts';

export interface GuideFigures {
  runs: number;
  /** A fresh process: loading the readers and renderers, and the compile. */
  coldMs: number;
  /** Only loading the bibliography reader, the diagram renderers and KaTeX (scholarlyFor). */
  loadMs: number;
  /** The same deck compiled again in that process. */
  warmMs: number;
}

export function benchGuide(runs = 5): GuideFigures {
  const samples = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/guide.ts', '--child'], { encoding: 'utf8' })) as Omit<GuideFigures, 'runs'>);
  return {
    runs,
    coldMs: round(median(samples.map((s) => s.coldMs)), 0),
    loadMs: round(median(samples.map((s) => s.loadMs)), 0),
    warmMs: round(median(samples.map((s) => s.warmMs)), 0),
  };
}

if (process.argv.includes('--child')) {
  const { createCodeHighlighter } = await import('../src/node/code-highlighter.ts');
  const { loadDeckWithCode, readDeckFile, scholarlyFor } = await import('../src/node/read-deck.ts');
  const file = 'slides/guide.md';
  const highlighter = await createCodeHighlighter();
  await highlighter.prepare(readDeckFile(file).source ?? '');
  const t0 = performance.now();
  await scholarlyFor(readDeckFile(file).source ?? '');
  const loadMs = performance.now() - t0;
  const deck = await loadDeckWithCode(file, highlighter);
  const coldMs = performance.now() - t0;
  const t1 = performance.now();
  await loadDeckWithCode(file, highlighter);
  const warmMs = performance.now() - t1;
  if (deck.diagnostics.some((d) => d.severity === 'error')) throw new Error('the guide has errors');
  process.stdout.write(JSON.stringify({ coldMs, loadMs, warmMs }));
}

// The bibliography reader and the diagram renderer the adapters use (src/node/bibliography.ts,
// src/node/diagrams.ts), for tests that compile decks with citations or diagrams: one per test
// file, with the renderers its fixtures name loaded.
import type { CompileOptions } from '../../src/core/index.ts';
import { createBibliographyParser } from '../../src/node/bibliography.ts';
import { createDiagramRenderer } from '../../src/node/diagrams.ts';
import type { FixtureCase } from './fixture-file.ts';

export async function scholarlyFor(sources: (string | FixtureCase)[]): Promise<Required<Pick<CompileOptions, 'bibliography' | 'diagrams'>>> {
  const diagrams = createDiagramRenderer();
  await diagrams.prepare(sources.map((s) => (typeof s === 'string' ? s : s.input)).join('\n'));
  return { bibliography: await createBibliographyParser(), diagrams };
}

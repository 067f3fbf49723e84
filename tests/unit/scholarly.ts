// The bibliography reader, the diagram renderer, KaTeX and the QR encoder the adapters use
// (src/node/bibliography.ts, src/node/diagrams.ts, src/node/read-deck.ts, src/node/qr-encoder.ts),
// for tests that compile decks with citations, diagrams, formulas or a QR code: one per test file,
// with the renderers its fixtures name loaded.
import katex from 'katex';
import type { CompileOptions } from '../../src/core/index.ts';
import { createBibliographyParser } from '../../src/node/bibliography.ts';
import { createDiagramRenderer } from '../../src/node/diagrams.ts';
import { loadQrEncoder } from '../../src/node/qr-encoder.ts';
import type { FixtureCase } from './fixture-file.ts';

export async function scholarlyFor(sources: (string | FixtureCase)[]): Promise<Required<Pick<CompileOptions, 'bibliography' | 'diagrams' | 'katex' | 'qr'>>> {
  const diagrams = createDiagramRenderer();
  await diagrams.prepare(sources.map((s) => (typeof s === 'string' ? s : s.input)).join('\n'));
  return { bibliography: await createBibliographyParser(), diagrams, katex, qr: await loadQrEncoder() };
}

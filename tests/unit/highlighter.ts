// The code highlighter the adapters use (Shiki, src/node/code-highlighter.ts), for tests that
// compile decks with code: one per test file, with the grammars its fixtures name loaded.
import { createCodeHighlighter, type NodeCodeHighlighter } from '../../src/node/code-highlighter.ts';
import type { FixtureCase } from './fixture-file.ts';

export async function highlighterFor(sources: (string | FixtureCase)[]): Promise<NodeCodeHighlighter> {
  const highlighter = await createCodeHighlighter();
  await highlighter.prepare(sources.map((s) => (typeof s === 'string' ? s : s.input)).join('\n'));
  return highlighter;
}

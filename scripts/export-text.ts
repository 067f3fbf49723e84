// The frame-by-frame text export, in the layout of the original's export (`npm run export:text`).
// The deck is compiled as the build compiles it (with the code highlighter), so the export reports
// what the build reports: an unknown language is a warning here too.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deckFrames, formatDiagnostic, framesToText, hasErrors } from '../src/core/index.ts';
import { createCodeHighlighter } from '../src/node/code-highlighter.ts';
import { loadDeckWithCode } from '../src/node/read-deck.ts';

/** Writes `<out>/<deck>.txt`; returns what it wrote, or throws with the deck's errors. */
export async function exportText(source: string, outDir: string): Promise<{ file: string; frames: number; slides: number }> {
  const deck = await loadDeckWithCode(source, await createCodeHighlighter());
  for (const d of deck.diagnostics) console.error(formatDiagnostic(d));
  if (hasErrors(deck.diagnostics)) throw new Error(`${source}: the deck has errors`);
  const frames = deckFrames(deck);
  const file = path.join(outDir, `${path.basename(source, '.md')}.txt`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(file, framesToText(frames));
  return { file, frames: frames.length, slides: deck.slides.length };
}

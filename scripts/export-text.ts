// The frame-by-frame text export, in the layout of the original's export (`npm run export:text`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileDeck, deckFrames, formatDiagnostic, framesToText, hasErrors } from '../src/core/index.ts';
import { readAssetFromDisk } from '../src/node/read-asset.ts';
import { scholarlyFor } from '../src/node/read-deck.ts';

/** Writes `<out>/<deck>.txt`; returns what it wrote, or throws with the deck's errors. */
export async function exportText(source: string, outDir: string): Promise<{ file: string; frames: number; slides: number }> {
  const text = readFileSync(source, 'utf8');
  // Citations and diagrams as the build reads and draws them (loaded only for a deck that has them).
  const deck = compileDeck(text, { file: source, readAsset: readAssetFromDisk(source), ...(await scholarlyFor(text)) });
  for (const d of deck.diagnostics) console.error(formatDiagnostic(d));
  if (hasErrors(deck.diagnostics)) throw new Error(`${source}: the deck has errors`);
  const frames = deckFrames(deck);
  const file = path.join(outDir, `${path.basename(source, '.md')}.txt`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(file, framesToText(frames));
  return { file, frames: frames.length, slides: deck.slides.length };
}

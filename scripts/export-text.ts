// The frame-by-frame text export, in the layout of the original's export (`npm run export:text`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileDeck, deckFrames, formatDiagnostic, framesToText, hasErrors } from '../src/core/index.ts';
import { readAssetFromDisk } from '../src/node/read-asset.ts';

/** Writes `<out>/<deck>.txt`; returns what it wrote, or throws with the deck's errors. */
export function exportText(source: string, outDir: string): { file: string; frames: number; slides: number } {
  const deck = compileDeck(readFileSync(source, 'utf8'), { file: source, readAsset: readAssetFromDisk(source) });
  for (const d of deck.diagnostics) console.error(formatDiagnostic(d));
  if (hasErrors(deck.diagnostics)) throw new Error(`${source}: the deck has errors`);
  const frames = deckFrames(deck);
  const file = path.join(outDir, `${path.basename(source, '.md')}.txt`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(file, framesToText(frames));
  return { file, frames: frames.length, slides: deck.slides.length };
}

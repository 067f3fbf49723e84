// npm run export:text — the frame-by-frame text export, in the layout of the original's export.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileDeck, deckFrames, formatDiagnostic, framesToText, hasErrors } from '../src/core/index.ts';
import { readAssetFromDisk } from '../src/node/read-asset.ts';

const source = process.argv[2] ?? 'slides/collaborations-in-ml.md';
const name = path.basename(source, '.md');
const out = path.join('exports', `${name}.txt`);
const deck = compileDeck(readFileSync(source, 'utf8'), { file: source, readAsset: readAssetFromDisk(source) });
for (const d of deck.diagnostics) console.error(formatDiagnostic(d));
if (hasErrors(deck.diagnostics)) process.exit(1);
const frames = deckFrames(deck);
mkdirSync('exports', { recursive: true });
writeFileSync(out, framesToText(frames));
console.log(`${out}: ${frames.length} frames from ${deck.slides.length} slides`);

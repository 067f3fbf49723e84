// `npm run check [paths…]`: compiles decks (default: every slides/*.md) and prints each problem
// compiler-style, `slides/x.md:12:3: error: …`, then `slides/x.md: N slides, M steps` per deck.
// Exits 1 when any deck has an error.
import { statSync } from 'node:fs';
import path from 'node:path';
import { countFrames, formatDiagnostic, hasErrors, type Deck } from '../src/core/index.ts';
import { deckNameProblem, listDecks, loadDeckWithCode } from '../src/node/read-deck.ts';
import { createCodeHighlighter } from '../src/node/code-highlighter.ts';
import { createMediaService } from '../src/node/media.ts';
import { helpIfAsked } from './usage.ts';
import type { Browser } from '@playwright/test';

const argv = process.argv.slice(2);
helpIfAsked(argv, `
usage: npm run check [-- [--layout] paths…]
Compiles decks (default: every slides/*.md; a folder: the decks in it) and prints each problem as
file:line:column: error|warning: message, then "file: N slides, M steps" per deck.
  --layout   also show every step of each deck in Chromium (the built site's theme, at 1280×720
             and 1024×768) and name what does not fit on the slide, at the slide's line (the
             overflow guard of npm test); builds the site first when it is older than its sources
Exits 1 when any deck has an error.`);
const layout = argv.includes('--layout');
const args = argv.filter((arg) => arg !== '--layout');
const files = (args.length > 0 ? args : ['slides']).flatMap((arg) => {
  try {
    if (statSync(arg).isDirectory()) return listDecks(arg);
  } catch {
    // A path that does not exist is reported by loadDeckWithCode, like any other problem.
  }
  return [arg];
});
if (files.length === 0) {
  console.error(`no decks found in ${args.join(', ') || 'slides'}`);
  process.exit(1);
}

let failed = false;
const highlighter = await createCodeHighlighter();
// --layout: one Chromium for every deck, and the built site (the theme and runtime the slides are
// shown with); loaded only then, so a plain check starts no faster or slower for it.
let launched: Promise<Browser> | undefined;
const browser = () =>
  (launched ??= (async () => {
    const [{ chromium }, { launchOptions }, { ensureBuild }] = await Promise.all([import('@playwright/test'), import('../src/node/chromium.ts'), import('./export-build.ts')]);
    if (await ensureBuild()) console.log('Built the site.');
    return chromium.launch(launchOptions());
  })());
const layoutOf = async (deck: Deck, name: string) => (await import('../src/node/layout-check.ts')).checkLayout(await browser(), deck, name);
// Pictures are read (not converted) so that a missing, damaged or huge one is reported here too.
const media = createMediaService(process.cwd());
for (const file of files) {
  const relative = path.relative(process.cwd(), path.resolve(file));
  const shown = relative.startsWith('..') ? path.resolve(file) : relative;
  const loaded = await loadDeckWithCode(shown, highlighter, undefined, undefined, media);
  // A deck named outside [a-z0-9-] would not be built: the name is an error like any other.
  const badName = deckNameProblem(shown);
  const compiled = badName ? { ...loaded, diagnostics: [badName, ...loaded.diagnostics] } : loaded;
  // (A deck with errors is not laid out: those come first.)
  const laidOut = layout && !hasErrors(compiled.diagnostics) ? await layoutOf(compiled, path.basename(shown, '.md')) : [];
  const deck = { ...compiled, diagnostics: [...compiled.diagnostics, ...laidOut] };
  for (const diagnostic of deck.diagnostics) console.log(formatDiagnostic(diagnostic));
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  console.log(`${shown}: ${plural(deck.slides.length, 'slide')}, ${plural(countFrames(deck), 'step')}`);
  failed ||= hasErrors(deck.diagnostics);
}
process.exitCode = failed ? 1 : 0;
if (launched) await (await launched).close();

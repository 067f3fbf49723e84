// Reads a deck's Markdown from disk for the adapters (CLI, Vite plugin). A file that is missing,
// not text or not UTF-8 becomes a diagnostic like any other problem, never an exception.
import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileDeck, type CompileOptions } from '../core/compile.ts';
import type { BibliographyParser } from '../core/syntax/cite/bibliography.ts';
import { createBibliographyParser } from './bibliography.ts';
import { createDiagramRenderer, diagramLanguages, type NodeDiagramRenderer } from './diagrams.ts';
import type { Deck, Diagnostic } from '../core/model.ts';
import { readAssetFromDisk } from './read-asset.ts';
import type { CodeHighlighter, CodeToken } from '../core/syntax/code/highlighter.ts';
import type { DiagramRenderer } from '../core/syntax/diagram/renderer.ts';
import { openRenderCache, packageVersion, RENDER_CACHE, type RenderCache } from './render-cache.ts';
import type { NodeCodeHighlighter } from './code-highlighter.ts';
import type { NodeMediaService } from './media.ts';
import { mayHoldMath, type TexTypesetter } from '../core/syntax/math/typesetter.ts';
import type { QrEncoder } from '../core/syntax/qr-encoder.ts';
import { QR_LINE } from '../core/syntax/qr.ts';

export type DeckFile = { source: string; diagnostic?: undefined } | { source?: undefined; diagnostic: Diagnostic };

/** `file` is shown in the diagnostic as given; `fullPath` is where it is read from. */
export function readDeckFile(file: string, fullPath = file): DeckFile {
  const fail = (message: string, line = 1, column = 1): DeckFile => ({ diagnostic: { file, line, column, severity: 'error', message } });
  let bytes: Buffer;
  try {
    bytes = readFileSync(fullPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('file not found');
    if (code === 'EISDIR') return fail('is a folder, not a Markdown file');
    return fail(`cannot read the file (${code ?? String(error)})`);
  }
  // A NUL byte in the first few KiB is what git and grep take for a binary file.
  if (bytes.subarray(0, 8000).includes(0)) return fail('not a text file (it contains binary data); a deck is UTF-8 Markdown');
  // (isUtf8 is native and fast; the byte-by-byte walk, only for a file that is not, finds where.)
  const invalid = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (invalid >= 0) {
    const before = bytes.subarray(0, invalid).toString('utf8');
    const lines = before.split('\n');
    return fail(`not valid UTF-8 (byte 0x${bytes[invalid]!.toString(16).padStart(2, '0')}); save the file as UTF-8`, lines.length, lines.at(-1)!.length + 1);
  }
  return { source: bytes.toString('utf8') };
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong 3/4-byte forms, UTF-16 surrogates and code points past U+10FFFF.
    const second = bytes[i + 1]!;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return -1;
}

/**
 * Reads and compiles a deck: `file` is relative to `root` (and shown so in diagnostics). A file
 * that cannot be read compiles as an empty deck carrying the diagnostic that says why. `compile`
 * may be one that remembers the last compile (createDeckCompiler), as the dev server's is.
 */
export function loadDeckFromDisk(file: string, root = process.cwd(), compile: typeof compileDeck = compileDeck, highlighter?: CodeHighlighter): Deck {
  return compileRead(file, root, readDeckFile(file, path.resolve(root, file)), compile, highlighter);
}

/**
 * loadDeckFromDisk with its code highlighted: the grammars the deck names are loaded first
 * (`highlighter` is kept by the caller, so each grammar is loaded once per process).
 *
 * With the plain compileDeck (the build, `npm run check`), the code blocks' tokens and the
 * diagrams' SVG come from the render cache (render-cache.ts) first: the deck is compiled with
 * what is there, and only when a block is missing are Shiki and the diagram renderers loaded and
 * the deck compiled again, filling the cache. Either way the deck is what they would have made.
 * (A compiler that remembers slides, the dev server's, would keep a first pass's slides: it gets
 * the renderers loaded up front, as before.)
 */
export async function loadDeckWithCode(file: string, highlighter: NodeCodeHighlighter, root = process.cwd(), compile: typeof compileDeck = compileDeck, media?: NodeMediaService): Promise<Deck> {
  const read = readDeckFile(file, path.resolve(root, file));
  if (read.source === undefined) return compileRead(file, root, read, compile, highlighter, {}, media);
  const source = read.source;
  const cached = compile === compileDeck ? renderCaches(root) : undefined;
  // (Its bibliography, KaTeX and pictures are read too: the pictures when a media service is given, src/node/media.ts.)
  const [extras] = await Promise.all([scholarlyFor(source, cached ? { diagrams: false, bibliography: false } : {}), cached ? undefined : highlighter.prepare(source), media?.prepare(file, source)]);
  if (!cached) return compileRead(file, root, read, compile, highlighter, extras, media);
  const uses = { diagrams: diagramLanguages(source).length > 0, bibliography: BIBLIOGRAPHY_LINE.test(source) };
  const first = fromCache(cached, highlighter, {}, false);
  const deck = compileRead(file, root, read, compile, first.highlighter, { ...extras, ...pick(first, uses) }, media);
  if (!first.missed()) return deck;
  const [loaded] = await Promise.all([scholarlyFor(source, { katex: false, qr: false }), highlighter.prepare(source)]);
  const second = fromCache(cached, highlighter, loaded, true);
  const again = compileRead(file, root, read, compile, second.highlighter, { ...extras, ...pick(second, uses) }, media);
  for (const cache of Object.values(cached)) cache.save();
  return again;
}

type RenderCaches = { code: RenderCache<CodeToken[][]>; diagrams: RenderCache<string>; bibliography: RenderCache<ReturnType<BibliographyParser['parse']>> };

/** The cached diagram renderer and bibliography reader a deck uses (a deck without diagrams gets none, as before). */
function pick(from: { diagrams: DiagramRenderer; bibliography: BibliographyParser }, uses: { diagrams: boolean; bibliography: boolean }): Pick<CompileOptions, 'diagrams' | 'bibliography'> {
  return { ...(uses.diagrams ? { diagrams: from.diagrams } : {}), ...(uses.bibliography ? { bibliography: from.bibliography } : {}) };
}
const renderCachesByRoot = new Map<string, RenderCaches>();

/** The render caches of the project at `root` (one per process). */
function renderCaches(root: string): RenderCaches {
  const dir = path.resolve(root, RENDER_CACHE);
  let caches = renderCachesByRoot.get(dir);
  if (!caches) {
    const shiki = packageVersion('shiki');
    const mermaid = packageVersion('beautiful-mermaid');
    const viz = packageVersion('@viz-js/viz');
    const citation = packageVersion('@citation-js/core');
    const bibtex = packageVersion('@citation-js/plugin-bibtex');
    caches = {
      code: openRenderCache(path.join(dir, 'code.json'), shiki && `${CODE_CACHE_VERSION} shiki ${shiki}`),
      diagrams: openRenderCache(path.join(dir, 'diagrams.json'), mermaid && viz && `${DIAGRAM_CACHE_VERSION} beautiful-mermaid ${mermaid} @viz-js/viz ${viz}`),
      bibliography: openRenderCache(path.join(dir, 'bibliography.json'), citation && bibtex && `${BIBLIOGRAPHY_CACHE_VERSION} @citation-js/core ${citation} @citation-js/plugin-bibtex ${bibtex}`),
    };
    renderCachesByRoot.set(dir, caches);
  }
  return caches;
}

/**
 * A highlighter, a diagram renderer and a bibliography reader that answer from the cache. Without
 * `record`, a block or file the cache lacks is a miss (the deck is compiled again, with the real
 * ones loaded); with it, it is made by the real ones (`highlighter`, `loaded`) and added to the cache.
 */
function fromCache(cache: RenderCaches, highlighter: NodeCodeHighlighter, loaded: Pick<CompileOptions, 'diagrams' | 'bibliography'>, record: boolean) {
  const { diagrams, bibliography } = loaded;
  let missed = false;
  /** The cached value for `key`; else, when recording, what `make` makes (kept unless undefined); else a miss. */
  const answer = <T>(store: RenderCache<T>, key: string[], make: (() => T | undefined) | undefined): T | undefined => {
    const hit = store.get(key);
    if (hit !== undefined) return hit;
    if (!record || !make) {
      missed = true;
      return undefined;
    }
    const made = make();
    if (made !== undefined) store.set(key, made);
    return made;
  };
  const cachedHighlighter: CodeHighlighter = {
    get languages() {
      return highlighter.languages;
    },
    highlight: (code, lang) => answer(cache.code, [lang, code], () => highlighter.highlight(code, lang)),
  };
  const cachedDiagrams: DiagramRenderer = {
    render(lang, code) {
      let drawn: ReturnType<DiagramRenderer['render']> | undefined;
      const svg = answer(cache.diagrams, [lang, code], diagrams && (() => {
        drawn = diagrams.render(lang, code);
        return 'svg' in drawn ? drawn.svg : undefined;
      }));
      return svg !== undefined ? { svg } : (drawn ?? { error: 'not drawn yet' });
    },
  };
  const cachedBibliography: BibliographyParser = {
    parse: (text, format) => answer(cache.bibliography, [format, text], bibliography && (() => bibliography.parse(text, format))) ?? { entries: [], problems: [] },
  };
  return { highlighter: cachedHighlighter, diagrams: cachedDiagrams, bibliography: cachedBibliography, missed: () => missed };
}

/** What the cached tokens and SVG depend on besides the packages' versions: bumped when the adapters change what they make of them. */
const CODE_CACHE_VERSION = 'code-1';
const DIAGRAM_CACHE_VERSION = 'diagrams-1';
const BIBLIOGRAPHY_CACHE_VERSION = 'bibliography-1';

/** A deck that names a bibliography (front matter). */
const BIBLIOGRAPHY_LINE = /^bibliography\s*:/m;

/** What scholarlyFor loads. */
type ScholarlyExtras = 'bibliography' | 'diagrams' | 'katex' | 'qr';

/** Made once per process, when a deck first needs them (the talk needs none). */
let bibliography: Promise<BibliographyParser> | undefined;
let diagrams: NodeDiagramRenderer | undefined;
let katex: Promise<TexTypesetter> | undefined;
let qr: Promise<QrEncoder> | undefined;

/** The bibliography reader, the diagram renderer, KaTeX and the QR encoder a deck's source asks for, loaded. */
export async function scholarlyFor(source: string, which: Partial<Record<ScholarlyExtras, boolean>> = {}): Promise<Pick<CompileOptions, ScholarlyExtras>> {
  const extras: Pick<CompileOptions, ScholarlyExtras> = {};
  if (which.katex !== false && mayHoldMath(source)) extras.katex = await (katex ??= import('katex').then((m) => m.default));
  if (which.qr !== false && QR_LINE.test(source)) extras.qr = await (qr ??= import('./qr-encoder.ts').then((m) => m.loadQrEncoder()));
  if (which.bibliography !== false && BIBLIOGRAPHY_LINE.test(source)) extras.bibliography = await (bibliography ??= createBibliographyParser());
  if (which.diagrams !== false && diagramLanguages(source).length > 0) {
    diagrams ??= createDiagramRenderer();
    await diagrams.prepare(source);
    extras.diagrams = diagrams;
  }
  return extras;
}

function compileRead(
  file: string,
  root: string,
  read: DeckFile,
  compile: typeof compileDeck,
  highlighter: CodeHighlighter | undefined,
  extras: Pick<CompileOptions, ScholarlyExtras> = {},
  media?: NodeMediaService,
): Deck {
  const fullPath = path.resolve(root, file);
  // Assets stay inside the project; a deck kept outside it (a temporary copy) may use its own folder.
  const inside = fullPath.startsWith(path.resolve(root) + path.sep);
  const readAsset = inside ? readAssetFromDisk(file, root) : readAssetFromDisk(fullPath, path.dirname(fullPath));
  const deck = compile(read.source ?? '', { file, readAsset, ...(highlighter ? { highlighter } : {}), ...extras, ...(media ? { media: media.forDeck(file) } : {}) });
  if (read.diagnostic) return { ...deck, slides: [], diagnostics: [read.diagnostic] };
  return deck;
}

/** The decks in a folder: every `*.md` directly in it, sorted by name. */
export function listDecks(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => path.join(folder, entry.name))
      .sort();
  } catch {
    return [];
  }
}

/** A deck's name is its page's address, `/<name>/`: lower-case letters, digits and dashes. */
export const DECK_NAME = /^[a-z0-9][a-z0-9-]*$/;
/** Names the site (or the project, in the dev server) already uses for something else. */
export const RESERVED_NAMES = ['assets', 'index', 'src', 'public', 'node_modules', 'slides', 'dist', 'exports', 'docs', 'tests', 'scripts'];

/** The name in lower-case letters, digits and dashes ("My Talk" → "my-talk"), or '' when nothing is left. */
export function urlSafeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Why a deck file's name cannot be its page's address, as an error at file:1:1 (the cause is the
 * name), or undefined when it can. The build and the dev server would otherwise skip the deck.
 */
export function deckNameProblem(file: string): Diagnostic | undefined {
  const name = path.basename(file).replace(/\.md$/i, '');
  const fail = (message: string): Diagnostic => ({ file, line: 1, column: 1, severity: 'error', message });
  if (!DECK_NAME.test(name)) {
    const safe = urlSafeName(name);
    const hint = safe && !RESERVED_NAMES.includes(safe) ? `; rename it ${safe}.md` : '';
    return fail(`the deck's name "${name}" cannot be its address (/${name}/): use lower-case letters, digits and dashes${hint}`);
  }
  if (RESERVED_NAMES.includes(name)) return fail(`the deck's name "${name}" is taken by the site itself; rename the file`);
  return undefined;
}

// Vite adapter: every slides/<name>.md becomes the page /<name>/ (the talk also stays at /),
// compiled into index.html at build and dev time. All logic lives in src/core; this file only
// reads files, reports diagnostics (the build fails, the dev server shows Vite's error overlay)
// and pushes edited slides to the open deck, which swaps them in place (src/runtime/live-reload.ts).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Connect, Plugin, ResolvedConfig, ViteDevServer } from 'vite';
import { createDeckCompiler, formatDiagnostic, hasErrors, pageTitle, renderDocument, type Deck, type Diagnostic } from '../core/index.ts';
import { isLocalPath } from '../core/diagnostics/assets.ts';
import { deckNameProblem, listDecks, loadDeckWithCode, readDeckFile } from '../node/read-deck.ts';
import { createCodeHighlighter, type NodeCodeHighlighter } from '../node/code-highlighter.ts';
import { createMediaService, type NodeMediaService } from '../node/media.ts';
import { DEV_INFO_ID, RESEND_EVENT, UPDATE_EVENT } from '../shared/live-reload-events.ts';

export interface DeckPluginOptions {
  /** Folder of decks, relative to the project root: each `<name>.md` in it is served at `/<name>/`. */
  decks?: string;
  /** The deck also shown at the site root (its name, without `.md`). */
  rootDeck: string;
  /** Where the site is published (e.g. from $SITE_URL in CI): canonical URL and absolute share links. */
  siteUrl?: string;
}

/** What the deck plugin tells the other adapters (Vite's plugin `api`). */
export interface DeckPluginApi {
  /** At build, the deck the page `htmlFile` (its path, as transformIndexHtml's ctx.filename) shows. */
  builtDeck(htmlFile: string): Deck | undefined;
}

/** What the dev server sends the open deck after a save (custom HMR event `deck:update`). */
export interface DeckUpdate {
  deck: string;
  /** The slides, or undefined when the deck has errors (the page keeps its last good slides). */
  slides?: SlideChanges;
  title: string;
  /** Vite error-overlay payloads, one per file with errors; empty when the deck is fine. */
  errors: DeckError[];
}

/**
 * The slides of an update. Each version of a deck's slides the dev server served (in a page or an
 * update) has a number; a page that shows version `base` replaces the slides in `changed` (by
 * index; the deck has as many slides as then) and then shows `version`. Any other page asks for
 * all of them (RESEND_EVENT), as does every page when slides were added or removed: `all`.
 */
export type SlideChanges = { version: number; base: number; changed: Record<number, string> } | { version: number; all: string[] };

/** The slides a deck's pages were last given, and their version. */
export interface ServedSlides {
  version: number;
  slides: string[];
}

/** What changed from `served` (the slides the pages have) to `slides`: only the slides that differ, when there are as many. */
export function slideChanges(served: ServedSlides | undefined, slides: string[]): SlideChanges {
  if (!served || served.slides.length !== slides.length) return { version: (served?.version ?? 0) + 1, all: slides };
  const changed: Record<number, string> = {};
  for (let i = 0; i < slides.length; i++) if (slides[i] !== served.slides[i]) changed[i] = slides[i]!;
  return { version: Object.keys(changed).length > 0 ? served.version + 1 : served.version, base: served.version, changed };
}

/** The shape of Vite's ErrorPayload['err'], so the client can hand it to `<vite-error-overlay>`. */
export interface DeckError {
  message: string;
  stack: string;
  id: string;
  plugin: string;
  frame: string;
  loc: { file: string; line: number; column: number };
}

/**
 * The build stops on errors in the decks, which the plugin has printed. Its message is the one-line
 * summary; `npm run build` (scripts/vite.mjs) prints only that, not a stack trace.
 */
export class DeckBuildError extends Error {
  readonly deckErrors = true;
  constructor(failed: { file: string; errors: number }[]) {
    const count = failed.reduce((sum, f) => sum + f.errors, 0);
    super(`build failed: ${count} error${count === 1 ? '' : 's'} in ${failed.map((f) => f.file).join(', ')} (listed above); nothing was written`);
    this.name = 'DeckBuildError';
  }
}

/** How long a changed file must stay quiet before it is read (a few ms; the bench budget for a live edit is 200). */
const SETTLE_MS = 15;

export function deckPlugin(options: DeckPluginOptions): Plugin {
  let config: ResolvedConfig;
  const decksDir = () => path.resolve(config.root, options.decks ?? 'slides');
  const deckFile = (name: string) => path.relative(config.root, path.join(decksDir(), `${name}.md`));
  const deckNames = () => listDecks(decksDir()).map((file) => path.basename(file, '.md'));
  const template = () => readFileSync(path.resolve(config.root, 'index.html'), 'utf8');
  /** `<root>/<name>/index.html`: the page of a deck, which exists only in this plugin. */
  const pageId = (name: string) => path.join(config.root, name, 'index.html');
  const deckOfPage = (htmlPath: string): string => {
    const relative = path.relative(config.root, htmlPath.startsWith(config.root) ? htmlPath : path.join(config.root, htmlPath));
    const dir = path.dirname(relative);
    return dir === '.' ? options.rootDeck : dir;
  };
  /** Per deck, a compiler that recompiles only the slides a save changed (the dev server compiles on every save). */
  const compilers = new Map<string, ReturnType<typeof createDeckCompiler>>();
  const compilerOf = (name: string) => compilers.get(name) ?? compilers.set(name, createDeckCompiler()).get(name)!;
  /** Shiki, with the grammars the decks name, loaded as they are first named (once per process). */
  let highlighter: Promise<NodeCodeHighlighter> | undefined;
  /** Pictures: read before each compile, converted (or found in the cache) after it. */
  let media: NodeMediaService | undefined;
  const compile = async (name: string): Promise<Deck> => {
    media ??= createMediaService(config.root);
    const deck = await loadDeckWithCode(deckFile(name), await (highlighter ??= createCodeHighlighter()), config.root, config.command === 'serve' ? compilerOf(name) : undefined, media);
    const { converted, cached } = await media.produce();
    if (converted > 0) config.logger.info(`deck: ${deckFile(name)}: ${converted} picture file${converted === 1 ? '' : 's'} converted, ${cached} from the cache`);
    return deck;
  };
  /** Build only: the decks buildStart compiled, so each page is compiled once. */
  const built = new Map<string, Deck>();
  /** Dev only, per deck: the slides its pages were last given (a save sends only those it changed), and its last title and errors. */
  const served = new Map<string, ServedSlides & Pick<DeckUpdate, 'title' | 'errors'>>();
  /**
   * What the deck's pages get of `deck`, in a page or in an update: its slides (as changes to those
   * they have), title and errors. A page shows the slides errors and all; an update of a deck with
   * errors leaves the open pages their last good slides.
   */
  const serve = (name: string, deck: Deck, to: 'page' | 'update'): DeckUpdate => {
    const before = served.get(name);
    const update = deckUpdate(config.root, name, deck);
    const slides = to === 'update' && update.errors.length > 0 ? undefined : deck.slides.map((slide) => slide.html);
    const changes = slides && slideChanges(before, slides);
    const version = changes?.version ?? before?.version ?? 0;
    served.set(name, { version, slides: slides ?? before?.slides ?? [], title: update.title, errors: update.errors });
    return changes ? { ...update, slides: changes } : update;
  };

  return {
    name: 'deck',
    // For the other adapters (src/vite/offline.ts): the deck a page of the build shows.
    api: { builtDeck: (htmlFile: string): Deck | undefined => built.get(deckOfPage(htmlFile)) } satisfies DeckPluginApi,
    config(userConfig) {
      // One HTML entry per deck, so `vite build` writes dist/<name>/index.html for each.
      const root = path.resolve(userConfig.root ?? process.cwd());
      const folder = path.resolve(root, options.decks ?? 'slides');
      const input: Record<string, string> = { index: path.join(root, 'index.html') };
      for (const file of listDecks(folder)) {
        const name = path.basename(file, '.md');
        // (A deck whose name cannot be an address fails in buildStart, with a diagnostic.)
        if (!deckNameProblem(file)) input[name] = path.join(root, name, 'index.html');
      }
      return { build: { rolldownOptions: { input } } };
    },
    configResolved(resolved) {
      config = resolved;
    },
    resolveId(id) {
      const name = deckOfPage(id);
      if (id.endsWith('index.html') && deckNames().includes(name) && !existsSync(id)) return pageId(name);
      return undefined;
    },
    load(id) {
      const name = deckOfPage(id);
      if (id === pageId(name) && !existsSync(id)) return template();
      return undefined;
    },
    async buildStart() {
      if (config.command !== 'build') return;
      built.clear();
      const failed: { file: string; errors: number }[] = [];
      for (const name of deckNames()) {
        const nameProblem = deckNameProblem(deckFile(name));
        const deck = await compile(name);
        built.set(name, deck);
        const diagnostics = nameProblem ? [nameProblem, ...deck.diagnostics] : deck.diagnostics;
        for (const d of diagnostics.filter((d) => d.severity === 'warning')) this.warn(formatDiagnostic(d));
        const errors = diagnostics.filter((d) => d.severity === 'error');
        if (errors.length === 0) continue;
        // Compiler-style, every deck's errors, then one line (not a stack trace) to end the build.
        for (const d of errors) config.logger.error(formatDiagnostic(d));
        failed.push({ file: deckFile(name), errors: errors.length });
      }
      if (failed.length > 0) throw new DeckBuildError(failed);
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html, ctx) {
        const name = deckOfPage(ctx.filename);
        const deck = (config.command === 'build' && built.get(name)) || (await compile(name));
        if (config.command === 'build' && hasErrors(deck.diagnostics)) {
          // buildStart has already failed for this; kept in case the page is built on its own.
          throw new Error(deck.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n'));
        }
        const page = assetUrlsFromRoot(renderDocument(html, deck, { siteUrl: options.siteUrl }), path.relative(config.root, decksDir()));
        if (config.command === 'build') return page;
        // Dev: the page always renders (errors and all) and says which deck it is, so the live
        // reload client can follow its deck and show the errors in Vite's overlay.
        for (const d of deck.diagnostics) config.logger.warn(formatDiagnostic(d));
        // (Its slides' version: the updates it gets are changes to them.)
        const { slides, errors } = serve(name, deck, 'page');
        const info = { deck: name, file: deck.file, version: slides!.version, errors };
        return {
          html: page,
          tags: [{ tag: 'script', attrs: { type: 'application/json', id: DEV_INFO_ID }, children: JSON.stringify(info).replace(/</g, '\\u003c'), injectTo: 'body' }],
        };
      },
    },
    configureServer(server) {
      server.watcher.add(decksDir());
      server.middlewares.use(deckPages(server, deckNames, pageId, template, deckFile));
      // A deck the build would refuse for its name is an error here too, when the server starts and when it is added.
      for (const name of deckNames()) {
        const problem = deckNameProblem(deckFile(name));
        if (problem) config.logger.error(formatDiagnostic(problem));
      }
      // A save often arrives as several events (truncate, then write); wait for them to settle.
      const pending = new Map<string, ReturnType<typeof setTimeout>>();
      // One update at a time, in the order of the saves: a compile waits for grammars, the
      // bibliography, diagrams and pictures, and an earlier save's compile that finished after a
      // later one's would put the older text back on the page.
      let updating: Promise<void> = Promise.resolve();
      const onChange = (file: string) => {
        if (!file.startsWith(decksDir() + path.sep)) return;
        clearTimeout(pending.get(file));
        pending.set(file, setTimeout(() => {
          pending.delete(file);
          // The loader does not throw on content; whatever else goes wrong must not stop the server.
          updating = updating.then(() => sendUpdates(file)).catch((error: unknown) => config.logger.error(`deck: could not update after a change to ${file}: ${String(error)}`));
        }, SETTLE_MS));
      };
      const sendUpdates = async (file: string) => {
        const problem = file.endsWith('.md') && path.dirname(file) === decksDir() ? deckNameProblem(path.relative(config.root, file)) : undefined;
        if (problem) return config.logger.error(formatDiagnostic(problem));
        // A deck's own Markdown updates that deck; anything else in the folder (a figure, an
        // image) may be used by any deck, so every deck is recompiled.
        const own = path.dirname(file) === decksDir() && file.endsWith('.md') ? [path.basename(file, '.md')] : deckNames();
        // A picture changed: its converted files have new names, and a slide kept from the last
        // compile would still name the old ones (the compiler only sees files read as text).
        if (/\.(png|jpe?g|gif|webp|avif|mp4|webm)$/i.test(file)) compilers.clear();
        // An empty deck file is a save caught half-way (truncated, not yet written): wait for the rest.
        if (own.length === 1 && readDeckFile(file).source?.trim() === '') return;
        for (const name of own) server.ws.send({ type: 'custom', event: UPDATE_EVENT, data: serve(name, await compile(name), 'update') });
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
      // A page that missed a version (another page of its deck was loaded, and served newer slides) gets them all.
      // A page that has just started following its deck says which version it shows: a save made
      // while its script was still loading was sent before it listened, and is sent again here.
      server.ws.on(RESEND_EVENT, (data: { deck?: unknown; version?: unknown }, client) => {
        const name = typeof data?.deck === 'string' ? data.deck : undefined;
        const last = name === undefined ? undefined : served.get(name);
        if (last && data.version === last.version) return;
        if (name !== undefined && last) client.send(UPDATE_EVENT, { deck: name, title: last.title, errors: last.errors, slides: { version: last.version, all: last.slides } } satisfies DeckUpdate);
      });
    },
  };
}

/**
 * An image path in a deck is relative to the deck's folder; the page is at / or /<name>/. Written
 * from the project root (`/slides/figures/x.png`), Vite finds it, serves it in dev, and at build
 * time emits it into assets/ with a path relative to each page (base './').
 */
export function assetUrlsFromRoot(html: string, decksFolder: string): string {
  if (decksFolder.startsWith('..') || path.isAbsolute(decksFolder)) return html;
  const prefix = `/${decksFolder.split(path.sep).join('/')}/`;
  return html.replace(/(<img\b[^>]*?\ssrc=")([^"]*)"/g, (whole, start: string, url: string) =>
    isLocalPath(url) && !url.startsWith('/') ? `${start}${prefix}${url.replace(/^\.\//, '')}"` : whole,
  );
}

/**
 * Dev server: `/<name>/` serves the page of slides/<name>.md (`/<name>` redirects there). A deck
 * whose name cannot be an address, or a folder that is no deck, answers 404 saying so (never
 * another deck's page: Vite's `mpa` app type, in vite.config.ts, has no fallback page either).
 */
function deckPages(server: ViteDevServer, names: () => string[], pageId: (name: string) => string, template: () => string, deckFile: (name: string) => string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/([^/]+)(\/(index\.html)?)?$/.exec(url.pathname);
    let name: string | undefined;
    try {
      name = match ? decodeURIComponent(match[1]!) : undefined;
    } catch {
      return next();
    }
    if (!name || existsSync(pageId(name))) return next();
    const problem = names().includes(name) ? deckNameProblem(deckFile(name)) : undefined;
    if (problem || (!names().includes(name) && match![2] && !existsSync(path.join(server.config.root, name)) && !existsSync(path.join(server.config.publicDir, name)))) {
      const why = problem ? formatDiagnostic(problem) : `no deck is named "${name}"`;
      if (problem) server.config.logger.error(why);
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(notFoundPage(why, names().filter((n) => !deckNameProblem(deckFile(n)))));
      return;
    }
    if (!names().includes(name)) return next();
    if (!match![2]) {
      res.statusCode = 301;
      res.setHeader('Location', `/${name}/${url.search}`);
      res.end();
      return;
    }
    server
      .transformIndexHtml(`/${name}/index.html`, template(), req.originalUrl)
      .then((html) => {
        res.setHeader('Content-Type', 'text/html');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(html);
      })
      .catch(next);
  };
}

/** The dev server's answer for an address that is no deck: why, and the decks there are. */
function notFoundPage(why: string, decks: string[]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const links = decks.map((n) => `<li><a href="/${escape(n)}/">/${escape(n)}/</a></li>`).join('');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>No such deck</title><h1>No such deck</h1><pre>${escape(why)}</pre><p>The decks:</p><ul>${links}</ul></html>\n`;
}

/** A deck's title and errors, for its open pages (its slides are added by what the pages have: slideChanges). */
export function deckUpdate(root: string, name: string, deck: Deck): DeckUpdate {
  return { deck: name, title: pageTitle(deck.meta) || deck.file, errors: overlayErrors(root, deck.diagnostics) };
}

/** Errors in the shape of Vite's overlay, each with a code frame of the lines around it. */
export function overlayErrors(root: string, diagnostics: Diagnostic[]): DeckError[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return [];
  const first = errors[0]!;
  const file = path.resolve(root, first.file);
  return [
    {
      message: errors.map(formatDiagnostic).join('\n'),
      stack: '',
      id: file,
      plugin: 'deck',
      frame: codeFrame(readDeckFile(first.file, file).source ?? '', first.line, first.column),
      loc: { file, line: first.line, column: first.column },
    },
  ];
}

/**
 * Two lines either side of `line`, numbered, with a caret under `column`. (No leading blanks:
 * Vite's overlay trims the frame, which would shift its first line.)
 */
export function codeFrame(source: string, line: number, column: number): string {
  const lines = source.split('\n');
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 2);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    out.push(`${String(n).padEnd(width)} | ${lines[n - 1]!.slice(0, 200)}`);
    if (n === line) out.push(`${' '.repeat(width)} | ${' '.repeat(Math.max(0, Math.min(column - 1, 200)))}^`);
  }
  return out.join('\n');
}

/** Whether `command` is an executable file in one of $PATH's folders. */
function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)));
}

/**
 * `npm start` (`vite --open`) on a machine without a desktop: Vite's opener spawns xdg-open, which
 * is not there, and prints its ENOENT stack trace. Here the server does not try; it says so in one
 * line, with the address to open. ($BROWSER, Vite's own setting, is left to Vite.)
 */
export function openBrowserOrSay(): Plugin {
  let noOpener = false;
  return {
    name: 'deck-open-browser',
    config(userConfig) {
      noOpener = Boolean(userConfig.server?.open) && process.platform === 'linux' && !process.env.BROWSER && !onPath('xdg-open');
      return noOpener ? { server: { open: false } } : undefined;
    },
    configureServer(server) {
      if (!noOpener) return;
      server.httpServer?.once('listening', () =>
        setTimeout(() => {
          const url = server.resolvedUrls?.local[0] ?? `http://localhost:${server.config.server.port}/`;
          server.config.logger.info(`no browser could be opened here (xdg-open is not installed): open ${url}`);
        }, 0),
      );
    },
  };
}

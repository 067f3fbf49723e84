// Vite adapter for decks that keep working offline (front matter `offline: true`,
// src/core/syntax/offline.ts). At build, such a deck's page (/<name>/), and no other, gets a
// one-line registration of the site's service worker (sw.js, from src/vite/offline-worker.js) with
// its own folder as the scope; the worker's list of the page's files is made here from the bundle:
// the page, the scripts it loads and every script those can load (presenter view, code, pictures…),
// their sheets, the fonts the page's and the sheets' @font-face rules name, and the pictures and
// videos its slides show. A picture given in several formats is kept in the first one the page
// offers (AVIF; see precacheList). In dev no page registers, and /sw.js is a worker that removes
// itself, so a page of `npm start` is never served by a worker left from a preview of the build.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { Plugin, ResolvedConfig } from 'vite';
import { deckOffline } from '../core/index.ts';
import type { DeckPluginApi } from './plugin.ts';

type Node = DefaultTreeAdapterMap['childNode'] | DefaultTreeAdapterMap['document'];
type Element = DefaultTreeAdapterMap['element'];

/** The worker's file, at the top of the site (its scope can then be any page's folder). */
export const WORKER_FILE = 'sw.js';
const WORKER_SOURCE = fileURLToPath(new URL('./offline-worker.js', import.meta.url));

/** In dev: a worker that unregisters itself and reloads the pages it held, for one left by a preview of the build. */
export const DEV_WORKER = `// npm start: no deck works offline here; a worker left by a preview of the built site goes, with its caches.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(caches.keys()
  .then((names) => Promise.all(names.filter((name) => name.startsWith('deck-offline:')).map((name) => caches.delete(name))))
  .then(() => self.registration.unregister()).then(() => self.clients.matchAll({ type: 'window' })).then((pages) => pages.forEach((page) => page.navigate(page.url)))));
`;

/** What the bundle says of one file (a subset of Rolldown's OutputChunk / OutputAsset). */
export type BundleFile =
  | { type: 'chunk'; fileName: string; imports: readonly string[]; dynamicImports: readonly string[]; viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } }
  | { type: 'asset'; fileName: string; source: string | Uint8Array };

/**
 * The files the page `pageFile` (`guide/index.html`) needs to show offline, as paths from the top
 * of the site, the page itself first: what its HTML names (scripts, sheets, icons, pictures,
 * videos and posters, url()s in its inline styles), every chunk those scripts import, statically or
 * not, with their sheets and assets, and the url()s in those sheets (fonts). `base` is Vite's (an
 * absolute base is taken off the HTML's URLs; a relative one is resolved from the page's folder).
 *
 * A `<picture>` offers one picture in several formats (AVIF, WebP, then PNG/JPEG in its <img>):
 * only its first <source> is kept, the one any browser of the last years shows (AVIF); the others
 * would more than double the bytes for browsers that rarely come. A browser that shows another
 * format gets it from the network when online, and the worker keeps it then.
 */
export function precacheList(pageFile: string, bundle: Readonly<Record<string, BundleFile>>, base = './'): string[] {
  const page = bundle[pageFile];
  if (!page || page.type !== 'asset') return [];
  const pageDir = path.posix.dirname(pageFile);
  const files = new Set<string>([pageFile]);
  const fromPage = (url: string) => resolveUrl(url, pageDir, base);
  const { urls, alternatives } = htmlUrls(String(page.source));
  // (Vite lists the page's pictures among its entry chunk's assets too, every format of them.)
  const skipped = new Set(alternatives.map(fromPage));
  const visit = (file: string | undefined) => {
    if (!file || files.has(file) || skipped.has(file)) return;
    files.add(file);
    const entry = bundle[file];
    if (entry?.type === 'chunk') {
      for (const next of [...entry.imports, ...entry.dynamicImports, ...(entry.viteMetadata?.importedCss ?? []), ...(entry.viteMetadata?.importedAssets ?? [])]) visit(next);
    } else if (entry && file.endsWith('.css')) {
      for (const url of cssUrls(String(entry.source))) visit(resolveUrl(url, path.posix.dirname(file), base));
    }
  };
  for (const url of urls) visit(fromPage(url));
  return [...files];
}

/**
 * The URLs an HTML page loads by itself, in document order, and the `alternatives` of its
 * pictures that are not kept (a <picture>'s other sources and its <img>: see precacheList).
 */
export function htmlUrls(html: string): { urls: string[]; alternatives: string[] } {
  const urls: string[] = [];
  const alternatives: string[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node) element(node);
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
    if ('content' in node && node.content) walk(node.content as unknown as Node);
  };
  const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
  const element = (el: Element) => {
    const style = attr(el, 'style');
    if (style) urls.push(...cssUrls(style));
    switch (el.tagName) {
      case 'script':
        if (attr(el, 'src')) urls.push(attr(el, 'src')!);
        break;
      case 'link':
        if (/\b(stylesheet|modulepreload|preload|icon)\b/i.test(attr(el, 'rel') ?? '') && attr(el, 'href')) urls.push(attr(el, 'href')!);
        break;
      case 'style':
        for (const child of el.childNodes) if ('value' in child) urls.push(...cssUrls(child.value));
        break;
      case 'picture': {
        const source = el.childNodes.find((c): c is Element => 'tagName' in c && c.tagName === 'source');
        const img = el.childNodes.find((c): c is Element => 'tagName' in c && c.tagName === 'img');
        const offered = el.childNodes
          .filter((c): c is Element => 'tagName' in c && (c.tagName === 'source' || c.tagName === 'img'))
          .flatMap((c) => [...candidates(attr(c, 'srcset')), ...(attr(c, 'src') ? [attr(c, 'src')!] : [])]);
        const chosen = source ? candidates(attr(source, 'srcset'))[0] : attr(img ?? el, 'src');
        if (chosen) urls.push(chosen);
        alternatives.push(...offered.filter((url) => url !== chosen));
        break;
      }
      case 'img':
        if (el.parentNode && 'tagName' in el.parentNode && el.parentNode.tagName === 'picture') break;
        if (attr(el, 'src')) urls.push(attr(el, 'src')!);
        break;
      case 'video': {
        if (attr(el, 'poster')) urls.push(attr(el, 'poster')!);
        const source = el.childNodes.find((c): c is Element => 'tagName' in c && c.tagName === 'source');
        const src = attr(el, 'src') ?? (source && attr(source, 'src'));
        if (src) urls.push(src);
        break;
      }
    }
  };
  walk(parse(html));
  return { urls, alternatives };
}

/** The url()s of a sheet (or a style attribute). */
export function cssUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)].map((m) => m[2]!);
}

/** The URLs of a srcset. */
function candidates(srcset: string | undefined): string[] {
  return (srcset ?? '').split(',').map((c) => c.trim().split(/\s+/)[0]!).filter(Boolean);
}

/** A URL of the page or a sheet as a path from the top of the site; undefined for another host, data:, a fragment. */
export function resolveUrl(url: string, fromDir: string, base: string): string | undefined {
  if (/^(?:[a-z][\w+.-]*:|\/\/|#)/i.test(url)) return undefined;
  const clean = url.replace(/[?#].*$/, '');
  if (!clean) return undefined;
  let file: string;
  if (clean.startsWith('/')) {
    if (base.startsWith('.') || !clean.startsWith(base)) return undefined;
    file = clean.slice(base.length);
  } else file = path.posix.normalize(path.posix.join(fromDir, clean));
  return file.startsWith('..') ? undefined : file.replace(/^\.\//, '');
}

/** The worker's file: the pages' lists and the build's version, then the worker. */
export function workerFile(pages: Record<string, string[]>, contents: string, assetsDir = 'assets'): string {
  const version = createHash('sha256').update(JSON.stringify(pages)).update(contents).digest('hex').slice(0, 12);
  const manifest = JSON.stringify({ version, assets: `${assetsDir}/`, pages });
  const worker = readFileSync(WORKER_SOURCE, 'utf8').replace(/^\/\/.*\n/gm, '');
  return `self.DECK_OFFLINE=${manifest};\n${worker}`;
}

/**
 * The registration an opted-in page carries, once the page has loaded (the worker's install then
 * fetches the page's files without competing with its first view): the worker and the scope are
 * the page's folder's, relative to the page when Vite's base is (a site moved under any path).
 */
export function registration(pageDir: string, base: string): string {
  const relative = base.startsWith('.') || base === '';
  const worker = relative ? `${'../'.repeat(pageDir.split('/').length)}${WORKER_FILE}` : `${base}${WORKER_FILE}`;
  const scope = relative ? './' : `${base}${pageDir}/`;
  return `if("serviceWorker"in navigator)addEventListener("load",()=>navigator.serviceWorker.register("${worker}",{scope:"${scope}"}))`;
}

export function offlinePlugin(): Plugin {
  let config: ResolvedConfig;
  let decks: DeckPluginApi | undefined;
  /** The pages of this build that opted in: `<name>/index.html`. */
  const pages = new Set<string>();
  const pageFileOf = (filename: string) => path.relative(config.root, filename).split(path.sep).join('/');
  return {
    name: 'deck-offline',
    configResolved(resolved) {
      config = resolved;
      decks = resolved.plugins.find((p) => p.name === 'deck')?.api as DeckPluginApi | undefined;
    },
    buildStart() {
      pages.clear();
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (config.command !== 'build' || !ctx.bundle) return html;
        const pageFile = pageFileOf(ctx.filename);
        const pageDir = path.posix.dirname(pageFile);
        // The site's root page (the root deck's second address) would need the whole site as its
        // scope, and so control every deck: the deck is kept offline at its own /<name>/.
        if (pageDir === '.' || !deckOffline(decks?.builtDeck(ctx.filename)?.meta)) return html;
        pages.add(pageFile);
        return { html, tags: [{ tag: 'script', children: registration(pageDir, config.base), injectTo: 'body' }] };
      },
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        if (pages.size === 0) return;
        const files = bundle as unknown as Record<string, BundleFile>;
        const lists: Record<string, string[]> = {};
        const contents = createHash('sha256');
        for (const pageFile of [...pages].sort()) {
          // The page's folder is its worker's scope; the page itself is cached under that address.
          const [, ...rest] = precacheList(pageFile, files, config.base);
          lists[`${path.posix.dirname(pageFile)}/`] = rest;
          const page = files[pageFile];
          if (page?.type === 'asset') contents.update(page.source);
        }
        this.emitFile({ type: 'asset', fileName: WORKER_FILE, source: workerFile(lists, contents.digest('hex'), config.build.assetsDir) });
      },
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (new URL(req.url ?? '/', 'http://localhost').pathname !== `/${WORKER_FILE}`) return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(DEV_WORKER);
      });
    },
  };
}

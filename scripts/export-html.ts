// The single-file export: the built page with its scripts, styles, fonts and images inlined, so the
// deck (build steps and presenter view included) runs from file:// with no server and no network.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultTreeAdapter, parse, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { getAttr, setAttr } from '../src/core/html-attrs.ts';
import { mediaType } from '../src/node/mime.ts';
import { VIDEO_EMBED_WARNING_BYTES } from '../src/core/syntax/media/service.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Attributes that make the browser fetch a file, per element. */
const FETCHED: Record<string, string[]> = {
  img: ['src'],
  source: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  image: ['href', 'xlink:href'],
  use: ['href', 'xlink:href'],
  input: ['src'],
};

const isExternal = (ref: string) => /^(?:[a-z][a-z0-9+.-]*:|#|\/\/)/i.test(ref);

/** The file a relative reference names, or undefined for data:, http:, fragments and the like. */
function resolveLocal(ref: string, fromFile: string, root: string): string | undefined {
  const clean = ref.trim().replace(/[?#].*$/, '');
  if (!clean || isExternal(ref.trim())) return undefined;
  const decoded = decodeURI(clean);
  // A root-relative path may carry the site's base (`/repo/assets/x.js` for GitHub Pages).
  const candidates = decoded.startsWith('/')
    ? decoded.split('/').filter(Boolean).map((_part, i, parts) => path.join(root, ...parts.slice(i)))
    : [path.resolve(path.dirname(fromFile), decoded)];
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`${path.relative(root, fromFile)}: "${ref}" is not in ${root}/`);
  return file;
}

function dataUrl(file: string): string {
  const mime = mediaType(file);
  if (!mime) throw new Error(`${file}: no known media type to inline it`);
  return `data:${mime};base64,${readFileSync(file).toString('base64')}`;
}

/**
 * @font-face sources list WOFF2 and then WOFF for old browsers; every browser that runs the deck
 * takes the WOFF2, so the WOFF fallbacks are left out rather than inlined twice over.
 */
export function dropWoffFallbacks(css: string): string {
  return css.replace(/\bsrc\s*:([^;}]+)/g, (whole, sources: string) =>
    /\.woff2\b/.test(sources)
      ? whole.replace(/,\s*url\(\s*['"]?[^'")]+\.woff(?:[?#][^'")]*)?['"]?\s*\)\s*format\(\s*['"]?woff['"]?\s*\)/g, '')
      : whole,
  );
}

/** CSS with every url(...) that names a local file turned into a data: URL. */
export function inlineCssUrls(css: string, cssFile: string, root: string): string {
  return dropWoffFallbacks(css).replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (whole, _quote: string, ref: string) => {
    const file = resolveLocal(ref, cssFile, root);
    return file ? `url("${dataUrl(file)}")` : whole;
  });
}

/** Script text that cannot end its <script> element early nor open an HTML comment in it. */
export function scriptText(js: string): string {
  return js.replace(/<(\/script|!--)/gi, '\\x3C$1');
}


function replaceWith(element: Element, tagName: string, text: string, attrs: { name: string; value: string }[]): void {
  const parent = element.parentNode!;
  const replacement = defaultTreeAdapter.createElement(tagName, element.namespaceURI, attrs);
  defaultTreeAdapter.insertText(replacement, text);
  parent.childNodes.splice(parent.childNodes.indexOf(element), 1, replacement);
  replacement.parentNode = parent;
}

function elements(node: Node, found: Element[] = []): Element[] {
  if ('tagName' in node) found.push(node);
  const children =
    node.nodeName === 'template' ? (node as DefaultTreeAdapterMap['template']).content.childNodes : 'childNodes' in node ? node.childNodes : [];
  for (const child of children) elements(child, found);
  return found;
}

function createElement(tagName: string, text: string, attrs: { name: string; value: string }[]): Element {
  const element = defaultTreeAdapter.createElement(tagName, 'http://www.w3.org/1999/xhtml' as Element['namespaceURI'], attrs);
  defaultTreeAdapter.insertText(element, text);
  return element;
}

const STATIC_IMPORT = /(?:^|[;\s}])import\s*(?:[\w*{][^'"]*from\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"`](\.{1,2}\/[^'"`]+)['"`]\s*\)/g;

/** The other chunks a chunk imports by relative path, statically or on demand. */
function chunkImports(js: string): string[] {
  return [...new Set([...js.matchAll(STATIC_IMPORT), ...js.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]!))];
}

/** A split bundle would import its other chunks by path, which a lone file cannot serve. */
function assertSelfContained(js: string, file: string, root: string): void {
  const chunk = chunkImports(js)[0];
  if (chunk) throw new Error(`${path.relative(root, file)} imports ${chunk}: the single-file export needs one script bundle`);
}

/**
 * The chunks that inlined scripts import (Vite's shared preload helper, and chunks loaded on
 * demand such as the presenter view's), as an import map from each specifier to a data: URL. An
 * inline script resolves `./chunk.js` against the page, and so does the map's key, so the browser
 * gets the chunk from the map with no file to fetch. A data: module has no path to resolve
 * `./other.js` against, so a mapped chunk must import nothing itself.
 */
function importMap(scripts: string[], root: string): Element | undefined {
  const imports: Record<string, string> = {};
  for (const script of scripts) {
    for (const specifier of chunkImports(readFileSync(script, 'utf8'))) {
      const file = path.resolve(path.dirname(script), specifier);
      if (!file.startsWith(path.resolve(root) + path.sep) || !existsSync(file)) {
        throw new Error(`${path.relative(root, script)} imports ${specifier}, which is not in ${root}/`);
      }
      const js = readFileSync(file, 'utf8');
      assertSelfContained(js, file, root);
      imports[specifier] = `data:text/javascript;base64,${Buffer.from(js).toString('base64')}`;
    }
  }
  if (Object.keys(imports).length === 0) return undefined;
  return createElement('script', JSON.stringify({ imports }), [{ name: 'type', value: 'importmap' }]);
}

/**
 * The files an entry script loads later through Vite's preload list (`__vite__mapDeps`), in order,
 * when that is all it loads; `undefined` for an ordinary entry.
 */
function deferredChunks(js: string, file: string, root: string): string[] | undefined {
  const list = /__vite__mapDeps\s*=.*?m\.f\s*=\s*\[([^\]]*)\]/.exec(js);
  if (!list) return undefined;
  const deps = [...list[1]!.matchAll(/["'`]([^"'`]+)["'`]/g)].map((m) => path.resolve(path.dirname(file), m[1]!));
  for (const dep of deps) {
    if (!dep.startsWith(path.resolve(root) + path.sep)) throw new Error(`${path.relative(root, file)} loads ${dep} from outside the site`);
  }
  // Styles first, so the runtime starts on a styled page.
  return [...deps.filter((d) => d.endsWith('.css')), ...deps.filter((d) => d.endsWith('.js'))];
}

/** The built page at `<root>/<page>` as one self-contained HTML document. */
export function inlineSite(root: string, page = 'index.html'): string {
  const pageFile = path.join(root, page);
  const document = parse(readFileSync(pageFile, 'utf8'));
  onePictureFile(document);
  for (const element of elements(document)) {
    if (element.tagName === 'source' && element.parentNode && 'tagName' in element.parentNode && element.parentNode.tagName === 'video') {
      const file = resolveLocal(getAttr(element, 'src') ?? '', pageFile, root);
      const bytes = file ? statSync(file).size : 0;
      if (bytes > VIDEO_EMBED_WARNING_BYTES) console.warn(`warning: ${path.relative(root, file!)} is ${(bytes / 2 ** 20).toFixed(1)} MiB; embedded, it makes the single HTML file that much heavier (past ${VIDEO_EMBED_WARNING_BYTES / 2 ** 20} MiB)`);
    }
    const rel = getAttr(element, 'rel') ?? '';
    if (element.tagName === 'script' && getAttr(element, 'src')) {
      const file = resolveLocal(getAttr(element, 'src')!, pageFile, root);
      if (!file) continue;
      const js = readFileSync(file, 'utf8');
      // The page's entry only loads the runtime after the first paint (index.html, bench/README.md),
      // through Vite's preload list. A lone file has no network to wait for: the runtime's chunks
      // take the entry's place, its CSS as <style> and its script as an inline module.
      const deferred = deferredChunks(js, file, root);
      if (deferred) {
        const parent = element.parentNode!;
        const at = parent.childNodes.indexOf(element);
        // A chunk the others import (the preload helper) comes through the import map, not as a script.
        const imported = new Set(deferred.filter((d) => d.endsWith('.js')).flatMap((d) => chunkImports(readFileSync(d, 'utf8')).map((s) => path.resolve(path.dirname(d), s))));
        const scripts = deferred.filter((d) => d.endsWith('.js') && !imported.has(d));
        const map = importMap(scripts, root);
        const replacements = [
          ...(map ? [map] : []),
          ...deferred.filter((d) => d.endsWith('.css') || scripts.includes(d)).map((chunk) => {
            const text = readFileSync(chunk, 'utf8');
            if (chunk.endsWith('.css')) return createElement('style', inlineCssUrls(text, chunk, root).replace(/<\/style/gi, '\\3C/style'), []);
            return createElement('script', scriptText(text), [{ name: 'type', value: 'module' }]);
          }),
        ];
        parent.childNodes.splice(at, 1, ...replacements);
        for (const replacement of replacements) replacement.parentNode = parent;
        continue;
      }
      assertSelfContained(js, file, root);
      const type = getAttr(element, 'type');
      replaceWith(element, 'script', scriptText(js), type ? [{ name: 'type', value: type }] : []);
    } else if (element.tagName === 'link' && /\bstylesheet\b/i.test(rel)) {
      const file = resolveLocal(getAttr(element, 'href') ?? '', pageFile, root);
      if (!file) continue;
      replaceWith(element, 'style', inlineCssUrls(readFileSync(file, 'utf8'), file, root).replace(/<\/style/gi, '\\3C/style'), []);
    } else if (element.tagName === 'link' && /\bmodulepreload\b|\bpreload\b|\bprefetch\b/i.test(rel)) {
      element.parentNode!.childNodes.splice(element.parentNode!.childNodes.indexOf(element), 1);
    } else if (element.tagName === 'link' && /\bicon\b|\bmanifest\b/i.test(rel)) {
      const file = resolveLocal(getAttr(element, 'href') ?? '', pageFile, root);
      if (file) setAttr(element, 'href', dataUrl(file));
    } else {
      for (const name of FETCHED[element.tagName] ?? []) {
        const value = getAttr(element, name);
        const file = value && resolveLocal(value, pageFile, root);
        if (file) setAttr(element, name, dataUrl(file));
      }
      const srcset = getAttr(element, 'srcset');
      if (srcset) {
        const inlined = srcset.split(',').map((candidate) => {
          const [ref = '', ...rest] = candidate.trim().split(/\s+/);
          const file = resolveLocal(ref, pageFile, root);
          return [file ? dataUrl(file) : ref, ...rest].join(' ');
        });
        setAttr(element, 'srcset', inlined.join(', '));
      }
    }
    const style = getAttr(element, 'style');
    if (style && /url\(/.test(style)) setAttr(element, 'style', inlineCssUrls(style, pageFile, root));
    if (element.tagName === 'style') {
      for (const child of element.childNodes) {
        if (child.nodeName === '#text') {
          const text = child as DefaultTreeAdapterMap['textNode'];
          text.value = inlineCssUrls(text.value, pageFile, root);
        }
      }
    }
  }
  return serialize(document);
}

/**
 * A built picture (src/core/syntax/media/) offers AVIF, WebP and its original format. Inlined, each
 * would weigh in the one file: it keeps AVIF, with WebP (which every browser that runs the deck
 * reads) as its <img> instead of the original.
 */
function onePictureFile(document: Node): void {
  for (const picture of elements(document).filter((e) => e.tagName === 'picture' && (getAttr(e, 'class') ?? '').split(/\s+/).includes('media-picture'))) {
    const children = picture.childNodes.filter((c): c is Element => 'tagName' in c);
    const webp = children.find((c) => c.tagName === 'source' && getAttr(c, 'type') === 'image/webp');
    const img = children.find((c) => c.tagName === 'img');
    if (!webp || !img) continue;
    setAttr(img, 'src', getAttr(webp, 'srcset') ?? getAttr(img, 'src') ?? '');
    picture.childNodes.splice(picture.childNodes.indexOf(webp), 1);
  }
}

/** Writes `<out>/<name>.html` from the built page `<root>/<page>`; returns the file and its size in bytes. */
export function exportHtml(root: string, page: string, outDir: string, name: string): { file: string; bytes: number } {
  const html = inlineSite(root, page);
  const file = path.join(outDir, `${name}.html`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}

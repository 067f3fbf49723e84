// The list of a page's files its service worker keeps (src/vite/offline.ts), made from the bundle
// as Rolldown and Vite describe it; the registration an opted-in page carries; the worker's version.
import { describe, expect, it } from 'vitest';
import type { Plugin, ResolvedConfig } from 'vite';
import { DEV_WORKER, htmlUrls, offlinePlugin, precacheList, registration, resolveUrl, workerFile, type BundleFile } from '../../src/vite/offline.ts';

const PAGE = `<!doctype html><html><head>
<link rel="icon" href="../favicon.svg">
<link rel="modulepreload" href="../assets/preload-helper-1.js">
<style>@font-face{font-family:A;src:url(../assets/a-400-x.woff2) format("woff2")}</style>
<script type="module" src="../assets/deck-1.js"></script>
<link rel="canonical" href="https://user.github.io/repo/deck/">
</head><body><div class="reveal"><div class="slides">
<section style="--bg:url('../assets/back-1.avif')">
<picture class="media-light"><source type="image/avif" srcset="../assets/loss-1.avif"><source type="image/webp" srcset="../assets/loss-1.webp"><img src="../assets/loss-1.png" alt="Loss"></picture>
<picture class="media-dark"><source type="image/avif" srcset="../assets/loss-dark-1.avif"><img src="../assets/loss-dark-1.png" alt="Loss"></picture>
<img src="../assets/figure-1.png" alt="A figure">
<img src="data:image/png;base64,AAAA" alt="Inline">
<img src="https://elsewhere.example/x.png" alt="Elsewhere">
<video poster="../assets/orbit-poster-1.webp"><source src="../assets/orbit-1.webm" type="video/webm"></video>
<a href="../assets/slides.pdf">the PDF</a>
</section></div></div></body></html>`;

const chunk = (fileName: string, imports: string[], dynamicImports: string[] = [], css: string[] = [], assets: string[] = []): BundleFile => ({
  type: 'chunk',
  fileName,
  imports,
  dynamicImports,
  viteMetadata: { importedCss: new Set(css), importedAssets: new Set(assets) },
});

const BUNDLE: Record<string, BundleFile> = {
  'deck/index.html': { type: 'asset', fileName: 'deck/index.html', source: PAGE },
  'other/index.html': { type: 'asset', fileName: 'other/index.html', source: '<script type="module" src="../assets/other-1.js"></script>' },
  // Vite lists the page's pictures among its entry chunk's assets, every format of them.
  'assets/deck-1.js': chunk('assets/deck-1.js', ['assets/preload-helper-1.js'], ['assets/main-1.js'], [], ['assets/loss-1.avif', 'assets/loss-1.webp', 'assets/loss-1.png']),
  'assets/preload-helper-1.js': chunk('assets/preload-helper-1.js', []),
  'assets/main-1.js': chunk('assets/main-1.js', ['assets/preload-helper-1.js'], ['assets/presenter-1.js', 'assets/code-1.js'], ['assets/main-1.css']),
  'assets/presenter-1.js': chunk('assets/presenter-1.js', ['assets/main-1.js']),
  'assets/code-1.js': chunk('assets/code-1.js', []),
  'assets/main-1.css': { type: 'asset', fileName: 'assets/main-1.css', source: '@font-face{src:url(./b-700-y.woff2)}.x{background:url("data:image/svg+xml,abc")}' },
  'assets/other-1.js': chunk('assets/other-1.js', [], ['assets/not-ours-1.js']),
  'assets/not-ours-1.js': chunk('assets/not-ours-1.js', []),
};

describe('precacheList', () => {
  it('lists the page, what its HTML loads, every chunk its scripts can import with their sheets, and the fonts the sheets name', () => {
    expect(precacheList('deck/index.html', BUNDLE)).toEqual([
      'deck/index.html',
      'favicon.svg',
      'assets/preload-helper-1.js',
      'assets/a-400-x.woff2',
      'assets/deck-1.js',
      'assets/main-1.js',
      'assets/presenter-1.js',
      'assets/code-1.js',
      'assets/main-1.css',
      'assets/b-700-y.woff2',
      'assets/loss-1.avif',
      'assets/back-1.avif',
      'assets/loss-dark-1.avif',
      'assets/figure-1.png',
      'assets/orbit-poster-1.webp',
      'assets/orbit-1.webm',
    ]);
  });

  it('keeps a picture in its first format only, another host and data: never, a link to a download not', () => {
    const list = precacheList('deck/index.html', BUNDLE);
    expect(list.filter((f) => /loss/.test(f))).toEqual(['assets/loss-1.avif', 'assets/loss-dark-1.avif']);
    expect(list.some((f) => /elsewhere|data:|\.pdf$/.test(f))).toBe(false);
    expect(list).not.toContain('assets/not-ours-1.js');
  });

  it('reads URLs written from an absolute base (base: "/repo/")', () => {
    const page = PAGE.replaceAll('../', '/repo/');
    expect(precacheList('deck/index.html', { ...BUNDLE, 'deck/index.html': { type: 'asset', fileName: 'deck/index.html', source: page } }, '/repo/')).toEqual(precacheList('deck/index.html', BUNDLE));
  });

  it('is empty for a page that is not in the bundle', () => {
    expect(precacheList('nothing/index.html', BUNDLE)).toEqual([]);
  });

  it('resolves a URL to a path from the top of the site, or to nothing when it leaves the site', () => {
    expect(resolveUrl('../assets/x.js?v=1#a', 'deck', './')).toBe('assets/x.js');
    expect(resolveUrl('../../x.js', 'deck', './')).toBeUndefined();
    expect(resolveUrl('//elsewhere.example/x.js', 'deck', './')).toBeUndefined();
    expect(resolveUrl('/other/x.js', 'deck', '/repo/')).toBeUndefined();
    expect(resolveUrl('#top', 'deck', './')).toBeUndefined();
  });

  it('names the alternatives of a picture it does not keep', () => {
    expect(htmlUrls(PAGE).alternatives).toEqual(['../assets/loss-1.webp', '../assets/loss-1.png', '../assets/loss-dark-1.png']);
  });
});

describe('the registration and the worker', () => {
  it('registers the worker at the top of the site with the page’s folder as its scope, under any base', () => {
    expect(registration('deck', './')).toBe('if("serviceWorker"in navigator)addEventListener("load",()=>navigator.serviceWorker.register("../sw.js",{scope:"./"}))');
    expect(registration('deck', '/repo/')).toContain('register("/repo/sw.js",{scope:"/repo/deck/"})');
  });

  it('gets a new version, so a new cache, when a page or its list changes, and is JavaScript', () => {
    const a = workerFile({ 'deck/': ['assets/a.js'] }, 'page one');
    const version = (file: string) => /"version":"(\w+)"/.exec(file)?.[1];
    expect(version(a)).toBe(version(workerFile({ 'deck/': ['assets/a.js'] }, 'page one')));
    expect(version(a)).not.toBe(version(workerFile({ 'deck/': ['assets/a.js'] }, 'page two')));
    expect(version(a)).not.toBe(version(workerFile({ 'deck/': ['assets/b.js'] }, 'page one')));
    expect(() => new Function(a)).not.toThrow();
    expect(() => new Function(DEV_WORKER)).not.toThrow();
  });

  it('adds nothing to a page in dev, and serves a worker that removes itself at /sw.js', () => {
    const plugin = offlinePlugin() as unknown as { configResolved: (c: ResolvedConfig) => void; transformIndexHtml: { handler: (html: string, ctx: unknown) => unknown }; configureServer: Plugin['configureServer'] };
    plugin.configResolved({ command: 'serve', root: '/site', base: '/', plugins: [] } as unknown as ResolvedConfig);
    const html = '<html><body></body></html>';
    expect(plugin.transformIndexHtml.handler(html, { filename: '/site/deck/index.html', path: '/deck/index.html' })).toBe(html);
    let served = '';
    const use = (handler: (req: { url: string }, res: { setHeader: () => void; end: (body: string) => void }, next: () => void) => void) => handler({ url: '/sw.js' }, { setHeader: () => {}, end: (body) => (served = body) }, () => {});
    (plugin.configureServer as (server: unknown) => void)({ middlewares: { use } });
    expect(served).toBe(DEV_WORKER);
    expect(served).toContain('unregister()');
  });
});

// What the per-feature Vite adapters (code.ts, media.ts, qr.ts, scholarly.ts) give the pages that use
// their feature: a sheet inline in the page's <head>, minified, and a script loaded after the first
// paint. One home for both, so each adapter only says which pages get what.
import { readFileSync } from 'node:fs';
import type { HtmlTagDescriptor, Plugin } from 'vite';

/** A sheet as a page carries it: comments and spare whitespace out. */
export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*\n\s*/g, '')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':');
}

/** The sheet in `file`, minified. */
export function readSheet(file: string): string {
  return minifyCss(readFileSync(file, 'utf8'));
}

/**
 * A module script that imports `runtime` after the first paint, as the deck's own runtime loads
 * (index.html): a feature's script needs nothing before reveal.js lays the slide out, and should not
 * compete with the fonts for the first paint.
 */
export function afterFirstPaint(runtime: string): HtmlTagDescriptor {
  return { tag: 'script', attrs: { type: 'module' }, children: `requestAnimationFrame(() => setTimeout(() => import('${runtime}')));`, injectTo: 'body' };
}

/**
 * A plugin that puts one sheet inline in the <head> of the pages `needs` it, as `<style
 * data-deck="id">`: read (by `read`, the minified `file` unless told) once per build, and again in
 * dev after an edit to `file`.
 */
export function inlineSheetPlugin(options: { name: string; id: string; file: string; needs: (html: string) => boolean; read?: () => string }): Plugin {
  const { name, id, file, needs, read = () => readSheet(file) } = options;
  let css: string | undefined;
  return {
    name,
    configureServer(server) {
      server.watcher.on('change', (changed) => {
        if (changed === file) css = undefined;
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (!needs(html)) return html;
        return { html, tags: [{ tag: 'style', attrs: { 'data-deck': id }, children: (css ??= read()), injectTo: 'head' }] };
      },
    },
  };
}

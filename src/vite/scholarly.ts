// Vite adapter for citations, footnotes and diagrams: a page that has them (and no other page)
// gets their sheet (src/theme/citations.css, src/theme/diagrams.css) inline in its <head>. They
// need no script: the references, footnotes and diagrams are in the page as HTML and SVG.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { readSheet } from './page-assets.ts';

const SHEETS = {
  citations: fileURLToPath(new URL('../theme/citations.css', import.meta.url)),
  diagrams: fileURLToPath(new URL('../theme/diagrams.css', import.meta.url)),
};

/** Which of the sheets the page's slides need. */
export function pageScholarly(html: string): { citations: boolean; diagrams: boolean } {
  const body = html.slice(Math.max(0, html.search(/<body\b/i)));
  return {
    citations: /<(?:footer class="(?:cite-footer|footnotes)"|(?:ol|ul) class="references |span class="cite")/.test(body),
    diagrams: /<figure class="diagram /.test(body),
  };
}

export function scholarlyPlugin(): Plugin {
  let css: Partial<Record<keyof typeof SHEETS, string>> = {};
  return {
    name: 'deck-scholarly-css',
    configureServer(server) {
      server.watcher.on('change', (file) => {
        if (Object.values(SHEETS).includes(file)) css = {};
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const has = pageScholarly(html);
        const tags = (Object.keys(SHEETS) as (keyof typeof SHEETS)[])
          .filter((name) => has[name])
          .map((name) => ({ tag: 'style', attrs: { 'data-deck': name }, children: (css[name] ??= readSheet(SHEETS[name])), injectTo: 'head' as const }));
        return tags.length ? { html, tags } : html;
      },
    },
  };
}

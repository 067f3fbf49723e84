// Vite adapter for pictures, layout, tables, callouts and asides: a page that uses one of them gets, and
// no other page does, the sheet src/theme/media.css inline in its <head>; a page with pictures
// gets the little script that loads the next slide's pictures early and restarts animated ones
// (src/runtime/media.ts). The talk, which uses none of them, loads none of it.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { afterFirstPaint, inlineSheetPlugin, readSheet } from './page-assets.ts';

const SHEET = fileURLToPath(new URL('../theme/media.css', import.meta.url));
const RUNTIME = '/src/runtime/media.ts';

/** What of this feature the page's slides use. */
export function pageHasMedia(html: string): { pictures: boolean; any: boolean } {
  const body = html.slice(Math.max(0, html.search(/<body\b/i)));
  const pictures = /<picture class="media-picture|<video class="media-video|class="deck-background|<a class="figure-ref"/.test(body);
  const any = pictures || /class="(columns|callout |deck-table|aside\b|[^"]*\bnumbered-figure\b)|class="[^"]*\b(layout-|smaller\b)|has-background-color/.test(body);
  return { pictures, any };
}

/** The sheet as a page carries it: comments and spare whitespace out. */
export function mediaCss(): string {
  return readSheet(SHEET);
}

export function mediaPlugin(): Plugin[] {
  return [
    {
      name: 'deck-media-runtime',
      transformIndexHtml: {
        order: 'pre',
        handler(html) {
          if (!pageHasMedia(html).pictures) return html;
          return { html, tags: [afterFirstPaint(RUNTIME)] };
        },
      },
    },
    inlineSheetPlugin({ name: 'deck-media-css', id: 'media', file: SHEET, needs: (html) => pageHasMedia(html).any, read: mediaCss }),
  ];
}

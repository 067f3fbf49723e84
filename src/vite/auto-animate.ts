// Vite adapter for animation between slides (src/core/syntax/media/auto-animate.ts): a page with a
// slide marked `data-auto-animate` gets, and no other page does, the little script that keeps the
// animation out of the presenter's previews and away from viewers who prefer less motion
// (src/runtime/auto-animate.ts). reveal.js itself does the animating. The talk loads none of it.
import type { Plugin } from 'vite';
import { afterFirstPaint } from './page-assets.ts';

const RUNTIME = '/src/runtime/auto-animate.ts';

/** Whether one of the page's slides animates into another. */
export function pageHasAutoAnimate(html: string): boolean {
  const body = html.slice(Math.max(0, html.search(/<body\b/i)));
  return /<section\b[^>]*\sdata-auto-animate[\s>]/.test(body);
}

export function autoAnimatePlugin(): Plugin {
  return {
    name: 'deck-auto-animate-runtime',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        return pageHasAutoAnimate(html) ? { html, tags: [afterFirstPaint(RUNTIME)] } : html;
      },
    },
  };
}

// Vite adapter for code: a page whose slides have code gets, and no other page does, the code
// sheet (src/theme/code.css, with one rule per highlight stage) inline in its <head>, and a block
// of code gets the little script that keeps its highlighted lines in view when it scrolls
// (src/runtime/code.ts). The code font's faces are declared by src/vite/fonts.ts (pageFaces), cut
// to the characters in the page's code. The talk, with no code, loads none of it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { afterFirstPaint, minifyCss } from './page-assets.ts';
import { MAX_STAGES } from '../core/syntax/code/ranges.ts';

const SHEET = fileURLToPath(new URL('../theme/code.css', import.meta.url));
const RUNTIME = '/src/runtime/code.ts';

/** Whether the page's slides hold code: a block (`<pre class="code`) or a span (`<code>`). */
export function pageHasCode(html: string): { block: boolean; span: boolean } {
  const body = html.slice(Math.max(0, html.search(/<body\b/i)));
  return { block: /<pre class="code[\s"]/.test(body), span: /<code>/.test(body) };
}

/**
 * The lines of the current stage: in a stepped block, the stage is how many of its markers
 * reveal.js shows (`.visible`): none, stage 0; else the last one shown, the Kth, stage K.
 */
export function stageRules(stages = MAX_STAGES): string {
  const selectors = ['.reveal pre.code-steps>code:not(:has(>i.visible))>.s0'];
  for (let k = 1; k < stages; k++) selectors.push(`.reveal pre.code-steps>code>i:nth-of-type(${k}).visible:not(:has(~i.visible))~.s${k}`);
  return `${selectors.join(',\n')}{--line-c:initial;color:var(--deck-ink);background:var(--deck-code-band);box-shadow:inset .22em 0 0 var(--deck-accent)}`;
}

/** Where the sheet's rules for blocks start (the rules before it are for spans too). */
const BLOCKS = '/* ── Blocks:';

/**
 * The code sheet as a page carries it, comments and spare whitespace out: for a page with code
 * blocks, all of it and the stage rules; for a page with code spans only, the spans' part.
 */
export function codeCss(blocks = true): string {
  const whole = readFileSync(SHEET, 'utf8');
  const sheet = minifyCss(blocks ? whole : whole.slice(0, whole.indexOf(BLOCKS)));
  return blocks ? `${sheet}\n${stageRules().replace(/\n/g, '')}` : sheet;
}

export function codePlugin(): Plugin[] {
  let css: { blocks?: string; spans?: string } = {};
  return [
    {
      // Before Vite reads the page's scripts, so the runtime is bundled with the page (build) or served (dev).
      name: 'deck-code-runtime',
      transformIndexHtml: {
        order: 'pre',
        handler(html) {
          if (!pageHasCode(html).block) return html;
          return { html, tags: [afterFirstPaint(RUNTIME)] };
        },
      },
    },
    {
      name: 'deck-code-css',
      configureServer(server) {
        // The sheet is read once per build; in dev, an edit to it shows on the next page load.
        server.watcher.on('change', (file) => {
          if (file === SHEET) css = {};
        });
      },
      transformIndexHtml: {
        order: 'post',
        handler(html) {
          const has = pageHasCode(html);
          if (!has.block && !has.span) return html;
          const sheet = has.block ? (css.blocks ??= codeCss(true)) : (css.spans ??= codeCss(false));
          return { html, tags: [{ tag: 'style', attrs: { 'data-deck': 'code' }, children: sheet, injectTo: 'head' }] };
        },
      },
    },
  ];
}

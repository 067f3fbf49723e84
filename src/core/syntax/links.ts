// Links out of the deck: an absolute http(s) link opens in a new tab, without handing the new page
// a `window.opener` or a Referer (`rel="noopener noreferrer"`). Links inside the deck (`#/slide`) and
// relative links are left alone.
import type { MarkdownIt } from 'markdown-it';
import { AFTER_STEPS } from '../phases.ts';

/** True for a link that leaves the site: an absolute http(s) or protocol-relative URL. */
export function isExternalHref(href: string): boolean {
  return /^(https?:)?\/\//i.test(href.trim());
}

/** The attributes an external link gets, in the order they are written. */
export const EXTERNAL_LINK_ATTRS: ReadonlyArray<readonly [string, string]> = [
  ['target', '_blank'],
  ['rel', 'noopener noreferrer'],
];

/** ` target="_blank" rel="noopener noreferrer"` for an external href, '' otherwise (for hand-built HTML). */
export function externalLinkAttrs(href: string): string {
  return isExternalHref(href) ? EXTERNAL_LINK_ATTRS.map(([name, value]) => ` ${name}="${value}"`).join('') : '';
}

export function linksPlugin(md: MarkdownIt): void {
  md.core.ruler.before(AFTER_STEPS, 'deck_links', (state) => {
    for (const block of state.tokens) {
      if (!block.children) continue;
      for (const token of block.children) {
        if (token.type !== 'link_open' || !isExternalHref(String(token.attrGet('href') ?? ''))) continue;
        for (const [name, value] of EXTERNAL_LINK_ATTRS) token.attrSet(name, value);
      }
    }
  });
}

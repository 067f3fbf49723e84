// Attribute braces: `{.class #id key=value}` after a block or a `[span]` (markdown-it-attrs and
// markdown-it-bracketed-spans). The names declared here are HTML's harmless global attributes
// and those Markdown itself puts on links, images and lists; other features declare their own
// (`step`), and the marker check reports any other name.
import MarkdownItClass from 'markdown-it';
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import attrs from 'markdown-it-attrs';
import bracketedSpans from 'markdown-it-bracketed-spans';
import { declareSyntax, HTML_ATTRIBUTES, type AttributeDeclaration } from './feature.ts';

const NAMES: [string, string][] = [
  ['id', 'the element’s id'],
  ['class', 'classes, also written `.name`'],
  ['lang', 'the language of the element’s text'],
  ['dir', 'text direction: `ltr` or `rtl`'],
  ['title', 'a tooltip'],
  ['style', 'inline CSS'],
  ['role', 'an ARIA role'],
  ['width', 'an image’s width'],
  ['height', 'an image’s height'],
  ['alt', 'an image’s text'],
  ['src', 'an image’s file'],
  ['href', 'a link’s target'],
  ['start', 'a numbered list’s first number'],
  ['target', 'where a link opens'],
  ['rel', 'a link’s relation'],
  ['loading', 'when an image loads'],
  ['colspan', 'a table cell’s width in columns'],
  ['rowspan', 'a table cell’s height in rows'],
  ['data-*', 'data for the theme or scripts'],
  ['aria-*', 'accessibility properties'],
];

export function attributesPlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: HTML_ATTRIBUTES,
    attributes: NAMES.map(([name, summary]): AttributeDeclaration => ({ name, summary })),
  });
  md.use(bracketedSpans).use(attrs);
  md.core.ruler.before('curly_attributes', 'deck_many_inline_attrs', manyInlineAttrs);
}

/**
 * Past this many attribute blocks in one paragraph, they are applied a few at a time.
 * markdown-it-attrs looks for the next inline `{…}` from the paragraph's first token each time
 * it applies one, so k of them cost k² (10,000 on a line took half a minute).
 */
const MANY = 16;

/** markdown-it-attrs alone, run through markdown-it's public `core.process`. */
// A pattern that cannot apply to a piece on its own (it needs tokens outside it) leaves the piece
// as it was, and the library's own pass over the paragraph applies it: nothing to report here.
const attrsOnly = new MarkdownItClass().use(attrs, { errorHandler: () => {} });
attrsOnly.core.ruler.enableOnly(['curly_attributes']);

/**
 * Applies a paragraph's inline `{…}` blocks one element at a time when it has many: each piece
 * (an element with the attribute text right after it, at the top level of the paragraph) goes
 * through markdown-it-attrs on its own, as if it were the whole paragraph. The last piece is
 * left to the library's own pass over the paragraph, which may also give it to the block.
 */
export function manyInlineAttrs(state: StateCore): void {
  for (const block of state.tokens) {
    const children = block.type === 'inline' ? block.children : null;
    if (!children || children.length < MANY) continue;
    const cuts: number[] = [];
    let depth = 0;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      depth += child.nesting;
      // (After a line break, `{…}` belongs to what is before the break: not a piece of its own.)
      const afterBreak = children[i - 1]?.type === 'softbreak' || children[i - 1]?.type === 'hardbreak';
      if (depth === 0 && i > 0 && !afterBreak && child.type === 'text' && child.content.startsWith('{')) cuts.push(i);
    }
    if (cuts.length < MANY) continue;
    const piece = new state.Token('inline', '', 0);
    const pieceState = new attrsOnly.core.State('', attrsOnly, state.env as StateCore['env']);
    // The pieces' tokens are the paragraph's own: attributes set on them, a used-up text dropped.
    const applied: Token[] = [];
    let from = 0;
    for (const cut of cuts.slice(0, -1)) {
      piece.children = children.slice(from, cut + 1);
      pieceState.tokens = [piece];
      attrsOnly.core.process(pieceState);
      for (const child of piece.children) applied.push(child);
      from = cut + 1;
    }
    for (let i = from; i < children.length; i++) applied.push(children[i]!);
    block.children = applied;
  }
}

// Attribute braces: `{.class #id key=value}` after a block or a `[span]` (markdown-it-attrs and
// markdown-it-bracketed-spans). The names declared here are HTML's harmless global attributes
// and those Markdown itself puts on links, images and lists; other features declare their own
// (`step`), and the marker check reports any other name.
import type { MarkdownIt } from 'markdown-it';
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
}

// Inline attribute blocks (`[words]{.fragment}`, `![img](x.svg){step=2}`, `` `code`{.c} ``) in one
// left-to-right pass. markdown-it-attrs applies them itself, but rescans a line's tokens from the
// start after each one, so a line with k of them costs k²; this rule runs just before it, applies
// the same transforms with the library's own helpers, and leaves it nothing to rescan.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { addAttrs, getAttrs, getMatchingOpeningToken, hasDelimiters } from 'markdown-it-attrs/utils.js';
import { ATTRS_OPTIONS as OPTIONS } from './curly-attrs.ts';


export function inlineAttrsPlugin(md: MarkdownIt): void {
  const startsWithAttrs = hasDelimiters('start', OPTIONS);
  md.core.ruler.before('curly_attributes', 'deck_inline_attrs', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'inline' && token.children) applyInlineAttrs(token.children, startsWithAttrs);
    }
  });
}

function applyInlineAttrs(children: Token[], startsWithAttrs: (text: string) => boolean): void {
  for (let j = 1; j < children.length; j++) {
    const text = children[j]!;
    // A text may start with several blocks (`{.a}{.b}`): apply them one by one, as the library does.
    // (The first-character test is a cheap refusal for the many texts that cannot start a block.)
    while (text.type === 'text' && text.content.startsWith(OPTIONS.leftDelimiter) && startsWithAttrs(text.content)) {
      const before = children[j - 1]!;
      const end = text.content.indexOf(OPTIONS.rightDelimiter) + OPTIONS.rightDelimiter.length;
      if (before.type === 'image' || before.type === 'code_inline') {
        addAttrs(getAttrs(text.content, 0, OPTIONS), before);
        if (end === text.content.length) {
          children.splice(j, 1);
          break;
        }
        text.content = text.content.slice(end);
      } else if (before.nesting === -1) {
        const opening = getMatchingOpeningToken(children, j - 1);
        if (!opening) break;
        addAttrs(getAttrs(text.content, 0, OPTIONS), opening);
        text.content = text.content.slice(end);
      } else break;
    }
  }
}

// Many inline attribute blocks in one paragraph are applied a piece at a time
// (src/core/syntax/attributes.ts: manyInlineAttrs), so they cost linear time. That must give
// exactly what markdown-it-attrs gives on its own.
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import attrs from 'markdown-it-attrs';
import bracketedSpans from 'markdown-it-bracketed-spans';
import { describe, expect, it } from 'vitest';
import { manyInlineAttrs } from '../../src/core/syntax/attributes.ts';

const library = new MarkdownIt().use(bracketedSpans).use(attrs);
const pieceByPiece = new MarkdownIt().use(bracketedSpans).use(attrs);
pieceByPiece.core.ruler.before('curly_attributes', 'many_inline_attrs', manyInlineAttrs);

const PIECES = ['[x]{.a}', '[y z]{#i .b k=v}', '*em*{.c}', '**strong**{.d}', '`code`{.e}', '![alt](p.png){width=3}', 'word', '{.stray}', '[**nested** x]{.f}', '[x]{.a}{.g}', '*e*', '{', '}', '[a]', 'text{.h}', '[a *b*{.i} c]{.j}', '\n'];
const line = fc.array(fc.constantFrom(...PIECES), { minLength: 20, maxLength: 80 }).chain((pieces) => fc.constantFrom(pieces.join(' '), pieces.join(''), `${pieces.join(' ')} {.end}`));

describe('many inline attribute blocks in one paragraph', () => {
  it('give what markdown-it-attrs gives', () => {
    fc.assert(
      fc.property(line, (source) => {
        expect(pieceByPiece.render(source)).toBe(library.render(source));
      }),
      { numRuns: 300 },
    );
  });

  it('are applied piece by piece past a few dozen (the case that was quadratic)', () => {
    const source = '[x]{.a} '.repeat(40) + '\n';
    const html = pieceByPiece.render(source);
    expect(html.match(/<span class="a">x<\/span>/g)).toHaveLength(40);
    expect(html).toBe(library.render(source));
    // A block inside a span is not a piece of its own: the span's opening tag is before it.
    const nested = '[a *b*{.i} c]{.j} '.repeat(30) + '\n';
    expect(pieceByPiece.render(nested)).toBe(library.render(nested));
  });
});

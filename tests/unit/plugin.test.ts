// The deck's features as one markdown-it plugin (src/core/markdown.ts: markdownItDeck, createMarkdown):
// usable as markdown-it is used, with no env of the deck's own.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { compileDeck, createMarkdown, markdownItDeck } from '../../src/core/index.ts';

describe('the deck as a markdown-it plugin', () => {
  it('createMarkdown().render(text) needs no env', () => {
    expect(createMarkdown().render('## A\n\ntext {.fragment}\n')).toBe(
      '<section id="a" data-source-line="1" data-steps="2">\n<h2>A</h2>\n<p class="fragment" data-fragment-index="0">text</p>\n</section>\n',
    );
  });

  it('.use(markdownItDeck) on a markdown-it of one’s own gives the slides compileDeck gives, problems in the env passed', () => {
    const source = '---\ntitle: T\n---\n\n## A\n\n- x {.fragment}\n\n---\n\n## B {.fragmnt}\n';
    const env: { diagnostics?: { line: number; message: string }[] } = {};
    const html = new MarkdownIt({ html: false }).use(markdownItDeck).render(source, env);
    expect(html).toBe(compileDeck(source).slides.map((slide) => slide.html).join(''));
    expect(env.diagnostics?.map((d) => `${d.line}: ${d.message}`)).toEqual(['11: unknown class ".fragmnt"; did you mean ".fragment"?']);
  });
});

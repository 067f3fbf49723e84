// Standard Markdown renders as plain markdown-it renders it. Every example of the CommonMark spec
// (commonmark-spec 0.31.2: 652 examples) is compiled as a deck of its own (`compileDeck`) and the
// slides' HTML is compared with `new MarkdownIt({ html: false, linkify: false, typographer: false })`,
// the options the deck's own markdown-it is created with (src/core/markdown.ts). The deck adds
// syntax (attributes, containers, pauses, figures, emoji); what it must not do is change how
// ordinary Markdown comes out. A loader change that does fails here, naming the example.
//
// The comparison is against markdown-it's output, not the spec's HTML: where markdown-it 15 itself
// departs from the spec, the deck follows markdown-it, and that is not the deck's business.
//
// What is normalized, and why (nothing else is):
//   - Tabs: the spec writes a tab as "→"; its own test runner turns them back into tabs, so do we.
//   - The slide wrapper: each slide's HTML is `<section …>\n` + content + `</section>\n`; the
//     wrapper is taken off and the slides' contents are joined in order.
//   - Top-level thematic breaks (`---`, `***`, `___`, ` - - -`…): in a deck they end a slide
//     (src/core/plugins/slides.ts) instead of drawing a line. They are taken out of markdown-it's
//     token stream (only `hr` tokens at level 0: a break inside a list or a quote stays `<hr>` in
//     both) before it renders, so everything around them is still compared.
//   - Links out of the site: an http(s) or protocol-relative link gets
//     ` target="_blank" rel="noopener noreferrer"` (src/core/syntax/links.ts); exactly that pair
//     is taken off such links.
// Not normalized, because they need no normalization: raw HTML (off in both, so it is escaped
// text in both), emoji (no example holds one), `{…}` in code spans and in text where it is not an
// attribute block (examples 12, 176, 182 match as they are).
//
// With commonmark-spec 0.31.2 and markdown-it 15.0.3: 7 examples excluded (EXCLUDED, below), 645
// compared, 25 of those with a top-level thematic break taken out, 620 with nothing but the wrapper.
import { createRequire } from 'node:module';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/core/index.ts';

interface SpecExample {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

// commonmark-spec is a CommonJS package without types: `tests` is its parsed list of examples.
const { tests } = createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] };

/**
 * The examples the deck renders differently on purpose, by number, with the reason. Each must
 * still differ (see the last test): when a loader change makes one match, take it off the list.
 */
const EXCLUDED: Record<number, { reason: string; rendersTheSameByChance?: true }> = {
  96: {
    reason:
      'starts with a `---` line that a later `---` line closes: the deck reads the lines between as YAML front matter (here "Foo", an error: not a mapping), not as a break and a setext heading',
  },
  98: {
    reason: '`---\\n---\\n` is an empty front matter block to the deck, not two thematic breaks',
    // With the top-level breaks taken out, markdown-it's output is empty, and so is the deck's
    // (the front matter shows nothing): equal, but not because the deck renders Markdown alike.
    rendersTheSameByChance: true,
  },
  172: {
    reason: '`h1 {color:red;}` ends a paragraph line with `{…}`: the deck reads it as an attribute block (markdown-it-attrs), reports the unknown attribute "color:red;" as an error and leaves it on the <p>',
  },
  596: { reason: '<irc://…> autolink: the deck allows only http:, https:, mailto:, tel: and relative URLs; it removes the href and reports an error (src/core/checks/unsafe-content.ts)' },
  598: { reason: '<a+b+c:d> autolink: scheme a+b+c: is not allowed in a deck; href removed, error reported' },
  599: { reason: '<made-up-scheme://…> autolink: scheme not allowed in a deck; href removed, error reported' },
  601: { reason: '<localhost:5001/foo> autolink: "localhost:" is a scheme to CommonMark, not allowed in a deck; href removed, error reported' },
};

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const source = (example: SpecExample) => example.markdown.replace(/→/g, '\t');

/** What plain markdown-it renders, without the top-level thematic breaks (slide separators in a deck). */
function plain(markdown: string): { html: string; topLevelBreaks: number } {
  const tokens = md.parse(markdown, {});
  const kept = tokens.filter((token) => !(token.type === 'hr' && token.level === 0));
  return { html: md.renderer.render(kept, md.options, {}), topLevelBreaks: tokens.length - kept.length };
}

const SECTION = /^<section\b[^>]*>\n([\s\S]*)<\/section>\n$/;
const EXTERNAL_LINK = /(<a href="(?:https?:)?\/\/[^"]*"(?: title="[^"]*")?) target="_blank" rel="noopener noreferrer">/g;

/**
 * A code block as the deck writes it (src/core/syntax/code/: its size for the theme, its language,
 * a span per line for stepped highlighting, with its indentation for a wrapped line to hang under,
 * and break points in a long line), back in markdown-it's form: the text inside is the same.
 */
const CODE_BLOCK = /<pre class="code" style="[^"]*"(?: data-lang="([^"]*)")?><code>([\s\S]*?)<\/code><\/pre>/g;
const asPlainCode = (_: string, lang: string | undefined, lines: string) =>
  `<pre><code${lang ? ` class="language-${lang}"` : ''}>${lines.replace(/<span class="line"(?: style="--indent:\d+")?>|<\/span>|<wbr>/g, '')}</code></pre>`;

/** The deck's slides' content, joined, with the deck's own link attributes and code block markup taken off. */
function deckHtml(markdown: string): { html: string; slides: number } {
  const deck = compileDeck(markdown, { file: 'example.md', readAsset: () => undefined });
  const inner = deck.slides.map((slide) => {
    const match = SECTION.exec(slide.html);
    if (!match) throw new Error(`a slide that is not one <section>: ${JSON.stringify(slide.html.slice(0, 200))}`);
    return match[1]!;
  });
  return { html: inner.join('').replace(EXTERNAL_LINK, '$1>').replace(CODE_BLOCK, asPlainCode), slides: deck.slides.length };
}

const compared = tests.filter((example) => !(example.number in EXCLUDED));

describe('CommonMark spec examples through the deck loader', () => {
  it('reads the pinned spec: 652 examples, the excluded ones among them', () => {
    expect(tests.length).toBe(652);
    for (const number of Object.keys(EXCLUDED).map(Number)) expect(tests.some((example) => example.number === number)).toBe(true);
    // The exclusions stay few: at least 640 of the 652 examples are compared, each exactly.
    expect(compared.length).toBeGreaterThanOrEqual(640);
  });

  it.each(compared.map((example) => [example.number, example.section, example] as const))('example %i (%s) renders as markdown-it renders it', (_n, _s, example) => {
    const markdown = source(example);
    const expected = plain(markdown);
    const got = deckHtml(markdown);
    // Without a top-level break it is a one-slide deck.
    if (expected.topLevelBreaks === 0) expect(got.slides, `slides for ${JSON.stringify(markdown)}`).toBe(1);
    expect(got.html, `deck HTML for ${JSON.stringify(markdown)}`).toBe(expected.html);
  });

  it('every excluded example still renders differently (when one matches, take it off the list)', () => {
    const stale = Object.entries(EXCLUDED)
      .filter(([, exclusion]) => !exclusion.rendersTheSameByChance)
      .map(([number]) => tests.find((example) => example.number === Number(number))!)
      .filter((example) => deckHtml(source(example)).html === plain(source(example)).html)
      .map((example) => example.number);
    expect(stale).toEqual([]);
  });
});

// Critical CSS (src/vite/critical.ts): what the first paint needs from the bundle's CSS.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { criticalCss, deferUnusedStyles, firstPaintCss, firstPaintTokens, firstSlide, mayMatchFirstPaint, splitStylesheet } from '../../src/vite/critical.ts';

const revealCss = readFileSync(createRequire(import.meta.url).resolve('reveal.js/reveal.css'), 'utf8');

describe('criticalCss', () => {
  it('keeps what paints a slide and hides its pending steps', () => {
    const css = criticalCss(revealCss);
    expect(css).toContain('.reveal .slides>section.present');
    expect(css).toMatch(/\.reveal \.fragment:not\(\.custom\)\{opacity:0;visibility:hidden/);
  });

  it('leaves out what only exists once reveal.js runs', () => {
    const css = criticalCss(revealCss);
    for (const gone of ['.controls', '.progress', '.overview', '[data-transition', 'reveal-print', '@keyframes', 'transition:']) {
      expect(css, gone).not.toContain(gone);
    }
    expect(css.length).toBeLessThan(revealCss.length / 2);
  });

  it('keeps a rule for its other selectors when one of them is left out', () => {
    expect(criticalCss('.reveal .controls,.reveal h1{color:red}')).toBe('.reveal h1{color:red}');
  });

  it('gives the page, before reveal.js marks <html> and <body>, the styles of those marks', () => {
    expect(criticalCss('.reveal-viewport{line-height:1}')).toBe('.reveal-viewport,body:not(.reveal-viewport){line-height:1}');
  });

  it('rebases relative url()s for the page it is inlined in, and only those', () => {
    const css = '@font-face{font-family:A;src:url(./a.woff2)format("woff2"),url("b.woff")}.x{background:url(data:image/png;base64,AA)}.y{background:url(/abs.png)}';
    const out = criticalCss(css, (url) => `assets/${url.replace(/^\.\//, '')}`);
    expect(out).toContain('url(assets/a.woff2)');
    expect(out).toContain('url("assets/b.woff")');
    expect(out).toContain('url(data:image/png;base64,AA)');
    expect(out).toContain('url(/abs.png)');
  });

  it('from one parse, gives the stylesheet less its @font-face rules, and the first-paint rules with them', () => {
    const css = '@font-face{font-family:A;src:url(a.woff2)}.reveal h1{color:red}@media (min-width:1px){@font-face{font-family:B;src:url(b.woff2)}.x{color:blue}}@font-face{font-family:C;src:url(c.woff2)}';
    const { firstPaint, rest } = splitStylesheet(css);
    expect(rest).toBe('.reveal h1{color:red}@media (min-width:1px){.x{color:blue}}');
    // The first-paint rules keep the @font-face rules in their places.
    expect(firstPaint).toBe(css);
    expect(criticalCss(revealCss)).toBe(splitStylesheet(revealCss).firstPaint);
  });
});

describe('the critical CSS cut to a page’s first slide (issue 17)', () => {
  const page = `<!doctype html><html lang="en"><head><style>.x{}</style></head><body><div class="reveal"><div class="slides">
<section data-first-face id="title" class="title-slide"><h1 class="title">A <span class="emoji" data-emoji="1f447">👇</span></h1><p class="subtitle">b</p><aside class="notes"><p>n</p></aside></section>
<section id="two"><h2>Two</h2><table><tr><td>c</td></tr></table><p><code>x</code> <span class="math inline">m</span></p></section>
</div></div></body></html>`;
  const tokens = firstPaintTokens(page)!;

  it('finds the first slide, its inner sections counted', () => {
    const first = firstSlide('<div><section id="a"><section>x</section><section>y</section></section><section id="b"></section></div>')!;
    expect(first.html).toBe('<section id="a"><section>x</section><section>y</section></section>');
    expect(firstSlide('<p>no slide</p>')).toBeUndefined();
  });

  it('keeps the rules whose classes, ids, attributes and tags the first paint has', () => {
    for (const kept of ['.reveal .title-slide h1', 'html body', '.reveal .slides>section:first-child', '.reveal:not(.ready) .slides', '.reveal .emoji[data-emoji="1f447"]', '#title p', 'aside.notes', ':root', '.reveal :is(.table, h1)']) {
      expect(mayMatchFirstPaint(kept, tokens), kept).toBe(true);
    }
    for (const dropped of ['.reveal table th', '#two', '.reveal .emoji[data-emoji="274c"]', '.reveal pre code', '.reveal .math', '.reveal-viewport', '.reveal section.present']) {
      expect(mayMatchFirstPaint(dropped, tokens), dropped).toBe(false);
    }
  });

  it('moves the emoji face out of the head when the first slide has no emoji; keeps it otherwise', () => {
    const css = "@font-face{font-family:'Deck Emoji';src:url(e.woff2)}@font-face{font-family:A;src:url(a.woff2)}.reveal table{color:red}.reveal h1{color:blue}@media (max-width:400px){.reveal td{x:y}}";
    expect(firstPaintCss(css, tokens).later).toBe('');
    const plain = firstPaintTokens(page.replace(/<span class="emoji"[^>]*>👇<\/span>/, ''))!;
    const cut = firstPaintCss(css, plain);
    expect(cut.head).toBe('@font-face{font-family:A;src:url(a.woff2)}.reveal h1{color:blue}');
    expect(cut.later).toContain('Deck Emoji');
  });

  it('moves the math, code and extra-face styles after the slides unless the first slide uses them', () => {
    const html = '<head><style data-deck-math="">.katex{}</style><style data-deck="code">pre{}</style><style data-deck="fonts">@font-face{}</style><style>.keep{}</style></head>';
    const plain = deferUnusedStyles(html, '<section><h1>Title</h1></section>');
    expect(plain.moved).toHaveLength(3);
    expect(plain.html).toBe('<head><style>.keep{}</style></head>');
    const withCode = deferUnusedStyles(html, '<section><h1>Title <code>x</code></h1></section>');
    expect(withCode.html).toContain('data-deck="code"');
    expect(withCode.html).toContain('data-deck="fonts"');
    expect(withCode.html).not.toContain('data-deck-math');
    expect(deferUnusedStyles(html, '<section><span class="math inline">x</span></section>').html).toContain('data-deck-math');
  });
});

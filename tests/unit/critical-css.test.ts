// Critical CSS (src/vite/critical.ts): what the first paint needs from the bundle's CSS.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { criticalCss, splitStylesheet } from '../../src/vite/critical.ts';

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

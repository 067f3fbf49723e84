// Math (src/core/syntax/math, src/vite/math.ts): Pandoc's dollars, the steps inside a formula as
// TeX, what KaTeX may and may not do for a deck, and the fonts and CSS a page with formulas gets.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { compileDeck, deckFrames, framesToText } from '../../src/core/index.ts';
import { formulaAt } from '../../src/core/syntax/math/dollars.ts';
import { COMMON_COMMANDS } from '../../src/core/syntax/math/index.ts';
import { GUARDED, renderFormula } from '../../src/core/syntax/math/render.ts';
import { scanSteps, texAtStep } from '../../src/core/syntax/math/tex-steps.ts';
import { mayHoldMath } from '../../src/core/syntax/math/typesetter.ts';
import { pageFaces, withoutFormulas } from '../../src/vite/fonts.ts';
import { pageMath } from '../../src/vite/math.ts';

const html = (source: string) => compileDeck(source, { file: 'deck.md', katex }).slides.map((s) => s.html).join('');
const messages = (source: string) => compileDeck(source, { file: 'deck.md', katex }).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);

describe("Pandoc's rules for dollars", () => {
  const cases: [string, string | undefined][] = [
    ['$x$', 'x'],
    ['$x + y$ and', 'x + y'],
    ['$ x$', undefined], // a space after the opening $
    ['$x $', undefined], // a space before the closing $
    ['$5 and $10', undefined], // the closing $ would be followed by a digit, and has a space before it
    ['$20,000 and $30,000', undefined],
    ['$a\\$b$', 'a\\$b'], // \$ inside does not close
    ['$$ a $$', ' a '],
    ['$$\na\n$$', '\na\n'],
    ['$$$$', undefined],
    ['$x$5', undefined], // a digit right after: not a closing $
    ['$a $b$', undefined], // the first $ after the opening one closes it, or nothing does
    ['$\\text{a \\$ b}$', '\\text{a \\$ b}'], // a dollar inside \text{…} is written \$
  ];
  for (const [text, tex] of cases) {
    it(`${JSON.stringify(text)} → ${tex === undefined ? 'text' : JSON.stringify(tex)}`, () => {
      const found = formulaAt(text, 0);
      expect(found && !found.unclosed ? found.tex : undefined).toBe(tex);
    });
  }

  it('an unclosed $$ is found as such', () => {
    expect(formulaAt('$$ a', 0)).toEqual({ unclosed: true, start: 0 });
  });

  it('in a deck: prices stay text, \\$ is a dollar, code keeps its dollars', () => {
    const out = html('## A\n\nIt costs $5 and $10.\n\n\\$x\\$ is a price.\n\n`$y$` is code.\n');
    expect(out).not.toContain('katex');
    expect(out).toContain('<p>It costs $5 and $10.</p>\n<p>$x$ is a price.</p>\n<p><code>$y$</code> is code.</p>');
  });
});

describe('steps inside a formula, as TeX', () => {
  it('reads \\step{…}, \\step[N]{…} and rows, nested or not', () => {
    const tex = 'a \\step{b \\step[2]{c}} \\begin{aligned} x &= 1 \\\\ \\step[3] &= 2 \\end{aligned}';
    const { steps, problems } = scanSteps(tex);
    expect(problems).toEqual([]);
    expect(steps.map((s) => [s.kind, s.written, s.parent])).toEqual([
      ['group', undefined, undefined],
      ['group', '2', 0],
      ['row', '3', undefined],
    ]);
  });

  it('writes the formula as it reads at a step: parts not shown are left out', () => {
    const tex = 'x^\\step{2} + \\step{y} = \\begin{aligned} a &= b \\\\ \\step c &= d \\end{aligned}';
    const { steps } = scanSteps(tex);
    expect(texAtStep(tex, steps, () => false)).toBe('x +  = \\begin{aligned} a &= b \\end{aligned}');
    expect(texAtStep(tex, steps, () => true)).toBe('x^{2} + y = \\begin{aligned} a &= b \\\\ c &= d \\end{aligned}');
  });

  it('a part inside a part not shown is not shown either', () => {
    const tex = 'a \\step{b \\step{c}}';
    const { steps } = scanSteps(tex);
    expect(texAtStep(tex, steps, (k) => k === 1)).toBe('a ');
  });

  it('a part that is a superscript renders (KaTeX needs braces there, the deck adds them)', () => {
    expect(messages('## A\n\n$x^\\step{2}_\\step{i}$\n')).toEqual([]);
  });

  it('a step after another keeps the spacing of its binary operator', () => {
    // `}` before \step is not an argument's: no braces, so `+` stays a binary operator.
    expect(html('## A\n\n$$ \\step{a} \\step{+ b} $$\n')).toMatch(/<span class="mbin">\+<\/span>/);
  });
});

describe("KaTeX's trust stays off for the deck's TeX", () => {
  it('every guarded command is refused, at its place', () => {
    const uses: Record<string, string> = {
      '\\htmlClass': '{a}{b}', '\\htmlId': '{a}{b}', '\\htmlStyle': '{color:red}{b}', '\\htmlData': '{a=1}{b}',
      '\\href': '{https://example.org}{b}', '\\url': '{https://example.org}', '\\includegraphics': '{https://example.org/a.png}',
    };
    expect(Object.keys(uses)).toEqual(GUARDED);
    for (const command of GUARDED) {
      const result = renderFormula(katex, { tex: `x ${command}${uses[command]}`, display: false, steps: [], indices: [], macros: {} });
      expect(result.html, command).toBeUndefined();
      expect(result.problems, command).toEqual([{ severity: 'error', offset: 2, message: expect.stringContaining(`${command} is not allowed`) }]);
    }
  });

  it('\\step is allowed its class and nothing else: the author cannot name it, even knowing its form', () => {
    const stepped = html('## A\n\n$a + \\step{b}$\n');
    expect(stepped).toContain('<span class="enclosing fragment" data-fragment-index="0">');
    // The class \step is written with carries a number the deck cannot know; none of it is left in the page.
    expect(stepped).not.toMatch(/deck-math-step/);
    for (const guess of ['fragment', 'deck-math-step-0-0', 'enclosing fragment']) {
      expect(messages(`## A\n\n$\\htmlClass{${guess}}{b}$\n`)).toEqual([expect.stringMatching(/^3:2 \\htmlClass is not allowed/)]);
    }
  });

  it('gives the same page on every compile (the number in \\step classes never shows)', () => {
    const source = '## A\n\n$$ a = \\step{b} + \\step[3]{c} $$\n';
    expect(html(source)).toBe(html(source));
  });
});

describe('macros and suggestions', () => {
  it('the common commands suggested for a typo are all KaTeX’s', () => {
    for (const command of COMMON_COMMANDS) {
      const tex = command === '\\begin' ? '\\begin{matrix}a\\end{matrix}' : command === '\\end' ? '' : command === '\\left' || command === '\\right' ? '\\left(a\\right)' : `${command}{a}{b}`;
      expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'ignore' }), command).not.toThrow();
    }
  });

  it('a deck macro is used, and a typo of it suggests it', () => {
    const source = '---\nmacros: {"\\\\R": "\\\\mathbb{R}", "\\\\loss": "\\\\mathcal{L}"}\n---\n\n## A\n\n$\\R$ $\\los$\n';
    expect(html(source)).toContain('data-text="$\\R$"');
    expect(messages(source)).toEqual(['7:7 TeX: Undefined control sequence: \\los; did you mean \\loss?']);
  });
});

describe('characters in formulas', () => {
  it('are KaTeX’s to draw: no warning that no shipped font draws them, and one for the same text outside', () => {
    // (Reported where the text is, past the formula that holds the same letter.)
    expect(messages('## A\n\n$α$ then α\n')).toEqual(['3:10 no shipped font draws "α" (U+03B1…); the reader\'s system font will, if it has one (see "Scripts beyond Latin" in docs/authoring.md)']);
    expect(messages('## A\n\n$α$\n')).toEqual([]);
  });
});

describe('the text of a formula', () => {
  it('is its TeX source once, never KaTeX’s HTML and MathML text', () => {
    const text = framesToText(deckFrames(compileDeck('## A\n\nSo $E = mc^2$ holds.\n', { file: 'deck.md', katex })));
    expect(text).toContain('So $E = mc^2$ holds.');
    expect(text).not.toContain('mc2');
  });
});

describe('KaTeX comes from the adapter (src/node/read-deck.ts), loaded only for a deck with a $', () => {
  it('mayHoldMath: every formula starts with a dollar', () => {
    expect(mayHoldMath('## A\n\nNo formula, $5 perhaps.\n')).toBe(true);
    expect(mayHoldMath('## A\n\nNo formula.\n')).toBe(false);
  });

  it('a compile without it reports each formula, and the rest of the deck is as it was', () => {
    const deck = compileDeck('## A\n\nSo $x$ holds, and\n\n$$ y $$\n', { file: 'deck.md' });
    expect(deck.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity}: ${d.message}`)).toEqual([
      expect.stringMatching(/^3:4 error: a formula needs KaTeX/),
      expect.stringMatching(/^5:1 error: a formula needs KaTeX/),
    ]);
    expect(compileDeck('## A\n\nNo formula, $5.\n', { file: 'deck.md' })).toEqual(compileDeck('## A\n\nNo formula, $5.\n', { file: 'deck.md', katex }));
  });
});

describe('a page with formulas (src/vite/math.ts)', () => {
  const page = (source: string) => `<html><head></head><body><div class="reveal"><div class="slides">${html(source)}</div></div></body></html>`;

  it('gets each KaTeX face that draws something, cut to what it draws', () => {
    const math = pageMath(page('## A\n\n$x \\in \\mathbb{R}$\n\n$$ \\sum_i \\left(\\frac{a}{b}\\right) $$\n'))!;
    const faces = Object.fromEntries(math.faces.map(({ face, text }) => [face.from.replace(/^.*\//, ''), text]));
    expect(faces['KaTeX_Math-Italic.woff2']).toBe('abix');
    expect(faces['KaTeX_AMS-Regular.woff2']).toBe('R');
    expect(faces['KaTeX_Main-Regular.woff2']).toContain('∈');
    expect(faces['KaTeX_Size2-Regular.woff2']).toContain('∑');
    expect(Object.keys(faces).some((f) => /Size[1-4]/.test(f) && faces[f]!.includes('('))).toBe(true);
    expect(Object.keys(faces)).not.toContain('KaTeX_Fraktur-Regular.woff2');
  });

  it('gets only the rules of KaTeX’s CSS that its formulas use, and no @font-face of KaTeX’s own', () => {
    const math = pageMath(page('## A\n\n$x$\n'))!;
    expect(math.css).toContain('.katex .katex-mathml{');
    expect(math.css).toContain('.katex .mathnormal{');
    expect(math.css).not.toContain('.mathfrak');
    expect(math.css).not.toContain('@font-face');
    expect(math.css).not.toContain('fonts/KaTeX');
  });

  it('a page without a formula gets nothing', () => {
    expect(pageMath(page('## A\n\nNo math, $5.\n'))).toBeUndefined();
  });

  it('the theme font is not cut for the formulas’ characters (KaTeX draws them)', () => {
    const withMath = page('## A\n\n$\\sum \\alpha$\n');
    expect(pageFaces(withMath)).toEqual([]);
    expect(withoutFormulas('<p>a <span class="math math-inline"><span>x</span><span><span>y</span></span></span> b</p>')).toBe('<p>a  b</p>');
  });
});

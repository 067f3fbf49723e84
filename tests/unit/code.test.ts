// Code blocks beyond their fixtures (tests/fixtures/{loader,diagnostics,frames}/code.txt): the
// pieces on their own (line ranges, paths, regions, the languages a deck names), what is read and
// what never is, the dev server's compiler following a code file, and what a page with code gets
// that the talk's page does not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileDeck, createDeckCompiler } from '../../src/core/index.ts';
import { compileWholeDeck } from '../../src/core/compile.ts';
import { codeLanguageNames } from '../../src/core/syntax/code/highlighter.ts';
import { pathInProject, selectRegion } from '../../src/core/syntax/code/import.ts';
import { MAX_STAGES, parseRanges } from '../../src/core/syntax/code/ranges.ts';
import { codeCss, pageHasCode, stageRules } from '../../src/vite/code.ts';
import { CODE_FONT, pageFaces } from '../../src/vite/fonts.ts';
import { highlighterFor } from './highlighter.ts';
import { MAX_COLOURED_LINE } from '../../src/node/code-highlighter.ts';

const highlighter = await highlighterFor(['```python\n```js\n']);

describe('the highlighter', () => {
  // The same colours on every run: Shiki's default 500 ms limit per line left the rest of a line one
  // token, and under load the first line of an HTML block with a <script> (its JavaScript grammar
  // compiling) came out coloured differently (tests/fixtures/loader/code.txt line 236 failed one run
  // in three). Now there is no time limit; a line too long to read on a slide is not coloured.
  it('colours every line up to the limit to its end, and leaves a longer one as plain text', () => {
    const long = 'let a = 1; '.repeat(Math.ceil(MAX_COLOURED_LINE / 11));
    const [coloured, plain] = highlighter.highlight(`${long.slice(0, MAX_COLOURED_LINE - 1)}\n${long}`, 'js')!;
    expect(coloured!.map((t) => t.text).join('')).toBe(long.slice(0, MAX_COLOURED_LINE - 1));
    expect(coloured!.at(-1)!.text.length).toBeLessThan(10);
    expect(plain).toEqual([{ text: long }]);
  });
});

describe('line ranges', () => {
  it('stages of lines, ranges and all, each a set of lines', () => {
    const { stages, problems } = parseRanges('2|4-5, 1|all|*', 5);
    expect(problems).toEqual([]);
    expect(stages.map((s) => [...s].sort())).toEqual([[2], [1, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]);
  });

  it('each problem at its offset in the ranges', () => {
    expect(parseRanges('1|x|9', 3).problems).toEqual([
      { offset: 2, message: expect.stringContaining('"x" is not a line') },
      { offset: 4, message: 'line 9 is past the end of the code (3 lines)' },
    ]);
    expect(parseRanges(Array(MAX_STAGES + 1).fill('1').join('|'), 1).stages).toHaveLength(MAX_STAGES);
  });
});

describe('paths of code files', () => {
  it('relative to the deck’s folder, @/ from the project’s; never above the project', () => {
    expect(pathInProject('slides/talk.md', './code/train.py')).toBe('code/train.py');
    expect(pathInProject('slides/talk.md', '../src/train.py')).toBe('../src/train.py');
    expect(pathInProject('slides/talk.md', '@/src/train.py')).toBe('../src/train.py');
    expect(pathInProject('slides/talk.md', 'code/../code/x.py')).toBe('code/x.py');
    expect(pathInProject('slides/talk.md', '../../etc/passwd')).toBeUndefined();
    expect(pathInProject('slides/talk.md', '/etc/passwd')).toBeUndefined();
    expect(pathInProject('slides/talk.md', 'C:/x.py')).toBeUndefined();
    expect(pathInProject('slides/talk.md', '..\\x.py')).toBeUndefined();
    // A deck outside the project (an absolute path, or ../drafts/x.md) is its own project.
    expect(pathInProject('/tmp/decks/x.md', './code/a.py')).toBe('code/a.py');
    expect(pathInProject('/tmp/decks/x.md', '../a.py')).toBeUndefined();
    expect(pathInProject('../drafts/x.md', 'a.py')).toBe('a.py');
  });

  it('a path that leaves the project is never read', () => {
    const asked: string[] = [];
    const deck = compileDeck('## A\n\n<<< ../../secret.py\n\n<<< ./code/ok.py\n', {
      file: 'slides/a.md',
      readAsset: (file) => {
        asked.push(file);
        return 'x = 1\n';
      },
    });
    expect(asked).toEqual(['code/ok.py']);
    expect(deck.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([expect.stringMatching(/^3:5 "\.\.\/\.\.\/secret\.py" is outside the project/)]);
  });
});

describe('regions', () => {
  const file = [
    'import x',
    '// #region outer',
    '    function f() {',
    '        // #region inner',
    '        return 1;',
    '        // #endregion inner',
    '    }',
    '// #endregion outer',
    '<!-- #region page -->',
    '<p>hi</p>',
    '<!-- #endregion -->',
    '# region py',
    'x = 1',
    '# endregion',
    '#region cs',
    'int x;',
    '#endregion',
    '#pragma region c',
    'int y;',
    '#pragma endregion',
  ].join('\n');

  it('the lines between the markers, dedented, other markers left out, in each comment style', () => {
    expect(selectRegion(file, 'outer')).toEqual({ lines: ['function f() {', '    return 1;', '}'], firstLine: 3 });
    expect(selectRegion(file, 'inner')).toEqual({ lines: ['return 1;'], firstLine: 5 });
    expect(selectRegion(file, 'page')).toMatchObject({ lines: ['<p>hi</p>'] });
    expect(selectRegion(file, 'py')).toMatchObject({ lines: ['x = 1'] });
    expect(selectRegion(file, 'cs')).toMatchObject({ lines: ['int x;'] });
    expect(selectRegion(file, 'c')).toMatchObject({ lines: ['int y;'] });
    expect(selectRegion(file, 'nope')).toEqual({ problem: 'missing' });
    expect(selectRegion('# region a\nx\n', 'a')).toEqual({ problem: 'unclosed', line: 1 });
  });

  it('code that merely says "region" is code', () => {
    expect(selectRegion('region = 1\n# region a\nregion = 2\n# endregion\n', 'a')).toEqual({ lines: ['region = 2'], firstLine: 3 });
  });
});

describe('the languages a deck names (the grammars an adapter loads before compiling it)', () => {
  it('fences’ first words and code files’ extensions, or the language written after the path', () => {
    const names = codeLanguageNames('```python {2}\n```\n~~~ js\n~~~\n- ```ts\n<<< ./code/a.rs#r {1}\n<<< ./b.txt python\n<<< ./Makefile\n````md\n');
    expect(names.sort()).toEqual(['js', 'md', 'python', 'rs', 'ts', 'txt'].sort());
  });
});

describe('compiled slide by slide, and again after an edit', () => {
  const files: Record<string, string> = { 'code/a.py': '# region r\nx = 1\ny = 2\n# endregion\n' };
  const source = '## A\n\n```python {1|2}\na = 1\nb = 2\n```\n\n---\n\n## B\n\n<<< ./code/a.py#r {2}\n\n- after {.fragment}\n';
  const options = { file: 'deck.md', readAsset: (p: string) => files[p], highlighter };

  it('equals one whole-deck parse', () => {
    expect(compileDeck(source, options)).toEqual(compileWholeDeck(source, options));
  });

  it('the dev server’s compiler recompiles the slide whose code file changed (live reload follows the file)', () => {
    const compile = createDeckCompiler();
    const before = compile(source, options);
    expect(before.slides[1]!.html).toContain('y <span');
    files['code/a.py'] = '# region r\nx = 1\nz = 3\n# endregion\n';
    const after = compile(source, options);
    expect(after.slides[1]!.html).toContain('z <span');
    expect(after.slides[0]).toBe(before.slides[0]); // the other slide is kept
    expect(after).toEqual(compileDeck(source, options));
  });
});

describe('what a page with code gets, and the talk’s page does not', () => {
  const talk = compileDeck(readFileSync('slides/collaborations-in-ml.md', 'utf8'), { file: 'talk.md', highlighter }).slides.map((s) => s.html).join('');
  const page = (slides: string) => `<html><head></head><body><div class="slides">${slides}</div></body></html>`;

  it('the talk has no code: no code sheet, no code script, no code font', () => {
    expect(pageHasCode(page(talk))).toEqual({ block: false, span: false });
    expect(pageFaces(page(talk)).filter((f) => f.family === CODE_FONT.family)).toEqual([]);
  });

  it('a page with code gets the code font cut to its code (spaces included, no ligatures), Latin with ASCII', () => {
    const html = compileDeck('## A\n\n```python\nπ = 3.14  # ≈\n```\n\nAnd `x`.\n', { highlighter }).slides[0]!.html;
    expect(pageHasCode(page(html))).toEqual({ block: true, span: true });
    const faces = pageFaces(page(html)).filter((f) => f.family === CODE_FONT.family);
    expect(faces.map((f) => f.from.replace(/^.*\/files\//, ''))).toEqual(['jetbrains-mono-latin-400-normal.woff2', 'jetbrains-mono-greek-400-normal.woff2']);
    expect(faces[0]!.text).toContain(' ');
    expect(faces[0]!.text).toContain('~');
    expect(faces[1]!.unicodeRange).toBe('U+3C0');
    expect(faces.every((f) => f.keepFeatures?.length === 0)).toBe(true);
  });

  it('the code sheet has a rule for every stage a block may have', () => {
    expect(stageRules(3)).toBe(
      '.reveal pre.code-steps>code:not(:has(>i.visible))>.s0,\n' +
        '.reveal pre.code-steps>code>i:nth-of-type(1).visible:not(:has(~i.visible))~.s1,\n' +
        '.reveal pre.code-steps>code>i:nth-of-type(2).visible:not(:has(~i.visible))~.s2' +
        '{--line-c:initial;color:var(--deck-ink);background:var(--deck-code-band);box-shadow:inset .22em 0 0 var(--deck-accent)}',
    );
    const css = codeCss();
    expect(css).toContain(`.s${MAX_STAGES - 1}{`);
    expect(css).not.toContain(`.s${MAX_STAGES}{`);
    expect(css).not.toContain('/*');
  });

  it('a page with code spans only gets the spans’ part of the sheet', () => {
    const spans = codeCss(false);
    expect(spans).toContain('.reveal code{font-family:var(--deck-code-font)');
    expect(spans).not.toMatch(/pre\.code|\.s0|\.line/);
    expect(spans.length).toBeLessThan(codeCss(true).length / 3);
  });
});

describe('npm run export:text', () => {
  it('compiles as the build does: an unknown language is the same warning there', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { exportText } = await import('../../scripts/export-text.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'export-text-'));
    const deck = path.join(dir, 'typo.md');
    writeFileSync(deck, '# Typo\n\n```pyhton\nprint(1)\n```\n');
    const said: string[] = [];
    const error = console.error;
    console.error = (line: string) => said.push(line);
    try {
      const { frames } = await exportText(deck, dir);
      expect(frames).toBe(1);
    } finally {
      console.error = error;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(said.join('\n')).toMatch(/typo\.md:3:\d+: warning: .*pyhton.*python/);
  });
});

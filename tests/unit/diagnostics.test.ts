// Diagnostics: one test per fixture case (tests/fixtures/diagnostics/*.txt, named by its line),
// each with the exact `file:line:column: severity: message` lines it must produce; then the
// file-reading adapter, `npm run check` and `vite build` as an author meets them.
import katex from 'katex';
import { isUtf8 } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDeck, formatDiagnostic } from '../../src/core/index.ts';
import { readDeckFile, firstInvalidUtf8 } from '../../src/node/read-deck.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import { assetUrlsFromRoot, codeFrame, slideChanges } from '../../src/vite/plugin.ts';
import { readFixtures } from './fixture-file.ts';
import { highlighterFor } from './highlighter.ts';
import { scholarlyFor } from './scholarly.ts';

const ROOT = path.join(import.meta.dirname, '../..');
const dir = path.join(import.meta.dirname, '../fixtures/diagnostics');
// (and the figures in tests/fixtures/diagnostics/figures/, read from disk)
const ASSETS: Record<string, string> = { 'figures/ladder.svg': '<svg xmlns="http://www.w3.org/2000/svg"><title>A ladder</title><desc>A ladder, drawn.</desc></svg>', 'photo.png': 'PNG' };

const fixtureFigure = readAssetFromDisk('deck.md', dir);
const fixtureFiles = readdirSync(dir).filter((f) => f.endsWith('.txt'));
// Languages are checked against the highlighter's, as the build checks them.
const highlighter = await highlighterFor(fixtureFiles.flatMap((file) => readFixtures(path.join(dir, file))));
const scholarly = await scholarlyFor(fixtureFiles.flatMap((file) => readFixtures(path.join(dir, file))));

for (const file of fixtureFiles) {
  describe(file, () => {
    for (const c of readFixtures(path.join(dir, file))) {
      it(`line ${c.line}: ${c.header}`, () => {
        const deck = compileDeck(c.input, { file: 'deck.md', readAsset: (p) => ASSETS[p] ?? fixtureFigure(p), highlighter, ...scholarly });
        expect(deck.diagnostics.map(formatDiagnostic).join('\n') + '\n').toBe(c.expected);
      });
    }
  });
}

describe('unsafe content never reaches the page', () => {
  it('drops event handlers and script URLs from attributes, and keeps raw HTML inert', () => {
    const deck = compileDeck('## A {onclick=x()}\n\n[a](https://e.org){href="javascript:x()"} [b]{onmouseover=y} <script>z()</script> [c](javascript:w())\n');
    const html = deck.slides.map((s) => s.html).join('');
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/(href|src)="\s*javascript:/i);
    expect(html).not.toContain('<script');
    expect(deck.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(5);
  });
});

describe('reading a deck file', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'diagnostics-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, bytes: Uint8Array | string) => {
    writeFileSync(path.join(tmp, name), bytes);
    return path.join(tmp, name);
  };

  it('a file that does not exist', () => {
    expect(readDeckFile('slides/nope.md', path.join(tmp, 'nope.md')).diagnostic).toEqual({ file: 'slides/nope.md', line: 1, column: 1, severity: 'error', message: 'file not found' });
  });

  it('a folder', () => {
    expect(readDeckFile('slides', tmp).diagnostic?.message).toBe('is a folder, not a Markdown file');
  });

  it('a file that is not UTF-8 points at the first bad byte', () => {
    const latin1 = Buffer.from('## Café\n\nna\u00efve', 'latin1');
    expect(readDeckFile('x.md', write('latin1.md', latin1)).diagnostic).toMatchObject({ line: 1, column: 7, message: 'not valid UTF-8 (byte 0xe9); save the file as UTF-8' });
    const later = Buffer.concat([Buffer.from('## Fine ✅\n\nok ', 'utf8'), Buffer.from([0xc3, 0x28])]);
    expect(readDeckFile('x.md', write('later.md', later)).diagnostic).toMatchObject({ line: 3, column: 4 });
  });

  it('a file that is not text', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(readDeckFile('x.md', write('image.md', png)).diagnostic?.message).toBe('not a text file (it contains binary data); a deck is UTF-8 Markdown');
  });

  it('UTF-8 is checked as the standard says', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const samples = [[0xe2, 0x9c, 0x85], [0xf0, 0x9f, 0x87, 0xba], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x9c], [0x80]];
    for (const bytes of samples) {
      let valid = true;
      try {
        decoder.decode(new Uint8Array(bytes));
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(new Uint8Array(bytes)) === -1, JSON.stringify(bytes)).toBe(valid);
      // readDeckFile's fast check (node:buffer isUtf8) agrees with it.
      expect(isUtf8(new Uint8Array(bytes)), JSON.stringify(bytes)).toBe(valid);
    }
  });
});

describe('npm run check', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'check-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const check = (...args: string[]) => spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/check.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('passes on the project’s own decks, with a summary per deck', () => {
    const result = check();
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('slides/collaborations-in-ml.md: 13 slides, 22 steps\n');
    expect(result.stdout).not.toMatch(/: error: /);
  });

  it('prints each problem compiler-style, then the summary, and exits 1 on an error', () => {
    const bad = path.join(tmp, 'bad.md');
    writeFileSync(bad, '## A\n\nShown later {.fragmnt}\n\n---\n\nNo heading\n');
    const result = check(bad, path.join(tmp, 'missing.md'));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      `${bad}:3:14: error: unknown class ".fragmnt"; did you mean ".fragment"?\n` +
        `${bad}:7:1: warning: slide 2 has no heading; start it with "## …" so it has a name (its URL is #/slide-2)\n` +
        `${bad}: 2 slides, 2 steps\n` +
        `${path.join(tmp, 'missing.md')}:1:1: error: file not found\n` +
        `${path.join(tmp, 'missing.md')}: 0 slides, 0 steps\n`,
    );
  });

  it('warnings alone do not fail', () => {
    const warn = path.join(tmp, 'warn.md');
    writeFileSync(warn, '## A\n\n---\n\nNo heading\n');
    expect(check(warn).status).toBe(0);
  });
});

describe('npm run new', () => {
  it('starts a deck that checks clean and shows each marker once', () => {
    const decks = mkdtempSync(path.join(tmpdir(), 'new-'));
    try {
      const run = (name: string) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/new.ts', name], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DECKS_DIR: decks } });
      expect(run('my-talk').status).toBe(0);
      const source = readFileSync(path.join(decks, 'my-talk.md'), 'utf8');
      const deck = compileDeck(source, { file: 'my-talk.md', katex });
      expect(deck.diagnostics).toEqual([]);
      expect(deck.meta.title).toBe('My talk');
      for (const marker of ['{.fragment}', '{step=', '. . .', '::: replace', '::: notes', '$$', '{#eq-', '@eq-', '```python {']) {
        expect(source.split(marker).length - 1, marker).toBeGreaterThanOrEqual(1);
      }
      expect(deck.slides.flatMap((s) => s.steps).length).toBeGreaterThan(deck.slides.length);
      // It will not overwrite a deck, and a name must be fit for a URL.
      expect(run('my-talk').status).toBe(1);
      expect(run('My Talk').stderr).toContain('try "my-talk"');
    } finally {
      rmSync(decks, { recursive: true, force: true });
    }
  });
});

describe('the dev server’s error overlay', () => {
  it('shows the lines around the error with a caret under its column', () => {
    const source = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
    expect(codeFrame(source, 10, 3)).toBe(['8  | line 8', '9  | line 9', '10 | line 10', '   |   ^', '11 | line 11', '12 | line 12'].join('\n'));
  });
});

describe('the dev server’s updates after a save', () => {
  it('carry only the slides that changed, against the version the page has; all of them when slides were added or removed', () => {
    expect(slideChanges(undefined, ['a', 'b'])).toEqual({ version: 1, all: ['a', 'b'] });
    expect(slideChanges({ version: 1, slides: ['a', 'b', 'c'] }, ['a', 'B', 'c'])).toEqual({ version: 2, base: 1, changed: { 1: 'B' } });
    expect(slideChanges({ version: 2, slides: ['a', 'b'] }, ['a', 'b'])).toEqual({ version: 2, base: 2, changed: {} });
    expect(slideChanges({ version: 2, slides: ['a', 'b'] }, ['a'])).toEqual({ version: 3, all: ['a'] });
  });
});

describe('images in a deck', () => {
  it('are written from the project root, so Vite finds them for / and /<name>/ alike', () => {
    const html = '<p><img src="figures/a.png" alt="A"> <img src="./b.png" alt="B"> <img src="https://e.org/c.png" alt="C"> <img src="data:image/png;base64,AA" alt="D"></p>';
    expect(assetUrlsFromRoot(html, 'slides')).toBe(
      '<p><img src="/slides/figures/a.png" alt="A"> <img src="/slides/b.png" alt="B"> <img src="https://e.org/c.png" alt="C"> <img src="data:image/png;base64,AA" alt="D"></p>',
    );
    // A folder of decks outside the project (a test's temporary copy) is left alone.
    expect(assetUrlsFromRoot(html, '../tmp/decks')).toBe(html);
  });
});

describe('vite build', () => {
  it('fails on an error, naming the file, line and column', () => {
    const decks = mkdtempSync(path.join(tmpdir(), 'build-'));
    try {
      mkdirSync(path.join(decks, 'figures'));
      writeFileSync(path.join(decks, 'collaborations-in-ml.md'), readFileSync(path.join(ROOT, 'slides/collaborations-in-ml.md')));
      writeFileSync(path.join(decks, 'broken.md'), '## Broken\n\n::: replace\nOne\n\nTwo\n');
      const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', path.join(decks, 'dist')], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DECKS_DIR: decks },
      });
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain(`${path.relative(ROOT, path.join(decks, 'broken.md'))}:3:1: error: ::: replace is never closed; end it with a line of ":::"`);
    } finally {
      rmSync(decks, { recursive: true, force: true });
    }
  });
});


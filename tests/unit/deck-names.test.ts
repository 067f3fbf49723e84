// A deck's file name is its page's address (/<name>/). One named outside [a-z0-9-] used to pass
// `npm run check` and be left out of the build without a word; now check and build report it at
// file:1:1, and a failed `npm run build` ends with one line, not a stack trace.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deckNameProblem, urlSafeName } from '../../src/node/read-deck.ts';

const ROOT = path.join(import.meta.dirname, '../..');

describe('deckNameProblem', () => {
  it('accepts lower-case letters, digits and dashes', () => {
    for (const file of ['slides/my-talk.md', 'slides/icml-2022.md', 'x/a.md', 'collaborations-in-ml.md']) expect(deckNameProblem(file), file).toBeUndefined();
  });

  it('reports any other name at file:1:1, with a name that works', () => {
    expect(deckNameProblem('slides/my_talk.md')).toEqual({
      file: 'slides/my_talk.md',
      line: 1,
      column: 1,
      severity: 'error',
      message: 'the deck\'s name "my_talk" cannot be its address (/my_talk/): use lower-case letters, digits and dashes; rename it my-talk.md',
    });
    expect(deckNameProblem('slides/My Talk.md')?.message).toContain('rename it my-talk.md');
    expect(deckNameProblem('slides/Café.md')?.message).toContain('rename it cafe.md');
    expect(deckNameProblem('slides/-x.md')?.severity).toBe('error');
    expect(deckNameProblem('slides/___.md')?.message).not.toContain('rename it');
  });

  it('reports names the site uses itself', () => {
    for (const name of ['index', 'assets', 'src']) expect(deckNameProblem(`slides/${name}.md`)?.message, name).toContain('taken by the site itself');
  });

  it('urlSafeName', () => {
    expect(urlSafeName('My Talk (draft)')).toBe('my-talk-draft');
    expect(urlSafeName('___')).toBe('');
  });
});

describe('check and build', () => {
  const decks = mkdtempSync(path.join(tmpdir(), 'deck-names-'));
  afterAll(() => rmSync(decks, { recursive: true, force: true }));
  writeFileSync(path.join(decks, 'collaborations-in-ml.md'), readFileSync(path.join(ROOT, 'slides/collaborations-in-ml.md')));
  cpSync(path.join(ROOT, 'slides/figures'), path.join(decks, 'figures'), { recursive: true });
  writeFileSync(path.join(decks, 'my_talk.md'), '## Fine otherwise\n');
  writeFileSync(path.join(decks, 'My Talk.md'), '## Fine otherwise\n');

  it('npm run check reports a misnamed deck at file:1:1 and fails', () => {
    const result = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/check.ts', decks], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${path.join(decks, 'my_talk.md')}:1:1: error: the deck's name "my_talk" cannot be its address`);
    expect(result.stdout).toContain(`${path.join(decks, 'My Talk.md')}:1:1: error: the deck's name "My Talk" cannot be its address`);
    expect(result.stdout).toContain(`${path.join(decks, 'collaborations-in-ml.md')}: 13 slides, 22 steps`);
  });

  it('npm run build prints every error, then one line: no stack trace', () => {
    writeFileSync(path.join(decks, 'broken.md'), '## Broken\n\n::: replace\nOne\n');
    const result = spawnSync(process.execPath, ['--max-semi-space-size=2', 'scripts/vite.mjs', 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DECKS_DIR: decks } });
    const output = result.stdout + result.stderr;
    expect(result.status, output).toBe(1);
    const shown = (file: string) => path.relative(ROOT, path.join(decks, file));
    expect(output).toContain(`${shown('broken.md')}:3:1: error: ::: replace is never closed; end it with a line of ":::"`);
    expect(output).toContain(`${shown('my_talk.md')}:1:1: error: the deck's name "my_talk" cannot be its address`);
    expect(output).toContain(`${shown('My Talk.md')}:1:1: error: the deck's name "My Talk" cannot be its address`);
    expect(output).toMatch(/^build failed: 3 errors in .*broken\.md.*\(listed above\); nothing was written$/m);
    expect(output).not.toMatch(/^\s+at /m);
  }, 120_000);
});

// Pathological inputs (pathological.ts) through `npm run check` and `vite build`, as an author would
// run them: both finish, and the build has every slide. (In a file of its own, apart from
// robustness.test.ts's in-process ratios, so that vitest's two workers run the two side by side.)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATHOLOGICAL } from './pathological.ts';

describe('npm run check and vite build on the pathological decks', () => {
  // The ones that are valid decks (the others have errors, so the build rightly refuses them).
  const VALID = ['20,000 slides with steps, notes and replacements', 'a 5 MB paragraph', '10,000 markers on one line', '10,000 nested list levels', '10,000 nested quotes', '10,000 pauses', '100,000 list items on one slide'];
  const ROOT = path.join(import.meta.dirname, '../..');

  it('both finish, and the build has every slide', () => {
    const decks = mkdtempSync(path.join(tmpdir(), 'pathological-'));
    try {
      writeFileSync(path.join(decks, 'collaborations-in-ml.md'), readFileSync(path.join(ROOT, 'slides/collaborations-in-ml.md')));
      cpSync(path.join(ROOT, 'slides/figures'), path.join(decks, 'figures'), { recursive: true });
      VALID.forEach((name, i) => writeFileSync(path.join(decks, `deck-${i}.md`), PATHOLOGICAL[name]!.build(PATHOLOGICAL[name]!.size)));
      const check = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/check.ts', decks], { cwd: ROOT, encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      expect(check.stdout).toContain(`${path.join(decks, 'deck-0.md')}: 20000 slides, 100000 steps`);
      const out = path.join(decks, 'dist');
      const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DECKS_DIR: decks } });
      expect(build.status, build.stdout + build.stderr).toBe(0);
      expect(readFileSync(path.join(out, 'deck-0/index.html'), 'utf8').split('<section ').length - 1).toBe(20_000);
    } finally {
      rmSync(decks, { recursive: true, force: true });
    }
  }, 300_000);
});

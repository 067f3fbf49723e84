// When an export or `check --layout` rebuilds the site first (scripts/export-build.ts): a source
// newer than dist/ makes it stale; the fonts the build and the dev server cut do not.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { buildIsStale } from '../../scripts/export-build.ts';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A file at `relative` in the project, last changed `secondsAgo`. */
function write(relative: string, secondsAgo: number) {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'x');
  const when = Date.now() / 1000 - secondsAgo;
  utimesSync(file, when, when);
}

it('a site built after its sources is not stale; a source changed since is; fonts cut since are not sources', () => {
  root = mkdtempSync(path.join(tmpdir(), 'export-build-'));
  expect(buildIsStale(root)).toBe(true); // nothing built
  write('slides/talk.md', 100);
  write('src/core/compile.ts', 100);
  write('dist/index.html', 50);
  expect(buildIsStale(root)).toBe(false);
  write('src/theme/fonts/atkinson-hyperlegible-400.woff2', 10); // the dev server cut the fonts for its decks
  write('src/theme/fonts/emoji.css', 10);
  expect(buildIsStale(root)).toBe(false);
  write('slides/talk.md', 10);
  expect(buildIsStale(root)).toBe(true);
});

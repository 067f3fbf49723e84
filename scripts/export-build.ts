// Exports read the built site in dist/: build it first when it is missing or older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

export const DIST = 'dist';
const INPUTS = ['index.html', 'vite.config.ts', 'package.json', 'src', 'slides'];
/**
 * What the build (and the dev server) write among the sources: the fonts cut to the decks' text.
 * Not a source: the dev server re-cuts them for whatever decks it serves (the tests' own, too), and
 * taken for a change they made a built site look stale, so `check --layout` rebuilt dist/ while
 * other browser tests were reading it.
 */
const GENERATED = new Set([path.join('src', 'theme', 'fonts')]);

function newestChange(root: string, entry: string): number {
  const file = path.join(root, entry);
  if (!existsSync(file) || GENERATED.has(path.normalize(entry))) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newestChange(root, path.join(entry, name))));
}

/** True when dist/index.html is missing or older than any source of the site (the project at `root`). */
export function buildIsStale(root = '.'): boolean {
  const built = path.join(root, DIST, 'index.html');
  if (!existsSync(built)) return true;
  return Math.max(...INPUTS.map((entry) => newestChange(root, entry))) > statSync(built).mtimeMs;
}

export async function ensureBuild(): Promise<boolean> {
  if (!buildIsStale()) return false;
  await build({ logLevel: 'warn' });
  return true;
}

// Exports read the built site in dist/: build it first when it is missing or older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

export const DIST = 'dist';
const INPUTS = ['index.html', 'vite.config.ts', 'package.json', 'src', 'slides'];

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** True when dist/index.html is missing or older than any source of the site. */
export function buildIsStale(): boolean {
  const built = path.join(DIST, 'index.html');
  if (!existsSync(built)) return true;
  return Math.max(...INPUTS.map(newestChange)) > statSync(built).mtimeMs;
}

export async function ensureBuild(): Promise<boolean> {
  if (!buildIsStale()) return false;
  await build({ logLevel: 'warn' });
  return true;
}

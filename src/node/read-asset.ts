// The file-system side of CompileOptions.readAsset, for the Node adapters (Vite plugin, scripts).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Reads assets relative to the folder of `deckFile`; refuses paths that leave the project. */
export function readAssetFromDisk(deckFile: string, root = process.cwd()): (relativePath: string) => string | undefined {
  const base = path.dirname(path.resolve(root, deckFile));
  return (relativePath) => {
    const full = path.resolve(base, relativePath);
    if (!full.startsWith(path.resolve(root) + path.sep)) return undefined;
    try {
      return statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
}

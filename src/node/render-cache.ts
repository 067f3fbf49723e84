// What the build-time renderers made, kept on disk between runs, by content: Shiki's tokens for a
// code block (by language and code), beautiful-mermaid's or Graphviz's SVG for a diagram (by
// language and code), and citation-js's reading of a bibliography (by format and text), in
// node_modules/.cache/deck-render (as the pictures are in deck-media). A build or `npm run check`
// that finds all of a deck's there loads neither Shiki, nor the diagram renderers, nor citation-js
// (read-deck.ts, loadDeckWithCode). Each file holds the versions of what made it; another
// version starts it empty.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const RENDER_CACHE = 'node_modules/.cache/deck-render';

/** Entries kept per file; the least recently used go first. */
const MAX_ENTRIES = 5000;

export interface RenderCache<T> {
  get(parts: readonly string[]): T | undefined;
  set(parts: readonly string[], value: T): void;
  /** Writes the file when something was added since it was read (never throws). */
  save(): void;
}

/**
 * `version` names everything the entries depend on besides their key (the packages' versions, the
 * adapter's options): undefined (a package's version unknown) keeps nothing on disk.
 */
export function openRenderCache<T>(file: string, version: string | undefined): RenderCache<T> {
  let entries: Map<string, T> | undefined;
  let dirty = false;
  const load = (): Map<string, T> => {
    if (entries) return entries;
    entries = new Map();
    if (version === undefined) return entries;
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; entries?: Record<string, T> };
      if (stored.version === version && stored.entries && typeof stored.entries === 'object') entries = new Map(Object.entries(stored.entries));
    } catch {
      // No file yet, or a damaged one: start empty.
    }
    return entries;
  };
  const keyOf = (parts: readonly string[]) => createHash('sha256').update(parts.join('\0')).digest('base64url');
  return {
    get(parts) {
      const map = load();
      const key = keyOf(parts);
      const value = map.get(key);
      if (value !== undefined) {
        // Most recently used last (written so at the next save).
        map.delete(key);
        map.set(key, value);
      }
      return value;
    },
    set(parts, value) {
      const map = load();
      const key = keyOf(parts);
      map.delete(key);
      map.set(key, value);
      dirty = true;
    },
    save() {
      if (!dirty || !entries || version === undefined) return;
      dirty = false;
      const kept = [...entries].slice(-MAX_ENTRIES);
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, JSON.stringify({ version, entries: Object.fromEntries(kept) }));
        renameSync(temporary, file);
      } catch {
        // A cache that cannot be written is only slower next time.
      }
    },
  };
}

const require = createRequire(import.meta.url);

/** An installed package's version (its package.json, where Node would look for it), or undefined. */
export function packageVersion(name: string): string | undefined {
  for (const dir of require.resolve.paths(name) ?? []) {
    try {
      const json = JSON.parse(readFileSync(path.join(dir, name, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (json.name === name && typeof json.version === 'string') return json.version;
    } catch {
      // Not in this node_modules: the next one up.
    }
  }
  return undefined;
}

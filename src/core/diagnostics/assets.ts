// Local assets (images, figures): they must exist next to the deck. Exported so every plugin
// that refers to a file (images here, inline SVG figures elsewhere) reports a missing one alike.
import { report, type DeckEnv } from '../env.ts';
import type { Position } from './locate.ts';

/** True for a path inside the project (`figures/x.svg`), false for URLs, data: and anchors. */
export function isLocalPath(url: string): boolean {
  return url !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//') && !url.startsWith('#');
}

/** An address on another host (`https://…`, `http://…`, `//…`): a deck loads nothing from one. */
export function isRemote(url: string): boolean {
  return /^(?:https?:)?\/\//i.test(url.trim());
}

/**
 * The message for a picture, video or poster at an address on another host: loading it would tell
 * that host who reads the deck, and it would not show offline (a talk given without Wi-Fi).
 */
export function remoteMessage(kind: string, url: string): string {
  return `${kind} "${url}" is on another host: a deck loads nothing from elsewhere (it would not show offline, and that host would learn who reads the deck); save the file next to the deck and write its path`;
}

/** `figures/a%20b.svg?x#y` → `figures/a b.svg`. */
export function assetPath(url: string): string {
  const bare = url.replace(/[?#].*$/, '');
  try {
    return decodeURI(bare);
  } catch {
    return bare;
  }
}

/**
 * Reads a local asset through env.readAsset, reporting an error at `at` when it does not exist.
 * Returns its content, or undefined when it is missing (or not local: nothing to check).
 */
export function readLocalAsset(env: DeckEnv, url: string, at: Position, kind = 'image'): string | undefined {
  if (!isLocalPath(url)) return undefined;
  const relative = assetPath(url);
  const content = env.readAsset(relative);
  if (content === undefined) report(env, 'error', at.line, at.column, `${kind} not found: "${relative}" (paths are relative to the deck's folder)`);
  return content;
}

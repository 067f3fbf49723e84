// A deck that keeps working offline: `offline: true` in the front matter. Nothing in the slides
// changes; the build (src/vite/offline.ts) gives that deck's page a service worker that keeps the
// page and everything it loads, so a phone that opened it once shows it again without a network.
// Only the key is declared here (its value checked like every front-matter key's); a deck without
// it gets nothing.
import type { MarkdownIt } from 'markdown-it';
import type { DeckMeta } from '../model.ts';
import { trueOrFalse } from '../meta.ts';
import { declareSyntax } from './feature.ts';

/** The front-matter key. */
export const OFFLINE_KEY = 'offline';

/** Whether the deck opted in to working offline. */
export function deckOffline(meta: DeckMeta | undefined): boolean {
  return (meta as unknown as Record<string, unknown> | undefined)?.[OFFLINE_KEY] === true;
}

export function offlinePlugin(md: MarkdownIt): void {
  declareSyntax(md, { feature: 'offline', frontMatter: { [OFFLINE_KEY]: trueOrFalse } });
}

// Vite adapter: compiles the deck's Markdown into index.html at build (and dev) time.
// All logic lives in src/core; this file only reads files, reports and reloads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { compileDeck, formatDiagnostic, hasErrors, renderDocument } from '../core/index.ts';
import { readAssetFromDisk } from '../node/read-asset.ts';

export interface DeckPluginOptions {
  /** The deck shown at the site root, relative to the project root. */
  deck: string;
  /** Where the site is published (e.g. from $SITE_URL in CI): canonical URL and absolute share links. */
  siteUrl?: string;
}

export function deckPlugin(options: DeckPluginOptions): Plugin {
  let config: ResolvedConfig;
  const deckPath = () => path.resolve(config.root, options.deck);
  return {
    name: 'deck',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const deck = compileDeck(readFileSync(deckPath(), 'utf8'), {
          file: options.deck,
          readAsset: readAssetFromDisk(options.deck, config.root),
        });
        for (const d of deck.diagnostics) config.logger.warn(formatDiagnostic(d));
        if (hasErrors(deck.diagnostics)) {
          throw new Error(deck.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n'));
        }
        return renderDocument(html, deck, { siteUrl: options.siteUrl });
      },
    },
    configureServer(server) {
      server.watcher.add(path.resolve(config.root, 'slides'));
      server.watcher.on('change', (file) => {
        if (file.startsWith(path.resolve(config.root, 'slides'))) server.ws.send({ type: 'full-reload' });
      });
    },
  };
}

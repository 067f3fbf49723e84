import { defineConfig } from 'vite';
import { deckPlugin } from './src/vite/plugin.ts';

export default defineConfig({
  // Relative asset paths: the built site works at a domain root and under a GitHub Pages sub-path,
  // and each deck's page at /<name>/ finds the same assets one folder up.
  base: './',
  // Every slides/<name>.md is built to /<name>/; the talk is also the site root. DECKS_DIR points
  // the dev server at another folder of decks (the live-reload test edits copies, not the talk).
  plugins: [deckPlugin({ decks: process.env.DECKS_DIR ?? 'slides', rootDeck: 'collaborations-in-ml' })],
  build: { target: 'es2022' },
  server: { port: 5173 },
  preview: { port: 4173 },
});

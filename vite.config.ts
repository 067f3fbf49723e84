import { defineConfig } from 'vite';
import { criticalCssPlugin } from './src/vite/critical.ts';
import { deckPlugin } from './src/vite/plugin.ts';

export default defineConfig({
  // Relative asset paths: the built site works at a domain root and under a GitHub Pages sub-path.
  base: './',
  plugins: [deckPlugin({ deck: 'slides/collaborations-in-ml.md' }), criticalCssPlugin()],
  build: {
    target: 'es2022',
    // The runtime is imported after first paint (index.html); every browser that runs it knows
    // <link rel=modulepreload>, so the polyfill would be dead weight in the first request.
    modulePreload: { polyfill: false },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});

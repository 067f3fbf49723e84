import { defineConfig } from 'vite';
import { deckPlugin } from './src/vite/plugin.ts';
import { fontsPlugin } from './src/vite/fonts.ts';

export default defineConfig({
  // Relative asset paths: the built site works at a domain root and under a GitHub Pages sub-path.
  base: './',
  plugins: [deckPlugin({ deck: 'slides/collaborations-in-ml.md' }), fontsPlugin({ textFrom: ['slides'], outDir: 'src/theme/fonts' })],
  build: { target: 'es2022' },
  server: { port: 5173 },
  preview: { port: 4173 },
});

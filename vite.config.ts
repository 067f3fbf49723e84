import { defineConfig } from 'vite';
import { criticalCssPlugin } from './src/vite/critical.ts';
import { deckPlugin, openBrowserOrSay } from './src/vite/plugin.ts';
import { fontsPlugin } from './src/vite/fonts.ts';
import { mathPlugin } from './src/vite/math.ts';
import { codePlugin } from './src/vite/code.ts';
import { scholarlyPlugin } from './src/vite/scholarly.ts';
import { mediaPlugin } from './src/vite/media.ts';
import { autoAnimatePlugin } from './src/vite/auto-animate.ts';
import { qrPlugin } from './src/vite/qr.ts';
import { offlinePlugin } from './src/vite/offline.ts';

const decksDir = process.env.DECKS_DIR ?? 'slides';

export default defineConfig({
  // Relative asset paths: the built site works at a domain root and under a GitHub Pages sub-path,
  // and each deck's page at /<name>/ finds the same assets one folder up.
  base: './',
  // Every slides/<name>.md is built to /<name>/; the talk is also the site root. DECKS_DIR points
  // the dev server at another folder of decks (the live-reload test edits copies, not the talk), and
  // ROOT_DECK names the deck at the site root (the bench builds its peer deck so).
  // SITE_URL (set by the Pages workflow) gives the pages a canonical URL and absolute share links.
  plugins: [
    deckPlugin({ decks: decksDir, rootDeck: process.env.ROOT_DECK ?? 'collaborations-in-ml', siteUrl: process.env.SITE_URL || undefined }),
    // Pages with formulas (and only those) get KaTeX's CSS, its fonts cut to the glyphs used, and the fit.
    mathPlugin(),
    // The fonts are cut to the characters of the decks being served or built.
    fontsPlugin({ textFrom: [decksDir], outDir: 'src/theme/fonts' }),
    // Pages with code: the code sheet and, with a code block, the script that scrolls long code.
    codePlugin(),
    // Pages with citations, footnotes or diagrams: their sheets (no script: all drawn at build time).
    scholarlyPlugin(),
    // Pages with pictures, columns, layouts, tables or callouts: their sheet, and the pictures' script.
    mediaPlugin(),
    // Pages whose slides animate into each other: the script that keeps previews and reduced motion still.
    autoAnimatePlugin(),
    // A page whose title slide shows a QR code of its address (front matter qr:): its sheet.
    qrPlugin(),
    // A deck with offline: true in its front matter: its page registers the site's service worker (sw.js).
    offlinePlugin(),
    criticalCssPlugin(),
    // `npm start` opens a browser; on a machine without one, one line says where to go instead.
    openBrowserOrSay(),
  ],
  build: {
    target: 'es2022',
    // The runtime is imported after first paint (index.html); every browser that runs it knows
    // <link rel=modulepreload>, so the polyfill would be dead weight in the first request.
    modulePreload: { polyfill: false },
    // Rolldown's plugin-timing report fires on any build over 3 s (a first build converts the
    // pictures): a dozen lines for the engine's developers on every author's screen. `npm run bench`
    // and `node --cpu-prof` are where build time is looked into.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  // Several pages, no single-page fallback: an address that is no deck is a 404, never the talk.
  appType: 'mpa',
  server: { port: 5173 },
  preview: { port: 4173 },
});

// Vite adapter for the theme's fonts and emoji: before each build (and when a slide changes in dev)
// it cuts the text font and the emoji font down to the characters the decks use, and writes the
// Twemoji pictures of the emoji they use as CSS, where src/theme/ points. So the site ships a few
// KiB of font and emoji, and nothing is fetched from elsewhere.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { EMOJI, twemojiName } from '../core/syntax/emoji.ts';

const require = createRequire(import.meta.url);

export interface FontSource {
  /** Output name in the theme's fonts folder (the name src/theme/fonts.css uses). */
  out: string;
  /** Package path of the full font (any format subset-font reads). */
  from: string;
  /** Which of the decks' characters this font is cut to. */
  keep: (text: string) => string;
}

/** Emoji code points: pictographs, flags (regional indicators) and the joiners and selectors around them. */
const EMOJI_POINT = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u200d\ufe0f\u20e3]/gu;
const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
/** Characters the theme itself draws (the second-level list marker in src/theme/slides.css). */
const THEME_TEXT = '–';

export const THEME_FONTS: FontSource[] = [
  // Atkinson Hyperlegible: two weights, the decks' characters plus ASCII (so a new word in dev
  // never falls back to a system font before the next build).
  ...[400, 700].map((weight) => ({
    out: `atkinson-hyperlegible-${weight}.woff2`,
    from: `@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-${weight}-normal.woff2`,
    keep: (text: string) => PRINTABLE_ASCII + THEME_TEXT + text.replace(EMOJI_POINT, ''),
  })),
  // Twemoji's font, for the emoji characters' metrics only: its glyphs come out of the cut blank
  // (harfbuzz's subsetter here drops the COLR colour table), so the pictures come from emoji.css.
  // The characters stay text, and never fall back to a system emoji font.
  { out: 'twemoji.woff2', from: 'twemoji-colr-font/twemoji.woff2', keep: (text) => (text.match(EMOJI_POINT) ?? []).join('') },
];

export interface FontsPluginOptions {
  /** Folders whose .md and .svg files hold the decks' text, relative to the root. */
  textFrom: string[];
  /** Where the cut fonts go, relative to the root. */
  outDir: string;
}

export function fontsPlugin(options: FontsPluginOptions): Plugin {
  let config: ResolvedConfig;
  const resolve = (p: string) => path.resolve(config.root, p);
  const write = async () => {
    const allText = options.textFrom.map((dir) => readTextFiles(resolve(dir))).join('');
    const text = unique(allText);
    const outDir = resolve(options.outDir);
    mkdirSync(outDir, { recursive: true });
    // Cutting fonts is most of a build's time and memory (harfbuzz in WebAssembly): skip it when the
    // decks' characters and the fonts are what they were at the last cut and its files are there.
    const key = cutKey(text);
    const stamp = path.join(outDir, '.cut-key');
    const outputs = [...THEME_FONTS.map((f) => f.out), 'emoji.css'].map((name) => path.join(outDir, name));
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key && outputs.every((file) => existsSync(file))) return;
    const { default: subsetFont } = await import('subset-font');
    for (const font of THEME_FONTS) {
      // No hinting: at slide sizes it changes nothing visible, and it halves the files.
      const subset = await subsetFont(readFileSync(require.resolve(font.from)), font.keep(text) || ' ', { targetFormat: 'woff2', noHinting: true });
      writeFileSync(path.join(outDir, font.out), subset);
    }
    writeFileSync(path.join(outDir, 'emoji.css'), emojiCss(allText, (m) => config.logger.warn(m)));
    writeFileSync(stamp, key);
  };
  return {
    name: 'deck-fonts',
    configResolved(resolved) {
      config = resolved;
    },
    async buildStart() {
      await write();
    },
    // The title slide needs both text weights: preload them, so the browser fetches them with the
    // CSS instead of after it (the text is hidden until they arrive: font-display: block).
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return undefined;
        const textFonts = THEME_FONTS.filter((f) => f.out.endsWith('.woff2') && !f.out.startsWith('twemoji')).map((f) => f.out.replace(/\.woff2$/, ''));
        return Object.values(ctx.bundle)
          .filter((asset) => asset.type === 'asset' && textFonts.some((name) => asset.fileName.includes(`/${name}-`)))
          .map((asset) => ({
            tag: 'link',
            // With a relative base, relative to the page: /<name>/ finds the fonts one folder up.
            attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: assetHref(config.base, ctx.path, asset.fileName) },
            injectTo: 'head' as const,
          }));
      },
    },
    configureServer(server) {
      const rewrite = (file: string) => {
        if (!options.textFrom.some((dir) => file.startsWith(resolve(dir) + path.sep))) return;
        write().catch((error: unknown) => config.logger.error(`deck-fonts: ${String(error)}`));
      };
      server.watcher.on('change', rewrite);
      server.watcher.on('add', rewrite);
    },
  };
}

/** A built asset's URL from the page at `pagePath` (`/name/index.html`): Vite's base, or relative to the page when the base is. */
export function assetHref(base: string, pagePath: string, fileName: string): string {
  if (base !== './' && base !== '') return base + fileName;
  const up = path.posix.relative(path.posix.dirname(pagePath), '/');
  return up ? `${up}/${fileName}` : `./${fileName}`;
}

/** Change when the way fonts are cut changes (options, kept characters), so old cuts are redone. */
const CUT_RECIPE = 'woff2, no hinting, ASCII + theme text; emoji css v1';

/** What a cut depends on: the characters kept, and the exact font files and tools that cut them. */
function cutKey(text: string): string {
  const hash = createHash('sha256').update(text);
  for (const font of THEME_FONTS) hash.update(font.out).update(readFileSync(require.resolve(font.from)));
  for (const pkg of ['subset-font', '@twemoji/svg']) hash.update(readFileSync(require.resolve(`${pkg}/package.json`)));
  hash.update(CUT_RECIPE);
  return hash.digest('hex');
}

/** One rule per emoji the decks use: its Twemoji SVG as the background of `.emoji[data-emoji]`. */
export function emojiCss(text: string, warn: (message: string) => void): string {
  const rules = ['/* Generated by src/vite/fonts.ts from @twemoji/svg (CC-BY 4.0, Twitter/jdecked). */'];
  for (const emoji of new Set(text.match(EMOJI) ?? [])) {
    const name = twemojiName(emoji);
    let svg: string;
    try {
      svg = readFileSync(require.resolve(`@twemoji/svg/${name}.svg`), 'utf8');
    } catch {
      warn(`deck-fonts: no Twemoji picture for ${emoji} (${name}); it will show as text`);
      continue;
    }
    rules.push(`.reveal .emoji[data-emoji="${name}"] { background-image: url("data:image/svg+xml,${encodeURIComponent(svg.trim())}"); }`);
  }
  return rules.join('\n') + '\n';
}

function readTextFiles(dir: string): string {
  let text = '';
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) text += readTextFiles(full);
    else if (/\.(md|svg)$/i.test(entry.name)) text += readFileSync(full, 'utf8');
  }
  return text;
}

function unique(text: string): string {
  return [...new Set(text)].sort().join('');
}

// Vite adapter for the theme's fonts and emoji: before each build (and when a slide changes in dev)
// it cuts the text font and the emoji font down to the characters the decks use, and writes the
// Twemoji pictures of the emoji they use as CSS, where src/theme/ points. So the site ships a few
// KiB of font and emoji, and nothing is fetched from elsewhere.
// Faces that only some decks need (italics; scripts Atkinson Hyperlegible lacks, from Noto) are cut
// per page, to the characters that page's slides use, and declared only in that page (pageFaces).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { HtmlTagDescriptor, Plugin, ResolvedConfig } from 'vite';
import { emojiIn, twemojiName, withoutEmoji } from '../core/syntax/emoji.ts';
import { DEFERRABLE_STYLE } from './critical.ts';
import { UNDRAWN, codePointRanges, encodeRanges, inRanges, mergeRanges, unicodeRange, type CodePointRange } from '../core/font-coverage.ts';

const require = createRequire(import.meta.url);

export interface FontSource {
  /** Output name in the theme's fonts folder (the name src/theme/fonts.css uses). */
  out: string;
  /** Package path of the full font (any format subset-font reads). */
  from: string;
  /** Which of the decks' characters this font is cut to. */
  keep: (text: string) => string;
}

/** The characters of the decks' emoji (whole sequences: ZWJ, selectors, skin tones, keycaps, tags). */
const emojiText = (text: string) => emojiIn(text).join('');
// (The decks' text without its emoji, withoutEmoji: ©, ™ or ↔ on their own are text, and stay in the text font.)
const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
/** Characters the theme itself draws (the second-level list marker in src/theme/slides.css). */
const THEME_TEXT = '–';
/** What the text font keeps of a text (both weights: one function, so a file's set is worked out once). */
const textCharacters = (text: string) => PRINTABLE_ASCII + THEME_TEXT + withoutEmoji(text);

export const THEME_FONTS: FontSource[] = [
  // Atkinson Hyperlegible: two weights, the decks' characters plus ASCII (so a new word in dev
  // never falls back to a system font before the next build).
  ...[400, 700].map((weight) => ({
    out: `atkinson-hyperlegible-${weight}.woff2`,
    from: `@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-${weight}-normal.woff2`,
    keep: textCharacters,
  })),
  // Twemoji's font, for the emoji characters' metrics only: its glyphs come out of the cut blank
  // (harfbuzz's subsetter here drops the COLR colour table), so the pictures come from emoji.css.
  // The characters stay text, and never fall back to a system emoji font.
  { out: 'twemoji.woff2', from: 'twemoji-colr-font/twemoji.woff2', keep: emojiText },
];

/** A family from Fontsource: one file per subset, weight and style; `unicode.json` names each subset's characters. */
interface FontsourceFamily {
  /** Package, and the start of its file names (`@fontsource/noto-sans-sc` → `noto-sans-sc-…`). */
  pkg: string;
  /** The subsets (unicode.json keys) used for characters the theme's Atkinson Hyperlegible lacks. */
  subsets: (name: string) => boolean;
  /** It has italic faces. */
  italic: boolean;
}

/**
 * Where a character Atkinson Hyperlegible (Latin) lacks comes from: the first family with a subset
 * that has it. To ship another script, add its Fontsource package here (installed with an exact
 * version) and update src/core/font-coverage.ts (tests/unit/fonts.test.ts prints the new table).
 */
export const FALLBACK_FAMILIES: FontsourceFamily[] = [
  { pkg: '@fontsource/atkinson-hyperlegible', subsets: (name) => name === 'latin-ext', italic: true },
  { pkg: '@fontsource/noto-sans-arabic', subsets: (name) => name === 'arabic', italic: false },
  // Chinese (simplified) in ~100 numbered slices, and Cyrillic and Vietnamese; its Latin is not used.
  { pkg: '@fontsource/noto-sans-sc', subsets: (name) => !name.startsWith('latin'), italic: false },
];

/** The theme's text font: the Latin subset is what src/theme/fonts.css declares. */
const TEXT_FONT = '@fontsource/atkinson-hyperlegible';

function subsetRanges(pkg: string): Map<string, CodePointRange[]> {
  const table = JSON.parse(readFileSync(require.resolve(`${pkg}/unicode.json`), 'utf8')) as Record<string, string>;
  return new Map(Object.entries(table).map(([name, list]) => [name.replace(/^\[(.*)\]$/, '$1'), codePointRanges(list)]));
}

const rangesOf = new Map<string, Map<string, CodePointRange[]>>();
const subsetsOf = (pkg: string) => rangesOf.get(pkg) ?? rangesOf.set(pkg, subsetRanges(pkg)).get(pkg)!;
const latinRanges = () => mergeRanges(subsetsOf(TEXT_FONT).get('latin')!);

/** What src/core/font-coverage.ts must hold: the characters the shipped fonts draw. */
export function shippedCoverage(): string {
  const ranges = [...latinRanges()];
  for (const family of FALLBACK_FAMILIES) {
    for (const [name, subset] of subsetsOf(family.pkg)) if (family.subsets(name)) ranges.push(...subset);
  }
  return encodeRanges(mergeRanges(ranges));
}

/** One face a page declares, and the characters it is cut to. */
export interface PageFace {
  /** The family it belongs to: the theme's text font unless said (the code font). */
  family?: string;
  style: 'normal' | 'italic';
  weight: 400 | 700;
  /** Package path of the full font. */
  from: string;
  text: string;
  /** For a face that adds characters to the family (another script), exactly those characters. */
  unicodeRange?: string;
  /** Layout features kept in the cut (all when absent); the code font keeps none (no ligatures). */
  keepFeatures?: string[];
}

/** Characters no face draws: line breaks, tabs (set as spaces), joiners, selectors. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Variation_Selector}]/u;

/** The code font (src/theme/code.css): JetBrains Mono, regular only, in Fontsource's subsets. */
export const CODE_FONT = { family: 'JetBrains Mono', pkg: '@fontsource/jetbrains-mono' } as const;

/** The characters of a page's code, blocks and spans: what is inside its `<code>` elements. */
export function codeText(body: string): string {
  return [...body.matchAll(/<code\b[^>]*>([\s\S]*?)<\/code>/g)].map((m) => htmlText(m[1]!)).join('');
}

/**
 * The code font's faces for a page with code: one per Fontsource subset its code needs, cut to
 * those characters (the Latin one also to ASCII, so a new character typed in dev needs no new
 * cut), each with its unicode-range. Characters the font lacks fall back to the theme's text font.
 */
function codeFaces(body: string): PageFace[] {
  const text = unique(withoutEmoji(codeText(body)));
  if (!text.trim()) return [];
  const subsets = subsetsOf(CODE_FONT.pkg);
  const groups = new Map<string, string[]>();
  for (const char of PRINTABLE_ASCII + text) {
    // (Spaces are drawn by the code font too: an indent is as wide as the characters above it.)
    if (INVISIBLE.test(char)) continue;
    const subset = [...subsets].find(([, ranges]) => inRanges(char.codePointAt(0)!, ranges))?.[0];
    if (subset === undefined) continue;
    const chars = groups.get(subset) ?? groups.set(subset, []).get(subset)!;
    if (!chars.includes(char)) chars.push(char);
  }
  const id = CODE_FONT.pkg.replace(/^@fontsource\//, '');
  return [...groups].map(([subset, chars]) => ({
    family: CODE_FONT.family,
    style: 'normal',
    weight: 400,
    from: `${CODE_FONT.pkg}/files/${id}-${subset}-400-normal.woff2`,
    text: chars.join(''),
    unicodeRange: unicodeRange(chars),
    keepFeatures: [],
  }));
}

/** The text a page's slides show (figures' <text> included), from their HTML. */
export function htmlText(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return html
    .replace(/<(script|style|title|textarea)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return named[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}

/**
 * The faces a page needs beyond the theme's own, from its slides' HTML: italics (400 and 700, as
 * headings are bold) when it has emphasis, cut to the characters in emphasis; and, for characters
 * Atkinson Hyperlegible's Latin lacks, the fallback family's subsets that have them, cut to them.
 * All under the theme's family name, so the font stack stays as it is.
 */
export function pageFaces(pageHtml: string): PageFace[] {
  // Formulas are drawn in KaTeX's fonts (src/vite/math.ts), their MathML in the system's math font.
  const body = withoutFormulas(pageHtml.slice(Math.max(0, pageHtml.search(/<body\b/i))));
  const text = unique(withoutEmoji(htmlText(body)));
  const italic = unique(withoutEmoji([...body.matchAll(/<em>([\s\S]*?)<\/em>/g)].map((m) => htmlText(m[1]!)).join('')));
  const faces: PageFace[] = [];
  const weights = [400, 700] as const;
  if (italic.trim()) {
    for (const weight of weights) {
      faces.push({ style: 'italic', weight, from: `${TEXT_FONT}/files/atkinson-hyperlegible-latin-${weight}-italic.woff2`, text: PRINTABLE_ASCII + THEME_TEXT + italic });
    }
  }
  const latin = latinRanges();
  const groups = new Map<string, { family: FontsourceFamily; subset: string; chars: string[] }>();
  for (const char of text) {
    const point = char.codePointAt(0)!;
    if (UNDRAWN.test(char) || inRanges(point, latin)) continue;
    for (const family of FALLBACK_FAMILIES) {
      const subset = [...subsetsOf(family.pkg)].find(([name, ranges]) => family.subsets(name) && inRanges(point, ranges))?.[0];
      if (subset === undefined) continue;
      const key = `${family.pkg} ${subset}`;
      const group = groups.get(key) ?? groups.set(key, { family, subset, chars: [] }).get(key)!;
      group.chars.push(char);
      break;
    }
  }
  for (const { family, subset, chars } of groups.values()) {
    const id = family.pkg.replace(/^@fontsource\//, '');
    const styles = family.italic && chars.some((c) => italic.includes(c)) ? (['normal', 'italic'] as const) : (['normal'] as const);
    for (const style of styles) {
      for (const weight of weights) {
        faces.push({ style, weight, from: `${family.pkg}/files/${id}-${subset}-${weight}-${style}.woff2`, text: chars.join(''), unicodeRange: unicodeRange(chars) });
      }
    }
  }
  faces.push(...codeFaces(body));
  return faces;
}

/** The HTML less its formulas (`<span class="math …">…</span>`, src/core/syntax/math): their text is not the theme font's. */
export function withoutFormulas(html: string): string {
  if (!html.includes('class="math ')) return html;
  let out = '';
  let from = 0;
  for (let start = html.indexOf('<span class="math ', from); start >= 0; start = html.indexOf('<span class="math ', from)) {
    out += html.slice(from, start);
    // The element's end: its own </span>, counting the spans inside it.
    const tags = /<span\b|<\/span>/g;
    tags.lastIndex = start;
    let depth = 0;
    let end = html.length;
    for (let m = tags.exec(html); m; m = tags.exec(html)) {
      depth += m[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        end = m.index + m[0].length;
        break;
      }
    }
    from = end;
  }
  return out + html.slice(from);
}

/** The @font-face rules for a page's own faces, each at its URL. */
export function pageFontCss(faces: { face: PageFace; url: string }[]): string {
  return faces
    .map(({ face, url }) =>
      `@font-face{font-family:'${face.family ?? 'Atkinson Hyperlegible'}';font-style:${face.style};font-weight:${face.weight};font-display:block;src:url(${url}) format('woff2')${face.unicodeRange ? `;unicode-range:${face.unicodeRange}` : ''}}`,
    )
    .join('\n');
}

/** How long after a save the dev server re-cuts the fonts: after the deck update (which waits ~15 ms for a save to settle). */
const RECUT_AFTER_MS = 60;

/** Where the dev server serves the pages' own faces from (they live in memory). */
const DEV_FONT_PATH = '/@deck-fonts/';

export interface FontsPluginOptions {
  /** Folders whose .md and .svg files hold the decks' text, relative to the root. */
  textFrom: string[];
  /** Where the cut fonts go, relative to the root. */
  outDir: string;
}

export function fontsPlugin(options: FontsPluginOptions): Plugin {
  let config: ResolvedConfig;
  const resolve = (p: string) => path.resolve(config.root, p);
  /** Per file, what each font keeps of it and its emoji: worked out again only when the file changes (a save). */
  const perFile = new Map<string, { text: string; kept: string[]; emoji: string[] }>();
  const write = async () => {
    const seen = new Set<string>();
    const facts = options.textFrom.flatMap((dir) => textFiles(resolve(dir))).map((file) => {
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      let known = perFile.get(file);
      // Each font's characters come from the whole of a file: an emoji sequence (🇺🇸, 1️⃣) only is one in place.
      if (known?.text !== text) {
        const byKeep = new Map<FontSource['keep'], string>();
        const kept = THEME_FONTS.map((font) => byKeep.get(font.keep) ?? byKeep.set(font.keep, unique(font.keep(text))).get(font.keep)!);
        perFile.set(file, (known = { text, kept, emoji: emojiIn(text) }));
      }
      return known;
    });
    for (const file of perFile.keys()) if (!seen.has(file)) perFile.delete(file);
    const kept = THEME_FONTS.map((_, i) => unique(facts.map((f) => f.kept[i]).join('')) || ' ');
    // One space between them, so no two emoji of different places read as one sequence.
    const allEmoji = facts.flatMap((f) => f.emoji).join(' ');
    const outDir = resolve(options.outDir);
    mkdirSync(outDir, { recursive: true });
    // Cutting fonts is most of a build's time and memory (harfbuzz in WebAssembly): skip it when the
    // decks' characters and the fonts are what they were at the last cut and its files are there.
    const key = cutKey(kept.join('\0'));
    const stamp = path.join(outDir, '.cut-key');
    const outputs = [...THEME_FONTS.map((f) => f.out), 'emoji.css'].map((name) => path.join(outDir, name));
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key && outputs.every((file) => existsSync(file))) return;
    const { default: subsetFont } = await import('subset-font');
    for (const [i, font] of THEME_FONTS.entries()) {
      // No hinting: at slide sizes it changes nothing visible, and it halves the files.
      const subset = await subsetFont(readFileSync(require.resolve(font.from)), kept[i]!, { targetFormat: 'woff2', noHinting: true });
      writeFileSync(path.join(outDir, font.out), subset);
    }
    writeFileSync(path.join(outDir, 'emoji.css'), emojiCss(allEmoji, (m) => config.logger.warn(m)));
    writeFileSync(stamp, key);
  };
  /** The pages' own faces, by file name: served from memory in dev, written out at build. */
  const pageFiles = new Map<string, Uint8Array>();
  /** Each face is cut once per set of characters (a dev session recuts only what a save changed). */
  const cuts = new Map<string, Promise<{ file: string; bytes: Uint8Array }>>();
  const cut = (face: PageFace) => {
    const key = `${face.from}\0${face.text}\0${face.keepFeatures?.join(',') ?? '*'}`;
    let done = cuts.get(key);
    if (!done) {
      done = (async () => {
        const bytes = await cutCached(config.cacheDir, face.from, face.text, face.keepFeatures);
        const stem = path.basename(face.from, '.woff2').replace(/-normal$/, '');
        return { file: `${stem}-${createHash('sha256').update(bytes).digest('hex').slice(0, 8)}.woff2`, bytes };
      })();
      cuts.set(key, done);
    }
    return done;
  };
  return {
    name: 'deck-fonts',
    configResolved(resolved) {
      config = resolved;
    },
    async buildStart() {
      await write();
    },
    // A page whose slides need more than the theme's faces (italics, another script) declares those
    // faces itself.
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        const build = Boolean(ctx.bundle);
        const pageDir = path.posix.dirname(path.relative(config.root, ctx.filename).split(path.sep).join('/'));
        const assetUrl = (fileName: string) => (config.base.startsWith('.') ? path.posix.relative(pageDir, fileName) : config.base + fileName);
        const faces = await Promise.all(
          pageFaces(html).map(async (face) => {
            const { file, bytes } = await cut(face);
            pageFiles.set(file, bytes);
            return { face, url: build ? assetUrl(`${config.build.assetsDir}/${file}`) : DEV_FONT_PATH + file };
          }),
        );
        // No preload of the theme's cuts: the first slide shows in their stand-ins (fonts.css) and
        // asks for them when it is laid out; a preload started while the HTML still streams in
        // would hold the first paint for them.
        return faces.length > 0 ? [{ tag: 'style', attrs: { [DEFERRABLE_STYLE]: 'fonts' }, children: pageFontCss(faces), injectTo: 'head' }] : [];
      },
    },
    // The pages' own faces: written beside the other assets (the pages were written before this).
    writeBundle(output) {
      const dir = path.join(output.dir ?? resolve(config.build.outDir), config.build.assetsDir);
      mkdirSync(dir, { recursive: true });
      for (const [file, bytes] of pageFiles) writeFileSync(path.join(dir, file), bytes);
    },
    configureServer(server) {
      server.middlewares.use(DEV_FONT_PATH, (req, res, next) => {
        const bytes = pageFiles.get(decodeURIComponent((req.url ?? '').replace(/^\//, '').replace(/[?#].*$/, '')));
        if (!bytes) return next();
        res.setHeader('Content-Type', 'font/woff2');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(bytes);
      });
      // After the deck's own update (src/vite/plugin.ts sends it once a save settles): a save shows
      // its words first, and a character new to the decks gets its glyph when the cut follows.
      let pending: ReturnType<typeof setTimeout> | undefined;
      const rewrite = (file: string) => {
        if (!options.textFrom.some((dir) => file.startsWith(resolve(dir) + path.sep))) return;
        clearTimeout(pending);
        pending = setTimeout(() => write().catch((error: unknown) => config.logger.error(`deck-fonts: ${String(error)}`)), RECUT_AFTER_MS);
      };
      server.watcher.on('change', rewrite);
      server.watcher.on('add', rewrite);
    },
  };
}

/**
 * A font cut to `text` (package path `from`; OpenType features `keepFeatures`, else all), kept on
 * disk in Vite's cache folder by what it was cut from, to and how: cutting (harfbuzz in
 * WebAssembly) is most of a build's time and memory for a page with faces of its own.
 */
export async function cutCached(cacheDir: string, from: string, text: string, keepFeatures?: string[]): Promise<Uint8Array> {
  const font = readFileSync(require.resolve(from));
  const key = `${from}\0${text}\0${keepFeatures?.join(',') ?? '*'}`;
  const cached = path.join(cacheDir, 'deck-fonts', `${createHash('sha256').update(key).update(font).update(PAGE_CUT_RECIPE).digest('hex').slice(0, 24)}.woff2`);
  if (existsSync(cached)) return readFileSync(cached);
  const { default: subsetFont } = await import('subset-font');
  const bytes = await subsetFont(font, text, { targetFormat: 'woff2', noHinting: true, ...(keepFeatures ? { keepFeatures } : {}) });
  // Written whole, then renamed: another build reading the cache never sees half a font.
  mkdirSync(path.dirname(cached), { recursive: true });
  const partial = `${cached}.${process.pid}.part`;
  writeFileSync(partial, bytes);
  renameSync(partial, cached);
  return bytes;
}

/** A built asset's URL from the page at `pagePath` (`/name/index.html`): Vite's base, or relative to the page when the base is. */
export function assetHref(base: string, pagePath: string, fileName: string): string {
  if (base !== './' && base !== '') return base + fileName;
  const up = path.posix.relative(path.posix.dirname(pagePath), '/');
  return up ? `${up}/${fileName}` : `./${fileName}`;
}

/** The same for the pages' own faces (kept in Vite's cache folder, by what each is cut from and to). */
const PAGE_CUT_RECIPE = `woff2, no hinting; subset-font ${JSON.parse(readFileSync(require.resolve('subset-font/package.json'), 'utf8')).version as string}`;

/** Change when the way fonts are cut changes (options, kept characters), so old cuts are redone. */
const CUT_RECIPE = 'woff2, no hinting, ASCII + theme text; emoji as RGI sequences; emoji css v2';

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
  for (const emoji of new Set(emojiIn(text))) {
    const name = twemojiName(emoji);
    // Twemoji names a few ZWJ sequences without their U+FE0F (👁️‍🗨️ is 1f441-200d-1f5e8).
    const svg = [name, name.replace(/-fe0f/g, '')].map(twemojiSvg).find((found) => found !== undefined);
    if (svg === undefined) {
      warn(`deck-fonts: no Twemoji picture for ${emoji} (${name}); it will show as text`);
      continue;
    }
    rules.push(`.reveal .emoji[data-emoji="${name}"] { background-image: url("data:image/svg+xml,${encodeURIComponent(svg.trim())}"); }`);
  }
  return rules.join('\n') + '\n';
}

function twemojiSvg(name: string): string | undefined {
  try {
    return readFileSync(require.resolve(`@twemoji/svg/${name}.svg`), 'utf8');
  } catch {
    return undefined;
  }
}

/** The .md and .svg files under `dir`, in a stable order. */
function textFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...textFiles(full));
    else if (/\.(md|svg)$/i.test(entry.name)) files.push(full);
  }
  return files;
}

function unique(text: string): string {
  const seen = new Set<string>();
  for (const character of text) seen.add(character);
  return [...seen].sort().join('');
}

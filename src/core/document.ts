// Fills the page template with a compiled deck: the HTML the browser receives already has every slide,
// and a head that makes a shared link look right (Open Graph, Twitter card, canonical URL, icons).
import { pageTitle } from './meta.ts';
import type { Deck } from './model.ts';

const escapeAttr = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The picture a shared link shows: a file served next to index.html (Vite's `public/`). */
export interface ShareImage {
  path: string;
  width: number;
  height: number;
  alt: string;
}

export interface DocumentOptions {
  /**
   * Where the site is published (`https://user.github.io/repo/`). Front matter `canonical` wins over
   * it. With it, the page gets a canonical URL and absolute `og:url` / `og:image`.
   */
  siteUrl?: string;
  /** Share picture; defaults to `og-image.png` (1200×630, made by `npm run og-image`). */
  image?: ShareImage;
  /** Site icon, in `public/`; defaults to `favicon.svg`. */
  icon?: string;
}

export const DEFAULT_SHARE_IMAGE_PATH = 'og-image.png';
export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;

/**
 * Placeholders: `%deck.lang%`, `%deck.title%`, `%deck.description%`, `%deck.author%`
 * (attribute-safe), `<!--deck:slides-->` (the `<section>`s), and `<!--deck:head-->` for the
 * share tags (when the template has no such comment they go just before `</head>`).
 */
export function renderDocument(template: string, deck: Deck, options: DocumentOptions = {}): string {
  const values: Record<string, string> = {
    lang: deck.meta.lang,
    title: pageTitle(deck.meta) || deck.file,
    description: description(deck),
    author: deck.meta.author ?? '',
  };
  const head = headTags(deck, options);
  const filled = template
    // A right-to-left deck (front matter `dir: rtl`) is right-to-left from <html> down.
    .replace(/<html\b/i, (open) => (deck.meta.dir ? `${open} dir="${escapeAttr(deck.meta.dir)}"` : open))
    .replace(/%deck\.(\w+)%/g, (whole, key: string) => (key in values ? escapeAttr(values[key]!) : whole))
    .replace('<!--deck:slides-->', () => deck.slides.map((slide) => slide.html).join(''));
  if (filled.includes('<!--deck:head-->')) return filled.replace('<!--deck:head-->', () => head);
  return filled.replace(/(\s*)<\/head>/i, (close, space: string) => `${space}  ${head.trim().split('\n').join(`${space}  `)}${close}`);
}

function description(deck: Deck): string {
  return deck.meta.description ?? pageTitle(deck.meta);
}

/** The canonical address of the deck, ending in `/`, or undefined when none is configured. */
export function canonicalUrl(deck: Deck, options: DocumentOptions = {}): string | undefined {
  const raw = deck.meta.canonical ?? options.siteUrl;
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (!/^https?:$/.test(url.protocol)) return undefined;
    if (!url.pathname.endsWith('/') && !/\.html?$/.test(url.pathname)) url.pathname += '/';
    return url.href;
  } catch {
    return undefined;
  }
}

/** `<meta>`/`<link>` tags for search engines, link previews and the browser tab, one per line. */
export function headTags(deck: Deck, options: DocumentOptions = {}): string {
  const title = pageTitle(deck.meta) || deck.file;
  const text = description(deck);
  const canonical = canonicalUrl(deck, options);
  const image: ShareImage = options.image ?? {
    path: DEFAULT_SHARE_IMAGE_PATH,
    ...SHARE_IMAGE_SIZE,
    alt: `Title slide: ${[title, deck.meta.author].filter(Boolean).join(', ')}`,
  };
  // Link previews need absolute URLs; without a configured address the image stays relative.
  const imageUrl = canonical ? new URL(image.path, canonical).href : image.path;
  const icon = options.icon ?? 'favicon.svg';
  const meta = (attr: 'name' | 'property', key: string, value: string | undefined) =>
    value ? `<meta ${attr}="${key}" content="${escapeAttr(value)}" />` : '';
  return [
    canonical && `<link rel="canonical" href="${escapeAttr(canonical)}" />`,
    // A root-relative path: Vite serves it from public/ and rewrites it against the base.
    `<link rel="icon" href="/${escapeAttr(icon)}" type="${icon.endsWith('.svg') ? 'image/svg+xml' : 'image/png'}" />`,
    meta('property', 'og:type', 'website'),
    meta('property', 'og:title', title),
    meta('property', 'og:description', text),
    meta('property', 'og:url', canonical),
    meta('property', 'og:image', imageUrl),
    meta('property', 'og:image:type', 'image/png'),
    meta('property', 'og:image:width', String(image.width)),
    meta('property', 'og:image:height', String(image.height)),
    meta('property', 'og:image:alt', image.alt),
    meta('name', 'twitter:card', 'summary_large_image'),
    meta('name', 'twitter:title', title),
    meta('name', 'twitter:description', text),
    meta('name', 'twitter:image', imageUrl),
    meta('name', 'twitter:image:alt', image.alt),
  ]
    .filter(Boolean)
    .join('\n');
}

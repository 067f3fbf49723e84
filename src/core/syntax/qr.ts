// A QR code of the deck's address on its title slide, for the room: `qr: true` (the front
// matter's `canonical:`) or `qr: https://…` (that address). The audience opens the slides on their
// phones. The code is drawn at build time as an inline SVG from the module matrix an encoder gives
// (CompileOptions.qr: src/node/qr-encoder.ts, with the `qrcode` package, loaded only for a deck
// whose front matter has `qr:`), in the theme's colours (src/theme/qr.css), through the figures'
// sanitizer like any SVG; the address is written under it as a link (what the text export and a
// screen reader read). Nothing here throws: a bad value is a diagnostic at the `qr:` line.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { parseFragment, serializeOuter, type DefaultTreeAdapterMap } from 'parse5';
import { report, type DeckEnv } from '../env.ts';
import { sanitizeSvg } from '../figures/sanitize-svg.ts';
import type { FrontMatterField } from '../meta.ts';
import { AFTER_STEPS } from '../phases.ts';
import { slideMark } from '../plugins/slides.ts';
import { declareSyntax } from './feature.ts';
import { externalLinkAttrs } from './links.ts';
import type { QrEncoder, QrMatrix } from './qr-encoder.ts';

type Element = DefaultTreeAdapterMap['element'];

/** The front-matter key. */
export const QR_KEY = 'qr';
/** Its line in the front matter, up to its value: `qr: `, `"qr": ` (an adapter's cheap scan reads it too). */
export const QR_LINE = /^(["']?)qr\1[ \t]*:[ \t]*/m;

/** Modules of light margin around the code, as the QR standard asks (4). */
const QUIET_ZONE = 4;
/**
 * The largest code that still reads from the back of a room at the size the title slide draws it
 * (232 px): version 6, 41 modules a side (about 100 characters of address at level M).
 */
const MAX_READABLE_SIZE = 41;

/** `true`, `false` or an http(s) address. */
export const qrValue: FrontMatterField<true | string | false> = {
  type: 'true, false or an http(s) URL',
  parse: (value, fail) => {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && isHttpUrl(value)) return value;
    return fail('true (the address in canonical:), false or an http(s) URL, like https://user.github.io/repo/'), undefined;
  },
};

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\/[^/\s?#]+[^\s]*$/i.test(text)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The address the deck's QR code stands for, or undefined when it has none. */
export function qrAddress(meta: DeckEnv['meta']): string | undefined {
  const value = (meta as unknown as Record<string, unknown> | undefined)?.[QR_KEY];
  if (value === true) return meta?.canonical;
  return typeof value === 'string' ? value : undefined;
}

export function qrPlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'QR code',
    frontMatter: { [QR_KEY]: qrValue },
    // Only the front matter is read, and an edit there always splits the deck again.
    scanDeck: (tokens, env) => {
      const front = tokens[0]?.type === 'front_matter' ? tokens[0] : undefined;
      if (front) checkQr(env, String(front.meta), (front.map?.[0] ?? 0) + 2);
    },
    scanReads: /(?!)/,
  });
  // markdown-it parsing a whole deck at once (no compile.ts): the front matter is checked here.
  md.core.ruler.after('deck_front_matter', 'deck_qr_check', (state) => {
    const env = state.env as unknown as DeckEnv;
    if (env.slide) return;
    const yaml = /^---[ \t]*\n([\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(state.src);
    if (yaml) checkQr(env, yaml[1] ?? '', 2);
  });
  md.core.ruler.before(AFTER_STEPS, 'deck_qr', (state) => {
    const env = state.env as unknown as DeckEnv;
    const url = qrAddress(env.meta);
    if (!url) return;
    const at = state.tokens.findIndex((t) => t.type === 'slide_open' && slideMark(t).titleSlide);
    if (at < 0) return;
    const token = new state.Token('deck_qr', 'figure', 0);
    token.block = true;
    token.meta = { url };
    state.tokens.splice(at + 1, 0, token);
  });
  md.renderer.rules.deck_qr = (tokens: Token[], idx: number, _options, env) =>
    qrFigure(String((tokens[idx]!.meta as { url: string }).url), (env as DeckEnv | undefined)?.qr, md.utils.escapeHtml);
}

/**
 * What is wrong with the deck's `qr:`, reported at its value: `true` without a `canonical:`,
 * no title slide to show it on, an address too long for a code read from across the room.
 * `yaml` is the front matter's text, its first line the deck's line `firstLine`.
 */
function checkQr(env: DeckEnv, yaml: string, firstLine: number): void {
  const meta = env.meta as unknown as Record<string, unknown> | undefined;
  const value = meta?.[QR_KEY];
  if (value === undefined || value === false) return;
  const lines = yaml.split('\n');
  const row = lines.findIndex((line) => QR_LINE.test(line));
  const line = row < 0 ? firstLine : firstLine + row;
  const column = row < 0 ? 1 : QR_LINE.exec(lines[row]!)![0].length + 1;
  if (value === true && !env.meta?.canonical) {
    report(env, 'error', line, column, 'qr: true shows the address in canonical:, and there is none: add canonical: https://… (where the deck is published), or give the address, qr: https://…');
    return;
  }
  if (!env.meta?.titleSlide) {
    report(env, 'warning', line, column, 'qr: the QR code is shown on the title slide, and this deck has none (give it a title:, and leave out titleSlide: false)');
    return;
  }
  const url = qrAddress(env.meta);
  if (!url || !env.qr) return;
  const matrix = encode(env.qr, url);
  if (typeof matrix === 'string') report(env, 'error', line, column, `qr: the address cannot be made a QR code (${matrix})`);
  else if (matrix.size > MAX_READABLE_SIZE) {
    report(env, 'warning', line, column, `qr: the address is ${url.length} characters long: its QR code is ${matrix.size}×${matrix.size} modules, too fine to scan from the back of the room; a shorter address scans better`);
  }
}

/** The encoder's matrix, or why there is none. */
function encode(encoder: QrEncoder, url: string): QrMatrix | string {
  try {
    const matrix = encoder(url);
    return Number.isInteger(matrix.size) && matrix.size > 0 && matrix.size < 200 ? matrix : 'the encoder gave no code';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The title slide's QR code and its address: the code as an inline SVG (dark modules on a light
 * tile, a quiet zone around them), the address a link under it. Without an encoder (markdown-it
 * used on its own) or when the address cannot be encoded, the link alone.
 */
export function qrFigure(url: string, encoder: QrEncoder | undefined, escape: (text: string) => string): string {
  const matrix = encoder && encode(encoder, url);
  const svg = matrix && typeof matrix !== 'string' ? qrSvg(matrix, url, escape) : '';
  return `<figure class="deck-qr">\n${svg}<figcaption><a href="${escape(url)}"${externalLinkAttrs(url)}>${escape(url)}</a></figcaption>\n</figure>\n`;
}

/** The matrix as an SVG: one path of dark modules (a run of a row is one rectangle) on a light tile. */
export function qrSvg(matrix: QrMatrix, url: string, escape: (text: string) => string): string {
  const side = matrix.size + 2 * QUIET_ZONE;
  let d = '';
  for (let row = 0; row < matrix.size; row++) {
    for (let column = 0; column < matrix.size; ) {
      if (!matrix.dark(row, column)) {
        column++;
        continue;
      }
      let run = 1;
      while (column + run < matrix.size && matrix.dark(row, column + run)) run++;
      d += `M${column + QUIET_ZONE} ${row + QUIET_ZONE}h${run}v1h-${run}z`;
      column += run;
    }
  }
  // Colours for a page without the QR sheet (src/theme/qr.css gives the theme's).
  const text =
    `<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" viewBox="0 0 ${side} ${side}" width="232" height="232" role="img" aria-label="QR code for ${escape(url)}" shape-rendering="crispEdges">` +
    `<rect class="qr-light" width="${side}" height="${side}" fill="#fff"/><path class="qr-dark" fill="#000" d="${d}"/></svg>`;
  // Our own drawing, but it goes through the figures' sanitizer as any SVG on a slide does.
  const svg = parseFragment(text).childNodes.find((node): node is Element => 'tagName' in node && node.tagName === 'svg');
  if (!svg) return '';
  let clean = true;
  sanitizeSvg(svg, () => (clean = false));
  return clean ? `${serializeOuter(svg)}\n` : '';
}

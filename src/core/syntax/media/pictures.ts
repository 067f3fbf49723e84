// Pictures and videos: `![alt](plots/loss.png){width=60%}` becomes a <picture> of the file as
// AVIF and WebP, with the original format as the fallback, sized for where it is drawn (at most
// twice its displayed size on the 1280×720 stage) with width/height set, so nothing shifts as it
// loads. `{dark=plots/loss-dark.png}` adds the picture shown in the dark theme. A `.mp4`/`.webm`
// becomes a <video> with controls, `{autoplay loop muted}` and `{poster=…}`. The files are read
// and converted by the adapter (service.ts); the core decides sizes and writes the markup.
import type { MarkdownIt, Token } from 'markdown-it';
import { report, type DeckEnv } from '../../env.ts';
import { isLocalPath, isRemote, assetPath, remoteMessage } from '../../diagnostics/assets.ts';
import { locate, type Position } from '../../diagnostics/locate.ts';
import { slideMark } from '../../plugins/slides.ts';
import { STEPS } from '../../phases.ts';
import { declareSyntax } from '../feature.ts';
import { CONTENT, MAX_PIXELS, RASTER, STAGE, VIDEO, parseLength, pictureSize, problemMessage, type MediaService, type RasterFormat, type Sizing } from './service.ts';
import { columnShare } from './columns.ts';

/** Attributes the picture itself consumes; the others (a step, an id, classes) go on its outer element. */
export const OWN = new Set(['src', 'alt', 'width', 'height', 'dark', 'poster', 'autoplay', 'loop', 'muted']);

interface MediaMeta {
  html: (outerAttrs: string) => string;
}

export function picturesPlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'pictures and video',
    markerClasses: [{ name: 'stretch', summary: 'a picture fills the rest of the slide’s height' }],
    attributes: [
      { name: 'dark', summary: 'a picture’s variant for the dark theme' },
      { name: 'poster', summary: 'a video’s still, shown before it plays and in the PDF' },
      { name: 'autoplay', summary: 'a video plays when its slide opens' },
      { name: 'loop', summary: 'a video starts again when it ends' },
      { name: 'muted', summary: 'a video plays without sound' },
    ],
  });
  md.core.ruler.before(STEPS, 'deck_pictures', (state) => {
    const env = state.env as unknown as DeckEnv;
    const media = env.media;
    let slideIndex = env.slide?.index ?? 0;
    const columns: Token[] = [];
    for (const block of state.tokens) {
      if (block.type === 'slide_open') slideIndex = slideMark(block).index;
      if (block.type.startsWith('container_column') && !block.type.startsWith('container_columns')) {
        if (block.nesting === 1) columns.push(block);
        else columns.pop();
      }
      if (block.type !== 'inline' || !block.children) continue;
      let after: Position | undefined;
      for (const image of block.children) {
        if (image.type !== 'image') continue;
        const start = locate(env, state.src, block.map, '![', after);
        after = { line: start.line, column: start.column + 1 };
        const src = String(image.attrGet('src') ?? '');
        if (isRemote(src)) {
          // Reported, and shown as its alt text: the page requests nothing from that host.
          const at = locate(env, state.src, block.map, src, start);
          report(env, 'error', at.line, at.column, remoteMessage(VIDEO.test(assetPath(src)) ? 'video' : 'picture', src));
          image.type = 'text';
          image.content = image.content || src;
          continue;
        }
        // (Without a media service, a test or markdown-it on its own, pictures stay plain <img>s.)
        if (!media || !isLocalPath(src) || !(RASTER.test(assetPath(src)) || VIDEO.test(assetPath(src)))) continue;
        const at = locate(env, state.src, block.map, src, start);
        image.meta = { ...(image.meta ?? {}), assetChecked: true };
        const share = columns.reduce((product, column) => product * columnShare(column), 1);
        // (A dark variant's or a poster's problem is reported at its own path.)
        const find = (needle: string) => locate(env, state.src, block.map, needle, start);
        const built = buildMedia(env, media, image, { line: at.line, column: at.column }, slideIndex, { width: CONTENT.width * share, height: CONTENT.height }, find);
        if (built) image.meta.media = built;
      }
    }
  });

  const fallback = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const meta = token.meta?.media as MediaMeta | undefined;
    if (!meta) return fallback(tokens, idx, options, env, self);
    const outer = (token.attrs ?? []).filter(([name]) => !OWN.has(name));
    return meta.html(outer.map(([k, v]) => ` ${k}="${md.utils.escapeHtml(String(v))}"`).join(''));
  };
}

const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One picture (or video) of the deck, or undefined when its file cannot be used (reported). */
export function buildMedia(
  env: DeckEnv,
  media: MediaService,
  image: Token,
  at: Position,
  slideIndex: number,
  box: { width: number; height: number },
  find: (needle: string) => Position = () => at,
): MediaMeta | undefined {
  const src = assetPath(String(image.attrGet('src') ?? ''));
  const alt = image.content.trim();
  const eager = slideIndex <= 1;
  const classes = String(image.attrGet('class') ?? '').split(/\s+/);
  const sizing: Sizing = { box, width: attrText(image, 'width'), height: attrText(image, 'height'), stretch: classes.includes('stretch') };
  if (VIDEO.test(src)) return buildVideo(env, media, image, src, alt, at, find);
  const light = picture(env, media, src, alt, sizing, eager, at);
  if (!light) return undefined;
  const darkSrc = attrText(image, 'dark');
  if (!darkSrc) return { html: (outer) => light.html(outer) };
  const darkAt = find(darkSrc);
  if (isRemote(darkSrc)) report(env, 'error', darkAt.line, darkAt.column, remoteMessage('picture', darkSrc));
  const dark = isLocalPath(darkSrc) ? picture(env, media, assetPath(darkSrc), alt, sizing, eager, darkAt, light.size) : undefined;
  if (!dark) return { html: (outer) => light.html(outer) };
  return {
    html: (outer) => `<span class="media-themed"${outer}>${light.html(' class="media-light"')}${dark.html(' class="media-dark"')}</span>`,
  };
}

function attrText(token: Token, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}

const MIME: Record<RasterFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif' };

/**
 * A raster file as a <picture>: AVIF, then WebP, then the original format, all at the file size
 * pictureSize gives. (An animated GIF is animated WebP, with the GIF as the fallback: no AVIF.)
 */
export function picture(
  env: DeckEnv,
  media: MediaService,
  src: string,
  alt: string,
  sizing: Sizing,
  eager: boolean,
  at: Position,
  sameSize?: { width: number; height: number },
): { html: (outer: string) => string; size: { width: number; height: number } } | undefined {
  const described = media.describe(src);
  if (!described) return undefined;
  if (described.kind === 'problem') {
    report(env, 'error', at.line, at.column, problemMessage(src, described.problem, described.detail));
    return undefined;
  }
  if (described.kind !== 'raster') {
    report(env, 'error', at.line, at.column, problemMessage(src, 'not-image', described.kind === 'video' ? 'a video' : 'an SVG: inline it as a figure on its own line'));
    return undefined;
  }
  if (described.width * described.height > MAX_PIXELS) {
    report(env, 'error', at.line, at.column, problemMessage(src, 'too-large', `${described.width}×${described.height}`));
    return undefined;
  }
  const { display, file } = pictureSize(described, sizing);
  const size = sameSize ?? display;
  const formats: RasterFormat[] = described.animated ? ['webp'] : ['avif', 'webp'];
  const sources = formats
    .filter((format) => format !== described.format)
    .map((format) => `<source type="${MIME[format]}" srcset="${escapeAttr(media.url(src, { format, ...file }))}">`)
    .join('');
  const fallback = escapeAttr(media.url(src, { format: described.format, ...file }));
  const loading = eager ? 'eager' : 'lazy';
  const animated = described.animated ? ' data-animated' : '';
  const stretch = sizing.stretch ? ' media-stretch' : '';
  return {
    size,
    html: (outer) =>
      `<picture${withClass(outer, `media-picture${stretch}`)}${animated}>${sources}<img src="${fallback}" alt="${escapeAttr(alt)}" width="${size.width}" height="${size.height}" loading="${loading}" decoding="async"></picture>`,
  };
}

/** Adds `name` to the class attribute among `outer` (written ` k="v"` pairs), or one of its own. */
function withClass(outer: string, name: string): string {
  if (/\sclass="/.test(outer)) return outer.replace(/\sclass="/, ` class="${name} `);
  return ` class="${name}"${outer}`;
}

function buildVideo(env: DeckEnv, media: MediaService, image: Token, src: string, alt: string, at: Position, find: (needle: string) => Position): MediaMeta | undefined {
  const described = media.describe(src);
  if (!described) return undefined;
  if (described.kind === 'problem') {
    report(env, 'error', at.line, at.column, problemMessage(src, described.problem, described.detail).replace(/^image/, 'video'));
    return undefined;
  }
  if (described.kind !== 'video') return undefined;
  const posterSrc = attrText(image, 'poster');
  let poster = '';
  if (posterSrc && isRemote(posterSrc)) {
    const p = find(posterSrc);
    report(env, 'error', p.line, p.column, remoteMessage('poster', posterSrc));
  } else if (posterSrc && isLocalPath(posterSrc)) {
    const still = media.describe(assetPath(posterSrc));
    if (still?.kind === 'raster' && still.width * still.height <= MAX_PIXELS) {
      const { file } = pictureSize(still, { box: CONTENT });
      poster = ` poster="${escapeAttr(media.url(assetPath(posterSrc), { format: 'webp', ...file }))}"`;
    } else if (still?.kind === 'problem') {
      const p = find(posterSrc);
      report(env, 'error', p.line, p.column, problemMessage(assetPath(posterSrc), still.problem, still.detail));
    }
  } else {
    report(env, 'warning', at.line, at.column, `video "${src}" has no poster: give it one with {poster=…} (the PDF shows the poster; no frame is taken from the video here)`);
  }
  const flags = (['autoplay', 'loop', 'muted'] as const).filter((flag) => image.attrGet(flag) !== null);
  const autoplay = flags.includes('autoplay') ? ' data-autoplay' : '';
  const loop = flags.includes('loop') ? ' loop' : '';
  const muted = flags.includes('muted') ? ' muted' : '';
  const type = described.format === 'mp4' ? 'video/mp4' : 'video/webm';
  const label = alt ? ` aria-label="${escapeAttr(alt)}"` : '';
  // Its frame's shape is not known here (no video decoder at build time): 16:9 unless written.
  const width = Math.round(parseLength(attrText(image, 'width'), CONTENT.width) ?? 960);
  const height = Math.round(parseLength(attrText(image, 'height'), STAGE.height) ?? (width * 9) / 16);
  return {
    html: (outer) =>
      `<video${withClass(outer, 'media-video')} controls playsinline preload="metadata"${poster}${autoplay}${loop}${muted}${label} width="${width}" height="${height}"><source src="${escapeAttr(media.url(src))}" type="${type}"></video>`,
  };
}

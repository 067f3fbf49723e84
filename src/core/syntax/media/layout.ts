// A slide's layout and background, written as attributes of its heading (Quarto's names):
// `## Title {background-image="media/lab.jpg" background-opacity=0.3}`, `background-color`,
// `background-video`, `background-size`; and named layouts: `{.center}` (a statement),
// `{.image-right image="plots/x.png" alt="…"}` / `.image-left` (half the slide is a picture),
// `{.title-only}` (a title over one full-slide picture), `{.smaller}` (a dense slide's text set
// smaller, Quarto's name; not below what reads from the back of the room). They move from the heading to the
// slide's <section> (src/core/render/slide-render.ts writes them), and the picture is optimized
// like any other (pictures.ts). Text over a background stays on a panel of the theme's paper.
// Quarto's `{.scrollable}` is an error here: a slide never scrolls (the back row cannot scroll it).
// Quarto's deck-wide keys: `smaller: true` sets every slide but the title slide as `{.smaller}`
// (as Quarto, no slide opts out); `scrollable: true` is the same error, at its front-matter line.
import type { MarkdownIt, Token } from 'markdown-it';
import { report, type DeckEnv } from '../../env.ts';
import { assetPath, isLocalPath, isRemote, remoteMessage } from '../../diagnostics/assets.ts';
import { locate } from '../../diagnostics/locate.ts';
import type { FrontMatterField } from '../../meta.ts';
import { trueOrFalse } from '../../meta.ts';
import { slideMark } from '../../plugins/slides.ts';
import { STEPS } from '../../phases.ts';
import { declareSyntax } from '../feature.ts';
import { picture } from './pictures.ts';
import { STAGE, VIDEO, problemMessage } from './service.ts';

export const LAYOUTS = ['center', 'image-right', 'image-left', 'title-only'] as const;
/** Quarto's class for a dense slide: set on the <section> as it is written. */
const SMALLER = 'smaller';
const SCROLLABLE = 'scrollable';
/** Why a slide never scrolls, and what to do instead: said of `{.scrollable}` and of `scrollable: true`. */
const NO_SCROLLING =
  'a slide never scrolls (no one in the room can scroll it, so what does not fit is reported as overflow); split the slide at a "---", set it {.smaller}, or move the detail into its notes';
/** Quarto's `scrollable:`: false (its default) is accepted, true is an error at its value. */
const scrollableKey: FrontMatterField<false> = {
  type: 'false',
  parse: (value, fail) => (value === false ? false : (fail(`false or left out: ${NO_SCROLLING}`, value !== true), undefined)),
};
const BACKGROUND = ['background-image', 'background-opacity', 'background-color', 'background-video', 'background-size'] as const;

/** What a slide's <section> gets from its heading. */
export interface SlideLayout {
  classes: string[];
  style: string;
  /** HTML put first in the section (a background, a half-slide picture). */
  prefix: string;
  /**
   * reveal.js's `data-state`: classes it puts on the page while the slide is open. The theme
   * recolours the step number over a coloured background by it: a `.reveal:has(section.present…)`
   * rule made every class change in the deck restyle all of it (a live edit of a 300-slide deck
   * took 2 s in the page instead of 0.2).
   */
  state?: string;
}

export function layoutPlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'layouts and backgrounds',
    markerClasses: [
      { name: 'center', summary: 'on a heading: the slide’s content centred (a section or a statement)' },
      { name: 'image-right', summary: 'on a heading: the `image=` picture fills the right half' },
      { name: 'image-left', summary: 'on a heading: the `image=` picture fills the left half' },
      { name: 'title-only', summary: 'on a heading: a title over one picture that fills the slide' },
      { name: 'smaller', summary: 'on a heading: the slide’s text set smaller, for a dense slide (still readable from the back)' },
    ],
    attributes: [
      { name: 'image', summary: 'on a heading with .image-right/.image-left: the picture' },
      { name: 'background-image', summary: 'on a heading: the slide’s background picture' },
      { name: 'background-opacity', summary: 'on a heading: how strong the background is, 0 to 1' },
      { name: 'background-color', summary: 'on a heading: the slide’s colour (#rgb or #rrggbb); the text takes the ink that reads on it' },
      { name: 'background-video', summary: 'on a heading: a muted, looping video behind the slide' },
      { name: 'background-size', summary: 'on a heading: `cover` (the default) or `contain`' },
    ],
    frontMatter: { [SMALLER]: trueOrFalse, [SCROLLABLE]: scrollableKey },
  });
  md.core.ruler.before(STEPS, 'deck_layout', (state) => {
    const env = state.env as unknown as DeckEnv;
    let slide: Token | undefined;
    let seenHeading = false;
    for (const token of state.tokens) {
      if (token.type === 'slide_open') [slide, seenHeading] = [token, false];
      if (token.block && token.nesting === 1 && token.attrs && /\bscrollable\b/.test(String(token.attrGet('class') ?? ''))) scrollable(env, state.src, token);
      if (token.type !== 'heading_open' || seenHeading || !slide) continue;
      seenHeading = true;
      const layout = headingLayout(env, state.src, token, slideMark(slide).index);
      if (layout) slide.meta = { ...(slide.meta ?? {}), layout };
    }
    // `smaller: true`: every slide but the title slide is set as {.smaller} would set it.
    if ((env.meta as unknown as Record<string, unknown> | undefined)?.[SMALLER] !== true) return;
    for (const token of state.tokens) {
      if (token.type !== 'slide_open' || slideMark(token).titleSlide) continue;
      const layout = (token.meta?.layout as SlideLayout | undefined) ?? { classes: [], style: '', prefix: '' };
      if (!layout.classes.includes(SMALLER)) layout.classes.push(SMALLER);
      token.meta = { ...(token.meta ?? {}), layout };
    }
  });
}

/** Quarto's `{.scrollable}`: reported, and taken off (it would do nothing). */
function scrollable(env: DeckEnv, src: string, token: Token): void {
  const classes = String(token.attrGet('class')).split(/\s+/);
  if (!classes.includes(SCROLLABLE)) return;
  const p = locate(env, src, token.map, `.${SCROLLABLE}`);
  report(
    env,
    'error',
    p.line,
    p.column,
    `.${SCROLLABLE} is not supported: ${NO_SCROLLING}`,
  );
  const rest = classes.filter((c) => c && c !== SCROLLABLE);
  if (rest.length) token.attrSet('class', rest.join(' '));
  else token.attrs = token.attrs!.filter(([k]) => k !== 'class');
}

function headingLayout(env: DeckEnv, src: string, heading: Token, slideIndex: number): SlideLayout | undefined {
  const attrs = heading.attrs ?? [];
  const classes = String(heading.attrGet('class') ?? '').split(/\s+/).filter(Boolean);
  const layouts = classes.filter((c): c is (typeof LAYOUTS)[number] => (LAYOUTS as readonly string[]).includes(c));
  const smaller = classes.includes(SMALLER);
  const background = attrs.filter(([k]) => (BACKGROUND as readonly string[]).includes(k));
  if (layouts.length === 0 && background.length === 0 && !smaller) return undefined;
  const value = (name: string): string | undefined => {
    const found = attrs.find(([k]) => k === name);
    return found ? String(found[1]) : undefined;
  };
  const at = (needle: string) => locate(env, src, heading.map, needle);
  const error = (needle: string, message: string) => {
    const p = at(needle);
    report(env, 'error', p.line, p.column, message);
  };
  // What moves to the section leaves the heading.
  const rest = classes.filter((c) => !(LAYOUTS as readonly string[]).includes(c) && c !== SMALLER);
  heading.attrs = attrs.filter(([k]) => !(BACKGROUND as readonly string[]).includes(k) && k !== 'class' && !(k === 'image' || (k === 'alt' && layouts.some((l) => l.startsWith('image-')))));
  if (rest.length) heading.attrSet('class', rest.join(' '));

  const out: SlideLayout = { classes: [...layouts.map((l) => `layout-${l}`), ...(smaller ? [SMALLER] : [])], style: '', prefix: '' };
  const eager = slideIndex <= 1;
  const media = env.media;

  for (const side of layouts.filter((l) => l === 'image-right' || l === 'image-left')) {
    const image = value('image');
    if (!image) {
      error(`.${side}`, `.${side} needs the picture: write {.${side} image="plots/x.png" alt="what it shows"}`);
      continue;
    }
    if (isRemote(image)) {
      error(image, remoteMessage('picture', image));
      continue;
    }
    const alt = value('alt') ?? '';
    if (!alt.trim()) {
      const p = at(image);
      report(env, 'warning', p.line, p.column, `image "${image}" has no alt text; describe it with alt="…" for screen readers`);
    }
    const pic = media && isLocalPath(image) ? picture(env, media, assetPath(image), alt, { box: { width: STAGE.width / 2, height: STAGE.height }, cover: true }, eager, at(image)) : undefined;
    if (!media) out.prefix += `<div class="layout-image"><img src="${escapeAttr(image)}" alt="${escapeAttr(alt)}"></div>`;
    else if (pic) out.prefix += `<div class="layout-image">${pic.html('')}</div>`;
  }

  const color = value('background-color');
  if (color !== undefined) {
    const rgb = parseHex(color);
    if (!rgb) error(color, `background-color must be a colour written #rgb or #rrggbb, got "${color}"`);
    else {
      out.style += `--slide-background:${color};`;
      const shade = luminance(rgb) > 0.179 ? 'light' : 'dark';
      out.classes.push('has-background-color', `background-${shade}`);
      out.state = `deck-background-${shade}`;
    }
  }
  const opacityText = value('background-opacity');
  let opacity = 1;
  if (opacityText !== undefined) {
    const n = Number(opacityText);
    if (!(n >= 0 && n <= 1) || opacityText.trim() === '') error(`background-opacity=`, `background-opacity must be a number from 0 to 1, got "${opacityText}"`);
    else opacity = n;
  }
  const size = value('background-size') ?? 'cover';
  if (size !== 'cover' && size !== 'contain') error('background-size=', `background-size must be cover or contain, got "${size}"`);
  const fit = size === 'contain' ? ' background-contain' : '';
  const imageSrc = value('background-image');
  if (imageSrc !== undefined) {
    if (!isLocalPath(imageSrc)) error(imageSrc, `background-image must be a file next to the deck, got "${imageSrc}"`);
    else if (media) {
      const pic = picture(env, media, assetPath(imageSrc), '', { box: STAGE, cover: true }, eager, at(imageSrc));
      if (pic) out.prefix += `<div class="deck-background${fit}" aria-hidden="true" style="opacity:${opacity}">${pic.html('')}</div>`;
    } else out.prefix += `<div class="deck-background${fit}" aria-hidden="true" style="opacity:${opacity}"><img src="${escapeAttr(imageSrc)}" alt=""></div>`;
    out.classes.push('has-background');
  }
  const videoSrc = value('background-video');
  if (videoSrc !== undefined) {
    const described = media && isLocalPath(videoSrc) ? media.describe(assetPath(videoSrc)) : undefined;
    if (!isLocalPath(videoSrc) || !VIDEO.test(assetPath(videoSrc))) error(videoSrc, `background-video must be an .mp4 or .webm file next to the deck, got "${videoSrc}"`);
    else if (described?.kind === 'problem') error(videoSrc, problemMessage(videoSrc, described.problem, described.detail).replace(/^image/, 'video'));
    else {
      const url = media ? media.url(assetPath(videoSrc)) : videoSrc;
      out.prefix += `<div class="deck-background${fit}" aria-hidden="true" style="opacity:${opacity}"><video muted loop playsinline preload="metadata" data-autoplay><source src="${escapeAttr(url)}" type="video/${/\.webm$/i.test(videoSrc) ? 'webm' : 'mp4'}"></video></div>`;
      out.classes.push('has-background');
    }
  }
  return out;
}

const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function parseHex(text: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG's relative luminance; above 0.179 black text reads better than white. */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

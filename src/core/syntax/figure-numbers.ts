// Numbered figures, in Quarto's form: a picture alone in its paragraph with an id starting `fig-`,
// `![Training loss of both runs](plots/loss.png){#fig-loss}`, becomes a <figure> with that id and
// a caption "Figure 1: Training loss of both runs" (1, 2, … in the deck's order, steps or not),
// and `@fig-loss` in the text links to it, showing "Figure 1". The numbers are found over the
// whole deck first and kept as every kind of label is (crossref.ts), as equations' are.
//
// Alt text, as Quarto: `fig-alt="…"` gives the picture its own alt text; without it the caption
// names the figure (a <figure>'s name is its <figcaption>) and the picture's alt is empty, so a
// screen reader reads the caption once, with its number, not again as the picture's text.
// An inline SVG figure (figure.ts) is numbered the same way: its <svg> is named by fig-alt, else
// by its <title>.
import type { MarkdownIt, Token } from 'markdown-it';
import { report, type DeckEnv } from '../env.ts';
import { inlinePosition, locate } from '../diagnostics/locate.ts';
import { FIGURES, labelInAttrs, labelNumber, mayReferTo, numberLabels, referenceLink, referenceRule, referencePattern, resolveLabel } from './crossref.ts';
import { declareSyntax } from './feature.ts';
import { FIGURE_TOKEN } from './figure.ts';
// What a picture keeps of its attributes; the others (its id, step, classes) go on the <figure>.
import { OWN as PICTURE_OWN_ATTRS } from './media/pictures.ts';

const FIGURE_REF = referencePattern(FIGURES);
const FIGURE_REF_TOKEN = 'figure_ref';
const FIGURE_OPEN = 'numbered_figure_open';
const FIGURE_CLOSE = 'numbered_figure_close';
const CAPTION_OPEN = 'figure_caption_open';
const CAPTION_CLOSE = 'figure_caption_close';
const FIG_ALT = 'fig-alt';
/** The class of every numbered figure (src/theme/media.css styles its caption). */
export const NUMBERED_FIGURE_CLASS = 'numbered-figure';

/** What a numbered figure's picture carries, for figure.ts and the image check. */
export interface NumberedFigureMeta {
  figureNumber: number;
  /** Its caption, parsed as the bracket text was. */
  caption: Token;
  /** Whether it has a name for screen readers: fig-alt, or a caption. */
  named: boolean;
}

/** `![caption](file){… #fig-label …}` alone in a paragraph (its attribute blocks, maybe on lines of their own), as the deck scan sees a block's text. */
const LONE_PICTURE = /^!\[[\s\S]*\]\([^()]*(?:\([^()]*\)[^()]*)*\)((?:\s*\{[^{}]*\})+)\s*$/;

/** Numbers the deck's figures in order, before its slides are compiled (see SyntaxDeclaration.scanDeck). */
export function scanFigures(tokens: readonly Token[], env: DeckEnv): void {
  const found: { label: string; line: number }[] = [];
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.content.includes(FIGURES.prefix)) continue;
    const attrs = LONE_PICTURE.exec(token.content.trim())?.[1];
    const label = attrs && labelInAttrs(attrs, FIGURES);
    if (label) found.push({ label, line: (token.map?.[0] ?? 0) + 1 });
  }
  numberLabels(env, FIGURES, found);
}

export function figureNumbersPlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'numbered figures',
    attributes: [{ name: FIG_ALT, summary: 'a numbered figure’s alt text, when its caption is not what a screen reader should say of the picture' }],
    scanDeck: scanFigures,
    scanReads: /fig-/,
  });
  md.inline.ruler.after('escape', FIGURE_REF_TOKEN, referenceRule(FIGURE_REF, FIGURE_REF_TOKEN));
  // markdown-it parsing a whole deck at once (no compile.ts): the figures are numbered here.
  md.core.ruler.after('block', 'deck_figure_scan', (state) => {
    const env = state.env as unknown as DeckEnv;
    if (!env.slide) scanFigures(state.tokens, env);
  });
  // Before figure.ts makes inline SVG figures and the step attributes are read.
  md.core.ruler.before('deck_figure', 'deck_figure_numbers', (state) => {
    const env = state.env as unknown as DeckEnv;
    const out: Token[] = [];
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const block = tokens[i]!;
      if (block.type === 'inline' && block.children && mayReferTo(block.content, FIGURES)) {
        for (const child of block.children) if (child.type === FIGURE_REF_TOKEN) resolveReference(env, state.src, block, child);
      }
      const found = numberedPicture(tokens, i);
      if (!found) {
        out.push(block);
        continue;
      }
      const { image, label } = found;
      const paragraph = block;
      const inline = tokens[i + 1]!;
      const line = (paragraph.map?.[0] ?? 0) + 1;
      const number = labelNumber(env, FIGURES, label);
      if (!number || number.line !== line) {
        if (number) {
          const at = locate(env, state.src, paragraph.map, label);
          report(env, 'error', at.line, at.column, `figure label "${label}" is already used on line ${number.line}; give this figure another one`);
        }
        out.push(block);
        continue;
      }
      const caption = new state.Token('inline', '', 0);
      caption.content = image.content;
      caption.children = image.children ?? [];
      caption.map = paragraph.map;
      // The picture's own name: fig-alt, else none (the caption names the figure).
      const figAlt = image.attrGet(FIG_ALT);
      image.attrs = (image.attrs ?? []).filter(([name]) => name !== FIG_ALT);
      const alt = figAlt === null ? '' : String(figAlt);
      const text = new state.Token('text', '', 0);
      text.content = alt;
      image.children = alt ? [text] : [];
      image.content = alt;
      image.meta = { ...(image.meta ?? {}), figureNumber: number.number, caption, named: alt.trim() !== '' || caption.content.trim() !== '' } satisfies NumberedFigureMeta;
      for (const child of caption.children) if (child.type === FIGURE_REF_TOKEN) resolveReference(env, state.src, paragraph, child);
      const captionTokens = captionOf(state.Token, caption, number.number, paragraph);
      if (/\.svg$/i.test(String(image.attrGet('src') ?? ''))) {
        // figure.ts makes the <figure> of an SVG (its attributes, steps and all); the caption goes in it.
        out.push(paragraph, inline, tokens[i + 2]!, ...captionTokens);
        i += 2;
        continue;
      }
      const open = new state.Token(FIGURE_OPEN, 'figure', 1);
      open.block = true;
      open.map = paragraph.map;
      // The id, a step, classes and the rest go on the <figure>; the picture keeps its own (and `.stretch`).
      const moved = [...(paragraph.attrs ?? []), ...(image.attrs ?? []).filter(([name]) => !PICTURE_OWN_ATTRS.has(name))];
      const classes = moved.filter(([name]) => name === 'class').flatMap(([, value]) => String(value).split(/\s+/)).filter(Boolean);
      open.attrs = [['class', [NUMBERED_FIGURE_CLASS, ...classes.filter((c) => c !== 'stretch')].join(' ')], ...moved.filter(([name]) => name !== 'class')];
      image.attrs = (image.attrs ?? []).filter(([name]) => PICTURE_OWN_ATTRS.has(name));
      if (classes.includes('stretch')) image.attrs.push(['class', 'stretch']);
      const close = new state.Token(FIGURE_CLOSE, 'figure', -1);
      close.block = true;
      out.push(open, inline, ...captionTokens, close);
      i += 2;
    }
    state.tokens = out;
  });
  // An SVG figure made by figure.ts: its caption follows it, and it leaves its </figure> to the caption.
  md.core.ruler.after('deck_figure', 'deck_figure_captions', (state) => {
    const tokens = state.tokens;
    for (let i = 1; i < tokens.length; i++) {
      if (tokens[i]!.type !== CAPTION_OPEN) continue;
      const figure = tokens[i - 1]!;
      if (figure.type === FIGURE_TOKEN) {
        figure.meta = { ...figure.meta, captioned: true };
        figure.attrJoin('class', NUMBERED_FIGURE_CLASS);
        // It now opens what the close below ends: the rules that walk the tokens by their nesting
        // (an aside moved to the slide's foot, the step stack) see the caption inside it.
        figure.nesting = 1;
        const close = new state.Token(FIGURE_CLOSE, 'figure', -1);
        close.block = true;
        tokens.splice(i + 3, 0, close);
      } else if (figure.type === 'paragraph_close') {
        // Its SVG could not be read (reported): it stays a paragraph, without a caption.
        tokens.splice(i, 3);
        i--;
      }
    }
  });

  const escape = md.utils.escapeHtml;
  md.renderer.rules[CAPTION_OPEN] = (tokens, idx) => {
    const { number, empty } = tokens[idx]!.meta as { number: number; empty: boolean };
    return `<figcaption>Figure&nbsp;${number}${empty ? '' : ': '}`;
  };
  md.renderer.rules[CAPTION_CLOSE] = () => '</figcaption>\n';
  md.renderer.rules[FIGURE_REF_TOKEN] = (tokens, idx) => {
    const token = tokens[idx]!;
    const { label, number } = token.meta as { label: string; number?: number };
    return number === undefined ? escape(token.content) : referenceLink(FIGURES, label, number, escape);
  };
}

function captionOf(TokenClass: typeof Token, caption: Token, number: number, paragraph: Token): Token[] {
  const open = new TokenClass(CAPTION_OPEN, 'figcaption', 1);
  open.block = true;
  open.map = paragraph.map;
  open.meta = { number, empty: caption.content.trim() === '' };
  const close = new TokenClass(CAPTION_CLOSE, 'figcaption', -1);
  close.block = true;
  return [open, caption, close];
}

/** A paragraph (tokens[i..i+2]) holding only a picture with a `fig-` id (on the picture or the paragraph). */
function numberedPicture(tokens: Token[], i: number): { image: Token; label: string } | undefined {
  const paragraph = tokens[i]!;
  if (paragraph.type !== 'paragraph_open' || tokens[i + 1]?.type !== 'inline' || tokens[i + 2]?.type !== 'paragraph_close') return undefined;
  if (!tokens[i + 1]!.content.includes(FIGURES.prefix)) return undefined;
  let image: Token | undefined;
  for (const child of tokens[i + 1]!.children ?? []) {
    if ((child.type === 'text' && child.content.trim() === '') || child.type === 'softbreak') continue;
    if (image || child.type !== 'image') return undefined;
    image = child;
  }
  if (!image) return undefined;
  const id = image.attrGet('id') ?? paragraph.attrGet('id');
  if (typeof id !== 'string' || !id.startsWith(FIGURES.prefix)) return undefined;
  if (image.attrGet('id') === null) {
    // (Written after a space, the id went on the paragraph: it is the figure's.)
    paragraph.attrs = (paragraph.attrs ?? []).filter(([name]) => name !== 'id');
    image.attrSet('id', id);
  }
  return { image, label: id };
}

/** `@fig-label`: the number it shows, or an error at it. */
function resolveReference(env: DeckEnv, src: string, block: Token, token: Token): void {
  const meta = token.meta as { label: string; number?: number; source: string; start: number };
  meta.number = resolveLabel(env, FIGURES, meta.label, () => inlinePosition(env, src, block, meta.source, meta.start, token.content));
}

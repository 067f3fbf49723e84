// Figures: a paragraph holding only `![name](figures/x.svg)` becomes the SVG itself, inlined at
// build time, so reveal.js can step through its parts. Inside the SVG, `data-step="N"` (or
// `class="fragment"`) marks a part as a build step, numbered with the slide's Markdown steps.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { parseFragment, serializeOuter, type DefaultTreeAdapterMap } from 'parse5';
import { deckShared, report, type DeckEnv } from '../env.ts';
import { sourceLines } from '../diagnostics/locate.ts';
import { fragmentClasses, markInnerSteps, type FragmentMark } from '../steps/fragment-meta.ts';
import { parseStep, stepNumberError } from '../steps/step-number.ts';
import { contentOutside, sanitizeSvg } from '../figures/sanitize-svg.ts';
import { markFigurePart } from '../figures/figure-steps.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Attribute = Element['attrs'][number];

export const FIGURE_TOKEN = 'deck_figure';
/** env key: how many times each figure file has been used in this render. */
/**
 * env key: each figure file's parsed and checked <svg>, by file text. A deck often uses one file
 * many times: it is parsed and checked once per render, and each use shares the tree, keeping
 * only the attribute lists it changes (ids, labels, steps).
 */
const PARSED_FIGURES = Symbol('parsed figures');
const SVG_PATH = /\.svg$/i;

interface FigureMeta {
  /** The file's <svg>, shared by every use of the file. */
  svg: Element;
  /** This use's own attribute lists, for the elements whose attributes it changes. */
  attrs: FigureAttrs;
  /** Each stepped SVG element with the mark that the step-order rule numbers. */
  steps: [Element, FragmentMark][];
}

/** One use's attributes of a shared tree: the file's own, except where this use changed them. */
class FigureAttrs {
  readonly changed = new Map<Element, Attribute[]>();

  of(element: Element): Attribute[] {
    return this.changed.get(element) ?? element.attrs;
  }

  /** This use's own copy of an element's attributes, to change. */
  own(element: Element): Attribute[] {
    let attrs = this.changed.get(element);
    if (!attrs) {
      attrs = element.attrs.map((a) => ({ ...a }));
      this.changed.set(element, attrs);
    }
    return attrs;
  }

  /** parse5's serialization of the tree as this use sees it (its attribute lists lent for the call). */
  serialize(svg: Element): string {
    const shared: [Element, Attribute[]][] = [];
    for (const [element, attrs] of this.changed) {
      shared.push([element, element.attrs]);
      element.attrs = attrs;
    }
    try {
      return serializeOuter(svg);
    } finally {
      for (const [element, attrs] of shared) element.attrs = attrs;
    }
  }
}

export function figurePlugin(md: MarkdownIt): void {
  // Before the step attributes are read: those written on the image go on the <figure> token.
  md.core.ruler.before('deck_fragment_attrs', 'deck_figure', (state) => {
    const env = state.env as unknown as DeckEnv;
    const lines = sourceLines(env, state.src);
    const out: Token[] = [];
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const image = loneSvgImage(tokens, i);
      if (!image) {
        out.push(tokens[i]!);
        continue;
      }
      const paragraph = tokens[i]!;
      const line = paragraph.map ? paragraph.map[0] + 1 : 0;
      const src = String(image.attrGet('src') ?? '');
      const column = (lines.at(line - 1)?.indexOf(src) ?? -1) + 1 || 1;
      const figure = buildFigure(state.Token, paragraph, image, env, line, column);
      // Without a readable SVG the paragraph stays a plain image; the error says why.
      if (!figure) {
        out.push(paragraph);
        continue;
      }
      i += 2; // paragraph_open, inline, paragraph_close
      out.push(figure);
    }
    state.tokens = out;
  });

  md.renderer.rules[FIGURE_TOKEN] = (tokens, idx, _options, _env, self) => {
    const token = tokens[idx]!;
    const meta = token.meta!.figure as FigureMeta;
    for (const [element, mark] of meta.steps) {
      const attrs = meta.attrs.own(element);
      setAttr(attrs, 'class', fragmentClasses(attr(attrs, 'class'), mark.effect));
      setAttr(attrs, 'data-fragment-index', String(mark.index ?? 0));
    }
    // (A numbered figure's caption follows, and closes it: figure-numbers.ts.)
    const close = token.meta!.captioned ? '' : '</figure>\n';
    return `<figure${self.renderAttrs(token)}>\n${meta.attrs.serialize(meta.svg)}\n${close}`;
  };
}

/** The image token when tokens[i..i+2] is a paragraph with nothing but an image of an .svg file. */
function loneSvgImage(tokens: Token[], i: number): Token | undefined {
  if (tokens[i]!.type !== 'paragraph_open' || tokens[i + 1]?.type !== 'inline' || tokens[i + 2]?.type !== 'paragraph_close') return undefined;
  // The one child that is not blank text.
  let image: Token | undefined;
  for (const child of tokens[i + 1]!.children ?? []) {
    if (child.type === 'text' && child.content.trim() === '') continue;
    if (image) return undefined;
    image = child;
  }
  return image?.type === 'image' && SVG_PATH.test(String(image.attrGet('src') ?? '')) ? image : undefined;
}

function buildFigure(
  TokenClass: typeof Token,
  paragraph: Token,
  image: Token,
  env: DeckEnv,
  line: number,
  column: number,
): Token | undefined {
  const src = String(image.attrGet('src'));
  const error = (message: string) => report(env, 'error', line, column, `figure ${src}: ${message}`);
  const text = env.readAsset(safeDecode(src));
  // The figure reports its own file problems; the image check must not report them again.
  image.meta = { ...(image.meta ?? {}), assetChecked: true };
  if (text === undefined) {
    error('file not found (figures are read relative to the deck’s folder)');
    return undefined;
  }
  const template = figureTemplate(env, text);
  const svg = template.svg;
  if (!svg) {
    error('no <svg> element in the file');
    return undefined;
  }
  // What was left out of the file is reported at each use, as if it were found there.
  for (const message of template.unsafe) error(message);
  const own = new FigureAttrs();
  // Ids are prefixed per figure use, so two figures (or one figure used twice) never share an id.
  const base = src.replace(/^.*\//, '').replace(SVG_PATH, '').replace(/[^\w-]+/g, '-');
  const use = deckShared(env).count('figure uses', base);
  const name = use > 1 ? `${base}-${use}` : base;
  if (template.hasIds) prefixIds(template.elements, own, `figure-${name}-`);

  // The accessible name: the Markdown alt text, else the SVG's <title>; the <desc> describes it.
  const { title, desc } = template;
  const alt = image.children?.map((c) => c.content).join('') ?? image.content;
  const numbered = image.meta?.figureNumber !== undefined;
  if (!title && !alt.trim()) error(numbered ? 'needs a name: give it {fig-alt="…"} (its caption names the figure, not the drawing) or give the SVG a <title>' : 'needs a name: write ![name](…) or give the SVG a <title>');
  if (!desc) error('needs a <desc> that describes the picture for screen readers');
  setAttr(own.own(svg), 'role', 'img');
  if (alt.trim()) setAttr(own.own(svg), 'aria-label', alt.trim());
  else if (title) setAttr(own.own(svg), 'aria-labelledby', ensureId(title, own, `figure-${name}-title`));
  if (desc) setAttr(own.own(svg), 'aria-describedby', ensureId(desc, own, `figure-${name}-desc`));

  // Its stepped parts: steps inside the one <figure> token, numbered with the slide's others.
  const steps: [Element, FragmentMark][] = [];
  for (const element of template.mayStep) {
    const written = own.of(element).find((a) => a.name === 'data-step')?.value;
    const classes = attr(own.of(element), 'class').split(/\s+/);
    if (written === undefined && !classes.includes('fragment')) continue;
    const step = written === undefined ? undefined : parseStep(written);
    if (written !== undefined) {
      if (step === undefined) error(stepNumberError('data-step', written));
      own.changed.set(element, own.own(element).filter((a) => a.name !== 'data-step'));
    }
    // (Its effect classes, `fade-out`…, are on the element already: they stay as written.)
    steps.push([element, { line, ...(step !== undefined ? { step } : {}) }]);
  }

  const token = new TokenClass(FIGURE_TOKEN, 'figure', 0);
  token.block = true;
  token.map = paragraph.map;
  token.level = paragraph.level;
  // Attributes written on the image or its paragraph (`{.fragment}`, `{step=2}`, classes) go on <figure>.
  const attrs = [...(paragraph.attrs ?? []), ...(image.attrs ?? []).filter(([k]) => k !== 'src' && k !== 'alt')];
  const classes = ['figure', ...attrs.filter(([k]) => k === 'class').map(([, v]) => v)].join(' ');
  token.attrs = [['class', classes], ...attrs.filter(([k]) => k !== 'class')];
  token.meta = { figure: { svg, attrs: own, steps } satisfies FigureMeta };
  markInnerSteps(token, steps.map(([, mark]) => mark));
  markFigurePart(token, { figure: token, src, column });
  return token;
}

/** A figure file's <svg> element with what it may not carry left out, parsed once per text. */
interface FigureTemplate {
  svg: Element | undefined;
  /** What sanitizeSvg left out, in order: the messages each use of the file reports. */
  unsafe: string[];
  /** The svg's elements in document order, itself first. */
  elements: Element[];
  /** Its first <title> and <desc>. */
  title: Element | undefined;
  desc: Element | undefined;
  /** Whether any element has an id (only then are ids prefixed per use). */
  hasIds: boolean;
  /**
   * The elements that can be a step: those with a data-step or a `fragment` class. (Prefixing
   * ids changes attribute values, never their names, and never makes or unmakes that class.)
   */
  mayStep: Element[];
}

function figureTemplate(env: DeckEnv, text: string): FigureTemplate {
  const cache = (env[PARSED_FIGURES] as Map<string, FigureTemplate> | undefined) ?? new Map<string, FigureTemplate>();
  env[PARSED_FIGURES] = cache;
  let template = cache.get(text);
  if (!template) {
    const file = parseFragment(text.replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, ''));
    const svg = findElement(file, (e) => e.tagName === 'svg');
    const unsafe: string[] = [];
    const outside = svg && contentOutside(file, svg);
    if (outside) unsafe.push(outside);
    if (svg) sanitizeSvg(svg, (message) => unsafe.push(message));
    const all = svg ? elements(svg) : [];
    template = {
      svg,
      unsafe,
      elements: all,
      title: svg && findElement(svg, (e) => e.tagName === 'title'),
      desc: svg && findElement(svg, (e) => e.tagName === 'desc'),
      hasIds: all.some((e) => e.attrs.some((a) => a.name === 'id')),
      mayStep: all.filter((e) => e.attrs.some((a) => a.name === 'data-step') || attr(e.attrs, 'class').split(/\s+/).includes('fragment')),
    };
    cache.set(text, template);
  }
  return template;
}

function safeDecode(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

/** Makes the figure's ids unique in the page (two figures may both say `id="arrow"`). */
function prefixIds(all: Element[], own: FigureAttrs, prefix: string): void {
  const ids = new Set<string>();
  for (const element of all) {
    const index = own.of(element).findIndex((a) => a.name === 'id');
    if (index >= 0) {
      const id = own.own(element)[index]!;
      ids.add(id.value);
      id.value = prefix + id.value;
    }
  }
  if (ids.size === 0) return;
  for (const element of all) {
    own.of(element).forEach((a, index) => {
      if (a.name === 'id') return;
      const value = a.value
        .replace(/url\(\s*#([^)\s]+)\s*\)/g, (m, id: string) => (ids.has(id) ? `url(#${prefix}${id})` : m))
        .replace(/^#(\S+)$/, (m, id: string) => (ids.has(id) && /href$/.test(a.name) ? `#${prefix}${id}` : m));
      if (value !== a.value) own.own(element)[index]!.value = value;
    });
  }
}

function ensureId(element: Element, own: FigureAttrs, fallback: string): string {
  const existing = attr(own.of(element), 'id');
  if (existing) return existing;
  setAttr(own.own(element), 'id', fallback);
  return fallback;
}

/** All elements under `root` (itself included), in document order. */
function elements(root: Element): Element[] {
  const out: Element[] = [];
  const visit = (node: Node) => {
    if (!('tagName' in node)) return;
    out.push(node);
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return out;
}

function findElement(root: ParentNode, test: (element: Element) => boolean): Element | undefined {
  for (const child of root.childNodes) {
    if (!('tagName' in child)) continue;
    if (test(child)) return child;
    const found = findElement(child, test);
    if (found) return found;
  }
  return undefined;
}

function attr(attrs: Attribute[], name: string): string {
  return attrs.find((a) => a.name === name)?.value ?? '';
}

function setAttr(attrs: Attribute[], name: string, value: string): void {
  const existing = attrs.find((a) => a.name === name);
  if (existing) existing.value = value;
  else attrs.push({ name, value });
}

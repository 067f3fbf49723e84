// Diagrams drawn at build time: a ```mermaid or ```dot fence becomes an inline SVG (no diagram
// JavaScript in the browser). The renderer's SVG goes through the figures' sanitizer (no <style>,
// no outside URL: beautiful-mermaid's web-font @import never reaches the page), its ids are
// prefixed per diagram, and its colours are the theme's (src/theme/diagram.css), so the dark
// theme redraws it. Its words stay text. Steps: a node with the class `stepN` (Mermaid: `class A,B
// step2`; Graphviz: `A [class="step2"]`) appears at step N, an edge with the later of its ends.
import type { MarkdownIt, Token } from 'markdown-it';
import { parseFragment, serializeOuter, type DefaultTreeAdapterMap } from 'parse5';
import { report, deckShared, type DeckEnv } from '../../env.ts';
import { sourceLines } from '../../diagnostics/locate.ts';
import { sanitizeSvg } from '../../figures/sanitize-svg.ts';
import { getAttr, setAttr } from '../../html-attrs.ts';
import { fragmentClasses, innerSteps, markInnerSteps, type FragmentMark } from '../../steps/fragment-meta.ts';
import { DIAGRAM_LANGUAGES, type DiagramLanguage } from './renderer.ts';
import { REPEATED_DRAWING_CLASS } from '../../visibility.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

export const DIAGRAM_TOKEN = 'deck_diagram';
const STEP_CLASS = /^step(\d+)$/;

interface DiagramMeta {
  svg: Element;
  steps: [Element, FragmentMark][];
  lang: DiagramLanguage;
  /** A left-to-right diagram's drawing top to bottom, for a phone's portrait page. */
  tall?: Drawing;
}

export function diagramPlugin(md: MarkdownIt): void {
  md.core.ruler.before('deck_code', 'deck_diagram', (state) => {
    const env = state.env as unknown as DeckEnv;
    for (let i = 0; i < state.tokens.length; i++) {
      const token = state.tokens[i]!;
      if (token.type !== 'fence' || token.markup === '<<<') continue;
      const lang = token.info.trim().split(/\s+/)[0]!.toLowerCase() as DiagramLanguage;
      if (!DIAGRAM_LANGUAGES.includes(lang)) continue;
      const diagram = buildDiagram(env, state.src, token, lang);
      // One that could not be drawn is shown as its code (its problem reported).
      if (diagram) state.tokens[i] = diagram;
      else token.meta = { ...(token.meta ?? {}), code: { ...((token.meta?.code as object | undefined) ?? {}), lang: 'text' } };
    }
  });
  md.renderer.rules[DIAGRAM_TOKEN] = (tokens, idx, _options, _env, self) => {
    const token = tokens[idx]!;
    const meta = token.meta!.diagram as DiagramMeta;
    const marks = innerSteps(token);
    // Each step's place in the slide's order, which the phone's drawing (the same nodes) shares.
    const indexOfStep = new Map<number | undefined, number>();
    meta.steps.forEach(([element, mark], k) => {
      const index = marks[k]?.index ?? mark.index ?? 0;
      indexOfStep.set(mark.step, index);
      setAttr(element, 'class', fragmentClasses(getAttr(element, 'class') ?? null, mark.effect));
      setAttr(element, 'data-fragment-index', String(index));
    });
    for (const [element, mark] of meta.tall?.steps ?? []) {
      setAttr(element, 'class', fragmentClasses(getAttr(element, 'class') ?? null, mark.effect));
      setAttr(element, 'data-fragment-index', String(indexOfStep.get(mark.step) ?? 0));
    }
    const drawings = meta.tall ? `${serializeOuter(meta.svg)}\n${serializeOuter(meta.tall.svg)}` : serializeOuter(meta.svg);
    return `<figure${self.renderAttrs(token)}>\n${drawings}\n</figure>\n`;
  };
}

function buildDiagram(env: DeckEnv, src: string, fence: Token, lang: DiagramLanguage): Token | undefined {
  const line = fence.map ? fence.map[0] + 1 : 1;
  const fenceText = sourceLines(env, src).at(line - 1) ?? '';
  const column = fenceText.search(/\S|$/) + 1;
  const code = fence.content;
  if (!env.diagrams) {
    report(env, 'error', line, column, `a ${lang} diagram needs the build's diagram renderer (src/node/diagrams.ts); this compile has none`);
    return undefined;
  }
  // Its name: a `%% title:` (Mermaid) or `// title:` (Graphviz) line, or the fence's {alt="…"}.
  const titleLine = /^[ \t]*(?:%%|\/\/|#)[ \t]*title:[ \t]*(.+?)[ \t]*$/m.exec(code)?.[1];
  const alt = fence.attrGet('alt');
  const name = (alt !== null ? String(alt) : titleLine ?? '').trim();
  if (!name) report(env, 'warning', line, column, `a ${lang} diagram needs a name for screen readers: a "${lang === 'mermaid' ? '%%' : '//'} title: …" line, or {alt="…"} after the fence's language`);

  // Mermaid's `class A,B step2` lines: the steps of its nodes (taken out before it is drawn).
  const nodeSteps = new Map<string, number>();
  let drawn = code;
  if (lang === 'mermaid') {
    drawn = code.replace(/^[ \t]*class[ \t]+([^\s]+)[ \t]+step(\d+)[ \t]*;?[ \t]*$/gm, (_whole, ids: string, n: string) => {
      for (const id of ids.split(',')) nodeSteps.set(id.trim(), Number(n));
      return '';
    });
    // Its comments (the `%% title:` line) out: beautiful-mermaid reads the diagram's kind from its first line.
    drawn = drawn.replace(/^[ \t]*%%.*$\n?/gm, '').replace(/^\s*\n/, '');
  }
  // Ids, unique in the page: each diagram's own prefix.
  const n = deckShared(env).count('diagram uses', 'diagram');
  const prefix = `diagram-${env.slide?.index ?? 0}-${n}-`;
  const wide = drawDiagram(env, src, lang, drawn, nodeSteps, { line, column, code }, prefix);
  if (!wide) return undefined;
  const { svg, steps } = wide;
  // On a phone (reveal.js's scroll view, a portrait page) a left-to-right diagram is drawn top to
  // bottom instead, so its words stay as large as on the big screen; the slide keeps the other.
  const tallCode = topToBottom(lang, drawn);
  const tallDrawing = tallCode === undefined ? undefined : drawDiagram(env, src, lang, tallCode, nodeSteps, { line, column, code }, `${prefix}tall-`, true);
  const tall = tallDrawing && aspect(tallDrawing.svg) < aspect(svg) ? tallDrawing : undefined;
  for (const drawing of tall ? [wide, tall] : [wide]) {
    setAttr(drawing.svg, 'role', 'group');
    if (name) setAttr(drawing.svg, 'aria-label', name);
  }
  if (tall) {
    setAttr(svg, 'class', `${getAttr(svg, 'class') ?? ''} diagram-wide`.trim());
    setAttr(tall.svg, 'class', `${getAttr(tall.svg, 'class') ?? ''} ${REPEATED_DRAWING_CLASS}`.trim());
  }
  const token = new (fence.constructor as typeof Token)(DIAGRAM_TOKEN, 'figure', 0);
  token.block = true;
  token.map = fence.map;
  token.level = fence.level;
  const own = (fence.attrs ?? []).filter(([k]) => k !== 'alt' && k !== 'class');
  const classes = ['diagram', `diagram-${lang}`, ...(fence.attrs ?? []).filter(([k]) => k === 'class').map(([, v]) => v)].join(' ');
  token.attrs = [['class', classes], ...own];
  token.meta = { diagram: { svg, steps, lang, ...(tall ? { tall } : {}) } satisfies DiagramMeta };
  markInnerSteps(token, steps.map(([, mark]) => mark));
  return token;
}

/** Where the fence's diagram is in the deck: its fence line and column, and its code as written. */
interface FenceAt {
  line: number;
  column: number;
  code: string;
}

interface Drawing {
  svg: Element;
  steps: [Element, FragmentMark][];
}

/**
 * `drawn` drawn by the renderer and made fit for a slide: its style sheet out, its steps found,
 * its colours the theme's, sanitized, its ids prefixed with `prefix`, sized for the back of the
 * room. Its problems are reported at the fence's lines, unless `quiet`.
 */
function drawDiagram(env: DeckEnv, src: string, lang: DiagramLanguage, drawn: string, nodeSteps: Map<string, number>, at: FenceAt, prefix: string, quiet = false): Drawing | undefined {
  const { line, column, code } = at;
  // (The second drawing of a diagram reports nothing: its problems are the first one's.)
  const problem: typeof report = (...args) => void (quiet || report(...args));
  if (!env.diagrams) return undefined; // (buildDiagram reported it)
  let result;
  try {
    result = env.diagrams.render(lang, drawn);
  } catch (cause) {
    result = { error: String(cause) };
  }
  if ('error' in result) {
    // The line of the deck where the renderer stopped: the line it names, or the one holding what it quotes.
    const lines = code.split('\n');
    let at = result.line;
    if (at === undefined) {
      const quoted = /"([^"]+)"/.exec(result.error)?.[1];
      const found = quoted ? lines.findIndex((l) => l.includes(quoted)) : -1;
      at = found >= 0 ? found + 1 : undefined;
    }
    const deckLine = at !== undefined ? line + Math.min(at, lines.length) : line;
    const text = sourceLines(env, src).at(deckLine - 1) ?? '';
    problem(env, 'error', deckLine, at !== undefined ? text.search(/\S|$/) + 1 : column, `${lang} diagram: ${result.error.split('\n')[0]!.slice(0, 300)}`);
    return undefined;
  }
  const tree = parseFragment(result.svg.replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, '').replace(/<!DOCTYPE[^>]*>/i, ''));
  const svg = find(tree, (e) => e.tagName === 'svg');
  if (!svg) {
    problem(env, 'error', line, column, `${lang} diagram: the renderer gave no <svg>`);
    return undefined;
  }
  // What the renderer writes that a slide does without: its own style sheet (and web-font
  // @import), tooltips, sizes in points, fonts; colours are the theme's (diagram.css).
  prune(svg, (e) => e.tagName === 'style');
  const steps: [Element, FragmentMark][] = [];
  const stepOf = (e: Element): number | undefined => {
    for (const c of (getAttr(e, 'class') ?? '').split(/\s+/)) {
      const m = STEP_CLASS.exec(c);
      if (m) return Number(m[1]);
    }
    return undefined;
  };
  const dotTitle = new Map<Element, string>();
  if (lang === 'dot') for (const e of elements(svg)) if (/\b(node|edge)\b/.test(getAttr(e, 'class') ?? '')) {
    const title = e.childNodes.find((c): c is Element => 'tagName' in c && c.tagName === 'title');
    const text = title?.childNodes.map((c) => ('value' in c ? c.value : '')).join('') ?? '';
    dotTitle.set(e, text);
  }
  for (const e of elements(svg)) {
    const classes = (getAttr(e, 'class') ?? '').split(/\s+/);
    let step: number | undefined;
    if (lang === 'mermaid') {
      if (classes.includes('node')) step = nodeSteps.get(getAttr(e, 'data-id') ?? '');
      else if (classes.includes('edge') || classes.includes('edge-label')) {
        const a = nodeSteps.get(getAttr(e, 'data-from') ?? '');
        const b = nodeSteps.get(getAttr(e, 'data-to') ?? '');
        step = a === undefined && b === undefined ? undefined : Math.max(a ?? 0, b ?? 0);
      }
    } else if (classes.includes('node')) step = stepOf(e);
    else if (classes.includes('edge')) {
      step = stepOf(e);
      if (step === undefined) {
        const [from, to] = (dotTitle.get(e) ?? '').split(/->|--/);
        const node = (id: string | undefined) => [...dotTitle].find(([n, t]) => t === id && /\bnode\b/.test(getAttr(n, 'class') ?? ''))?.[0];
        const a = node(from?.replace(/:.*$/, '')), b = node(to?.replace(/:.*$/, ''));
        const sa = a && stepOf(a), sb = b && stepOf(b);
        step = sa === undefined && sb === undefined ? undefined : Math.max(sa ?? 0, sb ?? 0);
      }
    }
    if (step !== undefined && step > 0) steps.push([e, { line, step }]);
  }
  if (lang === 'dot') prune(svg, (e) => e.tagName === 'title');
  for (const e of elements(svg)) {
    e.attrs = e.attrs.filter((a) => !a.name.startsWith('data-') && !(e === svg && (a.name === 'style' || a.name === 'width' || a.name === 'height')) && a.name !== 'font-family');
    for (const a of e.attrs) {
      if (lang === 'dot' && (a.name === 'fill' || a.name === 'stroke')) {
        if (a.value === 'black') a.value = 'currentColor';
        else if (a.value === 'white') a.value = 'var(--deck-paper)';
      }
    }
  }
  sanitizeSvg(svg, (message) => problem(env, 'warning', line, column, `${lang} diagram: ${message}`));
  // Ids, unique in the page: each drawing's own prefix.
  for (const e of elements(svg)) {
    for (const a of e.attrs) {
      if (a.name === 'id') a.value = prefix + a.value;
      else if (a.value.includes('url(#')) a.value = a.value.replace(/url\(#/g, `url(#${prefix}`);
      else if ((a.name === 'href' || a.name === 'xlink:href') && a.value.startsWith('#')) a.value = `#${prefix}${a.value.slice(1)}`;
    }
  }
  // Text at about 28 px, read from the back of the room: the renderers write 13–14 px text (then at most the slide's width).
  const viewBox = (getAttr(svg, 'viewBox') ?? getAttr(svg, 'viewbox') ?? '').split(/[\s,]+/).map(Number);
  if (viewBox.length === 4 && viewBox[2]! > 0) setAttr(svg, 'width', String(Math.round(viewBox[2]! * (lang === 'mermaid' ? 2.2 : 2))));
  return { svg, steps };
}

/**
 * The diagram's code laid out top to bottom, when it is a left-to-right (or right-to-left) Mermaid
 * flowchart or Graphviz graph; undefined for any other.
 */
export function topToBottom(lang: DiagramLanguage, code: string): string | undefined {
  if (lang === 'mermaid') {
    const header = /^([ \t]*(?:flowchart|graph)[ \t]+)(LR|RL)\b/m.exec(code);
    // (Only the diagram's first line says its kind and direction.)
    if (!header || code.slice(0, header.index).trim() !== '') return undefined;
    return code.slice(0, header.index) + header[1] + 'TD' + code.slice(header.index + header[0].length);
  }
  // Graphviz: a later graph attribute wins, so one more before the graph's closing brace.
  if (!/\brankdir[ \t]*=[ \t]*"?(?:LR|RL)\b/i.test(code)) return undefined;
  const close = code.lastIndexOf('}');
  if (close < 0 || code.slice(close + 1).trim() !== '') return undefined;
  return `${code.slice(0, close)}\n  rankdir=TB;\n${code.slice(close)}`;
}

/** Width over height, from the SVG's viewBox (Infinity when it has none: never the narrower one). */
function aspect(svg: Element): number {
  const box = (getAttr(svg, 'viewBox') ?? getAttr(svg, 'viewbox') ?? '').split(/[\s,]+/).map(Number);
  return box.length === 4 && box[2]! > 0 && box[3]! > 0 ? box[2]! / box[3]! : Infinity;
}

function elements(root: Element): Element[] {
  const out: Element[] = [];
  const visit = (e: Element) => {
    out.push(e);
    for (const c of e.childNodes) if ('tagName' in c) visit(c);
  };
  visit(root);
  return out;
}

function find(root: ParentNode, test: (e: Element) => boolean): Element | undefined {
  for (const child of root.childNodes as Node[]) {
    if (!('tagName' in child)) continue;
    if (test(child)) return child;
    const inner = find(child, test);
    if (inner) return inner;
  }
  return undefined;
}

/** Takes out the elements `test` picks, and comments. */
function prune(root: Element, test: (e: Element) => boolean): void {
  root.childNodes = root.childNodes.filter((c) => c.nodeName !== '#comment' && !('tagName' in c && test(c)));
  for (const c of root.childNodes) if ('tagName' in c) prune(c, test);
}


// Vite adapter for formulas (src/core/syntax/math): a page with a formula gets KaTeX's CSS (only
// its rules that the page's formulas use), the theme's src/theme/math.css, KaTeX's fonts cut to
// the glyphs each face draws on that page, and src/runtime/math.ts (fit, links to equations). A
// page without a formula gets none of it: the talk's page does not change.
//
// Which face draws a character is decided as the browser decides it: KaTeX's stylesheet sets
// font-family, -weight and -style by class (`.mathnormal` is KaTeX_Math italic, `.mathbb`
// KaTeX_AMS, `.delimsizing.size2` KaTeX_Size2…), inherited from the nearest element that sets
// each; the @font-face of that family closest in weight and style is the file.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import postcss, { type Rule } from 'postcss';
import type { HtmlTagDescriptor, Plugin, ResolvedConfig } from 'vite';
import { MATH_STYLE_ATTRIBUTE } from '../shared/live-reload-events.ts';
import { cutCached } from './fonts.ts';

const require = createRequire(import.meta.url);

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

type Weight = 'normal' | 'bold';
type Style = 'normal' | 'italic';

/** One of KaTeX's @font-face rules. */
interface KatexFace {
  family: string;
  weight: Weight;
  style: Style;
  /** Package path of its woff2 file. */
  from: string;
}

/** A rule of KaTeX's stylesheet that sets a font property, as a list of class compounds (`.katex .delimsizing.size1`). */
interface FontRule {
  /** The classes each compound needs, outermost first; the last is the element's own. */
  compounds: string[][];
  specificity: number;
  order: number;
  family?: string;
  weight?: Weight;
  style?: Style;
}

interface KatexSheet {
  faces: KatexFace[];
  fontRules: FontRule[];
  /** The stylesheet less its @font-face rules, parsed (to be cut per page). */
  css: string;
}

let sheet: KatexSheet | undefined;

/** KaTeX's stylesheet, read once. */
function katexSheet(): KatexSheet {
  if (sheet) return sheet;
  const file = require.resolve('katex/dist/katex.min.css');
  const root = postcss.parse(readFileSync(file, 'utf8'));
  const faces: KatexFace[] = [];
  root.walkAtRules('font-face', (at) => {
    let family = '';
    let weight: Weight = 'normal';
    let style: Style = 'normal';
    let src = '';
    at.walkDecls((decl) => {
      if (decl.prop === 'font-family') family = decl.value.replace(/["']/g, '');
      else if (decl.prop === 'font-weight') weight = decl.value === 'bold' || Number(decl.value) >= 600 ? 'bold' : 'normal';
      else if (decl.prop === 'font-style') style = decl.value === 'italic' ? 'italic' : 'normal';
      else if (decl.prop === 'src') src = /url\(([^)]+\.woff2)\)/.exec(decl.value)?.[1] ?? '';
    });
    if (family && src) faces.push({ family, weight, style, from: `katex/dist/${src.replace(/^\.\//, '')}` });
    at.remove();
  });
  const fontRules: FontRule[] = [];
  let order = 0;
  root.walkRules((rule: Rule) => {
    let family: string | undefined;
    let weight: Weight | undefined;
    let style: Style | undefined;
    rule.walkDecls((decl) => {
      const value = decl.value.trim();
      if (decl.prop === 'font-family') family = value.split(',')[0]!.replace(/["']/g, '').trim();
      else if (decl.prop === 'font-weight') weight = value === 'bold' || Number(value) >= 600 ? 'bold' : 'normal';
      else if (decl.prop === 'font-style') style = value === 'italic' ? 'italic' : 'normal';
      else if (decl.prop === 'font') {
        // `.katex { font: normal 1.21em KaTeX_Main, … }`
        family = /([A-Za-z_]+)\s*(?:,|$)/.exec(value)?.[1];
        weight = /\bbold\b/.test(value) ? 'bold' : 'normal';
        style = /\bitalic\b/.test(value) ? 'italic' : 'normal';
      }
    });
    if (family === undefined && weight === undefined && style === undefined) return;
    for (const selector of rule.selectors) {
      // Only class compounds: what KaTeX's font rules are (pseudo-elements draw no text of ours).
      if (!/^[.\w\s>-]+$/.test(selector)) continue;
      const compounds = selector.split(/\s*>\s*|\s+/).filter(Boolean).map((compound) => compound.split('.').filter(Boolean));
      fontRules.push({ compounds, specificity: compounds.flat().length, order: order++, ...(family ? { family } : {}), ...(weight ? { weight } : {}), ...(style ? { style } : {}) });
    }
  });
  sheet = { faces, fontRules, css: root.toString() };
  return sheet;
}

/** What a page with formulas needs: the faces (each with its characters) and KaTeX's rules it uses. */
export interface PageMath {
  faces: { face: KatexFace; text: string }[];
  /** KaTeX's rules for the classes the page uses, then the theme's math.css. */
  css: string;
}

/** The math a page's HTML needs, or undefined when it has no formula. */
export function pageMath(pageHtml: string, themeCss = readFileSync(path.join(import.meta.dirname, '../theme/math.css'), 'utf8')): PageMath | undefined {
  if (!pageHtml.includes('class="katex')) return undefined;
  const { faces, fontRules, css } = katexSheet();
  const document = parse(pageHtml);
  const classes = new Set<string>(['katex', 'katex-display']);
  const chars = new Map<KatexFace, Set<string>>();
  interface Font {
    family: string;
    weight: Weight;
    style: Style;
  }
  const visit = (node: Node, ancestors: string[][], font: Font | undefined) => {
    if (node.nodeName === '#text') {
      if (!font) return;
      const face = nearestFace(faces, font);
      if (!face) return;
      const set = chars.get(face) ?? chars.set(face, new Set()).get(face)!;
      for (const char of (node as DefaultTreeAdapterMap['textNode']).value) set.add(char);
      return;
    }
    if (!('tagName' in node)) {
      if ('childNodes' in node) for (const child of node.childNodes) visit(child, ancestors, font);
      return;
    }
    const element = node as Element;
    const own = (element.attrs.find((a) => a.name === 'class')?.value ?? '').split(/\s+/).filter(Boolean);
    for (const c of own) if (font || own.includes('katex')) classes.add(c);
    // MathML is for screen readers (drawn in the system's math font, clipped to a pixel): no glyphs of KaTeX's.
    if (own.includes('katex-mathml') || element.tagName === 'math') return;
    const chain = [...ancestors, own];
    let next = font;
    if (own.includes('katex') || font) next = { ...(font ?? { family: '', weight: 'normal', style: 'normal' }), ...computed(fontRules, chain) };
    for (const child of element.childNodes) visit(child, chain, next);
  };
  visit(document, [], undefined);
  const used = [...chars].filter(([, set]) => [...set].some((c) => c.trim() !== '')).map(([face, set]) => ({ face, text: [...set].sort().join('') }));
  return { faces: used, css: `${rulesFor(css, classes)}\n${themeCss}` };
}

/** The font properties the rules give an element (its classes last in `chain`), by specificity then order. */
function computed(rules: FontRule[], chain: string[][]): Partial<{ family: string; weight: Weight; style: Style }> {
  const own = chain[chain.length - 1]!;
  if (own.length === 0) return {};
  const matching = rules.filter((rule) => matches(rule.compounds, chain)).sort((a, b) => a.specificity - b.specificity || a.order - b.order);
  const out: Partial<{ family: string; weight: Weight; style: Style }> = {};
  for (const rule of matching) {
    if (rule.family) out.family = rule.family;
    if (rule.weight) out.weight = rule.weight;
    if (rule.style) out.style = rule.style;
  }
  return out;
}

/** Whether `compounds` matches the element at the end of `chain` (descendant matching; `>` read as a descendant). */
function matches(compounds: string[][], chain: string[][]): boolean {
  const last = compounds[compounds.length - 1]!;
  const own = chain[chain.length - 1]!;
  if (!last.every((c) => own.includes(c))) return false;
  let at = chain.length - 2;
  for (let k = compounds.length - 2; k >= 0; k--) {
    while (at >= 0 && !compounds[k]!.every((c) => chain[at]!.includes(c))) at--;
    if (at < 0) return false;
    at--;
  }
  return true;
}

/** The face the browser picks for a font: the family's, same weight and style if declared, else the closest. */
function nearestFace(faces: KatexFace[], font: { family: string; weight: Weight; style: Style }): KatexFace | undefined {
  const family = faces.filter((f) => f.family === font.family);
  return (
    family.find((f) => f.weight === font.weight && f.style === font.style) ??
    family.find((f) => f.style === font.style) ??
    family.find((f) => f.weight === font.weight) ??
    family[0]
  );
}

/** KaTeX's stylesheet cut to the rules whose classes the page has (a `:not(…)` asks for nothing). */
function rulesFor(css: string, classes: Set<string>): string {
  const root = postcss.parse(css);
  root.walkComments((comment) => void comment.remove());
  root.walkRules((rule: Rule) => {
    const kept = rule.selectors.filter((selector) => {
      const needed = [...selector.replace(/:not\([^)]*\)/g, '').matchAll(/\.([\w-]+)/g)].map((m) => m[1]!);
      return needed.every((c) => classes.has(c));
    });
    if (kept.length === 0) rule.remove();
    else rule.selectors = kept;
  });
  root.walkAtRules((at) => void (at.nodes?.length === 0 && at.remove()));
  return root.toResult().css;
}

/** The @font-face rules for a page's KaTeX faces, each at its URL. */
export function mathFontCss(faces: { face: KatexFace; url: string }[]): string {
  return faces
    .map(({ face, url }) => `@font-face{font-family:${face.family};font-style:${face.style};font-weight:${face.weight};font-display:block;src:url(${url}) format('woff2')}`)
    .join('\n');
}

/** What the dev server gives every page: KaTeX's whole CSS, every face at its whole file, and the theme's math.css. */
function devCss(): string {
  const { faces, css } = katexSheet();
  const themeCss = readFileSync(path.join(import.meta.dirname, '../theme/math.css'), 'utf8');
  return `${mathFontCss(faces.map((face) => ({ face, url: DEV_PATH + path.basename(face.from) })))}\n${css}\n${themeCss}`;
}

/** The attribute of the <style> a page with formulas gets (live reload looks for it). */
export const MATH_STYLE = MATH_STYLE_ATTRIBUTE;

/** Where the dev server serves KaTeX's fonts from. */
const DEV_PATH = '/@deck-math-fonts/';

/**
 * The plugins: one adds the runtime (src/runtime/math.ts) to a page with formulas before Vite
 * bundles the page's scripts; the other gives it the CSS and fonts, when the page is written.
 */
export function mathPlugin(): Plugin[] {
  let config: ResolvedConfig;
  // The dev server gives a page with formulas all of KaTeX (its whole CSS, every face declared,
  // each file fetched only when a glyph needs it): a formula written during a session, in a face
  // the page did not use, shows as it will once built. The first formula of a page reloads it
  // (src/runtime/live-reload.ts: there is no KaTeX in it yet).
  const dev = () => config.command === 'serve';
  const files = new Map<string, Uint8Array>();
  const cuts = new Map<string, Promise<{ file: string; bytes: Uint8Array }>>();
  const cut = (face: KatexFace, text: string) => {
    const key = `${face.from}\0${text}`;
    let done = cuts.get(key);
    if (!done) {
      done = (async () => {
        const bytes = await cutCached(config.cacheDir, face.from, text);
        const stem = path.basename(face.from, '.woff2');
        return { file: `${stem}-${createHash('sha256').update(bytes).digest('hex').slice(0, 8)}.woff2`, bytes };
      })();
      cuts.set(key, done);
    }
    return done;
  };
  return [
    {
      name: 'deck-math-runtime',
      configResolved(resolved) {
        config = resolved;
      },
      transformIndexHtml: {
        // After the deck plugin (also 'pre', and before this one) has put the slides in the page.
        order: 'pre',
        handler(html) {
          if (!html.includes('class="katex')) return undefined;
          return [{ tag: 'script', attrs: { type: 'module' }, children: "import '/src/runtime/math.ts';", injectTo: 'body' }];
        },
      },
    },
    {
      name: 'deck-math-css',
      configResolved(resolved) {
        config = resolved;
      },
      transformIndexHtml: {
        order: 'post',
        async handler(html, ctx) {
          if (!html.includes('class="katex')) return undefined;
          if (dev()) return [{ tag: 'style', attrs: { [MATH_STYLE]: '' }, children: devCss(), injectTo: 'head' }];
          const math = pageMath(html);
          if (!math) return undefined;
          const build = Boolean(ctx.bundle);
          const pageDir = path.posix.dirname(path.relative(config.root, ctx.filename).split(path.sep).join('/'));
          const assetUrl = (fileName: string) => (config.base.startsWith('.') ? path.posix.relative(pageDir, fileName) : config.base + fileName);
          const faces = await Promise.all(
            math.faces.map(async ({ face, text }) => {
              const { file, bytes } = await cut(face, text);
              files.set(file, bytes);
              return { face, url: build ? assetUrl(`${config.build.assetsDir}/${file}`) : DEV_PATH + file };
            }),
          );
          const tags: HtmlTagDescriptor[] = [{ tag: 'style', attrs: { [MATH_STYLE]: '' }, children: `${mathFontCss(faces)}\n${math.css}`, injectTo: 'head' }];
          return tags;
        },
      },
      writeBundle(output) {
        const dir = path.join(output.dir ?? path.resolve(config.root, config.build.outDir), config.build.assetsDir);
        mkdirSync(dir, { recursive: true });
        for (const [file, bytes] of files) writeFileSync(path.join(dir, file), bytes);
      },
      configureServer(server) {
        server.middlewares.use(DEV_PATH, (req, res, next) => {
          const name = decodeURIComponent((req.url ?? '').replace(/^\//, '').replace(/[?#].*$/, ''));
          const whole = katexSheet().faces.find((face) => path.basename(face.from) === name);
          const bytes = whole ? readFileSync(require.resolve(whole.from)) : files.get(name);
          if (!bytes) return next();
          res.setHeader('Content-Type', 'font/woff2');
          res.setHeader('Cache-Control', 'no-cache');
          res.end(bytes);
        });
      },
    },
  ];
}

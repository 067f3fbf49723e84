// Build-time critical CSS: the first slide paints from the pre-rendered HTML and an inline <style>
// before any script runs; the full stylesheet arrives later with reveal.js (see index.html).
import path from 'node:path';
import postcss, { type AtRule, type Container, type Rule } from 'postcss';
import type { Plugin } from 'vite';

/**
 * Selectors for what only exists or matters once reveal.js runs (its controls, progress bar,
 * overview, transitions between slides, print and scroll views, overlays); a rule is left out of
 * the critical CSS when every one of its selectors mentions one of these.
 */
/** reveal.js's scrollActivationWidth: narrower windows get its scroll view (src/runtime/phone.ts). */
const SCROLL_VIEW_BELOW = 435;

const AFTER_START = [
  '.controls', '.progress', '.slide-number', '.overview', '.backgrounds', '.slide-background',
  '[data-transition', '[data-background-transition', '.speaker-notes', '.pause-overlay', '.r-overlay',
  '.jump-to-slide', '.reveal-scroll', '.scroll-', 'reveal-print', '.print-pdf', '.zoomed', '.playback',
  '.state-background', '.r-media-play-button', '.aria-status', ':fullscreen', '.lightbox', '.roll',
  '.no-transition', '.past', '.future', '.stack', '.overlay', '.focused', '.paused',
];

const ROOT_CLASSES: Record<string, string> = {
  '.reveal-viewport': 'body:not(.reveal-viewport)',
  'html.reveal-full-page': 'html:not(.reveal-full-page)',
};

/**
 * Until reveal.js has started (`.ready`), show the first slide laid out as reveal.js will lay it
 * out: a 1280×720 box, centred and scaled to the window less a 4% margin (the width, height and
 * margin given to Reveal in src/runtime/main.ts), the scale rounded to 0.01 as reveal.js does.
 * `96vw / 1280px` is CSS typed arithmetic; a browser without it drops that declaration and paints
 * the slide unscaled until reveal.js runs. On a phone (below reveal's scrollActivationWidth, 435 px)
 * reveal.js shows its scroll view on a portrait stage 660 px wide shaped like the screen
 * (src/runtime/phone.ts): the first slide paints on that stage. Only where scripts run: without
 * them the page is the whole talk as a document (src/theme/no-js.css). The stage's box is ours only
 * until reveal.js lays it out: its scroll view (body.reveal-scroll) sets it in the same frame that
 * its .ready class may still be missing, and both at once would scale the slide twice for a frame.
 */
const STAGE = ':not(.reveal-scroll)>.reveal:not(.ready) .slides';
// The first slide shows once the browser has read all of it (the next element has begun): the page
// streams in, and a slide painted half-read grows when its rest arrives, which moves what is
// already shown (it is centred). A deck of one slide shows when reveal.js starts.
const BEFORE_START = `@media (scripting:enabled){.reveal:not(.ready) .slides>section:first-child:not(.past,.future){display:block}
.reveal:not(.ready) .slides>section:first-child:not(:has(~*)){visibility:hidden}
${STAGE}{width:1280px;height:720px;inset:50% auto auto 50%;transform:translate(-50%,-50%)}
${STAGE}{transform:translate(-50%,-50%) scale(clamp(.2,round(min(96vw/1280px,96vh/720px),.01),2))}
@media (max-width:${SCROLL_VIEW_BELOW}px){${STAGE}{width:660px;height:calc(660px*(100vh/100vw));transform:translate(-50%,-50%) scale(round(96vw/660px,.01))}}}`;

/**
 * The rules of `css` needed to paint the first slide before reveal.js starts. `rebase` rewrites a
 * relative url() (fonts, images), written relative to the stylesheet, for the page it is inlined in.
 */
export function criticalCss(css: string, rebase: (url: string) => string = (url) => url): string {
  return rebaseUrls(splitStylesheet(css).firstPaint, rebase);
}

/** The stylesheet less its @font-face rules (they are in every page's critical CSS). */
export function withoutFontFaces(css: string): string {
  return splitStylesheet(css).rest;
}

/** Relative url()s rewritten by `rebase`; absolute ones, data: URLs and fragments are left as they are. */
export function rebaseUrls(css: string, rebase: (url: string) => string): string {
  return css.replace(/url\((["']?)([^"')]+)\1\)/g, (whole, quote: string, url: string) =>
    /^(?:[a-z][\w+.-]*:|\/|#)/i.test(url) ? whole : `url(${quote}${rebase(url)}${quote})`,
  );
}

/**
 * One parse of a stylesheet, two results: `firstPaint`, the rules the first paint needs (url()s as
 * written, see criticalCss), and `rest`, the stylesheet less its @font-face rules (withoutFontFaces).
 * Parsing is most of the work (and of the build's memory at that point), so it is done once.
 */
export function splitStylesheet(css: string): { firstPaint: string; rest: string } {
  const root = postcss.parse(css);
  // The rest: the sheet printed with its @font-face rules taken out, then put back where they were.
  const fontFaces: { at: AtRule; parent: Container; index: number }[] = [];
  root.walkAtRules('font-face', (at) => void fontFaces.push({ at, parent: at.parent as Container, index: at.parent!.index(at) }));
  for (const { at } of fontFaces) at.remove();
  const rest = root.toString();
  for (const { at, parent, index } of fontFaces) {
    const next = parent.nodes?.[index];
    if (next) parent.insertBefore(next, at);
    else parent.append(at);
  }
  root.walkAtRules((at: AtRule) => {
    if (at.name === 'keyframes' || (at.name === 'media' && /\bprint\b/.test(at.params))) at.remove();
  });
  root.walkRules((rule: Rule) => {
    if (rule.parent?.type === 'atrule' && (rule.parent as AtRule).name === 'keyframes') return;
    const kept = rule.selectors.filter((s) => !AFTER_START.some((token) => s.includes(token)));
    if (kept.length === 0) return void rule.remove();
    // reveal.js puts these classes on <html> and <body> when it starts; the page needs their
    // styles (line-height, full-page height, no overflow) from the first paint.
    rule.selectors = kept.flatMap((s) => (s in ROOT_CLASSES ? [s, ROOT_CLASSES[s]!] : [s]));
    // Before reveal.js starts no slide is `.present` yet: what the theme gives the present slide
    // (a centred title slide, say), the first slide gets until then; only where reveal.js will
    // show slides one at a time (on a phone its scroll view sets every slide as a block).
    const firstSlide = rule.selectors
      .filter((s) => /^\.reveal\s/.test(s) && s.includes('section.present'))
      .map((s) => s.replace(/^\.reveal\s/, '.reveal:not(.ready) ').replace('section.present', 'section:first-child'));
    if (firstSlide.length > 0 && !(rule.parent?.type === 'atrule')) {
      const media = postcss.atRule({ name: 'media', params: `(min-width:${SCROLL_VIEW_BELOW + 1}px)` });
      media.append(rule.clone({ selectors: firstSlide }));
      rule.after(media);
    }
    // Transitions only animate changes made by reveal.js; nothing animates before it starts.
    rule.walkDecls(/^transition/, (decl) => void decl.remove());
    if (rule.nodes.length === 0) rule.remove();
  });
  root.walkAtRules('media', (at) => void (at.nodes?.length === 0 && at.remove()));
  return { firstPaint: root.toString().replace(/\n+/g, ' '), rest };
}

/**
 * The first slide of a page (`<section …>…</section>`, its inner sections counted): where it starts
 * and ends; undefined when the page has no slide.
 */
export function firstSlide(pageHtml: string): { start: number; end: number; html: string } | undefined {
  const start = pageHtml.search(/<section\b/);
  if (start < 0) return undefined;
  const tags = /<section\b|<\/section>/g;
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(pageHtml); m; m = tags.exec(pageHtml)) {
    depth += m[0] === '</section>' ? -1 : 1;
    if (depth === 0) return { start, end: m.index + m[0].length, html: pageHtml.slice(start, m.index + m[0].length) };
  }
  return undefined;
}

/** What the first paint's elements are made of: `html` and `body`, the deck's boxes and the first slide. */
export interface FirstPaintTokens {
  /** Tag names, `.class`, `#id` and `[attribute` of those elements. */
  names: Set<string>;
  /** Their markup, to look an attribute's value up in. */
  markup: string;
}

export function firstPaintTokens(pageHtml: string): FirstPaintTokens | undefined {
  const first = firstSlide(pageHtml);
  if (!first) return undefined;
  // Everything before the first slide but the head's content, and the slide itself.
  const markup = pageHtml.slice(0, first.end).replace(/<head\b[\s\S]*?<\/head>/i, '');
  const names = new Set<string>(['html', 'body']);
  for (const tag of markup.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    names.add(tag[1]!.toLowerCase());
    for (const attr of tag[2]!.matchAll(/([^\s=>/]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const name = attr[1]!.toLowerCase();
      const value = attr[2] ?? attr[3] ?? attr[4] ?? '';
      names.add(`[${name}`);
      if (name === 'class') for (const c of value.split(/\s+/)) if (c) names.add(`.${c}`);
      if (name === 'id') names.add(`#${value}`);
    }
  }
  return { names, markup };
}

/**
 * Whether a selector could match one of the first paint's elements: every class, id, attribute and
 * tag it requires is among them (what it only excludes, inside :not(), is not required). Selectors
 * it cannot read so simply (:is, :where, :has) are kept.
 */
export function mayMatchFirstPaint(selector: string, tokens: FirstPaintTokens): boolean {
  if (/:(?:is|where|has|matches|-webkit-any)\(/.test(selector)) return true;
  const required = selector
    .replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '')
    .replace(/::?[a-zA-Z-]+(?:\([^()]*\))?/g, '');
  for (const attr of required.matchAll(/\[\s*([\w-]+)\s*(?:[~|^$*]?=\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]+)))?[^\]]*\]/g)) {
    if (!tokens.names.has(`[${attr[1]!.toLowerCase()}`)) return false;
    const value = attr[2] ?? attr[3] ?? attr[4];
    if (value !== undefined && !tokens.markup.includes(value)) return false;
  }
  const plain = required.replace(/\[[^\]]*\]/g, '');
  for (const m of plain.matchAll(/([.#])([\w-]+)/g)) if (!tokens.names.has(`${m[1]}${m[2]}`)) return false;
  for (const compound of plain.split(/[\s>+~]+/)) {
    const tag = /^[a-zA-Z][\w-]*/.exec(compound)?.[0];
    if (tag && !tokens.names.has(tag.toLowerCase())) return false;
  }
  return true;
}

/**
 * The critical CSS cut to one page's first paint: the rules whose selectors may match its first
 * slide or the boxes around it (the rest arrive with the full stylesheet before reveal.js shows
 * another slide), and the @font-face rules of families the first slide does not use moved out, to
 * a stylesheet after the slides (`later`): the full stylesheet has no @font-face rules of its own.
 */
export function firstPaintCss(css: string, tokens: FirstPaintTokens): { head: string; later: string } {
  const root = postcss.parse(css);
  const later: string[] = [];
  root.walkAtRules('font-face', (at) => {
    const family = /font-family\s*:\s*["']?([^;"']+)/.exec(at.toString())?.[1]?.trim();
    if (family === 'Deck Emoji' && !tokens.names.has('.emoji')) {
      later.push(at.toString());
      at.remove();
    }
  });
  root.walkRules((rule: Rule) => {
    if (rule.parent?.type === 'atrule' && (rule.parent as AtRule).name === 'keyframes') return;
    const kept = rule.selectors.filter((s) => mayMatchFirstPaint(s, tokens));
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  root.walkAtRules((at) => void (['media', 'supports', 'layer', 'container'].includes(at.name) && at.nodes?.length === 0 && at.remove()));
  return { head: root.toString().replace(/\n+/g, ' '), later: later.join('\n') };
}

/** Attribute of the page's <style>s that only slides using them need (`math`, `code`, `fonts`): moved after the slides when the first slide does not. */
export const DEFERRABLE_STYLE = 'data-deck';

/**
 * The page's own stylesheets for math, code and extra faces, moved to the end of the body when the
 * first slide does not use them: the browser need not read them before it paints that slide (the
 * other slides show once reveal.js has started, after the whole page is read).
 */
export function deferUnusedStyles(html: string, slideHtml: string): { html: string; moved: string[] } {
  const uses: Record<string, boolean> = {
    math: slideHtml.includes('class="math '),
    code: /<code\b/.test(slideHtml),
    fonts: /<(?:em|code)\b/.test(slideHtml) || /[^\u0000-\u024f\u2000-\u206f]/u.test(slideHtml),
    qr: slideHtml.includes('<figure class="deck-qr">'),
  };
  const moved: string[] = [];
  const out = html.replace(/<style\b[^>]*\bdata-deck(?:-math)?(?:="([^"]*)")?[^>]*>[\s\S]*?<\/style>\s*/g, (whole, kind: string | undefined) => {
    const key = kind && kind in uses ? kind : 'math';
    if (uses[key]) return whole;
    moved.push(whole.trim());
    return '';
  });
  return { html: out, moved };
}

/** Inlines the critical part of the bundle's CSS into index.html as a <style> in the head. */
export function criticalCssPlugin(): Plugin {
  let root = process.cwd();
  // Each stylesheet is worked on once for all pages (their critical rules differ only in how url()s
  // are rebased): a page's critical CSS is read from the stylesheet as built, before the first page
  // took its @font-face rules out.
  const firstPaint = new Map<string, string>();
  return {
    name: 'deck-critical-css',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      firstPaint.clear();
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // Bundle file names are relative to the output folder, as the page's own path is to root.
        const pageDir = path.posix.dirname(path.relative(root, ctx.filename).split(path.sep).join('/'));
        const rules = Object.values(ctx.bundle ?? {}).flatMap((file) => {
          if (file.type !== 'asset' || !file.fileName.endsWith('.css')) return [];
          let rules = firstPaint.get(file.fileName);
          if (rules === undefined) {
            const sheet = splitStylesheet(String(file.source));
            rules = sheet.firstPaint;
            firstPaint.set(file.fileName, rules);
            // Every page carries the @font-face rules inline from its first paint; declared again in
            // the stylesheet that loads later, the browser would fetch each font a second time.
            file.source = sheet.rest;
          }
          const cssDir = path.posix.dirname(file.fileName);
          return [rebaseUrls(rules, (url) => path.posix.relative(pageDir, path.posix.join(cssDir, url)))];
        });
        // Cut to what this page's first slide uses; what its first paint does not need moves after the slides.
        const tokens = firstPaintTokens(html);
        const cut = tokens ? rules.map((css) => firstPaintCss(css, tokens)) : rules.map((css) => ({ head: css, later: '' }));
        const slide = firstSlide(html);
        const deferred = slide ? deferUnusedStyles(html, slide.html) : { html, moved: [] };
        const later = cut.map((c) => c.later).filter(Boolean).join('\n');
        const body = deferred.moved.join('\n') + (later ? `<style>${later}</style>` : '');
        return {
          html: body ? deferred.html.replace(/<\/body>/i, `${body}\n</body>`) : deferred.html,
          tags: [{ tag: 'style', children: [...cut.map((c) => c.head), BEFORE_START].join('\n'), injectTo: 'head' }],
        };
      },
    },
  };
}

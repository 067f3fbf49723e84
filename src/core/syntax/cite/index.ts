// Citations, Pandoc's syntax: `[@key]`, `[@a; @b]`, `[see @key, p. 3]`, `[-@key]` (no author), and
// the narrative `@key` in running text, from the file the front matter names (`bibliography:
// refs.bib`, BibTeX or CSL-JSON, read by an adapter's parser: bibliography.ts). The style is
// author–year, "(Vaswani et al., 2017)", or `citation-style: numeric`, "[1]", numbered in the
// order of first citation over the whole deck (scanDeck). Each citing slide ends with a footer of
// the full references it cites; the reference list is generated (references.ts).
import type { MarkdownIt, StateInline, Token } from 'markdown-it';
import { deckShared, report, reportFull, type DeckEnv } from '../../env.ts';
import { locate, sourceLines, type Position } from '../../diagnostics/locate.ts';
import { nearest } from '../../diagnostics/suggest.ts';
import { oneOf, text } from '../../meta.ts';
import { AFTER_STEPS } from '../../phases.ts';
import { externalLinkAttrs } from '../links.ts';
import { declareSyntax } from '../feature.ts';
import { isCrossRefLabel } from '../crossref.ts';
import { bracketParts, KEY_PATTERN } from '../bracket.ts';
import { referenceHtml, shortAuthors, shortReferenceHtml, type BibEntry, type CitationStyle } from './bibliography.ts';
import { REFERENCES_CONTAINER, referencesListHtml, referencePages } from './references.ts';

export const CITE_TOKEN = 'deck_cite';
export const CITE_FOOTER = 'deck_cite_footer';
export const REFERENCES_TOKEN = 'deck_references';
/** Shared scopes: each key's number (first citation order) and the keys in that order. */
export const CITE_NUMBERS = 'cite numbers';
export const CITE_KEYS = 'cite keys';
/** About what a slide's footer holds (nine lines of its small type): past it, references are shortened. */
const FOOTER_CHARS = 1000;

/** A key as Pandoc reads it: a letter, digit or _, then those and inner punctuation. */
const KEY = new RegExp(KEY_PATTERN, 'uy');

interface CiteItem {
  key: string;
  prefix: string;
  locator: string;
  suppressAuthor: boolean;
}

interface CiteMeta {
  items: CiteItem[];
  narrative: boolean;
  /** Filled by deck_cite_resolve: the cite as HTML. */
  html?: string;
}

export function citePlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'citations',
    frontMatter: { bibliography: text, 'citation-style': oneOf('author-year', 'numeric') },
    containers: [
      {
        name: REFERENCES_CONTAINER,
        summary: 'where the reference list goes (else it is generated at the end); continued over as many slides as it needs',
        render: (token) => (token.nesting === 1 ? '<div class="references-here">\n' : '</div>\n'),
      },
    ],
    scanDeck: scanCitations,
    scanReads: /@/,
  });
  md.inline.ruler.after('math_equation_ref', 'deck_cite', citation);
  md.core.ruler.after('block', 'deck_cite_scan', (state) => {
    const env = state.env as unknown as DeckEnv;
    if (env.slide) return;
    // markdown-it parsing a whole deck at once reads the front matter after the inline rules
    // (deck_front_matter): the two keys they need are read here first.
    const front = state.tokens.find((t) => t.type === 'front_matter');
    if (front && !env.meta) {
      const value = (key: string) => /^(["']?)(.*?)\1$/.exec(new RegExp(`^${key}[ \\t]*:[ \\t]*(.*?)[ \\t]*$`, 'm').exec(String(front.meta))?.[1] ?? '')?.[2] || undefined;
      env[EARLY_META] = { bibliography: value('bibliography'), 'citation-style': value('citation-style') };
    }
    if (bibliographyPath(env)) scanCitations(state.tokens, env);
  });
  // Before text_join: an escaped `\@` is still a token of its own there, so it is no cite.
  md.core.ruler.after('inline', 'deck_cite_unread', (state) => {
    const env = state.env as unknown as DeckEnv;
    if (!bibliographyPath(env)) unreadCitations(env, state.src, state.tokens);
  });
  md.core.ruler.before(AFTER_STEPS, 'deck_cite_resolve', (state) => resolve(state.env as unknown as DeckEnv, state.src, state.tokens, state.Token, md.utils.escapeHtml));
  md.renderer.rules[CITE_TOKEN] = (tokens, idx) => (tokens[idx]!.meta as { cite: CiteMeta }).cite.html ?? '';
  md.renderer.rules[CITE_FOOTER] = (tokens, idx) => tokens[idx]!.content;
  md.renderer.rules[REFERENCES_TOKEN] = (tokens, idx) => tokens[idx]!.content;
}

/** env key: the front matter's citation keys, read before deck_front_matter runs (whole-deck parse). */
const EARLY_META = Symbol('citation front matter');

function citationMeta(env: DeckEnv): Record<string, unknown> | undefined {
  return (env.meta as unknown as Record<string, unknown> | undefined) ?? (env[EARLY_META] as Record<string, unknown> | undefined);
}

export function bibliographyPath(env: DeckEnv): string | undefined {
  const path = citationMeta(env)?.bibliography;
  return typeof path === 'string' && path.trim() ? path.trim() : undefined;
}

export function citationStyle(env: DeckEnv): CitationStyle {
  return citationMeta(env)?.['citation-style'] === 'numeric' ? 'numeric' : 'author-year';
}

/** `@key` in running text, not after a word, `@` or `\\` (an e-mail address, an escape). */
const KEY_IN_TEXT = new RegExp(String.raw`(?<![\p{L}\p{N}_@\\])-?@(${KEY_PATTERN})`, 'gu');

/** The keys a line of text cites, in order (code spans left out): for the deck scan. */
function keysIn(text: string): string[] {
  const keys: string[] = [];
  const plain = text.replace(/(`+)[\s\S]*?\1/g, '');
  for (const m of plain.matchAll(KEY_IN_TEXT)) {
    if (!isCrossRefLabel(m[1]!)) keys.push(m[1]!);
  }
  return keys;
}

/** Numbers the deck's cited keys in the order of their first citation. */
function scanCitations(tokens: readonly Token[], env: DeckEnv): void {
  if (!bibliographyPath(env)) return;
  const state = deckShared(env);
  const order: string[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.content.includes('@')) continue;
    for (const key of keysIn(token.content)) {
      if (seen.has(key)) continue;
      // (The first is the common case: a deck that cites nothing sets nothing.)
      seen.add(key);
      order.push(key);
      state.set(CITE_NUMBERS, key, String(order.length));
    }
  }
  if (order.length) state.set(CITE_KEYS, 'all', order.join('\n'));
}

/** The inline rule: `[…@key…]` or a narrative `@key`. */
function citation(state: StateInline, silent: boolean): boolean {
  const env = state.env as unknown as DeckEnv;
  if (!bibliographyPath(env)) return false;
  const src = state.src;
  const start = state.pos;
  const ch = src.charCodeAt(start);
  if (ch === 0x40 /* @ */) {
    const before = start > 0 ? src[start - 1]! : ' ';
    if (/[\p{L}\p{N}_@\\]/u.test(before)) return false;
    KEY.lastIndex = start + 1;
    const key = KEY.exec(src)?.[0];
    if (!key || isCrossRefLabel(key)) return false;
    if (!silent) {
      const token = state.push(CITE_TOKEN, '', 0);
      token.content = `@${key}`;
      token.meta = { cite: { items: [{ key, prefix: '', locator: '', suppressAuthor: false }], narrative: true } satisfies CiteMeta };
    }
    state.pos = start + 1 + key.length;
    return true;
  }
  if (ch !== 0x5b /* [ */) return false;
  const end = src.indexOf(']', start + 1);
  if (end < 0) return false;
  const inner = src.slice(start + 1, end);
  if (!inner.includes('@') || src[end + 1] === '(' || src[end + 1] === '[') return false;
  const parts = bracketParts(inner);
  if (!parts) return false;
  const items: CiteItem[] = [];
  for (const { before, suppressed, key, after } of parts) {
    if (/[\p{L}\p{N}_]$/u.test(before) || isCrossRefLabel(key)) return false;
    items.push({ key, prefix: before.trim(), locator: after.replace(/^\s*,?\s*/, '').trim(), suppressAuthor: suppressed });
  }
  if (!silent) {
    const token = state.push(CITE_TOKEN, '', 0);
    token.content = src.slice(start, end + 1);
    token.meta = { cite: { items, narrative: false } satisfies CiteMeta };
  }
  state.pos = end + 1;
  return true;
}

/** What the bibliography file gave, read once per render (through readAsset, so edits are seen). */
interface Loaded {
  entries: Map<string, BibEntry>;
  /** Whether it could be read and parsed (an unknown key is not reported when it could not). */
  ok: boolean;
}

const LOADED = Symbol('bibliography');

/** The deck's bibliography: read, parsed and (on the deck's first slide) its problems reported. */
export function loadBibliography(env: DeckEnv, src: string, reportHere = env.slide ? env.slide.index === 0 : !env[LOADED]): Loaded {
  const path = bibliographyPath(env)!;
  const cached = env[LOADED] as { text: string | undefined; loaded: Loaded } | undefined;
  const text = env.readAsset(path);
  if (cached && cached.text === text && !reportHere) return cached.loaded;
  const frontMatterLine = (): Position => {
    const lines = sourceLines(env, src);
    for (let i = 0; i < Math.min(lines.length, 200); i++) {
      const line = lines.at(i)!;
      const m = /^(bibliography\s*:\s*)/.exec(line);
      if (m) return { line: i + 1, column: m[1]!.length + 1 };
    }
    return { line: 1, column: 1 };
  };
  let loaded: Loaded = { entries: new Map(), ok: false };
  if (text === undefined) {
    if (reportHere) {
      const at = frontMatterLine();
      report(env, 'error', at.line, at.column, `bibliography file not found: "${path}" (paths are relative to the deck's folder)`);
    }
  } else if (!env.bibliography) {
    if (reportHere) {
      const at = frontMatterLine();
      report(env, 'error', at.line, at.column, 'citations need a bibliography reader (src/node/bibliography.ts); this compile has none');
    }
  } else {
    const format = /\.json$/i.test(path) ? 'csl-json' : 'bibtex';
    const parsed = env.bibliography.parse(text, format);
    loaded = { entries: new Map(parsed.entries.map((e) => [e.id, e])), ok: !parsed.problems.some((p) => p.severity === 'error') };
    if (reportHere) {
      const file = `${env.file.includes('/') ? env.file.slice(0, env.file.lastIndexOf('/') + 1) : ''}${path.replace(/^\.\//, '')}`;
      for (const problem of parsed.problems) {
        if (reportFull(env)) break;
        env.diagnostics.push({ file, line: problem.line, column: problem.column, severity: problem.severity, message: problem.message });
      }
    }
  }
  env[LOADED] = { text, loaded };
  return loaded;
}

/** Resolves each cite (its text, its key checked), adds the slide's footer and its reference list. */
function resolve(env: DeckEnv, src: string, tokens: Token[], TokenClass: typeof Token, escape: (text: string) => string): void {
  if (!bibliographyPath(env)) return;
  const first = !env.slide || env.slide.index === 0;
  const hasCites = tokens.some((t) => (t.type === 'inline' && t.children?.some((c) => c.type === CITE_TOKEN)) || t.type === `container_${REFERENCES_CONTAINER}_open`);
  if (!hasCites && !first) return;
  const bib = loadBibliography(env, src);
  if (!hasCites) return;
  const style = citationStyle(env);
  const state = deckShared(env);
  const known = [...bib.entries.keys()];
  const number = (key: string) => state.get(CITE_NUMBERS, key) ?? '?';
  const linkAttrs = (href: string) => externalLinkAttrs(href);
  // Per slide: the keys it cites, in order, for its footer.
  let cited: string[] = [];
  const flush = (at: number): number => {
    if (cited.length === 0) return 0;
    const footer = new TokenClass(CITE_FOOTER, 'footer', 0);
    footer.block = true;
    // The full references; on a slide that cites many, shorter ones (the reference slides have them in full).
    const forms = [
      (entry: BibEntry) => referenceHtml(entry, escape, linkAttrs),
      (entry: BibEntry) => shortReferenceHtml(entry, escape, linkAttrs, true),
      (entry: BibEntry) => shortReferenceHtml(entry, escape, linkAttrs, false),
    ];
    const entries = cited.map((key) => bib.entries.get(key)!);
    const form = forms.find((f) => entries.map((e) => f(e).replace(/<[^>]*>/g, '').length).reduce((a, b) => a + b, 0) <= FOOTER_CHARS) ?? forms.at(-1)!;
    const items = cited.map((key, i) => (style === 'numeric' ? `<li value="${number(key)}">${form(entries[i]!)}</li>` : `<li>${form(entries[i]!)}</li>`));
    // Numbered in the numeric style; in the author–year style a list without numbers.
    const list = style === 'numeric' ? 'ol' : 'ul';
    footer.content = `<footer class="cite-footer"><${list} class="${style}">${items.join('')}</${list}></footer>\n`;
    tokens.splice(at, 0, footer);
    cited = [];
    return 1;
  };
  let after: Position | undefined;
  let lastMap: [number, number] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const block = tokens[i]!;
    if (block.type === 'slide_close') {
      // The footer goes after the slide's content and before its notes' end: just before </section>.
      i += flush(i);
      continue;
    }
    if (block.type === `container_${REFERENCES_CONTAINER}_open`) {
      const list = new TokenClass(REFERENCES_TOKEN, 'div', 0);
      list.block = true;
      const pages = referencePages(env, bib.entries);
      list.content = pages.length ? referencesListHtml(pages[0]!, style, escape, linkAttrs) : '<p class="references-empty">No references cited.</p>\n';
      tokens.splice(i + 1, 0, list);
      i++;
      continue;
    }
    if (block.type !== 'inline' || !block.children) continue;
    if (block.map !== lastMap) after = undefined;
    lastMap = block.map;
    for (const child of block.children) {
      if (child.type !== CITE_TOKEN) continue;
      const cite = (child.meta as { cite: CiteMeta }).cite;
      const parts: string[] = [];
      for (const item of cite.items) {
        const at = locate(env, src, block.map, `@${item.key}`, after);
        after = { line: at.line, column: at.column + 1 };
        const entry = bib.entries.get(item.key);
        if (!entry) {
          if (bib.ok) {
            const guess = nearest(item.key, known);
            report(env, 'error', at.line, at.column + 1, `unknown citation key "${item.key}"${guess ? `; did you mean "${guess}"?` : ''} (the keys are in ${bibliographyPath(env)})`);
          }
          parts.push(`<span class="cite-unknown">${escape(`@${item.key}`)}</span>`);
          continue;
        }
        if (!cited.includes(item.key)) cited.push(item.key);
        const year = escape(entry.year ?? 'n.d.');
        const locator = item.locator ? `, ${escape(item.locator)}` : '';
        const prefix = item.prefix ? `${escape(item.prefix)} ` : '';
        if (style === 'numeric') parts.push(cite.narrative ? `${escape(shortAuthors(entry))} [${number(item.key)}]` : `${prefix}${number(item.key)}${locator}`);
        else if (cite.narrative) parts.push(`${escape(shortAuthors(entry))} (${year})`);
        else parts.push(`${prefix}${item.suppressAuthor ? '' : `${escape(shortAuthors(entry))}, `}${year}${locator}`);
      }
      const body = parts.join(cite.narrative ? '' : style === 'numeric' ? ', ' : '; ');
      const text = cite.narrative ? body : style === 'numeric' ? `[${body}]` : `(${body})`;
      cite.html = `<span class="cite">${text}</span>`;
    }
  }
}

/** In a deck that names no bibliography, `[@key]` is text: said once per cite, so no key is dropped unnoticed. */
function unreadCitations(env: DeckEnv, src: string, tokens: Token[]): void {
  for (const block of tokens) {
    if (block.type !== 'inline' || !block.children || !block.content.includes('@')) continue;
    let after: Position | undefined;
    for (const child of block.children) {
      if (child.type !== 'text') continue;
      for (const m of child.content.matchAll(/\[[^\]@]*-?@([\p{L}\p{N}_][^\s\];,]*)[^\]]*\]/gu)) {
        if (isCrossRefLabel(m[1]!)) continue;
        const at = locate(env, src, block.map, m[0], after);
        after = { line: at.line, column: at.column + 1 };
        report(env, 'warning', at.line, at.column, `"${m[0]}" looks like a citation, but the deck names no bibliography: add "bibliography: refs.bib" to its front matter (or write \\@ for an @)`);
      }
    }
  }
}

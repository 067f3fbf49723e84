// The reference list: every cited entry, in the style's order, cut into pages that each fit on a
// slide (a long list continues over as many slides as it needs, never overflowing one). The
// first page goes where `::: references` stands, or on a slide generated at the end of the deck;
// the pages after it are slides generated right after that one (addReferenceSlides, compile.ts).
import { deckShared, type DeckEnv } from '../../env.ts';
import type { Slide } from '../../model.ts';
import { externalLinkAttrs } from '../links.ts';
import { authorYearOrder, referenceHtml, type BibEntry, type CitationStyle } from './bibliography.ts';

export const REFERENCES_CONTAINER = 'references';
/** What fits on one slide, in "lines" of the list's small type (an entry is 1–3 of them). */
const PAGE_LINES = 14;
/** About how many characters one line of the list holds at the slide's width. */
const LINE_CHARS = 95;

export interface ReferenceItem {
  entry: BibEntry;
  number: number;
}

/** The cited entries (known ones), ordered and cut into pages. */
export function referencePages(env: DeckEnv, entries: Map<string, BibEntry>): ReferenceItem[][] {
  const state = deckShared(env);
  const keys = (state.get('cite keys', 'all') ?? '').split('\n').filter(Boolean);
  const items = keys.flatMap((key, i) => {
    const entry = entries.get(key);
    return entry ? [{ entry, number: i + 1 }] : [];
  });
  const numeric = (env.meta as unknown as Record<string, unknown> | undefined)?.['citation-style'] === 'numeric';
  if (!numeric) items.sort((a, b) => authorYearOrder(a.entry, b.entry));
  const pages: ReferenceItem[][] = [];
  let page: ReferenceItem[] = [];
  let used = 0;
  for (const item of items) {
    const length = referenceHtml(item.entry, (t) => t, () => '').replace(/<[^>]*>/g, '').length;
    const lines = Math.min(PAGE_LINES, Math.max(1, Math.ceil(length / LINE_CHARS)));
    if (page.length > 0 && used + lines > PAGE_LINES) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(item);
    used += lines;
  }
  if (page.length) pages.push(page);
  return pages;
}

export function referencesListHtml(page: ReferenceItem[], style: CitationStyle, escape: (text: string) => string, linkAttrs: (href: string) => string): string {
  const items = page.map((item) => `<li${style === 'numeric' ? ` value="${item.number}"` : ''} id="ref-${escape(item.entry.id.replace(/[^\w-]/g, '-'))}">${referenceHtml(item.entry, escape, linkAttrs)}</li>`);
  const list = style === 'numeric' ? 'ol' : 'ul';
  return `<${list} class="references ${style}">\n${items.join('\n')}\n</${list}>\n`;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The deck's slides with its reference list's slides: after the `::: references` slide (its
 * continuations), or at the end (all of it). `entries` is undefined when the deck has no
 * bibliography, or none could be read: then the slides are as they were.
 */
export function addReferenceSlides(slides: Slide[], env: DeckEnv, entries: Map<string, BibEntry> | undefined, allocateId: (base: string) => string, lastLine: number): Slide[] {
  if (!entries) return slides;
  const style: CitationStyle = (env.meta as unknown as Record<string, unknown> | undefined)?.['citation-style'] === 'numeric' ? 'numeric' : 'author-year';
  const pages = referencePages(env, entries);
  const place = slides.findIndex((s) => s.html.includes('<div class="references-here">'));
  const first = place >= 0 ? 1 : 0;
  if (pages.length <= first) return slides;
  const at = place >= 0 ? place + 1 : slides.length;
  const line = place >= 0 ? slides[place]!.line : lastLine;
  const made: Slide[] = pages.slice(first).map((page, i) => {
    const n = first + i + 1;
    const title = n === 1 ? 'References' : `References (${n}/${pages.length})`;
    const id = allocateId(n === 1 ? 'references' : `references-${n}`);
    const html =
      `<section id="${id}" class="references-slide" data-source-line="${line}" data-steps="1">\n<h2>${escapeHtml(title)}</h2>\n` +
      `${referencesListHtml(page, style, escapeHtml, externalLinkAttrs)}</section>\n`;
    return { index: 0, id, line, title, steps: [{ index: 0, line }], notes: '', html };
  });
  return [...slides.slice(0, at), ...made, ...slides.slice(at)].map((slide, index) => (slide.index === index ? slide : { ...slide, index }));
}

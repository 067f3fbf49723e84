// What the core asks of a bibliography reader, and how it writes a reference. The core stays pure:
// an adapter (src/node/bibliography.ts, citation-js) turns a .bib (BibTeX) or CSL-JSON file's
// text into entries, each with the line it starts on, and the problems it found at their lines.

/** A name as CSL-JSON writes it. */
export interface BibName {
  family?: string;
  given?: string;
  literal?: string;
}

/** One reference: CSL-JSON's fields that a slide shows, and where the entry is in its file. */
export interface BibEntry {
  id: string;
  /** 1-based line of the entry in its file (0 when unknown). */
  line: number;
  type?: string;
  title?: string;
  author?: BibName[];
  editor?: BibName[];
  year?: string;
  /** The journal, proceedings or book it is in. */
  container?: string;
  publisher?: string;
  volume?: string;
  page?: string;
  doi?: string;
  url?: string;
  arxiv?: string;
}

export interface BibProblem {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface BibliographyParser {
  /** The entries of a BibTeX (`.bib`) or CSL-JSON (`.json`) file's text. Pure; never throws. */
  parse(text: string, format: 'bibtex' | 'csl-json'): { entries: BibEntry[]; problems: BibProblem[] };
}

export type CitationStyle = 'author-year' | 'numeric';

/** The names to show in a short cite: "Vaswani et al.", "He and Sun", "Devlin". */
export function shortAuthors(entry: BibEntry): string {
  const names = entry.author?.length ? entry.author : (entry.editor ?? []);
  const last = (name: BibName) => name.family ?? name.literal ?? name.given ?? '';
  if (names.length === 0) return entry.title ?? entry.id;
  if (names.length === 1) return last(names[0]!);
  if (names.length === 2) return `${last(names[0]!)} and ${last(names[1]!)}`;
  return `${last(names[0]!)} et al.`;
}

/** The link a reference gets: its DOI, else its URL, else its arXiv page. */
export function referenceLink(entry: BibEntry): { href: string; label: string } | undefined {
  if (entry.doi) return { href: `https://doi.org/${entry.doi}`, label: `doi:${entry.doi}` };
  if (entry.url && /^https?:\/\//i.test(entry.url)) return { href: entry.url, label: entry.url.replace(/^https?:\/\//i, '') };
  if (entry.arxiv) return { href: `https://arxiv.org/abs/${entry.arxiv}`, label: `arXiv:${entry.arxiv}` };
  return undefined;
}

function fullName(name: BibName): string {
  if (name.literal) return name.literal;
  const initials = (name.given ?? '')
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((part) => `${[...part][0]}.`)
    .join(' ');
  return [name.family, initials].filter(Boolean).join(', ');
}

/** "Vaswani, A., Shazeer, N., & Parmar, N." (up to six names, then "et al."). */
function authorList(names: BibName[]): string {
  const written = names.slice(0, 6).map(fullName);
  if (names.length > 6) return `${written.join(', ')}, et al.`;
  if (written.length <= 1) return written.join('');
  return `${written.slice(0, -1).join(', ')}, & ${written.at(-1)}`;
}

/**
 * A full reference as HTML, in an author–year form close to APA's: authors (year). Title. *Venue*,
 * pages. Link. `escape` escapes text; `linkAttrs` gives an outside link's attributes.
 */
export function referenceHtml(entry: BibEntry, escape: (text: string) => string, linkAttrs: (href: string) => string): string {
  const parts: string[] = [];
  const names = entry.author?.length ? entry.author : entry.editor;
  if (names?.length) parts.push(`${escape(authorList(names))}${entry.author?.length ? '' : ' (Eds.)'}`);
  parts.push(`(${escape(entry.year ?? 'n.d.')}).`);
  if (entry.title) parts.push(`${escape(entry.title.replace(/[.?!]?$/, (end) => end || '.'))}`);
  const venue: string[] = [];
  if (entry.container) venue.push(`<i>${escape(entry.container)}</i>`);
  if (entry.volume) venue.push(escape(entry.volume));
  if (entry.page) venue.push(`${/[-–]/.test(entry.page) ? 'pp.' : 'p.'} ${escape(entry.page.replace(/-+/g, '–'))}`);
  if (!entry.container && entry.publisher) venue.push(escape(entry.publisher));
  if (venue.length) parts.push(`${venue.join(', ')}.`);
  const link = referenceLink(entry);
  if (link) parts.push(`<a href="${escape(link.href)}"${linkAttrs(link.href)}>${escape(link.label)}</a>`);
  return parts.join(' ');
}

/** The order of a reference list in the author–year style: first author, year, title. */
export function authorYearOrder(a: BibEntry, b: BibEntry): number {
  const key = (e: BibEntry) => `${shortAuthors(e).toLowerCase()}\u0000${e.year ?? ''}\u0000${(e.title ?? '').toLowerCase()}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** A short reference for a crowded footer: "Vaswani et al. (2017). Title. link", or without its title. */
export function shortReferenceHtml(entry: BibEntry, escape: (text: string) => string, linkAttrs: (href: string) => string, withTitle: boolean): string {
  const parts = [`${escape(shortAuthors(entry))} (${escape(entry.year ?? 'n.d.')}).`];
  if (withTitle && entry.title) parts.push(escape(entry.title.replace(/[.?!]?$/, (end) => end || '.')));
  const link = referenceLink(entry);
  if (link) parts.push(`<a href="${escape(link.href)}"${linkAttrs(link.href)}>${escape(link.label)}</a>`);
  return parts.join(' ');
}

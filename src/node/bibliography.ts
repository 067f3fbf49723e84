// The build-time side of citations (src/core/syntax/cite/): citation-js reads a BibTeX file into
// CSL-JSON; a CSL-JSON file is read as JSON. Where citation-js's parser stops on a syntax error,
// its message names the line; the entries' own lines, their arXiv ids (CSL-JSON has no field for
// them) and keys given twice are found here by a scan of the text.
import type { BibEntry, BibName, BibliographyParser, BibProblem } from '../core/syntax/cite/bibliography.ts';

type Cite = new (data: unknown, options?: Record<string, unknown>) => { data: Record<string, unknown>[] };

export async function createBibliographyParser(): Promise<BibliographyParser> {
  const { Cite } = (await import('@citation-js/core')) as { Cite: Cite };
  await import('@citation-js/plugin-bibtex');
  const cache = new Map<string, { entries: BibEntry[]; problems: BibProblem[] }>();
  return {
    parse(text, format) {
      const key = `${format}\u0000${text}`;
      let parsed = cache.get(key);
      if (!parsed) {
        parsed = format === 'bibtex' ? parseBibtex(Cite, text) : parseCslJson(text);
        if (cache.size > 20) cache.clear();
        cache.set(key, parsed);
      }
      return parsed;
    },
  };
}

/** Where each `@type{key,` starts (1-based line), with its text up to the next entry. */
function entryPlaces(text: string): { key: string; line: number; column: number; body: string }[] {
  const places: { key: string; line: number; column: number; body: string; at: number }[] = [];
  for (const m of text.matchAll(/^[ \t]*@(\w+)\s*[{(]\s*([^\s,{}()]+)\s*,/gm)) {
    if (/^(?:comment|string|preamble)$/i.test(m[1]!)) continue;
    const at = m.index + m[0].indexOf('@');
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    places.push({ key: m[2]!, line, column: at - before.lastIndexOf('\n'), body: '', at });
  }
  places.forEach((p, i) => (p.body = text.slice(p.at, places[i + 1]?.at ?? text.length)));
  return places;
}

function parseBibtex(Cite: Cite, text: string): { entries: BibEntry[]; problems: BibProblem[] } {
  const problems: BibProblem[] = [];
  const places = entryPlaces(text);
  let data: Record<string, unknown>[] = [];
  try {
    data = new Cite(text, { forceType: '@biblatex/text' }).data;
  } catch (cause) {
    const message = String((cause as Error)?.message ?? cause);
    const at = /at line (\d+) col (\d+)/.exec(message);
    problems.push({
      line: at ? Number(at[1]) : 1,
      column: at ? Number(at[2]) : 1,
      severity: 'error',
      message: `BibTeX syntax error: ${message.split('\n')[0]!.replace(/\s*at line \d+ col \d+:?$/, '')}`,
    });
    return { entries: [], problems };
  }
  const seen = new Map<string, number>();
  for (const place of places) {
    const first = seen.get(place.key);
    if (first !== undefined) problems.push({ line: place.line, column: place.column, severity: 'warning', message: `the key "${place.key}" is defined twice (first on line ${first}); the first is used` });
    else seen.set(place.key, place.line);
  }
  const entries: BibEntry[] = [];
  const taken = new Set<string>();
  for (const item of data) {
    const id = String(item['citation-key'] ?? item.id ?? '');
    if (!id || taken.has(id)) continue;
    taken.add(id);
    const place = places.find((p) => p.key === id);
    const arxiv = place && /\beprint\s*=\s*[{"]\s*([^}"\s]+)/i.exec(place.body)?.[1];
    const isArxiv = place && (/archiveprefix\s*=\s*[{"]?\s*arxiv/i.test(place.body) || /eprinttype\s*=\s*[{"]?\s*arxiv/i.test(place.body));
    entries.push(fromCsl(item, place?.line ?? 0, arxiv && isArxiv ? arxiv : undefined));
  }
  return { entries, problems };
}

function parseCslJson(text: string): { entries: BibEntry[]; problems: BibProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    const message = String((cause as Error)?.message ?? cause);
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const before = text.slice(0, position);
    return { entries: [], problems: [{ line: before.split('\n').length, column: position - before.lastIndexOf('\n'), severity: 'error', message: `CSL-JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, '')}` }] };
  }
  const items = Array.isArray(data) ? data : [];
  if (!Array.isArray(data)) return { entries: [], problems: [{ line: 1, column: 1, severity: 'error', message: 'a CSL-JSON bibliography is a list ([…]) of entries' }] };
  const problems: BibProblem[] = [];
  const lines = [...text.matchAll(/"id"\s*:\s*"([^"]*)"/g)].map((m) => ({ id: m[1]!, line: text.slice(0, m.index).split('\n').length }));
  const entries: BibEntry[] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    if (!item || typeof item !== 'object' || typeof (item as { id?: unknown }).id !== 'string') continue;
    const id = (item as { id: string }).id;
    const line = lines.filter((l) => l.id === id)[seen.has(id) ? 1 : 0]?.line ?? 0;
    if (seen.has(id)) {
      problems.push({ line, column: 1, severity: 'warning', message: `the key "${id}" is defined twice (first on line ${seen.get(id)}); the first is used` });
      continue;
    }
    seen.set(id, line);
    entries.push(fromCsl(item as Record<string, unknown>, line, undefined));
  }
  return { entries, problems };
}

function names(value: unknown): BibName[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((n): n is Record<string, unknown> => !!n && typeof n === 'object')
    .map((n) => ({
      ...(typeof n.family === 'string' ? { family: n.family } : {}),
      ...(typeof n.given === 'string' ? { given: n.given } : {}),
      ...(typeof n.literal === 'string' ? { literal: n.literal } : {}),
    }));
}

function fromCsl(item: Record<string, unknown>, line: number, arxiv: string | undefined): BibEntry {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  const issued = item.issued as { 'date-parts'?: unknown[][]; literal?: string } | undefined;
  const year = text(issued?.['date-parts']?.[0]?.[0]) ?? text(issued?.literal);
  const author = names(item.author);
  const editor = names(item.editor);
  const url = text(item.URL);
  const fromUrl = url && /arxiv\.org\/abs\/([^\s?#]+)/i.exec(url)?.[1];
  const entry: BibEntry = { id: String(item.id), line };
  const set = <K extends keyof BibEntry>(k: K, v: BibEntry[K] | undefined) => {
    if (v !== undefined && v !== '') entry[k] = v;
  };
  set('type', text(item.type));
  set('title', text(item.title));
  set('author', author?.length ? author : undefined);
  set('editor', editor?.length ? editor : undefined);
  set('year', year);
  set('container', text(item['container-title']));
  set('publisher', text(item.publisher));
  set('volume', text(item.volume));
  set('page', text(item.page));
  set('doi', text(item.DOI));
  set('url', url);
  set('arxiv', arxiv ?? fromUrl ?? undefined);
  return entry;
}

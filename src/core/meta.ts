// Front matter (YAML) → DeckMeta. Unknown or mistyped keys become diagnostics, never exceptions.
// Each key is declared once, with its type: the parser, the did-you-mean and the docs read it.
import { isMap, isNode, isScalar, parseDocument } from 'yaml';
import type { DeckLink, DeckMeta } from './model.ts';
import { report, type DeckEnv } from './env.ts';
import { nearest } from './diagnostics/suggest.ts';

/** A front-matter key's type: how its YAML value becomes the value kept in DeckMeta. */
export interface FrontMatterField<T> {
  /** What the value must be, as the docs and the wrong-type error say it ("text", "true or false"). */
  type: string;
  /**
   * The value, or undefined after calling `fail`: it reports "must be <expected, else type>, got
   * <the value>" (without the "got" part when `showValue` is false).
   */
  parse(value: unknown, fail: (expected?: string, showValue?: boolean) => void): T | undefined;
}

export const text: FrontMatterField<string> = {
  type: 'text',
  parse: (value, fail) => {
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return fail('text'), undefined;
  },
};

export const httpUrl: FrontMatterField<string> = {
  type: 'an http(s) URL',
  parse: (value, fail) => {
    const url = text.parse(value, fail);
    if (url === undefined || /^https?:\/\/[^/\s]+/i.test(url)) return url;
    return fail('an http(s) URL, like https://user.github.io/repo/', false), undefined;
  },
};

export const trueOrFalse: FrontMatterField<boolean> = {
  type: 'true or false',
  parse: (value, fail) => (typeof value === 'boolean' ? value : (fail(), undefined)),
};

/** One of a few words (`dir: rtl`). */
export function oneOf<const W extends string>(...words: W[]): FrontMatterField<W> {
  const type = words.map((w) => `"${w}"`).join(', ').replace(/, ([^,]*)$/, ' or $1');
  return { type, parse: (value, fail) => (words.includes(value as W) ? (value as W) : (fail(), undefined)) };
}

export const linkList: FrontMatterField<DeckLink[]> = {
  type: 'a list of URLs or of {label, href}',
  parse: (value, fail) => parseLinks(value, () => fail()),
};

/** The deck's own keys (the title slide, the page head); syntax features may declare more. */
export const FRONT_MATTER = {
  title: text,
  subtitle: text,
  author: text,
  affiliation: text,
  url: text,
  event: text,
  date: text,
  description: text,
  lang: text,
  /** The deck's text direction (`rtl` for Arabic, Hebrew…), as HTML's dir attribute takes it. */
  dir: oneOf('ltr', 'rtl', 'auto'),
  canonical: httpUrl,
  links: linkList,
  titleSlide: trueOrFalse,
} satisfies { [K in keyof DeckMeta]?: FrontMatterField<DeckMeta[K]> };

export function defaultMeta(): DeckMeta {
  return { title: '', links: [], lang: 'en', titleSlide: false };
}

/**
 * Parses front matter. `firstLine` is the 1-based line of the first YAML line,
 * so YAML positions can be reported against the Markdown file.
 */
export function parseMeta(raw: string, firstLine: number, env: DeckEnv, keys: Readonly<Record<string, FrontMatterField<unknown>>> = FRONT_MATTER): DeckMeta {
  const meta = defaultMeta();
  // Duplicate keys are found below in one pass (yaml's own check compares every pair of keys).
  const doc = parseDocument(raw, { prettyErrors: false, uniqueKeys: false });
  // Start offset of each line, so a position costs a binary search, not a scan of the text.
  const starts = [0];
  for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (offset: number): [number, number] => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return [firstLine + low, offset - starts[low]! + 1];
  };
  for (const error of doc.errors) {
    // An unclosed quote is found at the end of the input; point at the quote that opened it.
    const quote = error.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(error.message)?.[1] : undefined;
    const opened = quote ? raw.lastIndexOf(quote, error.pos[0] - 1) : -1;
    const [line, column] = lineOf(opened >= 0 ? opened : error.pos[0]);
    report(env, 'error', line, column, `front matter is not valid YAML: ${error.message.split('\n')[0]}`);
  }
  if (doc.errors.length > 0) return meta;
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return meta;
  if (typeof data !== 'object' || Array.isArray(data)) {
    report(env, 'error', firstLine, 1, 'front matter must be a mapping of keys to values');
    return meta;
  }
  const record = data as Record<string, unknown>;
  // Where each key and its value were written, from the YAML syntax tree.
  const places = new Map<string, { key: [number, number]; value: [number, number] }>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const keyRange = isNode(pair.key) ? pair.key.range : undefined;
      const valueRange = isNode(pair.value) ? pair.value.range : undefined;
      if (!keyRange || !isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const place = { key: lineOf(keyRange[0]), value: lineOf((valueRange ?? keyRange)[0]) };
      const first = places.get(name);
      if (first) report(env, 'error', place.key[0], place.key[1], `front matter key "${name}" is given twice (first on line ${first.key[0]})`);
      else places.set(name, place);
    }
  }
  const known = Object.keys(keys);
  for (const [key, value] of Object.entries(record)) {
    const place = places.get(key) ?? { key: lineOf(0), value: lineOf(0) };
    const field = Object.hasOwn(keys, key) ? keys[key] : undefined;
    if (!field) {
      const guess = nearest(key, known);
      report(env, 'error', place.key[0], place.key[1], `unknown front matter key "${key}"${guess ? `; did you mean "${guess}"?` : ''} (allowed: ${known.join(', ')})`);
      continue;
    }
    const parsed = field.parse(value, (expected = field.type, showValue = true) =>
      report(env, 'error', place.value[0], place.value[1], `front matter key "${key}" must be ${expected}${showValue ? `, got ${describe(value)}` : ''}`),
    );
    if (parsed !== undefined) (meta as unknown as Record<string, unknown>)[key] = parsed;
  }
  if (!('titleSlide' in record)) meta.titleSlide = meta.title !== '';
  return meta;
}

function parseLinks(value: unknown, fail: () => void): DeckLink[] {
  if (!Array.isArray(value)) {
    fail();
    return [];
  }
  const links: DeckLink[] = [];
  for (const item of value) {
    if (typeof item === 'string') links.push({ label: item, href: item });
    else if (item && typeof item === 'object' && typeof (item as DeckLink).href === 'string') {
      const { href, label } = item as Partial<DeckLink> & { href: string };
      links.push({ href, label: typeof label === 'string' ? label : href });
    } else fail();
  }
  return links;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'string' ? 'text' : typeof value} ${JSON.stringify(value)}`;
}

/** The page title: title and subtitle joined as one line. */
export function pageTitle(meta: DeckMeta): string {
  return [meta.title, meta.subtitle].filter(Boolean).join(' ').trim();
}

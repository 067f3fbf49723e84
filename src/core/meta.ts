// Front matter (YAML) → DeckMeta. Unknown or mistyped keys become diagnostics, never exceptions.
import { isMap, isNode, isScalar, parseDocument } from 'yaml';
import type { DeckLink, DeckMeta } from './model.ts';
import { report, type DeckEnv } from './env.ts';
import { nearest } from './diagnostics/suggest.ts';

const STRING_KEYS = ['title', 'subtitle', 'author', 'affiliation', 'url', 'event', 'date', 'description', 'lang', 'dir', 'canonical'] as const;
type StringKey = (typeof STRING_KEYS)[number];
/** `dir`: the deck's text direction (`rtl` for Arabic, Hebrew…), as HTML's dir attribute takes it. */
const TEXT_DIRECTIONS: readonly string[] = ['ltr', 'rtl', 'auto'];
export const FRONT_MATTER_KEYS: readonly string[] = [...STRING_KEYS, 'links', 'titleSlide'];

export function defaultMeta(): DeckMeta {
  return { title: '', links: [], lang: 'en', titleSlide: false };
}

/**
 * Parses front matter. `firstLine` is the 1-based line of the first YAML line,
 * so YAML positions can be reported against the Markdown file.
 */
export function parseMeta(raw: string, firstLine: number, env: DeckEnv): DeckMeta {
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
  for (const [key, value] of Object.entries(record)) {
    const place = places.get(key) ?? { key: lineOf(0), value: lineOf(0) };
    const wrongType = (expected: string) =>
      report(env, 'error', place.value[0], place.value[1], `front matter key "${key}" must be ${expected}, got ${describe(value)}`);
    if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (typeof value === 'string' || typeof value === 'number') meta[key as StringKey] = String(value);
      else if (value instanceof Date) meta[key as StringKey] = value.toISOString().slice(0, 10);
      else wrongType('text');
      if (key === 'canonical' && meta.canonical !== undefined && !/^https?:\/\/[^/\s]+/i.test(meta.canonical)) {
        report(env, 'error', place.value[0], place.value[1], 'front matter key "canonical" must be an http(s) URL, like https://user.github.io/repo/');
        delete meta.canonical;
      }
      if (key === 'dir' && meta.dir !== undefined && !TEXT_DIRECTIONS.includes(meta.dir)) {
        report(env, 'error', place.value[0], place.value[1], `front matter key "dir" must be ${TEXT_DIRECTIONS.join(', ')}, got ${describe(value)}`);
        delete meta.dir;
      }
    } else if (key === 'links') {
      meta.links = parseLinks(value, () => wrongType('a list of URLs or of {label, href}'));
    } else if (key === 'titleSlide') {
      if (typeof value === 'boolean') meta.titleSlide = value;
      else wrongType('true or false');
    } else {
      const guess = nearest(key, FRONT_MATTER_KEYS);
      report(env, 'error', place.key[0], place.key[1], `unknown front matter key "${key}"${guess ? `; did you mean "${guess}"?` : ''} (allowed: ${FRONT_MATTER_KEYS.join(', ')})`);
    }
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

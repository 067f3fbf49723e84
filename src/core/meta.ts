// Front matter (YAML) → DeckMeta. Unknown or mistyped keys become diagnostics, never exceptions.
import { parseDocument } from 'yaml';
import type { DeckLink, DeckMeta } from './model.ts';
import { report, type DeckEnv } from './env.ts';

const STRING_KEYS = ['title', 'subtitle', 'author', 'affiliation', 'url', 'event', 'date', 'description', 'lang', 'canonical'] as const;
type StringKey = (typeof STRING_KEYS)[number];
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
  const doc = parseDocument(raw, { prettyErrors: false });
  const lineOf = (offset: number): [number, number] => {
    const before = raw.slice(0, offset).split('\n');
    return [firstLine + before.length - 1, before[before.length - 1]!.length + 1];
  };
  for (const error of doc.errors) {
    const [line, column] = lineOf(error.pos[0]);
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
  for (const [key, value] of Object.entries(record)) {
    const [line, column] = lineOf(Math.max(0, raw.search(new RegExp(`^${escapeRegExp(key)}\\s*:`, 'm'))));
    if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (typeof value === 'string' || typeof value === 'number') meta[key as StringKey] = String(value);
      else if (value instanceof Date) meta[key as StringKey] = value.toISOString().slice(0, 10);
      else report(env, 'error', line, column, `front matter key "${key}" must be text`);
      if (key === 'canonical' && meta.canonical !== undefined && !/^https?:\/\/[^/\s]+/i.test(meta.canonical)) {
        report(env, 'error', line, column, 'front matter key "canonical" must be an http(s) URL, like https://user.github.io/repo/');
        delete meta.canonical;
      }
    } else if (key === 'links') {
      meta.links = parseLinks(value, () => report(env, 'error', line, column, 'front matter key "links" must be a list of URLs or of {label, href}'));
    } else if (key === 'titleSlide') {
      if (typeof value === 'boolean') meta.titleSlide = value;
      else report(env, 'error', line, column, 'front matter key "titleSlide" must be true or false');
    } else {
      report(env, 'error', line, column, `unknown front matter key "${key}"; allowed: ${FRONT_MATTER_KEYS.join(', ')}`);
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The page title: title and subtitle joined as one line. */
export function pageTitle(meta: DeckMeta): string {
  return [meta.title, meta.subtitle].filter(Boolean).join(' ').trim();
}

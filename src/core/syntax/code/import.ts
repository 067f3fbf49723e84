// Code from a file beside the deck (Slidev's form, after VitePress):
//
//   <<< ./code/train.py#loop {2|4} {lines}
//
// The path is relative to the deck's folder (`@/…`: to the project's); `#name` keeps only the
// lines between a `#region name` comment and its `#endregion`; the language is the extension's,
// unless a language is written after the path. What follows is read as after a fence's language.

export interface CodeImportLine {
  /** The path as written (without `#region`). */
  path: string;
  /** The region's name, when one is asked for. */
  region?: string;
  /** The language written after the path, if any. */
  lang?: string;
  /** What follows the path and language: line ranges and attributes. */
  rest: string;
}

const IMPORT_LINE = /^<<<[ \t]+(\S+)(?:[ \t]+([^\s{[]+))?[ \t]*(.*)$/;

/** The parts of a `<<< path` line (from its `<<<`), or undefined when no path is written. */
export function parseImportLine(text: string): CodeImportLine | undefined {
  const match = IMPORT_LINE.exec(text.trimEnd());
  if (!match) return undefined;
  const [, written, lang, rest] = match;
  const hash = written!.indexOf('#');
  const path = hash < 0 ? written! : written!.slice(0, hash);
  const region = hash < 0 ? undefined : written!.slice(hash + 1);
  return { path, ...(region !== undefined ? { region } : {}), ...(lang ? { lang } : {}), rest: rest ?? '' };
}

/** The language of a file, from its extension (`train.py` → `py`), lower-cased; '' without one. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * `written` as a path relative to the deck's folder, or undefined when it leaves the project: an
 * absolute path, or one whose `..`s climb above the project's folder. `deckFile` is the deck's path
 * relative to the project (`slides/talk.md`); a deck outside the project is its own project (as
 * src/node/read-deck.ts reads it). `@/x` is `x` in the project's folder.
 */
export function pathInProject(deckFile: string, written: string): string | undefined {
  // A deck given by an absolute path, or one outside the project (`../drafts/x.md`), is its own project.
  const outside = deckFile.startsWith('/') || /^[a-z]:[\\/]/i.test(deckFile) || deckFile.split('/').includes('..');
  const deckDir = outside ? [] : deckFile.split('/').slice(0, -1).filter((s) => s !== '' && s !== '.');
  const fromRoot = written.startsWith('@/');
  const path = fromRoot ? written.slice(2) : written;
  if (path.startsWith('/') || path.startsWith('\\') || /^[a-z]:/i.test(path) || path.includes('\\')) return undefined;
  const resolved = fromRoot ? [] : [...deckDir];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (resolved.length === 0) return undefined;
      resolved.pop();
    } else resolved.push(segment);
  }
  // Back to the deck's folder: up out of it, then down to the file.
  let common = 0;
  while (common < deckDir.length && common < resolved.length - 1 && deckDir[common] === resolved[common]) common++;
  return [...deckDir.slice(common).map(() => '..'), ...resolved.slice(common)].join('/');
}

/** A comment line that opens or closes a region: `# region x`, `// #region x`, `<!-- #region x -->`, C's `#pragma region x`… */
const MARKER = /^\s*(?:(?:\/\/|--|;+|%|\/\*|<!--|\(\*|REM\b|'|::)\s*#?|#\s*#?)(?:pragma\s+)?(end\s?region|region)\b[ \t]*(.*?)\s*(?:\*\/|-->|\*\))?\s*$/i;

export type RegionResult = { lines: string[]; firstLine: number } | { problem: 'missing' } | { problem: 'unclosed'; line: number };

/**
 * The lines between `#region name` and its `#endregion` (both left out, as are the markers of other
 * regions inside it), their common indentation removed, and the file's line number of the first.
 */
export function selectRegion(text: string, name: string): RegionResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((line) => {
    const m = MARKER.exec(line);
    return m !== null && !/^end/i.test(m[1]!) && m[2] === name;
  });
  if (start < 0) return { problem: 'missing' };
  let depth = 0;
  const kept: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const m = MARKER.exec(lines[i]!);
    if (m && /^end/i.test(m[1]!)) {
      if (depth === 0 && (m[2] === '' || m[2] === name)) return { lines: dedent(kept), firstLine: start + 2 };
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (m) {
      depth++;
      continue;
    }
    kept.push(lines[i]!);
  }
  return { problem: 'unclosed', line: start + 1 };
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)![0].length)));
}

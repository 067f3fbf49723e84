// What the core asks of a syntax highlighter, and which languages a deck names. The core stays pure
// and synchronous: an adapter (src/node/code-highlighter.ts, Shiki) loads the grammars a deck's
// fences and `<<<` files name before the deck is compiled, and passes the highlighter in
// CompileOptions. Without one, code is shown without colours (and no language is checked).

/** One coloured piece of a line. */
export interface CodeToken {
  text: string;
  /** Its colour in the light and in the dark theme; absent where it is the theme's ink. */
  light?: string;
  dark?: string;
  italic?: boolean;
  bold?: boolean;
}

export interface CodeHighlighter {
  /** Every language name it knows (names and aliases), loaded or not: for did-you-mean. */
  readonly languages: readonly string[];
  /**
   * The lines of `code` as tokens (one array per line), or undefined when `lang` is not a
   * language it has loaded. Synchronous and pure: the same code and language, the same tokens.
   */
  highlight(code: string, lang: string): CodeToken[][] | undefined;
}

/** Languages that mean "no highlighting": never a warning. */
export const PLAIN_LANGUAGES = new Set(['text', 'txt', 'plain', 'plaintext']);

/**
 * The language names a deck's source may ask for: the first word after each fence's backticks or
 * tildes, and the extension (or written language) of each `<<<` file. A superset (a fence inside a
 * fence, a fence shown in inline code): an adapter loads a grammar too many, never one too few.
 */
export function codeLanguageNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/(?:`{3,}|~{3,})[ \t]*([^\s`{[]+)/g)) names.add(m[1]!.toLowerCase());
  for (const m of source.matchAll(/<<<[ \t]+(\S+)(?:[ \t]+([^\s{[]+))?/g)) {
    if (m[2]) names.add(m[2].toLowerCase());
    const file = m[1]!.replace(/#.*$/, '');
    const name = file.slice(file.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    if (dot > 0) names.add(name.slice(dot + 1).toLowerCase());
  }
  return [...names];
}

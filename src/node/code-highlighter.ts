// The build-time side of code highlighting (src/core/syntax/code/): Shiki, with only the grammars
// the decks name. `prepare(source)` loads (asynchronously, once each) the grammars a deck's fences
// and `<<<` files ask for; the core then highlights synchronously through `highlight`. Nothing of
// Shiki reaches the browser: the page gets coloured spans, and the colours are the two themes'
// (a light and a dark one, chosen by the theme's color-scheme: src/theme/code.css).
import type { CodeHighlighter, CodeToken } from '../core/syntax/code/highlighter.ts';
import { codeLanguageNames } from '../core/syntax/code/highlighter.ts';
import type { HighlighterCore, LanguageRegistration, ThemeRegistration } from 'shiki/core';

/**
 * GitHub's high-contrast pair: every colour they give code passes WCAG AA on the theme's code
 * background, light and dark (tests/unit/code-colours.test.ts).
 */
/** Characters in the longest line that is coloured; a longer one is code without colours. */
export const MAX_COLOURED_LINE = 2000;

export const CODE_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

export interface NodeCodeHighlighter extends CodeHighlighter {
  /** Loads the grammars `source` (a deck's Markdown) names; call before compiling it. */
  prepare(source: string): Promise<void>;
}

type LanguageInfo = { id: string; aliases?: string[]; import: () => Promise<{ default: LanguageRegistration[] }> };

/** Shiki's list of languages (names, aliases and how to load each): data only, no grammar. */
let catalogue: Promise<LanguageInfo[]> | undefined;
const languagesInfo = () => (catalogue ??= import('shiki/langs').then((m) => m.bundledLanguagesInfo as LanguageInfo[]));

/**
 * Nothing of Shiki is loaded until a deck names a language (`prepare`): a deck without code loads
 * none of it, not even its list of languages.
 */
export async function createCodeHighlighter(): Promise<NodeCodeHighlighter> {
  const byName = new Map<string, LanguageInfo>();
  let languages: string[] = [];
  const listed = (async () => {
    for (const language of await languagesInfo()) for (const name of [language.id, ...(language.aliases ?? [])]) byName.set(name.toLowerCase(), language);
    languages = [...byName.keys()];
  });
  let listing: Promise<void> | undefined;
  let shiki: HighlighterCore | undefined;
  const loading = new Map<string, Promise<void>>();
  const defaults = { light: '', dark: '' };

  const start = async (): Promise<HighlighterCore> => {
    if (shiki) return shiki;
    // Oniguruma (WebAssembly), as VS Code uses: on this machine it compiles a grammar's patterns
    // in about half the time Shiki's JavaScript engine takes, which is most of the cost here.
    const [{ createHighlighterCore }, { createOnigurumaEngine }, light, dark] = await Promise.all([
      import('shiki/core'),
      import('shiki/engine/oniguruma'),
      import('@shikijs/themes/github-light-high-contrast') as Promise<{ default: ThemeRegistration }>,
      import('@shikijs/themes/github-dark-high-contrast') as Promise<{ default: ThemeRegistration }>,
    ]);
    // (Another prepare may have started it meanwhile.)
    if (shiki) return shiki;
    const created = await createHighlighterCore({ themes: [light.default, dark.default], langs: [], engine: createOnigurumaEngine(import('shiki/wasm')) });
    if (shiki) return shiki;
    shiki = created;
    defaults.light = (shiki.getTheme(CODE_THEMES.light).fg ?? '').toLowerCase();
    defaults.dark = (shiki.getTheme(CODE_THEMES.dark).fg ?? '').toLowerCase();
    return shiki;
  };

  const load = (language: LanguageInfo): Promise<void> => {
    let done = loading.get(language.id);
    if (!done) {
      done = (async () => {
        const [highlighter, grammar] = await Promise.all([start(), language.import()]);
        highlighter.loadLanguageSync(grammar.default);
      })();
      loading.set(language.id, done);
    }
    return done;
  };

  return {
    get languages() {
      return languages;
    },
    async prepare(source) {
      const names = codeLanguageNames(source);
      if (names.length === 0) return;
      await (listing ??= listed());
      const wanted = names
        .map((name) => byName.get(name))
        .filter((language): language is LanguageInfo => language !== undefined);
      await Promise.all(wanted.map(load));
    },
    highlight(code, lang) {
      const language = byName.get(lang);
      if (!shiki || !language || !shiki.getLoadedLanguages().includes(language.id)) return undefined;
      // The same colours on every build: no time limit per line (Shiki's default stops a line after
      // 500 ms and leaves its rest one token, so on a busy machine the first line of an embedded
      // grammar, a <script> in HTML, came out coloured differently from run to run); instead a line
      // longer than anyone reads on a slide is left uncoloured, so a minified file costs no time.
      const lines = shiki.codeToTokensWithThemes(code, { lang: language.id, themes: CODE_THEMES, tokenizeTimeLimit: 0, tokenizeMaxLineLength: MAX_COLOURED_LINE });
      return lines.map((line) => {
        const out: CodeToken[] = [];
        for (const token of line) {
          const light = token.variants.light!;
          const dark = token.variants.dark!;
          // A token the theme draws on a background of its own (a diff's inserted line) is drawn in
          // the ink here: its colour was chosen for that background, and the block has its own.
          const lightColor = light.bgColor ? undefined : light.color?.toLowerCase();
          const darkColor = dark.bgColor ? undefined : dark.color?.toLowerCase();
          // FontStyle bits: 1 italic, 2 bold (Shiki's FontStyle enum).
          const style = light.fontStyle ?? 0;
          const next: CodeToken = {
            text: token.content,
            ...(lightColor && lightColor !== defaults.light ? { light: lightColor } : {}),
            ...(darkColor && darkColor !== defaults.dark ? { dark: darkColor } : {}),
            ...(style > 0 && style & 1 ? { italic: true } : {}),
            ...(style > 0 && style & 2 ? { bold: true } : {}),
          };
          // Neighbours that look the same are one span (the themes split some tokens the other does not).
          const last = out.at(-1);
          if (last && last.light === next.light && last.dark === next.dark && last.italic === next.italic && last.bold === next.bold) last.text += next.text;
          else out.push(next);
        }
        return out;
      });
    },
  };
}

// Characters no shipped font draws (Hebrew, Devanagari, Greek…): a warning at the first place each
// one is written, since the reader's system decides how it looks, or whether it shows at all.
import type { MarkdownIt } from 'markdown-it';
import { deckShared, report, reportFull, type DeckEnv } from '../env.ts';
import { locate, type Position } from '../diagnostics/locate.ts';
import { shippedFontsCover } from '../font-coverage.ts';

/** Runs of characters outside Latin-1, less spaces (a word, or a run of symbols). */
const UNCOVERED_RUN = /[^\x00-\xff\p{White_Space}]+/gu;

/** The characters already reported in this deck (shared by its slides: env.ts, deckShared). */
const REPORTED = 'uncovered characters';
/** Past this many different characters, one more warning says so and the rest go unreported. */
const MAX_REPORTED = 24;
/** Text made only of these needs no check (most of a deck). */
const LATIN1 = /^[\x00-\xff]*$/;

export function fontCoverageCheckPlugin(md: MarkdownIt): void {
  md.core.ruler.push('deck_font_coverage_check', (state) => {
    const env = state.env as unknown as DeckEnv;
    const shared = deckShared(env);
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children || LATIN1.test(block.content) || reportFull(env)) continue;
      // Searching on from the last place found, past code spans, finds each run where it is written.
      let after: Position | undefined;
      const skip = (text: string) => {
        const at = locate(env, state.src, block.map, text, after);
        after = { line: at.line, column: at.column - 1 + text.length };
      };
      for (const child of block.children) {
        // Emoji are drawn by Twemoji (src/vite/fonts.ts warns about one it has no picture for); code by the system's
        // monospace; formulas by KaTeX's fonts (src/vite/math.ts).
        if (child.type === 'code_inline' || child.type === 'math_inline' || child.type === 'math_display') skip(child.content);
        if (child.type !== 'text' || LATIN1.test(child.content)) continue;
        // One warning per run of such characters (a word, say), where it starts; none for a run
        // whose characters were all reported before.
        for (const run of child.content.match(UNCOVERED_RUN) ?? []) {
          const chars = [...run].filter((c) => !shippedFontsCover(c));
          if (chars.length === 0 || chars.every((c) => shared.has(REPORTED, c)) || shared.size(REPORTED) > MAX_REPORTED) continue;
          for (const c of chars) shared.add(REPORTED, c);
          const at = locate(env, state.src, block.map, run, after);
          after = { line: at.line, column: at.column - 1 + run.length };
          const point = `U+${chars[0]!.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
          if (shared.size(REPORTED) > MAX_REPORTED) {
            report(env, 'warning', at.line, at.column, `more characters no shipped font draws (from "${run}" on); only the first ones are listed`);
          } else {
            report(env, 'warning', at.line, at.column, `no shipped font draws "${run}" (${point}…); the reader's system font will, if it has one (see "Scripts beyond Latin" in docs/authoring.md)`);
          }
        }
      }
    }
  });
}

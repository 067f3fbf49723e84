// Front matter: a leading `---` YAML block, parsed into env.meta (never split into a slide).
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import type { StateBlock } from 'markdown-it';
import frontMatter from 'markdown-it-front-matter';
import { report, type DeckEnv } from '../env.ts';
import { defaultMeta, parseMeta } from '../meta.ts';
import type { DeckMeta } from '../model.ts';
import { syntaxOf } from '../syntax/feature.ts';

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

export function frontMatterPlugin(md: MarkdownIt): void {
  // The plugin's callback is install-time state; we read the token instead so renders stay re-entrant.
  // markdown-it-front-matter 0.2.4 also opens front matter inside the deck's first list item or
  // quote (`- a--` on line 1 read as a fence: it checks the deck's first character, then counts
  // from the item's): its rule is registered through a guard that lets it see only the deck's own
  // first line, from its left edge.
  const guarded: MarkdownIt = Object.create(md, {
    block: {
      value: {
        ruler: {
          before: (at: string, name: string, rule: BlockRule, options?: { alt?: string[] }) =>
            md.block.ruler.before(at, name, (state, startLine, endLine, silent) => state.bMarks[startLine]! + state.tShift[startLine]! === 0 && rule(state, startLine, endLine, silent), options),
        },
      },
    },
  });
  frontMatter(guarded, () => {});
  md.core.ruler.push('deck_front_matter', (state) => {
    const env = state.env as unknown as DeckEnv;
    const tokens = state.tokens;
    const first = tokens.findIndex((token) => token.type === 'front_matter');
    // A slide compiled on its own (compile.ts) gets the deck's meta in env and holds none.
    if (first >= 0) env.meta = readFrontMatter(tokens[first], state.md, env);
    else env.meta ??= defaultMeta();
    if (first >= 0) tokens.splice(first, 1);
  });
}

/**
 * The deck's meta from its front-matter token (defaults without one).
 * Front matter that is never closed is reported: it swallows the whole deck.
 */
export function readFrontMatter(token: Token | undefined, md: MarkdownIt, env: DeckEnv): DeckMeta {
  if (!token) return defaultMeta();
  if (!isClosed(token)) {
    // Its YAML would be the whole deck: one error says what happened, instead of the YAML's.
    report(env, 'error', (token.map?.[0] ?? 0) + 1, 1, 'front matter is never closed: end it with a line of "---" (without one, the whole deck is read as front matter)');
    return defaultMeta();
  }
  return parseMeta(String(token.meta), (token.map?.[0] ?? 0) + 2, env, syntaxOf(md).frontMatter);
}

/** markdown-it-front-matter's markup holds the opening and closing fences; without a closing one it runs to the end of the text. */
function isClosed(token: Token): boolean {
  return token.markup.includes('\n');
}

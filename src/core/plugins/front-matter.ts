// Front matter: a leading `---` YAML block, parsed into env.meta (never split into a slide).
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import frontMatter from 'markdown-it-front-matter';
import type { DeckEnv } from '../env.ts';
import { defaultMeta, parseMeta } from '../meta.ts';
import { syntaxOf } from '../syntax/feature.ts';

export function frontMatterPlugin(md: MarkdownIt): void {
  // The plugin's callback is install-time state; we read the token instead so renders stay re-entrant.
  md.use(frontMatter, () => {});
  md.core.ruler.push('deck_front_matter', (state) => {
    const env = state.env as unknown as DeckEnv;
    const tokens = state.tokens;
    let first = 0;
    while (first < tokens.length && tokens[first]!.type !== 'front_matter') first++;
    const token: Token | undefined = tokens[first];
    // (In a deck compiled in batches of slides, only the first batch can hold it.)
    if (token) env.meta = parseMeta(String(token.meta), (token.map?.[0] ?? 0) + 2, env, syntaxOf(state.md).frontMatter);
    else env.meta ??= defaultMeta();
    // Taken out in place (it is nearly always the first token), rather than by copying the deck.
    for (let i = tokens.length - 1; i >= first; i--) if (tokens[i]!.type === 'front_matter') tokens.splice(i, 1);
  });
}

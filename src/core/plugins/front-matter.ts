// Front matter: a leading `---` YAML block, parsed into env.meta (never split into a slide).
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import frontMatter from 'markdown-it-front-matter';
import type { DeckEnv } from '../env.ts';
import { defaultMeta, parseMeta } from '../meta.ts';

export function frontMatterPlugin(md: MarkdownIt): void {
  // The plugin's callback is install-time state; we read the token instead so renders stay re-entrant.
  md.use(frontMatter, () => {});
  md.core.ruler.push('deck_front_matter', (state) => {
    const env = state.env as unknown as DeckEnv;
    let token: Token | undefined;
    for (const t of state.tokens) {
      if (t.type === 'front_matter') {
        token = t;
        break;
      }
    }
    env.meta = token ? parseMeta(String(token.meta), (token.map?.[0] ?? 0) + 2, env) : defaultMeta();
    if (token) state.tokens = state.tokens.filter((t) => t.type !== 'front_matter');
  });
}

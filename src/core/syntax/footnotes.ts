// Footnotes (markdown-it-footnote): `text[^1]` with `[^1]: …` on the same slide. Each slide is
// parsed on its own, so its footnotes are its own: they go at the bottom of that slide (a
// <footer>, never a nested <section>, which reveal.js would take for a slide), numbered from 1 on
// each slide, with ids unique in the page. A marker with no definition on its slide is an error.
import type { MarkdownIt } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { report, type DeckEnv } from '../env.ts';
import { locate } from '../diagnostics/locate.ts';
import { AFTER_STEPS } from '../phases.ts';

export function footnotePlugin(md: MarkdownIt): void {
  md.use(footnote);
  // A slide's footnotes are its own: what an earlier slide defined is forgotten.
  md.core.ruler.before('block', 'deck_footnote_reset', (state) => {
    delete (state.env as Record<string, unknown>).footnotes;
  });
  const rules = md.renderer.rules;
  rules.footnote_anchor_name = (tokens, idx, _options, env) => {
    const slide = (env as DeckEnv | undefined)?.slide;
    return `${slide ? `s${slide.index + 1}-` : ''}${Number((tokens[idx]!.meta as { id: number }).id) + 1}`;
  };
  rules.footnote_block_open = () => '<footer class="footnotes">\n<ol class="footnotes-list">\n';
  rules.footnote_block_close = () => '</ol>\n</footer>\n';
  // No back link (its ↩ glyph is in no font the deck ships; the footnote is on the same slide).
  rules.footnote_anchor = () => '';
  md.core.ruler.before(AFTER_STEPS, 'deck_footnote_check', (state) => {
    const env = state.env as unknown as DeckEnv;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children || !block.content.includes('[^')) continue;
      let after;
      for (const child of block.children) {
        if (child.type !== 'text') continue;
        for (const m of child.content.matchAll(/\[\^([^\]\s]+)\]/g)) {
          const at = locate(env, state.src, block.map, m[0], after);
          after = { line: at.line, column: at.column + 1 };
          report(env, 'error', at.line, at.column, `footnote [^${m[1]}] has no definition on its slide: write "[^${m[1]}]: …" on the same slide`);
        }
      }
    }
  });
}

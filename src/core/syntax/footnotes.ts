// Footnotes (markdown-it-footnote): `text[^1]` with `[^1]: …` on the same slide. Each slide is
// parsed on its own, so its footnotes are its own: they go at the bottom of that slide (a
// <footer>, never a nested <section>, which reveal.js would take for a slide), numbered from 1 on
// each slide, with ids unique in the page. A marker with no definition on its slide is an error.
// On a slide that builds in steps, each footnote appears with its marker (at the step of the
// innermost stepped element the marker is in; from the start when it is in none; and it goes when
// a `::: replace` state it is in gives way), and the
// footnotes stay at the foot of the slide, outside the steps (a pause would otherwise take them
// all into its step, since they come last).
import type { MarkdownIt, Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { report, tokenLine, type DeckEnv } from '../env.ts';
import { locate } from '../diagnostics/locate.ts';
import { AFTER_STEPS, STEPS } from '../phases.ts';
import { keepSteps, stepsWithin, type StepsAround } from '../steps/fragment-meta.ts';

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
  // Its step, when it has one (footnoteSteps).
  rules.footnote_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const meta = token.meta as { subId?: number };
    const id = `${self.rules.footnote_anchor_name!(tokens, idx, options, env, self)}${meta.subId ? `:${meta.subId}` : ''}`;
    const index = token.attrGet('data-fragment-index');
    return `<li id="fn${id}" class="${token.attrGet('class') ?? 'footnote-item'}"${index === null ? '' : ` data-fragment-index="${index}"`}>`;
  };
  // After the rules that mark the steps a marker may be written in (a pause, {.fragment}, an
  // incremental list, a replace state), as they are numbered.
  md.core.ruler.before(STEPS, 'deck_footnote_steps', (state) => {
    if (state.tokens.some((t) => t.type === 'footnote_block_open')) state.tokens = footnoteSteps(state.tokens, state.Token);
  });
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

/**
 * Takes a slide's footnotes out of the steps they were closed into (they come last, so the last
 * pause held them) to its foot, and gives each the step of its marker.
 */
function footnoteSteps(tokens: Token[], TokenClass: typeof Token): Token[] {
  const open = tokens.findIndex((t) => t.type === 'footnote_block_open');
  const close = tokens.findIndex((t, i) => i > open && t.type === 'footnote_block_close');
  if (open < 0 || close < 0) return tokens;
  const out = tokens.slice();
  // After them and before the slide's end: the ends of the pauses that took them in, and the
  // slide's asides (aside.ts, which moves them there). The footnotes go last.
  const end = out.findIndex((t, i) => i > close && t.type === 'slide_close');
  if (end > close + 1) out.splice(open, end - open, ...out.slice(close + 1, end), ...out.slice(open, close + 1));
  // The steps each marker is shown by (the first marker of a footnote decides).
  const stepsOf = new Map<number, StepsAround>();
  const stepped: StepsAround[] = [];
  for (const token of out) {
    if (token.type === 'footnote_block_open') break;
    if (token.nesting === 1) stepped.push(stepsWithin(stepped.at(-1) ?? {}, token));
    else if (token.nesting === -1) stepped.pop();
    else if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        const id = (child.meta as { id?: number } | null)?.id;
        if (child.type === 'footnote_ref' && id !== undefined && !stepsOf.has(id)) stepsOf.set(id, stepped.at(-1) ?? {});
      }
    }
  }
  for (let i = 0; i < out.length; i++) {
    const token = out[i]!;
    if (token.type !== 'footnote_open') continue;
    const around = stepsOf.get((token.meta as { id: number }).id);
    if (!around?.appear && !around?.fadeOut) continue;
    token.attrSet('class', 'footnote-item');
    const wrapper = keepSteps(token, around, tokenLine(around.appear ?? around.fadeOut!), TokenClass);
    if (!wrapper) continue;
    const close = out.findIndex((t, k) => k > i && t.type === 'footnote_close');
    out.splice(close, 0, wrapper[1]);
    out.splice(i + 1, 0, wrapper[0]);
  }
  return out;
}

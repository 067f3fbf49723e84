// Slides that are probably mistakes: an empty slide (often a doubled `---`) and a slide without
// a heading (it gets no name in the URL, the outline or the overview).
import type { MarkdownIt } from 'markdown-it';
import { report, type DeckEnv } from '../env.ts';
import type { Token } from 'markdown-it';
import { slideMark } from '../plugins/slides.ts';
import { AFTER_STEPS } from '../phases.ts';

export function slideCheckPlugin(md: MarkdownIt): void {
  md.core.ruler.before(AFTER_STEPS, 'deck_slide_check', (state) => {
    const env = state.env as unknown as DeckEnv;
    const tokens = state.tokens;
    let open = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.type === 'slide_open') open = i;
      if (tokens[i]!.type !== 'slide_close' || open < 0) continue;
      const mark = slideMark(tokens[open]!);
      if (!mark.titleSlide) {
        const body = tokens.slice(open + 1, i);
        if (!hasContent(body)) {
          // An empty slide starts right after its break (`---`, `***`, `___`…); one with only notes starts at the notes.
          const onlyNotes = body.some((t) => t.map);
          const line = onlyNotes ? mark.line : Math.max(1, mark.line - 1);
          report(env, 'warning', line, 1, onlyNotes ? 'empty slide: it holds only speaker notes, nothing the audience sees' : 'empty slide: nothing to show on it');
        } else if (!body.some((t) => t.type === 'heading_open')) {
          report(env, 'warning', mark.line, 1, `slide ${mark.index + 1} has no heading; start it with "## …" so it has a name (its URL is #/${mark.id})`);
        }
      }
    }
  });
}

/** Anything outside speaker notes that the audience would see. */
function hasContent(body: Token[]): boolean {
  let notes = 0;
  for (const token of body) {
    if (token.type === 'container_notes_open') notes++;
    else if (token.type === 'container_notes_close') notes--;
    else if (notes === 0 && (token.type === 'fence' || token.type === 'code_block' || token.type === 'hr' || (token.type === 'inline' && token.content.trim() !== ''))) return true;
  }
  return false;
}

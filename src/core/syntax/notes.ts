// Speaker notes: a `::: notes` container becomes reveal.js's `<aside class="notes">`. Notes belong
// to the slide, never to a step: reveal.js shows notes inside a fragment only once that fragment
// is shown, so notes written after a pause (or inside any stepped element) are moved to the end
// of their slide.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { AFTER_STEPS } from '../phases.ts';
import { fragmentMark } from '../steps/fragment-meta.ts';
import { declareSyntax } from './feature.ts';

export function notesPlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'speaker notes',
    containers: [{ name: 'notes', summary: 'speaker notes, shown only in the presenter view', render: (token) => (token.nesting === 1 ? '<aside class="notes">\n' : '</aside>\n') }],
  });
  md.core.ruler.before(AFTER_STEPS, 'deck_notes_out_of_steps', (state) => {
    if (state.tokens.some((t) => t.type === 'container_notes_open')) state.tokens = hoistSteppedNotes(state.tokens);
  });
}

/** Moves each notes container that sits inside a stepped element to the end of its slide. */
function hoistSteppedNotes(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let moved: Token[] = [];
  /** For each open element, whether it or an element around it is a step. */
  const stepped: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'container_notes_open' && stepped.at(-1)) {
      const close = closingIndex(tokens, i);
      moved = moved.concat(tokens.slice(i, close + 1));
      i = close;
      continue;
    }
    if (token.type === 'slide_close') {
      out.push(...moved);
      moved = [];
      stepped.length = 0;
    }
    if (token.nesting === 1) stepped.push(Boolean(stepped.at(-1) || fragmentMark(token)));
    else if (token.nesting === -1) stepped.pop();
    out.push(token);
  }
  out.push(...moved);
  return out;
}

function closingIndex(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i]!.nesting;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

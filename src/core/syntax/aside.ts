// Asides (Quarto's `::: aside`, or `::: {.aside}`): a remark in small type at the bottom of its slide, on screen for
// all to read (a picture's source, a caveat), unlike `::: notes`, which only the speaker sees. It
// becomes `<aside class="aside">`, moved to the end of its slide (so it sits at the bottom wherever
// it was written, src/theme/media.css). It is a step like what it was written in: after `. . .` it
// appears with the rest; `::: aside step=N` makes it appear at step N.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { tokenLine } from '../env.ts';
import { keepSteps, stepsWithin, type StepsAround } from '../steps/fragment-meta.ts';
import { parseStep } from '../steps/step-number.ts';
import { containerParams, declareSyntax } from './feature.ts';

const OPEN = 'container_aside_open';
const CLOSE = 'container_aside_close';

export function asidePlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'asides',
    containers: [
      {
        name: 'aside',
        summary: 'a remark in small type at the bottom of the slide, on screen (a source, a caveat)',
        params: { step: 'step' },
        attributeForm: true,
        render: (token) => {
          if (token.nesting !== 1) return '</aside>\n';
          // (Written `::: {.aside .fragment}`, its classes came in through markdown-it-attrs.)
          const classes = new Set(['aside', ...String(token.attrGet('class') ?? '').split(/\s+/).filter(Boolean)]);
          const index = token.attrGet('data-fragment-index');
          return `<aside class="${[...classes].join(' ')}"${index === null ? '' : ` data-fragment-index="${index}"`}>\n`;
        },
      },
    ],
  });
  // After every rule that marks a step an aside may be written in (a pause, {.fragment}, a list
  // made incremental), before the steps are numbered.
  md.core.ruler.after('deck_incremental', 'deck_aside', (state) => {
    if (state.tokens.some((t) => t.type === OPEN)) state.tokens = moveAsides(state.tokens, state.Token);
  });
}

/**
 * Moves each aside to the end of its slide (before its footnotes), giving it the step of the innermost stepped element it
 * was written in (or its own `step=N`), and, when that element is inside one that fades out (a
 * `::: replace` state that gives way), a fade-out at the same step inside it (a wrapper of its
 * text): it goes when what it was written in goes. Asides inside speaker notes are the notes' text: left alone.
 */
function moveAsides(tokens: Token[], TokenClass: typeof Token): Token[] {
  const out: Token[] = [];
  const moved: Token[] = [];
  /**
   * For each open element, the steps it is shown by (the stepped elements around it, itself included).
   */
  const stepped: StepsAround[] = [];
  let notes = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'container_notes_open') notes++;
    if (token.type === 'container_notes_close') notes--;
    if (token.type === OPEN && notes === 0) {
      const close = closingIndex(tokens, i);
      const written = containerParams(token).find((p) => p.key === 'step')?.value;
      const step = written === undefined ? undefined : parseStep(written); // a bad value is reported by the marker check
      const wrapper = keepSteps(token, stepped.at(-1) ?? {}, tokenLine(token), TokenClass, step);
      moved.push(token);
      if (wrapper) moved.push(wrapper[0]);
      for (let k = i + 1; k < close; k++) moved.push(tokens[k]!);
      if (wrapper) moved.push(wrapper[1]);
      moved.push(tokens[close]!);
      i = close;
      continue;
    }
    if (token.type === 'slide_close') {
      // Above the slide's footnotes (markdown-it-footnote's block ends the slide), as they are shown.
      const footnotes = out.at(-1)?.type === 'footnote_block_close' ? out.map((t) => t.type).lastIndexOf('footnote_block_open') : -1;
      const after = footnotes >= 0 ? out.splice(footnotes) : [];
      for (const t of moved) out.push(t);
      for (const t of after) out.push(t);
      moved.length = 0;
      stepped.length = 0;
    }
    if (token.nesting === 1) stepped.push(stepsWithin(stepped.at(-1) ?? {}, token));
    else if (token.nesting === -1) stepped.pop();
    out.push(token);
  }
  for (const t of moved) out.push(t);
  return out;
}

function closingIndex(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i]!.nesting;
    if (depth === 0 && tokens[i]!.type === CLOSE) return i;
    if (depth <= 0 && i > open) return i;
  }
  return tokens.length - 1;
}

// Slides: a top-level thematic break (`---`) ends a slide. Splitting happens on tokens, so a
// `---` inside a fence, a list or the front matter never starts a slide.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import type { DeckEnv } from '../env.ts';

export interface SlideMark {
  index: number;
  /** 1-based source line of the slide's first content (or of the separator before it). */
  line: number;
  titleSlide: boolean;
  id: string;
  title: string;
}

export function slideMark(token: Token): SlideMark {
  return token.meta!.slide as SlideMark;
}

export function slidesPlugin(md: MarkdownIt): void {
  // A slide parsed on its own (compile.ts) has its token maps in its own lines: they are moved
  // to the deck's lines before any rule reads them, so every position is the deck's.
  md.core.ruler.after('block', 'deck_slide_lines', (state) => {
    const offset = (state.env as unknown as DeckEnv).slide?.lineOffset ?? 0;
    if (offset === 0) return;
    for (const token of state.tokens) {
      if (token.map) token.map = [token.map[0] + offset, token.map[1] + offset];
    }
  });
  md.core.ruler.push('deck_slides', (state) => {
    const env = state.env as unknown as DeckEnv;
    const tokens = state.tokens;
    const context = env.slide;
    const titleSlide = context ? context.titleSlide : (env.meta?.titleSlide ?? false);
    // One pass: a slide's tokens are copied as they come, between an opening token made at its
    // start and filled in at its end (its line, title and id come from what it holds). A slide
    // compiled on its own (compile.ts) has no top-level `---`: its context says which slide it is.
    const out: Token[] = [];
    const usedIds = new Set<string>();
    const allocateId = context?.allocateId ?? ((base: string) => uniqueId(base, usedIds));
    let index = context?.index ?? 0;
    let open = startSlide(state.Token, out);
    let start = 0; // where the slide's tokens start in `out`
    let separatorLine = context?.emptyLine ?? 1;
    const endSlide = () => {
      const isTitle = titleSlide && index === 0;
      const first = firstWithMap(out, start);
      const line = isTitle ? 1 : first?.map ? first.map[0] + 1 : separatorLine;
      const title = isTitle ? (env.meta?.title ?? '') : headingText(out, start);
      const id = allocateId(isTitle ? 'title' : slugify(title) || `slide-${index + 1}`);
      open.map = [line - 1, line];
      open.meta = { slide: { index, line, titleSlide: isTitle, title, id } satisfies SlideMark };
      const close = new state.Token('slide_close', 'section', -1);
      close.block = true;
      out.push(close);
      index++;
    };
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      // The title slide is made from the front matter: a heading written after it starts a
      // slide of its own (what comes before, such as the title slide's notes, stays with it).
      if (!context && titleSlide && index === 0 && token.type === 'heading_open' && token.level === 0) {
        endSlide();
        open = startSlide(state.Token, out);
        start = out.length;
      }
      if (context || token.type !== 'hr' || token.level !== 0) {
        out.push(token);
        continue;
      }
      // A deck that opens with `---` (and has no title slide to attach to) has nothing before it.
      if (index === 0 && out.length === 1 && !titleSlide) out.length = 0;
      else endSlide();
      open = startSlide(state.Token, out);
      start = out.length;
      separatorLine = (token.map?.[0] ?? 0) + 2;
    }
    endSlide();
    state.tokens = out;
  });
}

function startSlide(TokenClass: typeof Token, out: Token[]): Token {
  const open = new TokenClass('slide_open', 'section', 1);
  open.block = true;
  out.push(open);
  return open;
}

function firstWithMap(tokens: Token[], from: number): Token | undefined {
  for (let i = from; i < tokens.length; i++) if (tokens[i]!.map) return tokens[i];
  return undefined;
}

function headingText(tokens: Token[], from: number): string {
  let open = from;
  while (open < tokens.length && tokens[open]!.type !== 'heading_open') open++;
  if (open === tokens.length) return '';
  const inline = tokens[open + 1];
  return (inline?.children ?? [])
    // (A formula in a heading names the slide by its TeX: `## The $\alpha$ rule` is #/the-alpha-rule.)
    .filter((t) => t.type === 'text' || t.type === 'code_inline' || t.type === 'math_inline')
    .map((t) => t.content)
    .join('')
    .trim();
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

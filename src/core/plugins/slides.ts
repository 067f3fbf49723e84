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
  md.core.ruler.push('deck_slides', (state) => {
    const env = state.env as unknown as DeckEnv;
    const groups: { tokens: Token[]; line: number }[] = [{ tokens: [], line: 1 }];
    for (const token of state.tokens) {
      if (token.type === 'hr' && token.level === 0) {
        groups.push({ tokens: [], line: (token.map?.[0] ?? 0) + 2 });
      } else {
        groups[groups.length - 1]!.tokens.push(token);
      }
    }
    const titleSlide = env.meta?.titleSlide ?? false;
    // A deck that opens with `---` (and has no title slide to attach to) has nothing before it.
    if (!titleSlide && groups[0]!.tokens.length === 0 && groups.length > 1) groups.shift();

    const out: Token[] = [];
    const usedIds = new Set<string>();
    groups.forEach((group, index) => {
      const first = group.tokens.find((t) => t.map);
      const isTitle = titleSlide && index === 0;
      const line = isTitle ? 1 : first?.map ? first.map[0] + 1 : group.line;
      const title = isTitle ? (env.meta?.title ?? '') : headingText(group.tokens);
      const id = uniqueId(isTitle ? 'title' : slugify(title) || `slide-${index + 1}`, usedIds);
      const mark: SlideMark = { index, line, titleSlide: isTitle, title, id };
      const open = new state.Token('slide_open', 'section', 1);
      open.block = true;
      open.map = [line - 1, line];
      open.meta = { slide: mark };
      const close = new state.Token('slide_close', 'section', -1);
      close.block = true;
      // (A loop, not a spread: a slide can hold more tokens than a call can take arguments.)
      out.push(open);
      for (const token of group.tokens) out.push(token);
      out.push(close);
    });
    state.tokens = out;
  });
}

function headingText(tokens: Token[]): string {
  const open = tokens.findIndex((t) => t.type === 'heading_open');
  if (open < 0) return '';
  const inline = tokens[open + 1];
  return (inline?.children ?? [])
    .filter((t) => t.type === 'text' || t.type === 'code_inline')
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

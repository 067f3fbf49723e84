// markdown-it-container ships no types of its own.
declare module 'markdown-it-container' {
  import type MarkdownIt from 'markdown-it';
  import type { Token } from 'markdown-it';
  import type { Renderer } from 'markdown-it';
  interface ContainerOptions {
    marker?: string;
    validate?: (params: string, markup: string) => boolean;
    render?: (tokens: Token[], idx: number, options: MarkdownIt.Options, env: unknown, self: Renderer) => string;
  }
  const container: (md: MarkdownIt, name: string, options?: ContainerOptions) => void;
  export default container;
}

// markdown-it-footnote ships no types of its own.
declare module 'markdown-it-footnote' {
  import type MarkdownIt from 'markdown-it';
  const footnote: (md: MarkdownIt) => void;
  export default footnote;
}

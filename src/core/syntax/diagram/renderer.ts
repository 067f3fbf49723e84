// What the core asks of a diagram renderer. The core compiles synchronously and stays pure: an
// adapter (src/node/diagrams.ts: beautiful-mermaid for ```mermaid, Graphviz's WebAssembly build
// for ```dot) is prepared for a deck's languages first, and passed in CompileOptions.

export type DiagramLanguage = 'mermaid' | 'dot';

export const DIAGRAM_LANGUAGES: readonly DiagramLanguage[] = ['mermaid', 'dot'];

export type DiagramResult =
  | { svg: string }
  /** The renderer's message, and the 1-based line of the diagram's code it names, if it does. */
  | { error: string; line?: number };

export interface DiagramRenderer {
  /** An SVG of the diagram, or the renderer's error. Synchronous; never throws. */
  render(lang: DiagramLanguage, code: string): DiagramResult;
}

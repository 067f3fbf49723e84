// The build-time side of diagrams (src/core/syntax/diagram/): beautiful-mermaid (pure JavaScript,
// no browser) draws ```mermaid, Graphviz compiled to WebAssembly (@viz-js/viz) draws ```dot.
// `prepare(source)` loads (once each, asynchronously) the renderers a deck's fences name; the core
// then draws synchronously. Neither reaches the browser: the page gets the SVG.
import type { DiagramLanguage, DiagramRenderer } from '../core/syntax/diagram/renderer.ts';

export interface NodeDiagramRenderer extends DiagramRenderer {
  /** Loads the renderers `source` (a deck's Markdown) needs; call before compiling it. */
  prepare(source: string): Promise<void>;
}

type Mermaid = typeof import('beautiful-mermaid');
type Viz = Awaited<ReturnType<typeof import('@viz-js/viz').instance>>;

/** The fence languages a deck names that are diagrams (a superset, as codeLanguageNames). */
export function diagramLanguages(source: string): DiagramLanguage[] {
  const found = new Set<DiagramLanguage>();
  for (const m of source.matchAll(/(?:`{3,}|~{3,})[ \t]*(mermaid|dot)\b/gi)) found.add(m[1]!.toLowerCase() as DiagramLanguage);
  return [...found];
}

export function createDiagramRenderer(): NodeDiagramRenderer {
  let mermaid: Mermaid | undefined;
  let viz: Viz | undefined;
  let loadingMermaid: Promise<void> | undefined;
  let loadingViz: Promise<void> | undefined;
  return {
    async prepare(source) {
      const languages = diagramLanguages(source);
      if (languages.includes('mermaid')) await (loadingMermaid ??= import('beautiful-mermaid').then((m) => void (mermaid = m)));
      if (languages.includes('dot')) await (loadingViz ??= import('@viz-js/viz').then((m) => m.instance()).then((v) => void (viz = v)));
    },
    render(lang, code) {
      try {
        if (lang === 'mermaid') {
          if (!mermaid) return { error: 'the Mermaid renderer was not loaded (prepare the deck first)' };
          // Colours are CSS variables the theme sets (diagram.css); the font is the slide's.
          return { svg: mermaid.renderMermaidSVG(code, { bg: 'var(--deck-paper)', fg: 'var(--deck-ink)', font: 'inherit', transparent: true }) };
        }
        if (!viz) return { error: 'the Graphviz renderer was not loaded (prepare the deck first)' };
        const result = viz.render(code, { format: 'svg', graphAttributes: { bgcolor: 'transparent' } });
        if (result.status !== 'success') {
          const message = result.errors.map((e) => e.message).join('; ') || 'Graphviz could not draw it';
          const line = /in line (\d+)/.exec(message)?.[1];
          return { error: message, ...(line ? { line: Number(line) } : {}) };
        }
        return { svg: result.output };
      } catch (cause) {
        return { error: String((cause as Error)?.message ?? cause) };
      }
    },
  };
}

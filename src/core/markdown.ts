// The whole Markdown pipeline in one visible, ordered chain.
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance } from 'markdown-it';
import { deckEnvPlugin } from './env.ts';
import { frontMatterPlugin } from './plugins/front-matter.ts';
import { notesPlugin } from './syntax/notes.ts';
import { replacePlugin } from './syntax/replace.ts';
import { slidesPlugin } from './plugins/slides.ts';
import { pausePlugin } from './syntax/pause.ts';
import { emojiPlugin } from './syntax/emoji.ts';
import { figurePlugin } from './syntax/figure.ts';
import { figureNumbersPlugin } from './syntax/figure-numbers.ts';
import { mathPlugin } from './syntax/math/index.ts';
import { crossrefPlugin } from './syntax/crossref.ts';
import { codePlugin } from './syntax/code/index.ts';
import { diagramPlugin } from './syntax/diagram/index.ts';
import { citePlugin } from './syntax/cite/index.ts';
import { footnotePlugin } from './syntax/footnotes.ts';
import { picturesPlugin } from './syntax/media/pictures.ts';
import { columnsPlugin } from './syntax/media/columns.ts';
import { layoutPlugin } from './syntax/media/layout.ts';
import { autoAnimatePlugin } from './syntax/media/auto-animate.ts';
import { tablesPlugin } from './syntax/media/tables.ts';
import { calloutsPlugin } from './syntax/media/callouts.ts';
import { qrPlugin } from './syntax/qr.ts';
import { offlinePlugin } from './syntax/offline.ts';
import { asidePlugin } from './syntax/aside.ts';
import { fragmentAttrsPlugin } from './syntax/fragment-attrs.ts';
import { incrementalPlugin } from './syntax/incremental.ts';
import { stepOrderPlugin } from './steps/step-order.ts';
import { slideRenderPlugin } from './render/slide-render.ts';
import { linksPlugin } from './syntax/links.ts';
import { attributesPlugin } from './syntax/attributes.ts';
import { cellLinesPlugin } from './diagnostics/cell-lines.ts';
import { markerCheckPlugin } from './checks/marker-check.ts';
import { stepConflictsPlugin } from './steps/step-conflicts.ts';
import { imageCheckPlugin } from './checks/image-check.ts';
import { slideCheckPlugin } from './checks/slide-check.ts';
import { unsafeContentPlugin } from './checks/unsafe-content.ts';
import { fontCoverageCheckPlugin } from './checks/font-coverage-check.ts';

export function createMarkdown(): MarkdownItInstance {
  // Raw HTML is off: slides are Markdown, and nothing in a deck can inject script.
  // Typographer is off: the talk's quotes and dashes are kept exactly as written.
  return new MarkdownIt({ html: false, linkify: false, typographer: false }).use(markdownItDeck);
}

/**
 * Every deck feature, as one markdown-it plugin: `new MarkdownIt().use(markdownItDeck).render(text)`
 * gives the slides' HTML (its problems in `env.diagnostics` when an env is passed; formulas, code
 * colours and diagrams need `katex`, `highlighter` and `diagrams` in that env, as in CompileOptions).
 */
export function markdownItDeck(md: MarkdownItInstance): void {
  md.use(deckEnvPlugin) //          an env of its own for md.render(text); compile.ts passes a full one
    .use(frontMatterPlugin) //      leading YAML → env.meta
    .use(attributesPlugin) //       {.class key=value} on blocks, [text]{…} → <span>
    .use(slidesPlugin) //           top-level --- → slide_open / slide_close
    // Each rule below says where it goes by name (phases.ts); the order here is for reading.
    .use(stepOrderPlugin) //        step marks → data-fragment-index, per slide
    .use(cellLinesPlugin) //        a table cell's text gets its row's line, for diagnostics
    .use(notesPlugin) //            ::: notes → <aside class="notes">, never inside a step
    .use(replacePlugin) //          ::: replace → states that give way to each other
    .use(pausePlugin) //            . . . → the rest appears at the next step
    .use(emojiPlugin) //            ❌ ✅ 🇺🇸 → <span class="emoji">, drawn by the deck's emoji font
    .use(fragmentAttrsPlugin) //    {.fragment} / {step=N} → step marks
    .use(incrementalPlugin) //      ::: incremental, incremental: true → each list item a step
    .use(figurePlugin) //           ![name](figures/x.svg) → inline SVG, data-step parts
    .use(figureNumbersPlugin) //    ![caption](x.png){#fig-x}, @fig-x → numbered <figure>s, links to them
    .use(mathPlugin) //             $…$, $$…$$ → KaTeX's HTML and MathML, \step parts, numbered equations
    .use(crossrefPlugin) //        [@fig-x; @eq-y], [-@fig-x], [Fig. @fig-x] → Quarto's bracketed references
    .use(codePlugin) //             ``` fences, <<< files → highlighted lines, stepped highlights
    .use(diagramPlugin) //          ```mermaid, ```dot → inline SVG drawn at build time, stepped nodes
    .use(citePlugin) //             [@key], @key → cites from the .bib, footers, reference slides
    .use(footnotePlugin) //         text[^1], [^1]: … → footnotes at the bottom of their slide
    .use(picturesPlugin) //         ![alt](x.png){width=60%} → <picture> AVIF/WebP, sized; .mp4/.webm → <video>
    .use(columnsPlugin) //          :::: columns / ::: column width=40% → side by side
    .use(layoutPlugin) //           ## Title {.image-right image=… background-image=…} → the section's layout
    .use(autoAnimatePlugin) //      ## Title {auto-animate=true} → the slide animates into the next one
    .use(tablesPlugin) //           GFM tables: numbers right, dense when long, {.small}, {.rows} steps
    .use(calloutsPlugin) //         > [!NOTE] …, ::: {.callout-note} → a themed callout with an icon and a label
    .use(asidePlugin) //            ::: aside → <aside class="aside">, small, at the bottom of its slide
    .use(slideRenderPlugin) //      slide_open → <section>, title slide
    .use(qrPlugin) //               qr: true / qr: https://… → the title slide's QR code of the address
    .use(offlinePlugin) //          offline: true → the build gives the deck's page a service worker
    .use(linksPlugin) //            links out → target=_blank rel="noopener noreferrer"
    .use(markerCheckPlugin) //      unknown / misplaced markers → diagnostics
    .use(stepConflictsPlugin) //    a step earlier than its container's → diagnostic
    .use(imageCheckPlugin) //       missing images, missing alt text → diagnostics
    .use(slideCheckPlugin) //       empty slides, slides without a heading → warnings
    .use(unsafeContentPlugin) //    <script>, on…= handlers, javascript: URLs → reported, removed
    .use(fontCoverageCheckPlugin); // characters no shipped font draws → warnings
}

/**
 * The same chain cut after markdown-it's block parsing: a deck's block tokens, with its front
 * matter and link reference definitions, and no inline parsing or deck rules (compile.ts reads
 * where the slides are from it).
 */
export function blockParser(): MarkdownItInstance {
  const md = createMarkdown();
  md.core.ruler.enableOnly(['deck_env', 'normalize', 'block']);
  return md;
}

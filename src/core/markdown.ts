// The whole Markdown pipeline in one visible, ordered chain.
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance } from 'markdown-it';
import attrs from 'markdown-it-attrs';
import bracketedSpans from 'markdown-it-bracketed-spans';
import { fastConstructionPlugin } from './fast-construction.ts';
import { frontMatterPlugin } from './plugins/front-matter.ts';
import { notesPlugin } from './plugins/notes.ts';
import { replacePlugin } from './plugins/replace.ts';
import { slidesPlugin } from './plugins/slides.ts';
import { slideBatchesPlugin } from './plugins/slide-batches.ts';
import { pausePlugin } from './plugins/pause.ts';
import { emojiPlugin } from './plugins/emoji.ts';
import { figurePlugin } from './plugins/figure.ts';
import { fragmentAttrsPlugin } from './plugins/fragment-attrs.ts';
import { stepOrderPlugin } from './plugins/step-order.ts';
import { slideRenderPlugin } from './plugins/slide-render.ts';
import { linksPlugin } from './plugins/links.ts';
import { inlineAttrsPlugin } from './plugins/inline-attrs.ts';
import { curlyAttrsPlugin } from './plugins/curly-attrs.ts';
import { markerCheckPlugin } from './plugins/marker-check.ts';
import { stepConflictsPlugin } from './plugins/step-conflicts.ts';
import { imageCheckPlugin } from './plugins/image-check.ts';
import { slideCheckPlugin } from './plugins/slide-check.ts';
import { unsafeContentPlugin } from './plugins/unsafe-content.ts';
import { fontCoverageCheckPlugin } from './plugins/font-coverage-check.ts';

export function createMarkdown(): MarkdownItInstance {
  // Raw HTML is off: slides are Markdown, and nothing in a deck can inject script.
  // Typographer is off: the talk's quotes and dashes are kept exactly as written.
  return new MarkdownIt({ html: false, linkify: false, typographer: false })
    .use(fastConstructionPlugin) // the same tokens and states, built without class-field helpers
    .use(frontMatterPlugin) //      leading YAML → env.meta
    .use(bracketedSpans) //         [text]{…} → <span>
    .use(attrs) //                  {.class key=value} on blocks and spans
    .use(curlyAttrsPlugin) //       … its rule, run only at tokens that can hold a `{…}`
    .use(inlineAttrsPlugin) //      … the inline ones in one linear pass, before attrs' own rule
    .use(notesPlugin) //            ::: notes → <aside class="notes">
    .use(replacePlugin) //          ::: replace → states that give way to each other
    .use(slidesPlugin) //           top-level --- → slide_open / slide_close
    .use(slideBatchesPlugin) //     … and every few dozen, the slides so far go on through the chain
    .use(pausePlugin) //            . . . → the rest appears at the next step
    .use(emojiPlugin) //            ❌ ✅ 🇺🇸 → <span class="emoji">, drawn by the deck's emoji font
    .use(figurePlugin) //           ![name](figures/x.svg) → inline SVG, data-step parts
    .use(fragmentAttrsPlugin) //    {.fragment} / {step=N} → fragment marks
    .use(stepOrderPlugin) //        marks → data-fragment-index, per slide
    .use(slideRenderPlugin) //      slide_open → <section>, title slide
    .use(linksPlugin) //            links out → target=_blank rel="noopener noreferrer"
    .use(markerCheckPlugin) //      unknown / misplaced markers → diagnostics
    .use(stepConflictsPlugin) //    a step earlier than its container's → diagnostic
    .use(imageCheckPlugin) //       missing images, missing alt text → diagnostics
    .use(slideCheckPlugin) //       empty slides, slides without a heading → warnings
    .use(unsafeContentPlugin) //    <script>, on…= handlers, javascript: URLs → reported, removed
    .use(fontCoverageCheckPlugin); // characters no shipped font draws → warnings
}

// How a formula reads: as its TeX source (`$E = mc^2$`), in the text export (src/core/frames.ts)
// and to the announcer on pages with formulas (src/runtime/math.ts hands it to src/runtime/a11y.ts).
// KaTeX's drawing is hidden from screen readers and its MathML would say the formula a second time.
// A formula with steps inside has one such element per state, each shown while it holds. This
// module imports only types: in the browser it must share no module with the announcer.
import type { FeatureReader } from '../../visibility.ts';

/** The attribute holding what a formula reads as (written by render.ts). */
export const READ_AS = 'data-text';

export const formulaText: FeatureReader = (tree, node) => tree.attr(node, READ_AS) ?? undefined;

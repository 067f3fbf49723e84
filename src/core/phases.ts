// The core chain's landmarks. Every deck rule is placed by name, before or after one of these (as
// Marpit anchors its rules), so the order of the `.use()` calls in markdown.ts never decides it:
//
//   markdown-it's own rules → deck_slides (plugins/slides.ts)
//   → syntax rules that make or mark steps  (md.core.ruler.before(STEPS, …))
//   → STEPS: the marks are numbered into data-fragment-index (steps/step-order.ts)
//   → rules that need the numbers, then the checks (md.core.ruler.before(AFTER_STEPS, …))
//   → AFTER_STEPS: the end of the deck's chain
//
// A rule that needs another one to have run names it (`md.core.ruler.after('deck_figure', …)`).

/** The rule that numbers each slide's marked steps. */
export const STEPS = 'deck_step_order';
/** An empty rule closing the chain: rewrites that need step numbers, and checks, go before it. */
export const AFTER_STEPS = 'deck_end';

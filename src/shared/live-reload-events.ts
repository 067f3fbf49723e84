// The names the dev server (src/vite/plugin.ts, in Node) and the open deck (src/runtime/live-reload.ts,
// in the browser) agree on. Constants only, so both sides import them.

/** Custom HMR event: the dev server sends the `<section>`s a save changed, and the deck's errors. */
export const UPDATE_EVENT = 'deck:update';
/**
 * Custom HMR event from a page: its slides are not the version an update was based on, send them
 * all; or, with the version it shows (when it starts following its deck), send them if newer.
 */
export const RESEND_EVENT = 'deck:resend';
/** Id of the JSON the dev server puts in the page: which deck it is, the version of its slides, and its current errors. */
export const DEV_INFO_ID = 'deck-dev-info';

/** On the <style> of a page with formulas (src/vite/math.ts): a page without it has no KaTeX to draw a new formula with. */
export const MATH_STYLE_ATTRIBUTE = 'data-deck-math';

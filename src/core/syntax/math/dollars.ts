// Where formulas are in a line of Markdown text, by Pandoc's rules for dollars
// (https://pandoc.org/MANUAL.html#extension-tex_math_dollars):
// - `$…$` is inline math when the opening `$` has a non-space character right after it, and the
//   next `$` (the closing one) has a non-space character right before it and no digit right after
//   it: in `costs $5 and $10` the dollars are text;
// - `$$…$$` is display math; spaces may stand between the delimiters and the formula, and (the
//   text being one paragraph) it may span lines, but not a blank line;
// - inside a formula a backslash escapes the next character (`\$` does not close it); outside, `\$`
//   is markdown-it's escape: a dollar sign.
// The inline rule (index.ts) and the deck's scan for numbered equations (equations.ts) both read
// formulas here, so they cannot disagree on where one is.

export interface Formula {
  display: boolean;
  /** Offsets in the text: the opening delimiter, and just past the closing one. */
  start: number;
  end: number;
  /** The TeX between the delimiters, as written, and where it starts. */
  tex: string;
  texStart: number;
  unclosed?: undefined;
}

/** A `$$` that nothing closes. */
export interface Unclosed {
  unclosed: true;
  start: number;
}

/** What a `$` at `pos` opens: a formula, an unclosed `$$`, or nothing (text). */
export function formulaAt(text: string, pos: number, max = text.length): Formula | Unclosed | undefined {
  if (text.charCodeAt(pos) !== 0x24 /* $ */) return undefined;
  if (text.charCodeAt(pos + 1) === 0x24) {
    const texStart = pos + 2;
    const close = findClose(text, texStart, max, true);
    if (close < 0) return { unclosed: true, start: pos };
    const tex = text.slice(texStart, close);
    // `$$$$` (or only spaces between): no formula, two pairs of dollars.
    if (tex.trim() === '') return undefined;
    return { display: true, start: pos, end: close + 2, tex, texStart };
  }
  const next = text.charCodeAt(pos + 1);
  if (pos + 1 >= max || isSpace(next)) return undefined;
  const texStart = pos + 1;
  const close = findClose(text, texStart, max, false);
  if (close < 0) return undefined;
  return { display: false, start: pos, end: close + 1, tex: text.slice(texStart, close), texStart };
}

/**
 * The offset of the closing delimiter, or -1. Inline math ends at its first `$` (a backslash
 * escapes the next character): Pandoc's reader takes it as math only when that `$` has no space
 * before it and no digit after it, and never looks for a later one. (Pandoc also lets `\\text{…}`
 * hold a dollar; here it cannot, which keeps the search linear: write `\\$` inside it.)
 */
function findClose(text: string, from: number, max: number, display: boolean): number {
  for (let i = from; i < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      i++;
      continue;
    }
    if (c !== 0x24) continue;
    if (display) {
      if (text.charCodeAt(i + 1) === 0x24 && i + 1 < max) return i;
      continue;
    }
    const after = text.charCodeAt(i + 1);
    if (isSpace(text.charCodeAt(i - 1)) || (i + 1 < max && after >= 0x30 && after <= 0x39)) return -1;
    return i;
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
}

/**
 * The formula a paragraph's text is, when it is one display formula and nothing else but an
 * attribute block after it (`$$ … $$ {#eq-loss}`): the formula and the attribute text.
 */
export function loneDisplayFormula(text: string): { formula: Formula; attrs: string } | undefined {
  const start = text.search(/\S/);
  if (start < 0) return undefined;
  const found = formulaAt(text, start);
  if (!found || found.unclosed || !found.display) return undefined;
  const rest = text.slice(found.end).trim();
  if (rest !== '' && !/^\{[^{}]*\}$/.test(rest)) return undefined;
  return { formula: found, attrs: rest };
}

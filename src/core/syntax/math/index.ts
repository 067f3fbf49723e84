// Math: `$…$` inline and `$$…$$` display formulas (Pandoc's dollar rules, dollars.ts), typeset by
// KaTeX at build time into HTML plus MathML (render.ts): no math JavaScript reaches the browser.
// Steps inside a formula (`\step{…}`, `\step[N]{…}`, a `\step` row; tex-steps.ts) are inner steps
// of the formula's token, numbered with the slide's other steps. Numbered equations and `@eq-…`
// references: equations.ts. Deck-wide macros: the front matter's `macros:`.
//
// Why a rule of our own and not a plugin from markdown-it's ecosystem (markdown-it-dollarmath is
// the well-kept one, with Pandoc's rules): its renderer callback gets the TeX but not where it is
// written, so a TeX error could not be reported at its line and column; its display math is a
// block token of its own, which `{.fragment}`, `{step=N}` and `{#eq-…}` (markdown-it-attrs) do
// not reach, and it labels equations as `$$…$$ (eq1)`, not in Quarto's form. Pandoc's rules
// themselves are a few lines (dollars.ts).
import type { MarkdownIt, StateInline, Token } from 'markdown-it';
import { report, reportFull, type DeckEnv } from '../../env.ts';
import { inlinePosition, type Position } from '../../diagnostics/locate.ts';
import { nearest } from '../../diagnostics/suggest.ts';
import type { FrontMatterField } from '../../meta.ts';
import { AFTER_STEPS, STEPS } from '../../phases.ts';
import { innerSteps, markInnerSteps, type FragmentMark } from '../../steps/fragment-meta.ts';
import { parseStep, stepNumberError } from '../../steps/step-number.ts';
import { declareSyntax } from '../feature.ts';
import { formulaAt } from './dollars.ts';
import { EQUATION_REF, equationNumber, scanEquations } from './equations.ts';
import { EQUATIONS, mayReferTo, referenceLink, referenceRule, resolveLabel } from '../crossref.ts';
import { findCommand, renderFormula } from './render.ts';
import { scanSteps, STEP_COMMAND, type TexScan } from './tex-steps.ts';

export const MATH_INLINE = 'math_inline';
export const MATH_DISPLAY = 'math_display';
const MATH_UNCLOSED = 'math_unclosed';
const EQUATION_REF_TOKEN = 'math_equation_ref';

/** What the inline rule keeps on a formula's token. */
interface FormulaMeta {
  /** The text the formula was found in (the inline token's content, unless parsed apart), and its offsets there. */
  source: string;
  start: number;
  texStart: number;
  scan?: TexScan;
  number?: number;
  html?: string;
}

/** Front matter `macros:` — a mapping of `\name` to the TeX it stands for. */
export const texMacros: FrontMatterField<Record<string, string>> = {
  type: 'a mapping of \\name to TeX',
  parse: (value, fail) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('a mapping of \\name to TeX, like {"\\\\R": "\\\\mathbb{R}"}'), undefined;
    const macros: Record<string, string> = {};
    for (const [name, body] of Object.entries(value as Record<string, unknown>)) {
      if (!/^\\(?:[a-zA-Z@]+|[^a-zA-Z@\s])$/.test(name)) return fail(`a mapping of \\name to TeX; "${name}" is not a TeX command name (a backslash, then letters)`, false), undefined;
      if (name === STEP_COMMAND) return fail('a mapping of \\name to TeX; \\step is the deck’s own and cannot be redefined', false), undefined;
      if (typeof body !== 'string' && typeof body !== 'number') return fail(`a mapping of \\name to TeX; the value of ${name} is not text`, false), undefined;
      if (findCommand(String(body), STEP_COMMAND, 0) >= 0) return fail(`a mapping of \\name to TeX; \\step cannot be used inside a macro (${name}): write it in the formula`, false), undefined;
      if (!balanced(String(body))) return fail(`a mapping of \\name to TeX; the braces in ${name}'s TeX do not pair up`, false), undefined;
      macros[name] = String(body);
    }
    return macros;
  },
};

/** Whether every `{` has its `}` (escaped ones, `\{`, aside). */
function balanced(tex: string): boolean {
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Names suggested for a misspelled command besides the deck's macros: common ones, all KaTeX's (a test holds that). */
export const COMMON_COMMANDS = [
  '\\frac', '\\dfrac', '\\sqrt', '\\sum', '\\prod', '\\int', '\\iint', '\\oint', '\\lim', '\\log', '\\exp', '\\sin', '\\cos', '\\tan',
  '\\alpha', '\\beta', '\\gamma', '\\delta', '\\epsilon', '\\varepsilon', '\\theta', '\\lambda', '\\sigma', '\\omega', '\\partial', '\\nabla',
  '\\infty', '\\cdot', '\\times', '\\leq', '\\geq', '\\neq', '\\approx', '\\mathbb', '\\mathcal', '\\mathbf', '\\mathrm', '\\operatorname',
  '\\left', '\\right', '\\begin', '\\end', '\\text', '\\top', '\\hat', '\\bar', '\\tilde', '\\vec', '\\mid', '\\quad', '\\qquad', '\\ldots', '\\cdots',
  '\\arg', '\\max', '\\min', '\\in', '\\sim', '\\to', '\\mapsto', '\\rightarrow', '\\Rightarrow',
];

export function mathPlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'math',
    frontMatter: { macros: texMacros },
    scanDeck: scanEquations,
    scanReads: /\$/,
  });
  md.inline.ruler.after('escape', 'math_dollars', dollars);
  md.inline.ruler.after('math_dollars', 'math_equation_ref', referenceRule(EQUATION_REF, EQUATION_REF_TOKEN));
  // markdown-it parsing a whole deck at once (no compile.ts): the equations are numbered here.
  md.core.ruler.after('block', 'deck_math_scan', (state) => {
    const env = state.env as unknown as DeckEnv;
    if (!env.slide) scanEquations(state.tokens, env);
  });
  // Steps inside formulas are marked before the slide's steps are numbered…
  md.core.ruler.before(STEPS, 'deck_math', (state) => {
    const env = state.env as unknown as DeckEnv;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const block = tokens[i]!;
      if (block.type !== 'inline' || !block.children || !(block.content.includes('$') || mayReferTo(block.content, EQUATIONS))) continue;
      const label = equationParagraph(tokens, i);
      for (const child of block.children) {
        if (child.type === MATH_INLINE || child.type === MATH_DISPLAY) prepareFormula(env, state.src, block, child, child === label?.formula ? label.id : undefined);
        else if (child.type === MATH_UNCLOSED) {
          const at = position(env, state.src, block, formulaMeta(child), formulaMeta(child).start, '$$');
          report(env, 'error', at.line, at.column, '$$ is never closed: display math ends with $$ in the same paragraph (no blank line inside); write \\$ for a dollar sign');
        } else if (child.type === EQUATION_REF_TOKEN) resolveReference(env, state.src, block, child);
      }
    }
  });
  // …and the formulas are typeset once the steps have their numbers.
  md.core.ruler.before(AFTER_STEPS, 'deck_math_render', (state) => {
    const env = state.env as unknown as DeckEnv;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children || !block.content.includes('$')) continue;
      for (const child of block.children) if (child.type === MATH_INLINE || child.type === MATH_DISPLAY) typeset(env, state.src, block, child);
    }
  });

  const escape = md.utils.escapeHtml;
  const formula = (tokens: Token[], idx: number) => {
    const token = tokens[idx]!;
    const meta = formulaMeta(token);
    const delimiter = token.type === MATH_DISPLAY ? '$$' : '$';
    return meta.html ?? `<code class="math-error">${escape(delimiter + token.content + delimiter)}</code>`;
  };
  md.renderer.rules[MATH_INLINE] = formula;
  md.renderer.rules[MATH_DISPLAY] = formula;
  md.renderer.rules[MATH_UNCLOSED] = (tokens, idx) => escape(tokens[idx]!.content);
  md.renderer.rules[EQUATION_REF_TOKEN] = (tokens, idx) => {
    const token = tokens[idx]!;
    const { label, number } = token.meta as { label: string; number?: number };
    return number === undefined ? escape(token.content) : referenceLink(EQUATIONS, label, number, escape);
  };
}

function formulaMeta(token: Token): FormulaMeta {
  return token.meta as unknown as FormulaMeta;
}

/** The inline rule: a formula at a `$`, by Pandoc's rules. */
function dollars(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x24) return false;
  const found = formulaAt(state.src, state.pos, state.posMax);
  if (!found) return false;
  if (found.unclosed) {
    if (silent) return false;
    const token = state.push(MATH_UNCLOSED, '', 0);
    token.content = '$$';
    token.meta = { source: state.src, start: state.pos, texStart: state.pos + 2 } satisfies FormulaMeta;
    state.pos += 2;
    return true;
  }
  if (!silent) {
    const token = state.push(found.display ? MATH_DISPLAY : MATH_INLINE, '', 0);
    token.content = found.tex;
    token.markup = found.display ? '$$' : '$';
    token.meta = { source: state.src, start: found.start, texStart: found.texStart } satisfies FormulaMeta;
  }
  state.pos = found.end;
  return true;
}

/** The display formula a paragraph is, alone, with the paragraph's `eq-` id. */
function equationParagraph(tokens: Token[], i: number): { formula: Token; id: string } | undefined {
  const open = tokens[i - 1];
  const id = open?.type === 'paragraph_open' ? open.attrGet('id') : null;
  if (typeof id !== 'string' || !id.startsWith('eq-')) return undefined;
  const parts = tokens[i]!.children!.filter((c) => !(c.type === 'text' && c.content.trim() === '') && c.type !== 'softbreak');
  return parts.length === 1 && parts[0]!.type === MATH_DISPLAY ? { formula: parts[0]!, id } : undefined;
}

/** Reads a formula's steps (marking them) and its number. */
function prepareFormula(env: DeckEnv, src: string, block: Token, token: Token, label: string | undefined): void {
  const meta = formulaMeta(token);
  const tex = token.content;
  const scan = scanSteps(tex);
  meta.scan = scan;
  const at = (offset: number) => position(env, src, block, meta, meta.texStart + offset, tex.slice(offset, offset + 5));
  for (const problem of scan.problems) {
    const p = at(problem.offset);
    report(env, 'error', p.line, p.column, problem.message);
  }
  if (label !== undefined) {
    const found = equationNumber(env, label);
    const line = (block.map?.[0] ?? 0) + 1;
    if (found && found.line === line) meta.number = found.number;
    else if (found) {
      const p = at(0);
      report(env, 'error', p.line, p.column, `equation label "${label}" is already used on line ${found.line}; give this equation another one`);
    }
  }
  // (After the number: marking steps gives the token a new meta object.)
  if (scan.steps.length > 0) {
    markInnerSteps(
      token,
      scan.steps.map((step): FragmentMark => {
        const p = at(step.start);
        let number: number | undefined;
        if (step.written !== undefined) {
          number = parseStep(step.written);
          if (number === undefined) {
            const w = at(step.writtenAt!);
            report(env, 'error', w.line, w.column, stepNumberError('\\step[N]', step.written));
          }
        }
        return { line: p.line, column: p.column, ...(number !== undefined ? { step: number } : {}) };
      }),
    );
  }
}

/** `@eq-label`: the number it shows, or an error at it. */
function resolveReference(env: DeckEnv, src: string, block: Token, token: Token): void {
  const meta = token.meta as { label: string; number?: number };
  meta.number = resolveLabel(env, EQUATIONS, meta.label, () => position(env, src, block, formulaMeta(token), formulaMeta(token).start, token.content));
}

/** KaTeX on one formula; its problems reported where they are in the deck. */
function typeset(env: DeckEnv, src: string, block: Token, token: Token): void {
  const meta = formulaMeta(token);
  if (reportFull(env)) return;
  const tex = token.content;
  const steps = meta.scan?.steps ?? [];
  const marks = innerSteps(token);
  const at = (offset: number | undefined) =>
    offset === undefined ? position(env, src, block, meta, meta.start, token.markup) : position(env, src, block, meta, meta.texStart + offset, tex.slice(offset, offset + 5));
  // A part inside another part cannot appear before it.
  steps.forEach((step, k) => {
    const mark = marks[k];
    const outer = step.parent === undefined ? undefined : marks[step.parent];
    if (mark?.step !== undefined && outer?.index !== undefined && mark.index !== undefined && outer.index > mark.index) {
      const p = at(step.start);
      report(env, 'error', p.line, p.column, `conflicting step orders: \\step[${mark.step}] comes before the \\step it is inside (line ${outer.line}), so it cannot appear earlier than that`);
    }
  });
  if (meta.scan && meta.scan.problems.length > 0) return;
  if (!env.katex) {
    const p = at(undefined);
    report(env, 'error', p.line, p.column, 'a formula needs KaTeX, which the build loads for a deck with a $ (src/node/read-deck.ts); this compile has none');
    return;
  }
  const macros = (env.meta as { macros?: Record<string, string> } | undefined)?.macros ?? {};
  const result = renderFormula(env.katex, {
    tex,
    display: token.type === MATH_DISPLAY,
    steps,
    indices: marks.map((m) => m.index ?? 0),
    macros,
    ...(meta.number !== undefined ? { number: meta.number } : {}),
  });
  for (const problem of result.problems) {
    const p = at(problem.offset);
    report(env, problem.severity, p.line, p.column, withSuggestion(problem.message, macros));
  }
  if (result.html !== undefined) meta.html = result.html;
}

/** "Undefined control sequence: \Rr" gets the nearest of the deck's macros or a common command. */
function withSuggestion(message: string, macros: Readonly<Record<string, string>>): string {
  const name = /Undefined control sequence: (\\[a-zA-Z@]+)/.exec(message)?.[1];
  if (!name) return message;
  const guess = nearest(name, Object.keys(macros)) ?? nearest(name, [STEP_COMMAND, ...COMMON_COMMANDS]);
  return guess ? `${message}; did you mean ${guess}?` : message;
}

/** Where an offset of the text a formula was found in is, in the deck (locate.ts: inlinePosition). */
function position(env: DeckEnv, src: string, block: Token, meta: FormulaMeta, offset: number, needle: string): Position {
  return inlinePosition(env, src, block, meta.source, offset, needle || '$');
}

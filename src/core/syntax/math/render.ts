// A formula through KaTeX, at build time: HTML to see and MathML for screen readers, or the
// problems it has, each at its offset in the author's TeX. Nothing here throws.
//
// Safety: KaTeX's `trust` stays off for what the author writes. A `\step` part is wrapped in an
// \htmlClass whose class holds a number chosen when this module loads (NONCE); the trust
// function allows exactly those classes, so no TeX in a deck can name one, and every other
// \htmlClass, \htmlId, \htmlStyle, \htmlData, \href, \url or \includegraphics is refused (and
// reported). The classes are then rewritten into reveal.js's `fragment` and its index.
import type { KatexOptions, TrustContext } from 'katex';
import { READ_AS } from './read-as.ts';
import { stepsForKatex, texAtStep, type TexStep } from './tex-steps.ts';
import type { TexTypesetter } from './typesetter.ts';

/** Unguessable by a deck: the classes of \step parts carry it until they are rewritten. */
const NONCE = randomHex();
const STEP_CLASS = `deck-math-step-${NONCE}-`;
const STEP_CLASS_NAME = new RegExp(`^${STEP_CLASS}\\d+$`);
const STEP_CLASS_IN_HTML = new RegExp(`class="([^"]*?)\\b${STEP_CLASS}(\\d+)\\b([^"]*)"`, 'g');

function randomHex(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface MathProblem {
  severity: 'error' | 'warning';
  /** Offset in the author's TeX (undefined: the formula as a whole). */
  offset: number | undefined;
  message: string;
}

export interface FormulaInput {
  tex: string;
  display: boolean;
  steps: readonly TexStep[];
  /** Each step's data-fragment-index (written by the step-order rule). */
  indices: readonly number[];
  /** The deck's macros (front matter `macros:`). */
  macros: Readonly<Record<string, string>>;
  /** A numbered equation's number. */
  number?: number;
}

export interface RenderedFormula {
  /** The HTML, or undefined when KaTeX could not read the formula. */
  html: string | undefined;
  problems: MathProblem[];
}

/** The commands KaTeX's trust guards: none is the author's to use. */
const GUARDED = ['\\htmlClass', '\\htmlId', '\\htmlStyle', '\\htmlData', '\\href', '\\url', '\\includegraphics'];

/** `katex` is KaTeX itself, loaded by the adapter (typesetter.ts). */
export function renderFormula(katex: TexTypesetter, input: FormulaInput): RenderedFormula {
  const { tex, display, steps, indices, macros } = input;
  const problems: MathProblem[] = [];
  const mapped = stepsForKatex(tex, steps, (k) => `\\htmlClass{${STEP_CLASS}${k}}`);
  const renderTex = mapped.text;
  const tag = input.number !== undefined ? ` \\tag{${input.number}}` : '';
  const refused: string[] = [];
  const options: KatexOptions = {
    displayMode: display,
    output: 'htmlAndMathml',
    throwOnError: true,
    macros: { ...macros },
    maxSize: 100,
    maxExpand: 1000,
    trust: (context: TrustContext) => {
      if (context.command === '\\htmlClass' && STEP_CLASS_NAME.test(context.class)) return true;
      refused.push(context.command);
      return false;
    },
    strict: (code, message, token) => {
      // The deck's own \htmlClass is allowed by trust; the author's is refused there, and reported.
      if (code === 'htmlExtension') return 'ignore';
      const offset = token?.loc && token.loc.lexer.input === renderTex + tag ? token.loc.start : undefined;
      problems.push({ severity: 'warning', offset: offset === undefined ? undefined : mapped.sourceOffset(offset), message: `TeX: ${message}` });
      return 'ignore';
    },
  };
  let html: string;
  try {
    html = katex.renderToString(renderTex + tag, options);
  } catch (error) {
    problems.push(parseProblem(katex, error, renderTex, tex, mapped, macros));
    return { html: undefined, problems };
  }
  // The refused commands, where the author wrote them (or at the formula, from a macro).
  let from = 0;
  for (const command of refused) {
    const at = findCommand(tex, command, from);
    if (at >= 0) from = at + command.length;
    // Not written in the formula: a macro of the deck's wrote it, used here.
    const macro = at >= 0 ? undefined : Object.keys(macros).find((name) => findCommand(macros[name]!, command, 0) >= 0 && findCommand(tex, name, 0) >= 0);
    const offset = at >= 0 ? at : macro ? findCommand(tex, macro, 0) : -1;
    problems.push({
      severity: 'error',
      offset: offset >= 0 ? offset : undefined,
      message: `${command} is not allowed in a deck's TeX: it cannot make links, load pictures, or set HTML classes, ids, styles or data${macro ? ` (the macro ${macro} writes it)` : ''}`,
    });
  }
  if (refused.length > 0) return { html: undefined, problems };
  html = html.replace(STEP_CLASS_IN_HTML, (_whole, before: string, k: string, after: string) => {
    const classes = `${before}fragment${after}`.replace(/\s+/g, ' ').trim();
    return `class="${classes}" data-fragment-index="${indices[Number(k)] ?? 0}"`;
  });
  const delimiter = display ? '$$' : '$';
  const source = (text: string) => (text.trim() ? `${delimiter}${text.trim()}${delimiter}${input.number !== undefined ? ` (${input.number})` : ''}` : '');
  const kind = display ? 'math-display' : 'math-inline';
  if (steps.length === 0) return { html: `<span class="math ${kind}" ${READ_AS}="${escapeAttr(source(tex))}">${html}</span>`, problems };
  // Stepped: the MathML as the formula reads at each of its steps, each shown while it holds.
  const distinct = [...new Set(indices)].sort((a, b) => a - b);
  const states = [-1, ...distinct].map((last, j) => {
    const text = texAtStep(tex, steps, (k) => indices[k]! <= last);
    const math = mathml(katex, text + tag, display, macros) ?? `<math><mtext>${escapeText(text)}</mtext></math>`;
    const state = `<span class="math-state" ${READ_AS}="${escapeAttr(source(text))}">${math}</span>`;
    const next = distinct[j];
    const hideAt = next === undefined ? '' : `<span class="fragment fade-out" data-fragment-index="${next}">`;
    // Shown from its own index (the first state from the start) until the next one's.
    const inner = next === undefined ? state : `${hideAt}${state}</span>`;
    return last < 0 ? inner : `<span class="fragment" data-fragment-index="${last}">${inner}</span>`;
  });
  html = html.replace(/(<span class="katex-mathml">)[\s\S]*?<\/math>(<\/span>)/, (_whole, open: string, close: string) => `${open}${states.join('')}${close}`);
  return { html: `<span class="math ${kind} math-stepped">${html}</span>`, problems };
}

/** The MathML of a formula (no HTML), or undefined when KaTeX cannot read it. */
function mathml(katex: TexTypesetter, tex: string, display: boolean, macros: Readonly<Record<string, string>>): string | undefined {
  try {
    const html = katex.renderToString(tex, { displayMode: display, output: 'mathml', throwOnError: true, macros: { ...macros }, strict: 'ignore', trust: false, maxSize: 100 });
    return /<math[\s\S]*<\/math>/.exec(html)?.[0];
  } catch {
    return undefined;
  }
}

/** A ParseError as a problem at its offset in the author's TeX. */
function parseProblem(
  katex: TexTypesetter,
  error: unknown,
  renderTex: string,
  tex: string,
  mapped: { sourceOffset(offset: number): number; inserted(offset: number): boolean },
  macros: Readonly<Record<string, string>>,
): MathProblem {
  if (!(error instanceof katex.ParseError)) return { severity: 'error', offset: undefined, message: `TeX: ${String(error)}` };
  const raw = error.rawMessage.replace(/\\htmlClass/g, '\\step');
  const position = typeof error.position === 'number' ? error.position : undefined;
  const undefinedName = /^Undefined control sequence: (\\\S+)/.exec(error.rawMessage)?.[1];
  if (position === undefined) return { severity: 'error', offset: undefined, message: `TeX: ${raw}` };
  // Written in the formula, or in a macro's body (KaTeX's position is then in that body).
  const inFormula = undefinedName ? renderTex.startsWith(undefinedName, position) : excerptMatches(error.message, renderTex, position);
  if (!inFormula) {
    const macro = Object.keys(macros).find((name) => undefinedName === undefined || macros[name]!.includes(undefinedName));
    const at = macro ? findCommand(tex, macro, 0) : -1;
    return { severity: 'error', offset: at >= 0 ? at : undefined, message: `TeX: ${raw}${macro ? ` (in the expansion of the macro ${macro})` : ''}` };
  }
  const offset = Math.min(position, renderTex.length);
  if (mapped.inserted(offset) && !/\\step/.test(raw)) {
    return { severity: 'error', offset: mapped.sourceOffset(offset), message: `TeX: ${raw} (at this \\step: put braces around it, {\\step{…}})` };
  }
  return { severity: 'error', offset: mapped.sourceOffset(offset), message: `TeX: ${raw}` };
}

/** Whether KaTeX's message quotes the text before `position` of `input` (else the error is in another input: a macro's). */
function excerptMatches(message: string, input: string, position: number): boolean {
  const quoted = /(?:at position \d+|at end of input): ([\s\S]*)$/.exec(message)?.[1];
  if (quoted === undefined) return true;
  const plain = quoted.replace(/\u0332/g, '').replace(/^…/, '').replace(/…$/, '');
  const start = Math.max(0, position - 15);
  return input.slice(start).startsWith(plain.slice(0, Math.min(plain.length, 15)));
}

/** The offset of `command` (`\url`, not `\urlx`) in `tex` from `from`, or -1. */
export function findCommand(tex: string, command: string, from: number): number {
  for (let at = tex.indexOf(command, from); at >= 0; at = tex.indexOf(command, at + 1)) {
    const after = tex.charCodeAt(at + command.length);
    if (!/[a-zA-Z@]/.test(command.at(-1)!) || !((after >= 65 && after <= 90) || (after >= 97 && after <= 122) || after === 64)) return at;
  }
  return -1;
}

export { GUARDED };

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Code blocks: fenced code (and indented code, and `<<< file` imports) rendered at build time,
// coloured by a highlighter the adapter passes in (Shiki: src/node/code-highlighter.ts), with:
//
// - stepped line highlighting, `{2|4-5|all}` (Slidev) or `[2|4-5]` (reveal.js) after the
//   language: the first stage as the slide opens, each further one a build step (markInnerSteps);
// - line numbers on request, `{lines}`, from a chosen first number, `{lines start-line=5}` (or
//   reveal.js's `[5: 2|3]`);
// - code from a file, `<<< ./code/train.py#region {2|4}` (import.ts), read through readAsset.
//
// Each block becomes `<pre class="code">`: a line is `<span class="line sK…">` (class sK: the line
// is highlighted at stage K), the stages' steps are empty `<i class="code-stage fragment">`
// markers before the lines. The theme (src/theme/code.css, src/vite/code.ts) highlights the lines
// of the last marker shown; src/core/visibility.ts reads the same for the text export.
import type { MarkdownIt, StateBlock, Token } from 'markdown-it';
import { report, type DeckEnv } from '../../env.ts';
import { sourceLines } from '../../diagnostics/locate.ts';
import { nearest } from '../../diagnostics/suggest.ts';
import { STEPS } from '../../phases.ts';
import { fragmentClasses, innerSteps, markInnerSteps } from '../../steps/fragment-meta.ts';
import { oneOf } from '../../meta.ts';
import { declareSyntax } from '../feature.ts';
import { PLAIN_LANGUAGES, type CodeToken } from './highlighter.ts';
import { extensionOf, parseImportLine, pathInProject, selectRegion, type CodeImportLine } from './import.ts';
import { looksLikeRanges, parseRanges } from './ranges.ts';

export const LINES_ATTR = 'lines';
export const START_LINE_ATTR = 'start-line';
/** Class of a code block, of its stepped lines' markers, and of a line. */
export const CODE_CLASS = 'code';
export const STAGE_CLASS = 'code-stage';
export const STEPPED_CLASS = 'code-steps';
export const LINE_CLASS = 'line';
/** Quarto's option: the front-matter key, and the classes that choose for one block. */
export const OVERFLOW_KEY = 'code-overflow';
export const OVERFLOW_MODES = ['scroll', 'wrap'] as const;
export type OverflowMode = (typeof OVERFLOW_MODES)[number];
const overflowClass = (mode: OverflowMode) => `${OVERFLOW_KEY}-${mode}`;

/** What a fence's info string holds besides its attributes (deck_code_info). */
interface CodeInfo {
  lang: string;
  /** `{2|4}` or `[2|4]` as written (with its brackets), and the ranges inside. */
  ranges?: { written: string; inner: string; innerOffset: number };
  /** reveal.js's `[5: …]`: the first line's number. */
  start?: number;
  /** `[]` or `[5: …]`: reveal.js's way to ask for line numbers. */
  numbered?: boolean;
  /** Slidev's `{lines:true,startLine:5}`, not this engine's syntax: reported. */
  slidevOptions?: string;
}

/** What the renderer needs, made by deck_code. */
interface CodeBlock {
  lang: string;
  lines: CodeToken[][];
  /** Per line (0-based), the stages it is highlighted at. */
  stagesOf: number[][];
  stepped: boolean;
  numbers?: { first: number };
  /** The widest line, in characters (a tab is 4): the theme sizes the font from it. */
  columns: number;
  /** `code-overflow`, when the block or the deck says: wrap its lines, or scroll (the theme's default on a slide; a phone wraps). */
  overflow?: OverflowMode;
}

const IMPORT_MARKUP = '<<<';

export function codePlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'code',
    attributes: [
      { name: LINES_ATTR, summary: 'on a code block: numbers its lines (`{lines}`)' },
      { name: START_LINE_ATTR, summary: 'on a code block: the first line’s number (`{lines start-line=5}`)' },
    ],
    markerClasses: [
      { name: overflowClass('wrap'), summary: 'on a code block: its long lines wrap, at full size (Quarto’s)' },
      { name: overflowClass('scroll'), summary: 'on a code block: its long lines shrink, then scroll sideways, on a phone too (Quarto’s)' },
    ],
    frontMatter: { [OVERFLOW_KEY]: oneOf(...OVERFLOW_MODES) },
  });
  md.block.ruler.before('fence', 'deck_code_import', importLine);
  // Before markdown-it-attrs reads the `{…}` at the end of a fence's info: the line ranges are not attributes.
  md.core.ruler.before('curly_attributes', 'deck_code_info', (state) => {
    for (const token of state.tokens) if (token.type === 'fence') splitInfo(token, state.md.utils.unescapeAll);
  });
  md.core.ruler.before(STEPS, 'deck_code', (state) => {
    const env = state.env as unknown as DeckEnv;
    for (const token of state.tokens) {
      if (token.type === 'fence' || token.type === 'code_block') prepareBlock(env, state.src, token);
      else if (token.attrs && (token.attrGet(LINES_ATTR) !== null || token.attrGet(START_LINE_ATTR) !== null)) misplacedNumbers(env, state.src, token);
      else if (token.attrs && overflowClasses(token).length > 0) misplacedOverflow(env, state.src, token);
    }
  });
  md.renderer.rules.fence = (tokens, idx, _options, _env, self) => renderBlock(tokens[idx]!, self.renderAttrs.bind(self), md.utils.escapeHtml);
  md.renderer.rules.code_block = md.renderer.rules.fence;
}

/** `<<< path…` on a line of its own: a fence whose content is read from the file (deck_code). */
function importLine(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const text = state.src.slice(start, state.eMarks[startLine]);
  if (!/^<<<(?:[ \t]|$)/.test(text)) return false;
  if (silent) return true;
  const parsed = parseImportLine(text);
  const token = state.push('fence', 'code', 0);
  token.markup = IMPORT_MARKUP;
  token.block = true;
  token.map = [startLine, startLine + 1];
  token.info = parsed ? [parsed.lang ?? extensionOf(parsed.path), parsed.rest].filter(Boolean).join(' ') : '';
  token.meta = { codeImport: parsed ?? null };
  state.line = startLine + 1;
  return true;
}

function splitInfo(token: Token, unescape: (text: string) => string): void {
  const info = token.info.trim();
  const written = /^[^\s{[]*/.exec(info)![0];
  // The language is read as CommonMark reads an info string: `foo\+bar` is foo+bar, `&ouml;` is ö.
  const lang = unescape(written);
  let rest = info.slice(written.length).trimStart();
  const code: CodeInfo = { lang };
  const open = rest[0];
  const close = open === '{' ? rest.indexOf('}') : open === '[' ? rest.indexOf(']') : -1;
  if (close > 0) {
    const inner = rest.slice(1, close);
    if (open === '[' || looksLikeRanges(inner)) {
      // reveal.js: `[5: 2|3]` numbers the lines from 5, `[]` numbers them from 1.
      const start = open === '[' ? /^\s*(\d+)\s*:/.exec(inner) : null;
      const ranges = start ? inner.slice(start[0].length) : inner;
      if (open === '[') code.numbered = inner.trim() === '' || start !== null;
      if (start) code.start = Number(start[1]);
      if (ranges.trim() !== '') code.ranges = { written: rest.slice(0, close + 1), inner: ranges, innerOffset: 1 + (start ? start[0].length : 0) };
      rest = rest.slice(close + 1).trimStart();
    }
  }
  // Slidev's `{lines:true,startLine:5}` (after its ranges, or alone).
  const options = /^\{[^{}=]*:[^{}=]*\}/.exec(rest);
  if (options) {
    code.slidevOptions = options[0];
    rest = rest.slice(options[0].length).trimStart();
  }
  token.info = rest ? `${lang} ${rest}` : lang;
  token.meta = { ...(token.meta ?? {}), code };
}

/** The source line of a block's first line, and where `needle` is on it (1-based; 1 when absent). */
function columnOf(env: DeckEnv, src: string, token: Token, needle: string, from = 0): { line: number; column: number } {
  const line = token.map ? token.map[0] + 1 : 1;
  const text = sourceLines(env, src).at(line - 1) ?? '';
  const at = needle === '' ? -1 : text.indexOf(needle, from);
  return { line, column: at < 0 ? text.search(/\S|$/) + 1 : at + 1 };
}

function prepareBlock(env: DeckEnv, src: string, token: Token): void {
  const info: CodeInfo = (token.meta?.code as CodeInfo | undefined) ?? { lang: '' };
  const lineText = sourceLines(env, src).at(token.map?.[0] ?? -1) ?? '';
  const at = (needle: string, from = 0) => columnOf(env, src, token, needle, from);
  const error = (needle: string, message: string, severity: 'error' | 'warning' = 'error') => {
    const p = at(needle);
    report(env, severity, p.line, p.column, message);
  };

  let content = token.content;
  let lang = info.lang;
  let failed = false;
  if (token.markup === IMPORT_MARKUP) {
    const read = readImport(env, token, error);
    // Without its file the block shows its `<<<` line; its ranges are not checked against it.
    failed = read === undefined;
    content = read ?? `${lineText.trim()}\n`;
    if (failed) lang = '';
  }
  if (info.slidevOptions) {
    error(info.slidevOptions, `${info.slidevOptions} is Slidev's syntax; here line numbers are attributes: {lines} or {lines start-line=5}`);
  }

  const text = content.endsWith('\n') ? content.slice(0, -1) : content;
  const rawLines = text === '' && content === '' ? [] : text.split('\n');

  // Line numbers: `{lines}`, `{lines=false}`, `{start-line=5}`, reveal.js's `[]` / `[5: …]`.
  let numbered = info.numbered ?? false;
  let first = info.start ?? 1;
  const linesAttr = token.attrGet(LINES_ATTR);
  const startAttr = token.attrGet(START_LINE_ATTR);
  if (linesAttr !== null) {
    const value = String(linesAttr);
    if (value === '' || value === 'true') numbered = true;
    else if (value === 'false') numbered = false;
    else error(`${LINES_ATTR}=${value}`, `${LINES_ATTR} is written {lines} (or lines=true, lines=false), got "${value}"; the first number is start-line=N`);
  }
  if (startAttr !== null) {
    const value = String(startAttr);
    if (/^\d+$/.test(value)) {
      first = Number(value);
      if (linesAttr === null) numbered = true;
    } else error(`${START_LINE_ATTR}=${value}`, `${START_LINE_ATTR} must be a whole number (the first line's number), got "${value}"`);
  }
  if (token.attrs) token.attrs = token.attrs.filter(([name]) => name !== LINES_ATTR && name !== START_LINE_ATTR);

  // Long lines: the block's own class, else the deck's front matter (`code-overflow: wrap`).
  const asked = overflowClasses(token);
  if (asked.length > 1) {
    error(`.${overflowClass(asked[1]!)}`, `a block either wraps or scrolls: .${overflowClass(asked[0]!)} and .${overflowClass(asked[1]!)} together; the first one is used`);
  }
  const deckWide = (env.meta as unknown as Record<string, unknown> | undefined)?.[OVERFLOW_KEY] as OverflowMode | undefined;
  const overflow = asked[0] ?? deckWide;
  if (asked.length > 0) dropClasses(token, asked.map(overflowClass));

  // Stepped highlighting.
  const stagesOf: number[][] = rawLines.map(() => []);
  let stepped = false;
  if (info.ranges && !failed) {
    const { written, inner, innerOffset } = info.ranges;
    const { stages, problems } = parseRanges(inner, rawLines.length);
    const base = at(written);
    for (const problem of problems) report(env, 'error', base.line, base.column + innerOffset + problem.offset, problem.message);
    stepped = true;
    stages.forEach((lines, stage) => {
      for (const line of lines) stagesOf[line - 1]?.push(stage);
    });
    const line = base.line;
    if (stages.length > 1) markInnerSteps(token, stages.slice(1).map(() => ({ line })));
  }

  const lines = highlight(env, token, rawLines, text, lang, error);
  const gutter = numbered ? String(first + Math.max(rawLines.length, 1) - 1).length + 1 : 0;
  const columns = Math.max(1, ...rawLines.map((l) => [...l.replace(/\t/g, '    ')].length)) + gutter;
  token.meta = { ...(token.meta ?? {}), codeBlock: { lang, lines, stagesOf, stepped, columns, ...(numbered ? { numbers: { first } } : {}), ...(overflow ? { overflow } : {}) } satisfies CodeBlock };
}

/** An import's lines, or undefined (reported) when the path, the file or the region is wrong. */
function readImport(env: DeckEnv, token: Token, error: (needle: string, message: string) => void): string | undefined {
  const parsed = token.meta?.codeImport as CodeImportLine | null;
  if (!parsed) {
    error(IMPORT_MARKUP, `"${IMPORT_MARKUP}" needs a file: <<< ./code/example.py (relative to the deck's folder), then #region, line ranges and attributes if you like`);
    return undefined;
  }
  const { path, region } = parsed;
  const relative = pathInProject(env.file, path);
  if (relative === undefined) {
    error(path, `"${path}" is outside the project's folder; code is only read from files inside it`);
    return undefined;
  }
  const file = env.readAsset(decodePath(relative));
  if (file === undefined) {
    error(path, `file not found: "${path}" (paths are relative to the deck's folder; @/ is the project's)`);
    return undefined;
  }
  let text = file.replace(/\r\n?/g, '\n');
  if (region !== undefined) {
    const selected = selectRegion(text, region);
    if ('problem' in selected) {
      const needle = `#${region}`;
      if (selected.problem === 'missing') error(needle, `no region "${region}" in ${path} (mark it with "#region ${region}" and "#endregion" comments)`);
      else error(needle, `region "${region}" in ${path} (its line ${selected.line}) has no "#endregion"`);
      return undefined;
    }
    text = selected.lines.join('\n');
  }
  return text.endsWith('\n') || text === '' ? text : `${text}\n`;
}

function decodePath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** The block's lines as tokens: coloured when a highlighter knows the language, else as text. */
function highlight(
  env: DeckEnv,
  token: Token,
  rawLines: string[],
  text: string,
  lang: string,
  error: (needle: string, message: string, severity?: 'error' | 'warning') => void,
): CodeToken[][] {
  const plain = () => rawLines.map((line) => (line === '' ? [] : [{ text: line }]));
  const name = lang.toLowerCase();
  const highlighter = env.highlighter;
  if (!name || PLAIN_LANGUAGES.has(name) || !highlighter || rawLines.length === 0) return plain();
  let tokens: CodeToken[][] | undefined;
  try {
    tokens = highlighter.highlight(text, name);
  } catch (cause) {
    error(lang, `the ${lang} highlighter failed on this block (${String(cause).slice(0, 200)}); it is shown without highlighting`, 'warning');
    return plain();
  }
  if (tokens) return tokens;
  const imported = token.markup === IMPORT_MARKUP;
  const needle = imported ? ((token.meta?.codeImport as CodeImportLine | null)?.lang ?? (token.meta?.codeImport as CodeImportLine | null)?.path ?? lang) : lang;
  const known = highlighter.languages;
  const fromExtension = imported && !(token.meta?.codeImport as CodeImportLine).lang;
  if (known.includes(name)) {
    error(needle, `the grammar of "${lang}" was not loaded; the block is shown without colours`, 'warning');
  } else {
    const guess = nearest(name, known);
    const which = fromExtension ? `unknown language "${lang}" (the file's extension)` : `unknown language "${lang}"`;
    const hint = guess
      ? ` (did you mean "${guess}"?)`
      : fromExtension
        ? ` (write one after the path: <<< ${(token.meta?.codeImport as CodeImportLine).path} python)`
        : ' (the languages: https://shiki.style/languages)';
    error(needle, `${which}; the block is shown without colours${hint}`, 'warning');
  }
  return plain();
}

/** `{lines}` or `{start-line=N}` on something that is not a code block. */
function misplacedNumbers(env: DeckEnv, src: string, token: Token): void {
  const name = token.attrGet(LINES_ATTR) !== null ? LINES_ATTR : START_LINE_ATTR;
  const p = columnOf(env, src, token, name);
  report(env, 'warning', p.line, p.column, `"${name}" numbers the lines of a code block; it does nothing here`);
  token.attrs = token.attrs!.filter(([n]) => n !== LINES_ATTR && n !== START_LINE_ATTR);
}

/** The `code-overflow-*` classes written on a token, in the order written. */
function overflowClasses(token: Token): OverflowMode[] {
  const written = token.attrGet('class');
  if (written === null) return [];
  return String(written)
    .split(/\s+/)
    .flatMap((cls) => OVERFLOW_MODES.filter((mode) => cls === overflowClass(mode)));
}

function dropClasses(token: Token, names: string[]): void {
  const kept = String(token.attrGet('class') ?? '')
    .split(/\s+/)
    .filter((cls) => cls && !names.includes(cls));
  token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'class');
  if (kept.length > 0) token.attrSet('class', kept.join(' '));
}

/** `{.code-overflow-wrap}` on something that is not a code block. */
function misplacedOverflow(env: DeckEnv, src: string, token: Token): void {
  const name = overflowClass(overflowClasses(token)[0]!);
  const p = columnOf(env, src, token, `.${name}`);
  report(env, 'warning', p.line, p.column, `".${name}" says how a code block's long lines fit; it does nothing here`);
  dropClasses(token, OVERFLOW_MODES.map(overflowClass));
}

/**
 * A line's leading whitespace, in columns (a tab is 4): a wrapped line's further rows are indented
 * past it (src/theme/code.css), so indentation still reads.
 */
function indentOf(tokens: CodeToken[]): number {
  const text = tokens.map((t) => t.text).join('');
  const lead = /^[ \t]*/.exec(text)![0];
  if (lead.length === text.length) return 0; // a blank line has no text to wrap
  let columns = 0;
  for (const ch of lead) columns = ch === '\t' ? columns + 4 - (columns % 4) : columns + 1;
  return columns;
}

function renderBlock(token: Token, renderAttrs: (token: Token) => string, escape: (text: string) => string): string {
  const block = token.meta?.codeBlock as CodeBlock | undefined;
  if (!block) return `<pre><code>${escape(token.content)}</code></pre>\n`;
  const classes = [CODE_CLASS, ...(block.stepped ? [STEPPED_CLASS] : []), ...(block.numbers ? ['line-numbers'] : []), ...(block.overflow ? [overflowClass(block.overflow)] : [])].join(' ');
  const vars = [`--code-rows:${Math.max(block.lines.length, 1)}`, `--code-cols:${block.columns}`];
  if (block.numbers) vars.push(`--code-line0:${block.numbers.first - 1}`, `--code-digits:${String(block.numbers.first + Math.max(block.lines.length, 1) - 1).length}`);
  const own = token.attrGet('class');
  const style = token.attrGet('style');
  const attrs = (token.attrs ?? []).filter(([name]) => name !== 'class' && name !== 'style');
  const shell = { attrs: [['class', own === null ? classes : `${classes} ${String(own)}`], ...attrs, ['style', `${style === null ? '' : `${String(style).replace(/;?\s*$/, ';')}`}${vars.join(';')}`]] } as Token;
  const lang = block.lang ? ` data-lang="${escape(block.lang)}"` : '';
  const markers = innerSteps(token)
    .map((mark) => `<i class="${fragmentClasses(STAGE_CLASS, mark.effect)}" data-fragment-index="${mark.index ?? 0}"></i>`)
    .join('');
  const lines = block.lines.map((tokens, i) => {
    const stages = block.stagesOf[i]!;
    const cls = stages.length ? `${LINE_CLASS} ${stages.map((s) => `s${s}`).join(' ')}` : LINE_CLASS;
    const indent = indentOf(tokens);
    const wraps = tokens.reduce((n, t) => n + t.text.length, 0) > MAY_WRAP;
    return `<span class="${cls}"${indent ? ` style="--indent:${indent}"` : ''}>${tokens.map((t) => renderToken(t, escape, wraps)).join('')}</span>`;
  });
  return `<pre${renderAttrs(shell)}${lang}><code>${markers}${lines.join('\n')}${lines.length ? '\n' : ''}</code></pre>\n`;
}

/**
 * A line longer than this may wrap somewhere (on a phone a row holds some 42 characters at the
 * smallest size, a few less beside line numbers): it gets the break points a code editor wraps at.
 */
const MAY_WRAP = 32;

/**
 * `<wbr>` where a wrapped line of code reads well broken, besides its spaces (a browser breaks only
 * at spaces and hyphens, else anywhere: `model.paramete|rs()`): after `(` and `[`, a comma
 * with no space after it, and a dot between names (`torch.|optim`, not `0.|01`). It has no text:
 * copying, the text export and the announcer read the code as written.
 */
function breakPoints(html: string): string {
  return html.replace(/[([,](?=[^\s)\]}])|(?<=[\w)\]])\.(?=[A-Za-z_])/g, '$&<wbr>');
}

function renderToken(token: CodeToken, escape: (text: string) => string, wraps = false): string {
  const text = wraps ? breakPoints(escape(token.text)) : escape(token.text);
  if (!token.light && !token.dark && !token.italic && !token.bold) return text;
  const style: string[] = [];
  if (token.light || token.dark) style.push(`--c:light-dark(${token.light ?? 'var(--deck-ink)'},${token.dark ?? 'var(--deck-ink)'})`);
  if (token.italic) style.push('font-style:italic');
  if (token.bold) style.push('font-weight:700');
  return `<span style="${style.join(';')}">${text}</span>`;
}

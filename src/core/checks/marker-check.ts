// Checks the build-step syntax and reports what would silently do nothing or the wrong thing:
// unknown or misspelled containers, classes and attributes (with the nearest valid name, from
// what the syntax features declared: syntax/feature.ts), unclosed containers, stray `:::`,
// attribute blocks that attach to nothing, near-misses of `. . .` and of a slide break, and
// markers placed where they cannot work (a pause with nothing after it, steps inside notes…).
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { report, reportFull, type DeckEnv } from '../env.ts';
import { blockPosition, locate, sourceLines } from '../diagnostics/locate.ts';
import { didYouMean, nearest } from '../diagnostics/suggest.ts';
import { fragmentMark, innerSteps } from '../steps/fragment-meta.ts';
import { parseStep, stepNumberError } from '../steps/step-number.ts';
import { containerName, containerParams, syntaxOf, unquoted, type Syntax } from '../syntax/feature.ts';
import { PAUSE } from '../syntax/pause.ts';
import { AFTER_STEPS } from '../phases.ts';

const CONTAINER_LINE = /^\s*(:{3,})\s*(\S*)(.*)$/;
/** Dots that look like a pause but are not `. . .` (`...`, `. .`, `.  .  .`). */
const NEAR_PAUSE = /^\.(?:\s*\.)+$/;
/**
 * An attribute block markdown-it-attrs left in the text because it was not where it applies:
 * braces holding only `.class`, `#id` and `key=value` items, one of them a build-step marker
 * (so prose like `{e.g. this}` or a set `{a, b}` is left alone).
 */
const ATTR_ITEM = String.raw`(?:[.#][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}]+))`;
// (Braces first, then their content: a scan never runs past the next brace, so it stays linear.)
const BRACES = /\{[^{}]{1,300}\}/g;
const ATTR_LIST = new RegExp(String.raw`^\{\s*${ATTR_ITEM}(?:\s+${ATTR_ITEM})*\s*\}$`);
const isStepMarker = (block: string, syntax: Syntax) => /\bstep\s*=/.test(block) || syntax.markerClasses.some((c) => block.includes(`.${c}`));

/** What the check carries through one render. */
interface Check {
  env: DeckEnv;
  src: string;
  syntax: Syntax;
  /** Unknown `::: name` lines not yet matched by a `:::` (that line is their closer, not a stray one). */
  unknownOpen: number;
}

export function markerCheckPlugin(md: MarkdownIt): void {
  md.core.ruler.before(AFTER_STEPS, 'deck_marker_check', (state) => {
    const env = state.env as unknown as DeckEnv;
    const src = state.src;
    const tokens = state.tokens;
    const check: Check = { env, src, syntax: syntaxOf(state.md), unknownOpen: 0 };
    let notesDepth = 0;
    for (let i = 0; i < tokens.length && !reportFull(env); i++) {
      const token = tokens[i]!;
      if (token.nesting === 1 && token.type.startsWith('container_')) checkContainer(check, token);
      if (token.type === 'container_replace_open' && replaceStates(tokens, i) === 1) {
        const p = locate(env, src, token.map, token.markup);
        report(env, 'warning', p.line, p.column, '::: replace has only one block; nothing takes its place (separate the states with a blank line)');
      }
      if (token.type === 'container_notes_open') notesDepth++;
      if (token.type === 'container_notes_close') notesDepth--;
      if (token.type === 'pause_open') checkPause(env, src, tokens, i, notesDepth > 0);
      if (token.type === 'heading_open' && token.markup === '-' && token.level === 0) checkSetextHeading(env, src, token);
      if (token.type === 'inline') checkInline(check, tokens, i);
      // The token and, for an inline one, its children: their attributes and build steps.
      const inNotes = notesDepth > 0;
      checkMarked(check, token, token, inNotes);
      if (token.type === 'inline' && token.children) {
        for (const child of token.children) {
          if (reportFull(env)) break;
          checkMarked(check, child, token, inNotes);
        }
      }
    }
  });
}

function checkMarked(check: Check, token: Token, block: Token, inNotes: boolean): void {
  const { env, src } = check;
  if (token.attrs) checkAttributes(check, token, block);
  if (inNotes && token.type !== 'pause_open' && (fragmentMark(token) || innerSteps(token).length > 0)) {
    const p = blockPosition(env, src, block);
    report(env, 'warning', p.line, p.column, 'a build step inside speaker notes does nothing (notes are not stepped)');
  }
}

/** How many states the replace plugin made of the container opened at `open`. */
function replaceStates(tokens: Token[], open: number): number {
  let states = 0;
  let depth = 0;
  for (let i = open + 1; i < tokens.length && depth >= 0; i++) {
    if (depth === 0 && tokens[i]!.type === 'replace_state_open') states++;
    depth += tokens[i]!.nesting;
  }
  return states;
}

function checkContainer({ env, src, syntax }: Check, open: Token): void {
  const name = containerName(open);
  const p = locate(env, src, open.map, open.markup);
  // Containers registered without a declaration check their own parameters.
  const declared = syntax.containers.get(name);
  if (declared) {
    const params = declared.params ?? {};
    const allowed = Object.keys(params);
    for (const param of containerParams(open)) {
      const type = Object.hasOwn(params, param.key) ? params[param.key] : undefined;
      if (type === 'step') {
        if (param.value !== undefined && parseStep(param.value) === undefined) {
          const q = locate(env, src, open.map, param.text);
          report(env, 'error', q.line, q.column, stepNumberError(param.key, param.value));
        }
        continue;
      }
      if (type === 'share') {
        if (param.value === undefined || !/^"?\d+(\.\d+)?%"?$/.test(param.value) || !(parseFloat(param.value.replace(/"/g, '')) > 0 && parseFloat(param.value.replace(/"/g, '')) <= 100)) {
          const q = locate(env, src, open.map, param.text);
          report(env, 'error', q.line, q.column, `${param.key} must be a share of the width from 1% to 100% (as "40%"), got "${param.value ?? ''}"`);
        }
        continue;
      }
      if (type === 'text') {
        if (param.value === undefined || unquoted(param.value).trim() === '') {
          const q = locate(env, src, open.map, param.text);
          report(env, 'error', q.line, q.column, `${param.key} needs words: ${param.key}="…"`);
        }
        continue;
      }
      const q = locate(env, src, open.map, param.text);
      const form = (a: string) => (params[a] === 'share' ? `${a}=N%` : params[a] === 'text' ? `${a}="…"` : `${a}=N`);
      const known = allowed.length ? `; "${name}" takes: ${allowed.map(form).join(', ')}` : `; "${name}" takes none`;
      report(env, 'error', q.line, q.column, `unknown parameter "${param.text}" for ::: ${name}${didYouMean(param.key, allowed) || known}`);
    }
  }
  // markdown-it-container closes a container it never found the end of at the end of its parent:
  // the rest of the deck (slide breaks included) silently lands inside it.
  const end = open.map?.[1];
  const closingLine = end === undefined ? undefined : sourceLines(env, src).at(end);
  if (closingLine === undefined || !/^\s*:{3,}\s*$/.test(closingLine)) {
    report(env, 'error', p.line, p.column, `::: ${name} is never closed; end it with a line of ":::"`);
  }
}

/** Text directly above a `---` line: Markdown reads a heading there, not a slide break. */
function checkSetextHeading(env: DeckEnv, src: string, heading: Token): void {
  if (!heading.map) return;
  const underline = heading.map[1] - 1;
  const text = sourceLines(env, src).at(underline) ?? '';
  // (Only a line of `---` can have been meant as a slide break: not `--` nor `- - -`.)
  if (!/^ {0,3}-{3,}\s*$/.test(text)) return;
  report(
    env,
    'warning',
    underline + 1,
    text.search(/\S/) + 1,
    'text directly above "---" makes it a heading, not a slide break; put a blank line before the "---" (or write the heading as "## …")',
  );
}

function checkPause(env: DeckEnv, src: string, tokens: Token[], i: number, inNotes: boolean): void {
  const p = blockPosition(env, src, tokens[i]);
  if (inNotes) report(env, 'warning', p.line, p.column, `"${PAUSE}" inside speaker notes does nothing (notes are not stepped)`);
  else if (tokens[i + 1]?.type === 'pause_close') {
    report(env, 'warning', p.line, p.column, `"${PAUSE}" with nothing after it: no step follows it on this slide`);
  }
}

/** Container-like lines, near-miss pauses and attribute blocks that markdown-it left as plain text. */
function checkInline(check: Check, tokens: Token[], i: number): void {
  const { env, src, syntax } = check;
  const inline = tokens[i]!;
  const block = tokens[i - 1];
  const inlineMap = inline.map;
  if (block?.type === 'paragraph_open' && inline.content.includes('.') && !inline.content.includes('\n')) checkNearPause(env, src, inline);
  // Nearly every paragraph is prose: split it into lines only when a check could match.
  const lines = inline.content.includes(':::') || inline.content.includes(PAUSE) ? inline.content.split('\n') : [];
  lines.forEach((text, k) => {
    // Nearly every line is prose: test the cheap precondition of each check first.
    if (!text.includes(':::') && (lines.length === 1 || !text.includes(PAUSE))) return;
    const line = (inlineMap?.[0] ?? 0) + k;
    const map: [number, number] = [line, line + 1];
    const container = CONTAINER_LINE.exec(text);
    if (container && (k === 0 || lines.length > 1)) {
      const [, colons, name] = container;
      const p = locate(env, src, map, colons!);
      // The closer of an unknown container: the typo is reported once, at its opening line.
      if (!name && check.unknownOpen > 0) check.unknownOpen--;
      else if (!name) report(env, 'error', p.line, p.column, `"${colons}" closes no open container`);
      else {
        check.unknownOpen++;
        report(env, 'error', p.line, p.column, unknownContainer(syntax, name, text.slice(text.indexOf(name))));
      }
    }
    if (text.trim() === PAUSE && lines.length > 1) {
      const p = locate(env, src, map, PAUSE);
      report(env, 'warning', p.line, p.column, `"${PAUSE}" must be a paragraph of its own (a blank line before and after it)`);
    }
  });
  for (const child of inline.children ?? []) {
    if (child.type !== 'text') continue;
    if (!child.content.includes('{')) continue;
    for (const [leftover] of child.content.matchAll(BRACES)) {
      if (!ATTR_LIST.test(leftover) || !isStepMarker(leftover, syntax)) continue;
      const p = locate(env, src, inlineMap, leftover);
      report(env, 'error', p.line, p.column, `attribute block ${leftover} is not applied: put it at the end of a paragraph, heading or list item, or right after a [span]`);
    }
  }
  // `{.fragment}` alone in a paragraph: markdown-it-attrs puts it on that empty paragraph.
  if (block?.type === 'paragraph_open' && block.attrs && (inline.children ?? []).every((c) => c.type === 'text' && c.content.trim() === '')) {
    const p = blockPosition(env, src, block);
    report(env, 'error', p.line, p.column, 'attribute block on a line of its own applies to an empty paragraph; put it at the end of the line it belongs to');
  }
}

/**
 * What is said of an unknown `::: name` (`written`: its line from the name on, to tell Pandoc's
 * attribute form `::: {.name …}` by its class): the nearest container; or, for a name of a family
 * (`callout-xyz`), the nearest of that family, else all of it; or every container.
 */
function unknownContainer(syntax: Syntax, name: string, written: string): string {
  const braced = /^\{\s*\.([\w-]+)/.exec(written)?.[1];
  const asked = braced ?? name;
  const names = [...syntax.containers.keys()];
  const spell = (c: string) => (braced && syntax.containers.get(c)?.attributeForm ? `::: {.${c}}` : `::: ${c}`);
  const dash = asked.indexOf('-');
  const family = names.filter((c) => c.startsWith(`${dash < 0 ? asked : asked.slice(0, dash)}-`));
  const kind = dash < 0 ? '' : asked.slice(dash + 1).toLowerCase();
  const guess = nearest(asked, names) ?? (kind && family.find((c) => c.slice(c.indexOf('-') + 1).startsWith(kind))) ?? (kind && nearest(kind, family.map((c) => c.slice(c.indexOf('-') + 1))));
  const guessed = guess && (names.includes(guess) ? guess : family.find((c) => c.endsWith(`-${guess}`)));
  const said = braced ? `::: {.${braced}}` : `::: ${name}`;
  if (guessed) return `unknown container "${said}"; did you mean "${spell(guessed)}"?`;
  return `unknown container "${said}"; known: ${(family.length ? family : names).map(spell).join(', ')}`;
}

/** A paragraph of only dots that is not exactly `. . .` (`...`, `. .`, `.  .  .`). */
function checkNearPause(env: DeckEnv, src: string, inline: Token): void {
  const text = inline.content.trim();
  if (text === PAUSE || !NEAR_PAUSE.test(text)) return;
  const p = locate(env, src, inline.map, text);
  report(env, 'warning', p.line, p.column, `"${text}" is not a pause; did you mean "${PAUSE}" (three dots, one space between each)?`);
}

/**
 * env key: for each class attribute value, its classes that look like a misspelt marker class,
 * with the marker meant, worked out once per render (a deck repeats its class lists).
 */
const MISSPELT_CLASSES = Symbol('misspelt marker classes');

function misspeltClasses({ env, syntax }: Check, value: string): [string, string][] {
  const known = (env[MISSPELT_CLASSES] as Map<string, [string, string][]> | undefined) ?? new Map<string, [string, string][]>();
  env[MISSPELT_CLASSES] = known;
  let misspelt = known.get(value);
  if (!misspelt) {
    misspelt = [];
    for (const cls of value.split(/\s+/)) {
      if (!cls || syntax.markerClasses.includes(cls)) continue;
      const guess = nearest(cls, syntax.markerClasses);
      if (guess) misspelt.push([cls, guess]); // (without a guess: a class for the theme, not a marker)
    }
    known.set(value, misspelt);
  }
  return misspelt;
}

function checkAttributes(check: Check, token: Token, block: Token): void {
  const { env, src, syntax } = check;
  for (const [name, raw] of token.attrs ?? []) {
    const value = String(raw);
    if (name === 'class') {
      for (const [cls, guess] of misspeltClasses(check, value)) {
        const p = locate(env, src, block.map, `.${cls}`);
        report(env, 'error', p.line, p.column, `unknown class ".${cls}"; did you mean ".${guess}"?`);
      }
    } else if (!syntax.isKnownAttribute(name) && !/^on/i.test(name)) {
      // (on… handlers are reported by unsafe-content)
      const p = locate(env, src, block.map, name);
      const exact = syntax.attributes.filter((a) => !a.endsWith('*'));
      report(env, 'error', p.line, p.column, `unknown attribute "${name}"${didYouMean(name, exact) || `; allowed: ${syntax.attributes.join(', ')}`}`);
    }
  }
}

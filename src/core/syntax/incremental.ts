// Incremental lists, Pandoc's and Quarto's way: inside `::: incremental` (or `::: {.incremental}`)
// every item of every list appears one step after the item before it; `incremental: true` in the
// front matter makes every list of the deck do so, except inside `::: nonincremental`.
//
//   ::: incremental
//   - Eat spaghetti
//   - Drink wine
//   :::
//
// As in Pandoc, the innermost of `incremental` / `nonincremental` decides, nested lists step too
// (an item, then its sub-items, then the next item: document order), and lists in speaker notes
// never step. An item that already is a step (`{.fragment}`, `{step=N}`) keeps its own step, so
// nothing is stepped twice; with `incremental: true`, a list where the author stepped any item by
// hand is left as written. The items are marked through the one step model (markFragment), so
// the counter, the URL, the exports and the screen-reader announcements count them as any step.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import container from 'markdown-it-container';
import { report, tokenLine, type DeckEnv } from '../env.ts';
import { locate } from '../diagnostics/locate.ts';
import { trueOrFalse } from '../meta.ts';
import { fragmentMark, markFragment } from '../steps/fragment-meta.ts';
import { declareSyntax } from './feature.ts';

/** The front-matter key (Quarto's): every list of the deck is incremental. */
export const INCREMENTAL_KEY = 'incremental';

const NAMES = ['incremental', 'nonincremental'] as const;
type Name = (typeof NAMES)[number];

/** Pandoc's attribute form of the opening line, `{.incremental}`: its attributes after the class. */
const PANDOC = /^\{\s*\.(incremental|nonincremental)(?=[\s}])([^{}]*)\}$/;

/** What the lists at a point of the slide do: step as asked, step unless hand-stepped, or not. */
type Mode = 'container' | 'deck' | 'off' | 'notes';

interface Frame {
  /** The container that set the mode, when it is one of ours: it counts the lists it decided. */
  open?: Token;
  name?: Name;
  mode: Mode;
  lists: number;
}

export function incrementalPlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'incremental lists',
    containers: [
      { name: 'incremental', summary: 'the items of the lists inside it appear one step after another (also `::: {.incremental}`)', render: () => '' },
      { name: 'nonincremental', summary: 'in a deck with `incremental: true`, the lists inside it show at once (also `::: {.nonincremental}`)', render: () => '' },
    ],
    frontMatter: { [INCREMENTAL_KEY]: trueOrFalse },
  });
  // Pandoc's `::: {.incremental}`: the same container, written as attributes (as columns take it).
  for (const name of NAMES) {
    md.use(container, `${name}_attrs`, {
      validate: (params: string) => PANDOC.exec(params.trim())?.[1] === name,
      render: () => '',
    });
  }
  // After the marks written on items ({.fragment}, {step=N}): an item that has one keeps it.
  md.core.ruler.after('deck_fragment_attrs', 'deck_incremental', (state) => {
    const env = state.env as unknown as DeckEnv;
    const deckWide = (env.meta as unknown as Record<string, unknown> | undefined)?.[INCREMENTAL_KEY] === true;
    if (!deckWide && !state.tokens.some((t) => t.nesting === 1 && incrementalName(t) !== undefined)) return;
    markItems(env, state.src, state.tokens, deckWide);
  });
}

/** `incremental` / `nonincremental` for the opening or closing token of either form, else undefined. */
function incrementalName(token: Token): Name | undefined {
  if (!token.type.startsWith('container_')) return undefined;
  const name = token.type.replace(/^container_/, '').replace(/(_attrs)?_(open|close)$/, '');
  return name === 'incremental' || name === 'nonincremental' ? name : undefined;
}

function markItems(env: DeckEnv, src: string, tokens: Token[], deckWide: boolean): void {
  const frames: Frame[] = [{ mode: deckWide ? 'deck' : 'off', lists: 0 }];
  /** For each open list: whether its items become steps. */
  const lists: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const name = incrementalName(token);
    const around = frames[frames.length - 1]!;
    if (name && token.nesting === 1) {
      if (token.type.endsWith('_attrs_open')) checkAttrsForm(env, src, token, name);
      const mode: Mode = around.mode === 'notes' ? 'notes' : name === 'incremental' ? 'container' : 'off';
      frames.push({ open: token, name, mode, lists: 0 });
      if (around.mode === 'notes') {
        const p = locate(env, src, token.map, token.markup);
        report(env, 'warning', p.line, p.column, `::: ${name} inside speaker notes does nothing (notes are not stepped)`);
      } else if (name === 'nonincremental' && around.mode === 'off') {
        const p = locate(env, src, token.map, token.markup);
        report(env, 'warning', p.line, p.column, '::: nonincremental does nothing here: lists outside ::: incremental already show at once (it undoes "incremental: true" in the front matter, or an enclosing ::: incremental)');
        frames[frames.length - 1]!.open = undefined; // (reported once: not again for holding no list)
      }
    } else if (name && token.nesting === -1) {
      const frame = frames.length > 1 ? frames.pop()! : undefined;
      if (frame?.open && frame.lists === 0) {
        const p = locate(env, src, frame.open.map, frame.open.markup);
        report(env, 'warning', p.line, p.column, `::: ${frame.name} holds no list, so it does nothing (it ${frame.name === 'incremental' ? 'steps the items of the lists inside it' : 'shows the lists inside it at once'})`);
      }
    } else if (token.type === 'container_notes_open') frames.push({ mode: 'notes', lists: 0 });
    else if (token.type === 'container_notes_close' && frames.length > 1) frames.pop();
    else if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      around.lists++;
      lists.push(around.mode === 'container' || (around.mode === 'deck' && !handStepped(tokens, i)));
    } else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') lists.pop();
    else if (token.type === 'list_item_open' && lists[lists.length - 1] && !fragmentMark(token)) {
      markFragment(token, { line: tokenLine(token) });
    }
  }
}

/** Whether any item of the list opened at `open` (its own items, not a nested list's) is a step already. */
function handStepped(tokens: Token[], open: number): boolean {
  const level = tokens[open]!.level + 1;
  for (let i = open + 1; i < tokens.length && tokens[i]!.level >= level; i++) {
    if (tokens[i]!.type === 'list_item_open' && tokens[i]!.level === level && fragmentMark(tokens[i]!)) return true;
  }
  return false;
}

/**
 * `::: {.incremental …}`: anything written in the braces besides the class is a parameter it does
 * not take. markdown-it-attrs has put the braces on the token: they are reported from there, and
 * taken off (they would otherwise be checked again as attributes, and end up nowhere).
 */
function checkAttrsForm(env: DeckEnv, src: string, open: Token, name: Name): void {
  const written: [text: string, needle: string][] = [];
  for (const [key, value] of open.attrs ?? []) {
    if (key === 'class') for (const c of String(value).split(/\s+/)) c && c !== name && written.push([`.${c}`, `.${c}`]);
    else if (key === 'id') written.push([`#${value}`, `#${value}`]);
    else written.push([`${key}=${value}`, `${key}=`]);
  }
  // (Braces markdown-it-attrs did not take stay in the line.)
  const rest = PANDOC.exec(open.info.trim())?.[2]?.trim();
  for (const param of rest ? rest.split(/\s+/) : []) written.push([param, param]);
  for (const [text, needle] of written) {
    const p = locate(env, src, open.map, needle);
    report(env, 'error', p.line, p.column, `unknown parameter "${text}" for ::: ${name}; "${name}" takes none`);
  }
  open.attrs = null;
}

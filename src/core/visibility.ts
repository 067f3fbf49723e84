// What is visible at step k, and what a line of frame text is: one definition for the text export
// (src/core/frames.ts, over parse5's tree at build time) and the browser (src/runtime/a11y.ts, over
// the DOM: what a screen reader is told at each step). Both read their tree through `TreeReader`.
//
// A step follows reveal.js's rules: a fragment with data-fragment-index i is shown once the slide's
// step passes i; `fade-out` hides it from then on; `fade-in-then-out` shows it at its own step only.

/** The little the rules read from a tree. */
export interface TreeReader<N> {
  /** Lower-case tag name of an element (SVG's camelCase names as they are); undefined for other nodes. */
  tag(node: N): string | undefined;
  /** The value of a text node; undefined for other nodes. */
  text(node: N): string | undefined;
  attr(node: N, name: string): string | null | undefined;
  children(node: N): Iterable<N>;
}

/** One line of a frame: a heading, a paragraph, a list item, a table row, a line of code… */
export interface FrameLine<N> {
  node: N;
  text: string;
  /** `•` for a bullet, `4.` for a numbered item, '' for other lines. */
  marker: string;
  /** Nesting depth of a list item (0 outside lists, 1 for a top-level item). */
  depth: number;
  /** What a screen reader is told, when it is not the marker and the text (a highlighted line of code). */
  said?: string;
}

/**
 * How an element made by one syntax feature reads, when not by the rules here: a code block with
 * highlighted lines reads line by line (an array: src/core/syntax/code/lines.ts), a formula reads
 * as its TeX source (a string: src/core/syntax/math/read-as.ts), where KaTeX's drawing (hidden from
 * screen readers) and its MathML would say it twice. Undefined for an element it does not own.
 *
 * Readers are passed in by whoever reads a page, so a page without that feature never carries its
 * reader. A reader gets the rules it needs as `rules`, so in the browser it shares no module with
 * the announcer (a shared module would be one more chunk, one more request on every page).
 */
export type FeatureReader = <N>(tree: TreeReader<N>, node: N, step: number, rules: ReadRules) => Omit<FrameLine<N>, 'node' | 'depth'>[] | string | undefined;

/** The rules of this module a feature reader may need. */
export interface ReadRules {
  isShownAt: typeof isShownAt;
  allText: typeof allText;
}

/**
 * Where the browser keeps the readers of the features a page has: each feature's own script adds
 * its reader to `globalThis[Symbol.for(FEATURE_READERS_KEY)]` (src/runtime/code.ts, math.ts), and the
 * announcer reads it (src/runtime/a11y.ts): the same key without a shared module.
 */
export const FEATURE_READERS_KEY = 'deck.featureReaders';

/** Between blocks: a blank line in the text export. */
export const BLOCK_BREAK = 'block-break';
export type FrameItem<N> = FrameLine<N> | typeof BLOCK_BREAK;

/** Elements whose text is one line of a frame. */
const LINE_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'li', 'figcaption', 'dt', 'dd', 'text']);
/**
 * The class of a drawing that repeats the one before it in another layout (a diagram drawn top to
 * bottom for a phone, src/core/syntax/diagram/): the screen shows one of the two, so it is read once.
 */
export const REPEATED_DRAWING_CLASS = 'diagram-tall';
/**
 * Elements never read, matched against "tag classes" (`aside notes`): code and styles, SVG's own
 * names (announced apart, below), speaker notes (reveal.js's `<aside class="notes">`, as the
 * compiler writes them: only the speaker sees them) and a repeated drawing. Any other aside
 * (`::: aside`: `<aside class="aside">`) is on the slide for all to read. (One pattern: the
 * announcer that runs this is on every page.)
 */
const UNREAD = /^(script|style|title|desc|template) |^aside notes$|\sdiagram-tall(\s|$)/; // (diagram-tall: REPEATED_DRAWING_CLASS)
const BLOCK_TAGS = new Set(['ul', 'ol', 'div', 'blockquote', 'pre', 'table', ...LINE_TAGS]);
/** What a list item leaves to lines of their own: its sub-lists, code and tables. */
const ITEM_BLOCKS = new Set(['ul', 'ol', 'pre', 'table']);

/** Whether an element is on screen at `step` (0: the slide as it opens), by its own classes. */
export function isShownAt<N>(tree: TreeReader<N>, element: N, step: number): boolean {
  const classes = (tree.attr(element, 'class') ?? '').split(/\s+/);
  if (!classes.includes('fragment')) return true;
  const index = Number(tree.attr(element, 'data-fragment-index') || '0');
  const shown = index < step;
  if (classes.includes('fade-out')) return !shown;
  if (classes.includes('fade-in-then-out') || classes.includes('current-visible')) return index === step - 1;
  if (classes.some((c) => c.startsWith('highlight-'))) return true;
  return shown;
}

/** The lines of `roots` (a slide's content) visible at `step`, in document order, with the breaks between blocks. */
export function frameItems<N>(tree: TreeReader<N>, roots: Iterable<N>, step: number, readers: readonly FeatureReader[] = []): FrameItem<N>[] {
  const items: FrameItem<N>[] = [];
  const read = (node: N) => readers.reduce<ReturnType<FeatureReader>>((found, reader) => found ?? reader(tree, node, step, { isShownAt, allText }), undefined);
  // What screen readers are not given (aria-hidden: KaTeX's drawing of a formula) is not read here either.
  const shown = (node: N) =>
    !UNREAD.test(`${tree.tag(node)} ${tree.attr(node, 'class')}`) && tree.attr(node, 'aria-hidden') !== 'true' && isShownAt(tree, node, step);
  const block = (add: () => void, inList: boolean) => {
    if (!inList) items.push(BLOCK_BREAK);
    add();
    if (!inList) items.push(BLOCK_BREAK);
  };

  const walk = (node: N, depth: number, inList: boolean, number?: number) => {
    const tag = tree.tag(node);
    if (tag === undefined || !shown(node)) return;
    if (tag === 'ul' || tag === 'ol') {
      const ordered = tag === 'ol';
      if (!inList) items.push(BLOCK_BREAK);
      // Every item takes its number, shown or not: a hidden third item leaves "4." to the fourth.
      let next = Number(tree.attr(node, 'start') || '1');
      for (const child of tree.children(node)) {
        if (tree.tag(child) !== 'li') {
          walk(child, depth + 1, true);
          continue;
        }
        const value = Number(tree.attr(child, 'value') || next);
        next = value + 1;
        walk(child, depth + 1, true, ordered ? value : undefined);
      }
      if (!inList) items.push(BLOCK_BREAK);
      return;
    }
    const owned = read(node);
    if (Array.isArray(owned)) {
      block(() => {
        for (const line of owned) items.push({ node, depth: 0, ...line });
      }, inList);
      return;
    }
    if (tag === 'pre') {
      block(() => {
        for (const text of codeLines(tree, node, shown)) items.push({ node, text, marker: '', depth: 0 });
      }, inList);
      return;
    }
    if (tag === 'table') {
      block(() => {
        for (const row of descendants(tree, node, 'tr', shown)) {
          const cells = [...tree.children(row)].filter((cell) => tree.tag(cell) === 'th' || tree.tag(cell) === 'td');
          const texts = cells.map((cell) => (shown(cell) ? inlineText(tree, cell, shown, () => false, read) : ''));
          if (texts.some(Boolean)) items.push({ node: row, text: texts.join(' | '), marker: '', depth: 0 });
        }
      }, inList);
      return;
    }
    if (LINE_TAGS.has(tag)) {
      const isItem = tag === 'li';
      const ownLines = isItem ? (n: N) => ITEM_BLOCKS.has(tree.tag(n)!) : (n: N) => BLOCK_TAGS.has(tree.tag(n)!);
      const text = inlineText(tree, node, shown, ownLines, read);
      const marker = isItem && inList ? (number === undefined ? '•' : `${number}.`) : '';
      if (text) {
        if (marker) items.push({ node, text, marker, depth });
        else block(() => items.push({ node, text, marker: '', depth }), inList);
      }
      // Nested lists (and, outside list items, nested blocks) make lines of their own.
      for (const child of tree.children(node)) if (tree.tag(child) !== undefined && ownLines(child)) walk(child, depth, inList);
      return;
    }
    for (const child of tree.children(node)) walk(child, depth, inList);
  };
  for (const root of roots) walk(root, 0, false);
  return items;
}

/** The text export's lines: markers and indents, one blank line between blocks, none at the ends. */
export function frameText<N>(items: FrameItem<N>[]): string[] {
  const lines = items.map((item) => (item === BLOCK_BREAK ? '' : item.marker ? `${'  '.repeat(item.depth)}${item.marker} ${item.text}` : item.text));
  while (lines[0] === '') lines.shift();
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.filter((line, i) => !(line === '' && lines[i - 1] === ''));
}

/** What a screen reader is told for a line: its words, with the number of a numbered item (a bullet says nothing). */
export function spokenText<N>(line: FrameLine<N>): string {
  return line.said ?? (line.marker && line.marker !== '•' ? `${line.marker} ${line.text}` : line.text);
}

/**
 * Names of the figure parts shown at `step` (a fragment inside an SVG with a `<title>` of its own,
 * such as a path that appears at a step): a step that adds no words is announced by what it draws.
 */
export function shownPictureLabels<N>(tree: TreeReader<N>, roots: Iterable<N>, step: number): Set<string> {
  const labels = new Set<string>();
  const visit = (node: N, inSvg: boolean, inShownPart: boolean) => {
    const tag = tree.tag(node);
    if (tag === undefined) return;
    const isPart = inSvg && (tree.attr(node, 'class') ?? '').split(/\s+/).includes('fragment');
    if (isPart && !isShownAt(tree, node, step)) return;
    if (tag === 'title' && inShownPart) {
      const label = allText(tree, node).trim();
      if (label) labels.add(label);
    }
    for (const child of tree.children(node)) visit(child, inSvg || tag === 'svg', inShownPart || isPart);
  };
  for (const root of roots) visit(root, false, false);
  return labels;
}

/**
 * Text of a line element: its visible content, whitespace folded, leaving out what `ownLines` says
 * makes lines of its own (a list item keeps its paragraphs and replace states, not its sub-lists).
 */
function inlineText<N>(tree: TreeReader<N>, element: N, shown: (node: N) => boolean, ownLines: (node: N) => boolean, read: (node: N) => unknown): string {
  let text = '';
  const collect = (node: N) => {
    const value = tree.text(node);
    if (value !== undefined) text += value;
    else if (tree.tag(node) !== undefined) {
      if (ownLines(node) || !shown(node)) return;
      // An element a feature reads as a string (a formula: its TeX source) is read as that, once.
      const said = read(node);
      if (typeof said === 'string') {
        text += said;
        return;
      }
      if (tree.tag(node) === 'br' || tree.tag(node) === 'p') text += ' ';
      for (const child of tree.children(node)) collect(child);
    }
  };
  for (const child of tree.children(element)) collect(child);
  return text.replace(/\s+/g, ' ').trim();
}

/** Lines of a code block as written: indents kept, trailing spaces and the closing newline dropped. */
function codeLines<N>(tree: TreeReader<N>, pre: N, shown: (node: N) => boolean): string[] {
  let text = '';
  const collect = (node: N) => {
    const value = tree.text(node);
    if (value !== undefined) text += value;
    else if (tree.tag(node) === 'br') text += '\n';
    else if (tree.tag(node) !== undefined && shown(node)) for (const child of tree.children(node)) collect(child);
  };
  for (const child of tree.children(pre)) collect(child);
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function allText<N>(tree: TreeReader<N>, node: N): string {
  const value = tree.text(node);
  if (value !== undefined) return value;
  let text = '';
  for (const child of tree.children(node)) text += allText(tree, child);
  return text;
}

/** The `tag` elements under `node` that are shown, in document order, not looking inside a match. */
function descendants<N>(tree: TreeReader<N>, node: N, tag: string, shown: (node: N) => boolean): N[] {
  const found: N[] = [];
  for (const child of tree.children(node)) {
    if (tree.tag(child) === undefined || !shown(child)) continue;
    if (tree.tag(child) === tag) found.push(child);
    else found.push(...descendants(tree, child, tag, shown));
  }
  return found;
}

// Steps inside a formula: `\step{…}` shows that part at the slide's next step, `\step[N]{…}` at
// step N; `\step` (or `\step[N]`) with no braces at the start of a row of an environment
// (aligned, align, gather, cases, matrix, array…) makes the whole row a step. This file reads
// them in the author's TeX (a small lexer, as KaTeX's: control words, control symbols, braces,
// comments) and writes the TeX again: for KaTeX, with each part wrapped in an \htmlClass the
// deck alone can make (render.ts), and for the text and the MathML, as the formula reads at a
// given step (the parts not yet shown left out).

export interface TexStep {
  kind: 'group' | 'row';
  /** Offset of `\step` in the TeX. */
  start: number;
  /** Just past `\step` and its `[N]`, spaces after them included. */
  headerEnd: number;
  /** `N` as written in `[N]` (trimmed), and its offset; undefined without brackets. */
  written?: string;
  writtenAt?: number;
  /** A group's braces: the offsets of `{` and of its matching `}` (-1 when never closed). */
  open: number;
  close: number;
  /** A row's cells (offsets, end excluded), first one starting at headerEnd. */
  cells: [number, number][];
  /** Where the row ends: its `\\` (or the environment's `\end`), and just past that `\\` and its `[…]`. */
  rowEnd: number;
  terminatorEnd: number;
  endsEnvironment: boolean;
  /** The `\\` before the row, when it is not the environment's first. */
  previousSeparator?: [number, number];
  /** The step this one is inside, if any (index in the list). */
  parent?: number;
}

export interface TexProblem {
  offset: number;
  length: number;
  message: string;
}

export interface TexScan {
  steps: TexStep[];
  problems: TexProblem[];
}

type TokenKind = 'word' | 'symbol' | 'space' | 'comment' | 'char';
interface TexToken {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

/** KaTeX's tokens: `\word`, `\x`, a run of spaces, a `%` comment, or one character. */
function tokenize(tex: string): TexToken[] {
  const tokens: TexToken[] = [];
  const re = /\\[a-zA-Z@]+|\\[\s\S]|[ \t\r\n]+|%[^\n]*|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/gy;
  for (let m = re.exec(tex); m; m = re.exec(tex)) {
    const text = m[0];
    const first = text.charCodeAt(0);
    const kind: TokenKind =
      first === 0x5c ? (/^\\[a-zA-Z@]/.test(text) ? 'word' : 'symbol') : first === 0x25 ? 'comment' : /^\s/.test(text) ? 'space' : 'char';
    tokens.push({ kind, text, start: m.index, end: m.index + text.length });
  }
  return tokens;
}

/** Environments whose `\begin{…}` takes an argument (`{cc}`, `{2}`) before the first row. */
const ENV_ARGUMENT = new Set(['array', 'darray', 'subarray', 'alignat', 'alignat*', 'alignedat']);

interface Frame {
  kind: 'top' | 'brace' | 'env';
  /** A brace frame opened by a `\step{`: that step. */
  step?: number;
  /** An environment: whether the next token starts a row, the row's step, where its cell began, its last `\\`. */
  atRowStart?: boolean;
  rowStep?: number;
  cellStart?: number;
  lastSeparator?: [number, number];
}

export const STEP_COMMAND = '\\step';

/** The `\step`s of a formula, in the order they are written, and what is wrong with them. */
export function scanSteps(tex: string): TexScan {
  const steps: TexStep[] = [];
  const problems: TexProblem[] = [];
  if (!tex.includes(STEP_COMMAND)) return { steps, problems };
  const tokens = tokenize(tex);
  const stack: Frame[] = [{ kind: 'top' }];
  const top = () => stack[stack.length - 1]!;
  const env = () => (top().kind === 'env' ? top() : undefined);
  const innermostStep = () => {
    for (let f = stack.length - 1; f >= 0; f--) {
      const frame = stack[f]!;
      if (frame.step !== undefined) return frame.step;
      if (frame.rowStep !== undefined) return frame.rowStep;
    }
    return undefined;
  };
  const skipSpaces = (j: number) => {
    while (j < tokens.length && (tokens[j]!.kind === 'space' || tokens[j]!.kind === 'comment')) j++;
    return j;
  };
  /** Ends the current row of an environment frame at `offset`. */
  const endRow = (frame: Frame, offset: number, terminatorEnd: number, endsEnvironment: boolean) => {
    if (frame.rowStep !== undefined) {
      const step = steps[frame.rowStep]!;
      step.cells.push([frame.cellStart!, offset]);
      step.rowEnd = offset;
      step.terminatorEnd = terminatorEnd;
      step.endsEnvironment = endsEnvironment;
    }
    frame.rowStep = undefined;
  };
  /** The index just past a `{…}` group starting at token j (or j when there is none). */
  const skipGroup = (j: number) => {
    if (tokens[j]?.text !== '{') return j;
    let depth = 0;
    for (let k = j; k < tokens.length; k++) {
      if (tokens[k]!.text === '{') depth++;
      else if (tokens[k]!.text === '}' && --depth === 0) return k + 1;
    }
    return tokens.length;
  };
  /** The text of a `{name}` group at token j. */
  const groupText = (j: number) => {
    const end = skipGroup(j);
    return end > j ? tex.slice(tokens[j]!.end, tokens[end - 1]!.start).trim() : '';
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const frame = top();
    if (token.kind === 'space' || token.kind === 'comment') continue;
    if (token.kind === 'word' && token.text === STEP_COMMAND) {
      let j = skipSpaces(i + 1);
      let written: string | undefined;
      let writtenAt: number | undefined;
      if (tokens[j]?.text === '[') {
        let k = j + 1;
        while (k < tokens.length && tokens[k]!.text !== ']') k++;
        if (k === tokens.length) {
          problems.push({ offset: tokens[j]!.start, length: 1, message: '\\step[ is never closed by "]"' });
          break;
        }
        const raw = tex.slice(tokens[j]!.end, tokens[k]!.start);
        written = raw.trim();
        writtenAt = tokens[j]!.end + raw.search(/\S|$/);
        j = skipSpaces(k + 1);
      }
      const headerEnd = j < tokens.length ? tokens[j]!.start : tex.length;
      const step: TexStep = {
        kind: 'group',
        start: token.start,
        headerEnd,
        ...(written !== undefined ? { written, writtenAt } : {}),
        open: -1,
        close: -1,
        cells: [],
        rowEnd: -1,
        terminatorEnd: -1,
        endsEnvironment: false,
      };
      const parent = innermostStep();
      if (parent !== undefined) step.parent = parent;
      if (tokens[j]?.text === '{') {
        step.open = tokens[j]!.start;
        steps.push(step);
        stack.push({ kind: 'brace', step: steps.length - 1 });
        i = j;
        continue;
      }
      const inEnv = env();
      if (!inEnv || !inEnv.atRowStart || inEnv.rowStep !== undefined) {
        problems.push({
          offset: token.start,
          length: token.text.length,
          message: '\\step needs braces around the part it shows (\\step{…}); without them it must start a row of an environment such as aligned',
        });
        continue;
      }
      step.kind = 'row';
      if (inEnv.lastSeparator) step.previousSeparator = inEnv.lastSeparator;
      steps.push(step);
      inEnv.rowStep = steps.length - 1;
      inEnv.cellStart = headerEnd;
      inEnv.atRowStart = false;
      i = j - 1;
      continue;
    }
    if (token.text === '{' && token.kind === 'char') {
      if (frame.kind === 'env') frame.atRowStart = false;
      stack.push({ kind: 'brace' });
      continue;
    }
    if (token.text === '}' && token.kind === 'char') {
      if (frame.kind === 'brace') {
        stack.pop();
        if (frame.step !== undefined) steps[frame.step]!.close = token.start;
      }
      continue;
    }
    if (token.kind === 'word' && token.text === '\\begin') {
      const nameAt = skipSpaces(i + 1);
      const name = groupText(nameAt);
      let j = skipGroup(nameAt);
      if (ENV_ARGUMENT.has(name)) j = skipGroup(skipSpaces(j));
      if (frame.kind === 'env') frame.atRowStart = false;
      stack.push({ kind: 'env', atRowStart: true });
      i = j - 1;
      continue;
    }
    if (token.kind === 'word' && token.text === '\\end') {
      if (frame.kind === 'env') {
        endRow(frame, token.start, token.start, true);
        stack.pop();
      }
      i = skipGroup(skipSpaces(i + 1)) - 1;
      continue;
    }
    if (frame.kind === 'env' && ((token.kind === 'symbol' && token.text === '\\\\') || (token.kind === 'word' && token.text === '\\cr'))) {
      // A row's end, with its optional `[2pt]`.
      let end = token.end;
      let j = i + 1;
      const k = skipSpaces(j);
      if (tokens[k]?.text === '[') {
        let close = k + 1;
        while (close < tokens.length && tokens[close]!.text !== ']') close++;
        if (close < tokens.length) {
          end = tokens[close]!.end;
          j = close + 1;
        }
      }
      endRow(frame, token.start, end, false);
      frame.lastSeparator = [token.start, end];
      frame.atRowStart = true;
      i = j - 1;
      continue;
    }
    if (frame.kind === 'env' && token.kind === 'char' && token.text === '&') {
      if (frame.rowStep !== undefined) {
        steps[frame.rowStep]!.cells.push([frame.cellStart!, token.start]);
        frame.cellStart = token.end;
      }
      frame.atRowStart = false;
      continue;
    }
    if (token.kind === 'word' && (token.text === '\\hline' || token.text === '\\hdashline')) continue;
    if (frame.kind === 'env') frame.atRowStart = false;
  }
  for (const step of steps) {
    if (step.kind === 'group' && step.close < 0) problems.push({ offset: step.start, length: STEP_COMMAND.length, message: '\\step{ is never closed by "}"' });
    if (step.kind === 'row' && step.rowEnd < 0) problems.push({ offset: step.start, length: STEP_COMMAND.length, message: 'the row this \\step starts is never ended (by \\\\ or \\end{…})' });
  }
  return { steps, problems };
}

/** TeX written again, with a map from its offsets back to the author's. */
export interface MappedTex {
  text: string;
  /** The offset in the author's TeX that an offset in `text` comes from. */
  sourceOffset(offset: number): number;
  /** Whether an offset in `text` is in text the deck put there (not the author's). */
  inserted(offset: number): boolean;
}

interface Edit {
  from: number;
  to: number;
  text: string;
}

/** `tex` with `edits` (sorted by `from`, not overlapping) made, and the offsets mapped back. */
export function applyEdits(tex: string, edits: Edit[]): MappedTex {
  // Pieces of the result: copied from the source at `source`, or put in (anchored at `source`).
  const pieces: { at: number; source: number; length: number; copied: boolean }[] = [];
  let text = '';
  let from = 0;
  const copy = (end: number) => {
    if (end > from) {
      pieces.push({ at: text.length, source: from, length: end - from, copied: true });
      text += tex.slice(from, end);
    }
  };
  for (const edit of edits) {
    if (edit.from < from) continue; // (inside a part already removed)
    copy(edit.from);
    if (edit.text) {
      pieces.push({ at: text.length, source: edit.from, length: edit.text.length, copied: false });
      text += edit.text;
    }
    from = edit.to;
  }
  copy(tex.length);
  const pieceAt = (offset: number) => {
    let found = pieces[0];
    for (const piece of pieces) {
      if (piece.at > offset) break;
      found = piece;
    }
    return found;
  };
  return {
    text,
    sourceOffset: (offset) => {
      const piece = pieceAt(offset);
      if (!piece) return Math.min(offset, tex.length);
      return piece.copied ? piece.source + Math.min(offset - piece.at, piece.length) : piece.source;
    },
    inserted: (offset) => {
      const piece = pieceAt(offset);
      return !!piece && !piece.copied && offset < piece.at + piece.length;
    },
  };
}

/**
 * The TeX KaTeX renders: each part wrapped in `command(k)` (an \htmlClass of the deck's, which
 * takes the part as its argument). A part after `^` or `_` gets braces around that command
 * (`x^{\htmlClass{…}{2}}`), as a command with arguments needs there.
 */
export function stepsForKatex(tex: string, steps: readonly TexStep[], command: (step: number) => string): MappedTex {
  const edits: Edit[] = [];
  steps.forEach((step, k) => {
    if (step.kind === 'group') {
      const braced = needsBraces(tex, step);
      edits.push({ from: step.start, to: step.open, text: braced ? `{${command(k)}` : command(k) });
      if (braced && step.close >= 0) edits.push({ from: step.close + 1, to: step.close + 1, text: '}' });
      return;
    }
    edits.push({ from: step.start, to: step.headerEnd, text: '' });
    for (const [start, end] of step.cells) {
      edits.push({ from: start, to: start, text: `${command(k)}{` });
      edits.push({ from: end, to: end, text: '}' });
    }
  });
  return applyEdits(tex, sortEdits(edits));
}

/**
 * Whether a part is a superscript or subscript (`x^\step{2}`), where a command with arguments needs
 * braces. (An argument of a command, `\frac{a}\step{b}`, cannot be told from a group after
 * another, `\step{a}\step{+ b}`, whose `+` braces would turn into an ordinary symbol: there the
 * author writes the braces, as KaTeX's error there says.)
 */
function needsBraces(tex: string, step: TexStep): boolean {
  return /[\^_]\s*$/.test(tex.slice(Math.max(0, step.start - 64), step.start));
}

/** The formula as it reads when only the parts `shown` are shown: the others left out. */
export function texAtStep(tex: string, steps: readonly TexStep[], shown: (step: number) => boolean): string {
  const edits: Edit[] = [];
  const hidden = (k: number): boolean => !shown(k) || (steps[k]!.parent !== undefined && hidden(steps[k]!.parent!));
  steps.forEach((step, k) => {
    if (step.parent !== undefined && hidden(step.parent)) return;
    if (step.kind === 'group') {
      if (!shown(k)) {
        // `x^\step{2}` leaves `x`, not `x^`.
        const before = tex.slice(0, step.start).search(/[\^_]\s*$/);
        edits.push({ from: before >= 0 ? before : step.start, to: step.close + 1, text: '' });
        return;
      }
      const script = /[\^_]\s*$/.test(tex.slice(0, step.start));
      const body = tex.slice(step.open + 1, step.close);
      const gluesOn = /\\[a-zA-Z@]+\s*$/.test(body) && /^[a-zA-Z@]/.test(tex.slice(step.close + 1));
      if (script || gluesOn || body.trim() === '') edits.push({ from: step.start, to: step.open, text: '' });
      else {
        edits.push({ from: step.start, to: step.open + 1, text: '' });
        edits.push({ from: step.close, to: step.close + 1, text: '' });
      }
      return;
    }
    if (shown(k)) edits.push({ from: step.start, to: step.headerEnd, text: '' });
    else if (!step.endsEnvironment) edits.push({ from: step.start, to: step.terminatorEnd, text: '' });
    else if (step.previousSeparator) edits.push({ from: step.previousSeparator[0], to: step.rowEnd, text: '' });
    else edits.push({ from: step.start, to: step.rowEnd, text: '' });
  });
  const text = applyEdits(tex, mergeRemovals(sortEdits(edits))).text;
  // Rows left out at the end of an environment leave the `\\` before them: an empty last row.
  return edits.length > 0 ? text.replace(/\\\\(?:\[[^\]]*\])?\s*(?=\\end\s*\{)/g, '') : text;
}

function sortEdits(edits: Edit[]): Edit[] {
  return edits.map((edit, order) => ({ edit, order })).sort((a, b) => a.edit.from - b.edit.from || a.order - b.order).map(({ edit }) => edit);
}

/** Overlapping removals made one (two hidden rows both take the `\\` between them). */
function mergeRemovals(edits: Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const edit of edits) {
    const last = out[out.length - 1];
    if (last && edit.from < last.to && !edit.text && !last.text) last.to = Math.max(last.to, edit.to);
    else out.push({ ...edit });
  }
  return out;
}

// Stepped line highlighting: `{2|4-5|all}` (Slidev) or `[2|4-5]` (reveal.js) after a fence's
// language. Each `|`-separated stage lists lines (`3`), ranges (`4-6`) or `all` (also `*`),
// separated by commas; the first stage is highlighted as the slide opens, each further one at the
// next build step. Lines count from the block's first line, whatever number it shows.

/** The most stages one block may have (the theme has a rule per stage: src/vite/code.ts). */
export const MAX_STAGES = 24;

export interface RangeProblem {
  /** Offset of the offending text in the written ranges (the text between the brackets). */
  offset: number;
  message: string;
}

export interface HighlightStages {
  /** For each stage, the highlighted lines (1-based); every line for `all`. */
  stages: Set<number>[];
  problems: RangeProblem[];
}

/** Whether the text between a fence's brackets is line ranges, not attributes (`{.fragment}`, `{lines}`). */
export function looksLikeRanges(inner: string): boolean {
  const text = inner.trim();
  return text !== '' && (/^[\d\s,|*:-]+$/.test(text) || /^(?:all|\*)(?:\s*[|,].*)?$/i.test(text) || (text.includes('|') && /^[\w\s,|*:-]+$/.test(text)));
}

/** The stages written in `inner` (without its brackets), for a block of `lineCount` lines. */
export function parseRanges(inner: string, lineCount: number): HighlightStages {
  const stages: Set<number>[] = [];
  const problems: RangeProblem[] = [];
  let offset = 0;
  for (const stageText of inner.split('|')) {
    const stage = new Set<number>();
    if (stageText.trim() === '') {
      problems.push({ offset, message: `empty highlight stage in "${inner}": write a line, a range (4-6) or "all" between the bars` });
    }
    let itemOffset = offset;
    for (const item of stageText.split(',')) {
      const at = itemOffset + (item.length - item.trimStart().length);
      itemOffset += item.length + 1;
      const text = item.trim();
      if (text === '' && stageText.trim() === '') continue;
      const range = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
      if (text.toLowerCase() === 'all' || text === '*') {
        for (let line = 1; line <= lineCount; line++) stage.add(line);
        continue;
      }
      if (!range) {
        problems.push({ offset: at, message: `"${text}" is not a line or a range of lines; write 3, 4-6 or all, stages separated by |` });
        continue;
      }
      const from = Number(range[1]);
      const to = range[2] === undefined ? from : Number(range[2]);
      if (from === 0 || to === 0) problems.push({ offset: at, message: `"${text}": lines count from 1` });
      else if (to < from) problems.push({ offset: at, message: `range "${text}" ends before it starts` });
      else if (to > lineCount) {
        problems.push({ offset: at, message: `line ${to} is past the end of the code (${lineCount} line${lineCount === 1 ? '' : 's'})` });
      } else for (let line = from; line <= to; line++) stage.add(line);
    }
    stages.push(stage);
    offset += stageText.length + 1;
  }
  if (stages.length > MAX_STAGES) {
    problems.push({ offset: 0, message: `${stages.length} highlight stages; a block may have at most ${MAX_STAGES} (split the code over two slides)` });
    stages.length = MAX_STAGES;
  }
  return { stages, problems };
}

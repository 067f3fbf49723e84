// How a code block made by the deck reads, line by line, at a step: for the text export
// (src/core/frames.ts) and the announcer on pages with code (src/runtime/code.ts hands it to
// src/runtime/a11y.ts), so pages without code never carry it. It imports only types: in the browser
// it must share no module with the announcer (a shared module would be a chunk of its own, one more
// request on every page).
import type { FeatureReader, ReadRules, TreeReader } from '../../visibility.ts';

/**
 * The marker of a code line highlighted at this step, in a block with highlighted lines
 * (`{2|4-5}`): the text export writes `▶ ` before it, and two spaces before the block's other
 * lines, so the code stays aligned.
 */
export const CODE_HIGHLIGHTED = '▶';
export const CODE_DIMMED = ' ';

/**
 * The lines of a code block made by the deck (`<pre class="code">`, src/core/syntax/code/): each
 * `<span class="line">`, marked when the block highlights lines. A line is highlighted at stage K
 * when it has class `sK`; the stage is the number of the block's `code-stage` markers shown (the
 * theme's rule, src/vite/code.ts). Undefined for any other <pre>.
 */
export const codeBlockLines: FeatureReader = <N,>(tree: TreeReader<N>, pre: N, step: number, { isShownAt, allText }: ReadRules) => {
  const preClasses = (tree.attr(pre, 'class') ?? '').split(/\s+/);
  if (tree.tag(pre) !== 'pre' || !preClasses.includes('code')) return undefined;
  const code = [...tree.children(pre)].find((child) => tree.tag(child) === 'code');
  if (code === undefined) return [];
  const stepped = preClasses.includes('code-steps');
  let stage = 0;
  const lines: { text: string; marker: string; said: string }[] = [];
  for (const child of tree.children(code)) {
    const tag = tree.tag(child);
    if (tag === undefined) continue;
    const classes = (tree.attr(child, 'class') ?? '').split(/\s+/);
    if (tag === 'i' && classes.includes('code-stage')) {
      if (isShownAt(tree, child, step)) stage++;
      continue;
    }
    if (!classes.includes('line')) continue;
    const text = allText(tree, child).replace(/\s+$/, '');
    const highlighted = stepped && classes.includes(`s${stage}`);
    lines.push({ text, marker: stepped ? (highlighted ? CODE_HIGHLIGHTED : CODE_DIMMED) : '', said: highlighted ? `Highlighted: ${text}` : text });
  }
  while (lines.length > 0 && lines[lines.length - 1]!.text === '' && !lines[lines.length - 1]!.marker.trim()) lines.pop();
  return lines;
};

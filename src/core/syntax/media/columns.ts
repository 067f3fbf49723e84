// Columns, in Pandoc's and Quarto's syntax: `:::: columns` holding `::: column width=40%` blocks
// (also `::: {.column width="40%"}` and `:::: {.columns}`). They stand side by side on the stage
// and one under the other on a phone (src/theme/media.css). Steps inside them work as anywhere.
import type { MarkdownIt, Token } from 'markdown-it';
import container from 'markdown-it-container';
import { containerParams, declareSyntax } from '../feature.ts';

/** Pandoc's attribute form of the opening line: `{.column width="40%"}`, `{.columns}`. */
const PANDOC = (name: string) => new RegExp(`^\\{\\s*\\.${name}(\\s+[^}]*)?\\}$`);

export function columnsPlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'columns',
    containers: [
      { name: 'columns', summary: 'its `::: column` blocks stand side by side (stacked on a phone)', render: (token) => (token.nesting === 1 ? '<div class="columns">\n' : '</div>\n') },
      { name: 'column', summary: 'one column of `:::: columns`', params: { width: 'share' }, render: renderColumn },
    ],
  });
  // Pandoc's `::: {.column width="40%"}`: the same column, written as attributes.
  for (const name of ['columns', 'column'] as const) {
    md.use(container, `${name}_attrs`, {
      validate: (params: string) => PANDOC(name).test(params.trim()),
      render: (tokens: Token[], idx: number) => (name === 'columns' ? (tokens[idx]!.nesting === 1 ? '<div class="columns">\n' : '</div>\n') : renderColumn(tokens[idx]!)),
    });
  }
}

/** A column's width as written, `40%`, or undefined. */
export function columnWidth(token: Token): string | undefined {
  if (token.type.startsWith('container_column_attrs')) {
    // markdown-it-attrs may have taken `{…}` off the line and put it on the token.
    const written = token.attrGet('width') ?? /\bwidth\s*=\s*"?(\d+(?:\.\d+)?%)"?/.exec(token.info)?.[1];
    return written !== null && written !== undefined && /^\d+(\.\d+)?%$/.test(String(written)) ? String(written) : undefined;
  }
  const written = containerParams(token).find((p) => p.key === 'width')?.value?.replace(/"/g, '');
  return written && /^\d+(\.\d+)?%$/.test(written) ? written : undefined;
}

/** The share of its row a column takes, from 0 to 1 (half when no width is written). */
export function columnShare(token: Token): number {
  const width = columnWidth(token);
  const n = width ? parseFloat(width) : NaN;
  return n > 0 && n <= 100 ? n / 100 : 0.5;
}

function renderColumn(token: Token): string {
  if (token.nesting !== 1) return '</div>\n';
  const width = columnWidth(token);
  const n = width ? parseFloat(width) : NaN;
  return n > 0 && n <= 100 ? `<div class="column" style="--column-width:${n}%">\n` : '<div class="column">\n';
}

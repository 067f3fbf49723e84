// Tables (GFM), set for slides: a column of numbers aligns on the right (its cells get `num`), the
// header row is its own colour (src/theme/media.css), and a long table is set smaller, down to a
// floor that stays readable (past it, the overflow guard names the slide). `{.small}` on the line
// after a table makes it compact; `{.rows}` makes its body rows appear one step after another.
import type { MarkdownIt, Token } from 'markdown-it';
import { STEPS } from '../../phases.ts';
import { markFragment } from '../../steps/fragment-meta.ts';
import { declareSyntax } from '../feature.ts';

const NUMBER = /^[-+−]?(\d{1,3}([,\u202f ]\d{3})+|\d+)([.,]\d+)?\s*(%|×|x)?$/;
/** Body rows past which a table is set denser, and past which it is at its floor. */
export const DENSE_ROWS = 7;
export const FLOOR_ROWS = 11;

export function tablesPlugin(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'tables',
    markerClasses: [
      { name: 'small', summary: 'after a table: set compact' },
      { name: 'rows', summary: 'after a table: its body rows appear one step after another' },
    ],
  });
  md.core.ruler.before(STEPS, 'deck_tables', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.type === 'table_open') setTable(tokens, i);
    }
  });
}

function setTable(tokens: Token[], open: number): void {
  const table = tokens[open]!;
  // The table's cells, row by row (a nested table cannot occur in GFM).
  const rows: { tr: Token; body: boolean; cells: { open: Token; text: string }[] }[] = [];
  let body = false;
  let close = open;
  for (let j = open + 1; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.type === 'table_close') {
      close = j;
      break;
    }
    if (t.type === 'tbody_open') body = true;
    if (t.type === 'tr_open') rows.push({ tr: t, body, cells: [] });
    if (t.type === 'th_open' || t.type === 'td_open') rows.at(-1)?.cells.push({ open: t, text: tokens[j + 1]?.type === 'inline' ? tokens[j + 1]!.content.trim() : '' });
  }
  if (close === open) return;
  const bodyRows = rows.filter((r) => r.body);
  const columns = Math.max(0, ...rows.map((r) => r.cells.length));
  for (let c = 0; c < columns; c++) {
    const texts = bodyRows.map((r) => r.cells[c]?.text ?? '').filter((t) => t !== '');
    if (texts.length === 0 || !texts.every((t) => NUMBER.test(t))) continue;
    for (const row of rows) row.cells[c]?.open.attrJoin('class', 'num');
  }
  const classes = String(table.attrGet('class') ?? '').split(/\s+/).filter(Boolean);
  const size = bodyRows.length > FLOOR_ROWS ? 'table-floor' : bodyRows.length > DENSE_ROWS ? 'table-dense' : '';
  const rest = classes.filter((c) => c !== 'rows');
  table.attrSet('class', ['deck-table', ...(size ? [size] : []), ...rest].join(' '));
  if (classes.includes('rows')) {
    for (const row of bodyRows) markFragment(row.tr, { line: row.tr.map ? row.tr.map[0] + 1 : table.map ? table.map[0] + 1 : 0 });
  }
}

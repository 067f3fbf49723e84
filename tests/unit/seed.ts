// Reads the original deck's 33-page text export (the seed) and compares frames with it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const SEED_FILE = path.join(import.meta.dirname, '../fixtures/original-export.txt');

export interface SeedPage {
  page: number;
  lines: string[];
}

export function readSeed(text = readFileSync(SEED_FILE, 'utf8')): SeedPage[] {
  const pages: SeedPage[] = [];
  for (const chunk of text.split(/^(?=\d+ of \d+$)/m)) {
    const [head, ...rest] = chunk.split('\n');
    const match = /^(\d+) of \d+$/.exec(head ?? '');
    if (match) pages.push({ page: Number(match[1]), lines: rest });
  }
  return pages;
}

/**
 * The author revised some wording between repeated pages. Where two pages differ only by such a
 * fix, the deck keeps the later wording (one step, not two); each fix is listed here, with the page
 * it applies to, so the comparison stays exact everywhere else.
 */
export const LATER_WORDING: { page: number; from: string; to: string }[] = [
  { page: 13, from: 'before it starts producing reward.', to: 'before it starts gaining reward.' },
  { page: 15, from: 'some level of autonomy;', to: 'some level of autonomy' },
  { page: 15, from: 'certain freedom to choose;', to: 'certain freedom to choose' },
  { page: 15, from: 'objective for success;', to: 'objective for success' },
  { page: 15, from: 'I think You should', to: 'I think you should' },
];

/**
 * Lines as a reader sees them: blank lines, indentation and list markers (•, 1., 2.) dropped,
 * since a list's renumbering or bullet style is not a different frame.
 */
export function normalizeLines(lines: string[]): string[] {
  return lines
    .map((line) => line.trim().replace(/^(?:•|\d+\.)\s+/, ''))
    .filter((line) => line !== '');
}

export function applyLaterWording(page: SeedPage): string[] {
  return page.lines.map((line) =>
    LATER_WORDING.filter((fix) => fix.page === page.page).reduce((text, fix) => text.replace(fix.from, fix.to), line),
  );
}

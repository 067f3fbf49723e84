// Code's colours pass WCAG AA (4.5:1), light and dark: every foreground the two code themes give a
// token (src/node/code-highlighter.ts) on the code block and on a highlighted line, the dim colour
// of the lines not highlighted and of line numbers, and the ink of plain code (src/theme/code.css).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_THEMES } from '../../src/node/code-highlighter.ts';

const css = readFileSync('src/theme/code.css', 'utf8') + readFileSync('src/theme/palette.css', 'utf8');
/** `--name: light-dark(#light, #dark)` in the theme's sheets. */
function pair(name: string): { light: string; dark: string } {
  const m = new RegExp(`${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, 'i').exec(css);
  if (!m) throw new Error(`${name} is not a light-dark() pair in the theme`);
  return { light: m[1]!, dark: m[2]! };
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

type Theme = { fg?: string; colors?: Record<string, string>; tokenColors?: { settings: { foreground?: string; background?: string } }[] };
const themes = {
  light: (await import('@shikijs/themes/github-light-high-contrast')).default as Theme,
  dark: (await import('@shikijs/themes/github-dark-high-contrast')).default as Theme,
};

describe('code colours pass WCAG AA', () => {
  it('the themes are the ones the highlighter uses', () => {
    expect(CODE_THEMES).toEqual({ light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: every token colour on the block and on a highlighted line; dim lines, numbers and ink on the block`, () => {
      const paper = pair('--deck-code-paper')[scheme];
      const band = pair('--deck-code-band')[scheme];
      // (A token drawn on a background of its own, such as a diff's inserted line, keeps it; the
      // highlighter drops it, so only tokens without one are drawn on the code's own background.)
      const colours = new Set((themes[scheme].tokenColors ?? []).filter((t) => t.settings.foreground && !t.settings.background).map((t) => t.settings.foreground!.slice(0, 7).toLowerCase()));
      expect(colours.size).toBeGreaterThan(5);
      const failing = [...colours].flatMap((fg) => [paper, band].filter((bg) => contrast(fg, bg) < 4.5).map((bg) => `${fg} on ${bg}: ${contrast(fg, bg).toFixed(2)}`));
      expect(failing).toEqual([]);
      expect(contrast(pair('--deck-code-dim')[scheme], paper)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(pair('--deck-ink')[scheme], paper)).toBeGreaterThanOrEqual(7);
      expect(contrast(pair('--deck-ink')[scheme], band)).toBeGreaterThanOrEqual(7);
    });
  }
});

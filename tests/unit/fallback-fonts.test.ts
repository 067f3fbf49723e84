// The metric-matched fallbacks of src/theme/fonts.css (issue 17): until Atkinson Hyperlegible
// arrives, a page's text shows at once in a system font scaled and spaced to take Atkinson's room,
// so nothing moves when the web font replaces it. Each @font-face's numbers are recomputed here
// from the fonts themselves: Atkinson's from the files the theme cuts, the system fonts' from the
// table below (read with @capsizecss/unpack from the fonts, and checked against them where this
// machine has them), with Capsize's formula (createFontStack in @capsizecss/core).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fromFile } from '@capsizecss/unpack/fs';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const FONTS_CSS = readFileSync('src/theme/fonts.css', 'utf8');
const PALETTE_CSS = readFileSync('src/theme/palette.css', 'utf8');

interface Metrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  /** Capsize's average lowercase width, weighted by how often each letter occurs in English. */
  xWidthAvg: number;
}

/**
 * The system fonts that stand in for Atkinson Hyperlegible, by family in fonts.css, then weight.
 * Arial, Liberation Sans and Arimo share one set of metrics by design (Liberation and Arimo were
 * made to replace Arial without reflowing a page): Windows, macOS, iOS, ChromeOS and most Linux.
 * Roboto is Android's; DejaVu Sans is a Linux without Liberation. Read from Liberation Sans and
 * DejaVu Sans (Debian's fonts-liberation, fonts-dejavu-core) and Fontsource's Roboto 5.3.0.
 */
const SYSTEM: Record<string, { metrics: Record<400 | 700, Metrics & { file?: string }> }> = {
  Arial: {
    metrics: {
      400: { unitsPerEm: 2048, ascent: 1854, descent: -434, lineGap: 67, xWidthAvg: 913, file: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf' },
      700: { unitsPerEm: 2048, ascent: 1854, descent: -434, lineGap: 67, xWidthAvg: 983, file: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf' },
    },
  },
  Roboto: {
    metrics: {
      400: { unitsPerEm: 2048, ascent: 1900, descent: -500, lineGap: 0, xWidthAvg: 911 },
      700: { unitsPerEm: 2048, ascent: 1900, descent: -500, lineGap: 0, xWidthAvg: 926 },
    },
  },
  DejaVu: {
    metrics: {
      400: { unitsPerEm: 2048, ascent: 1901, descent: -483, lineGap: 0, xWidthAvg: 1041, file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' },
      700: { unitsPerEm: 2048, ascent: 1901, descent: -483, lineGap: 0, xWidthAvg: 1176, file: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
    },
  },
};

const atkinsonFile = (weight: number) => require.resolve(`@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-${weight}-normal.woff2`);
const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

/** Capsize's overrides: the fallback scaled to the web font's average width, its line box set to the web font's. */
function overrides(web: Metrics, fallback: Metrics) {
  const sizeAdjust = web.xWidthAvg / web.unitsPerEm / (fallback.xWidthAvg / fallback.unitsPerEm);
  return {
    'size-adjust': percent(sizeAdjust),
    'ascent-override': percent(web.ascent / web.unitsPerEm / sizeAdjust),
    'descent-override': percent(Math.abs(web.descent) / web.unitsPerEm / sizeAdjust),
    'line-gap-override': percent(web.lineGap / web.unitsPerEm / sizeAdjust),
  };
}

const faces = () => {
  const found: { family: string; weight: string; decls: Record<string, string> }[] = [];
  postcss.parse(FONTS_CSS).walkAtRules('font-face', (at) => {
    const decls: Record<string, string> = {};
    at.walkDecls((d) => void (decls[d.prop] = d.value));
    found.push({ family: decls['font-family']!.replace(/^['"]|['"]$/g, ''), weight: decls['font-weight'] ?? '400', decls });
  });
  return found;
};

describe('the fallbacks that stand in for Atkinson Hyperlegible (src/theme/fonts.css)', () => {
  it('have the overrides Capsize computes from Atkinson Hyperlegible and each system font, at each weight', async () => {
    const fallbacks = faces().filter((f) => f.family.startsWith('Atkinson Fallback '));
    expect(fallbacks.map((f) => `${f.family} ${f.weight}`).sort()).toEqual(
      Object.keys(SYSTEM).flatMap((name) => [400, 700].map((w) => `Atkinson Fallback ${name} ${w}`)).sort(),
    );
    for (const face of fallbacks) {
      const weight = Number(face.weight) as 400 | 700;
      const web = await fromFile(atkinsonFile(weight));
      const expected = overrides(web, SYSTEM[face.family.replace('Atkinson Fallback ', '')]!.metrics[weight]);
      for (const [prop, value] of Object.entries(expected)) expect(face.decls[prop], `${face.family} ${weight} ${prop}`).toBe(value);
      expect(face.decls.src, face.family).toMatch(/^local\(/);
      expect(face.decls.src, face.family).not.toMatch(/url\(/);
    }
  });

  it('take only what Atkinson Hyperlegible\'s Latin cut could draw, so emoji still reach Deck Emoji', () => {
    const latin = (require('@fontsource/atkinson-hyperlegible/unicode.json') as Record<string, string>).latin!.replace(/\s/g, '');
    for (const face of faces().filter((f) => f.family.startsWith('Atkinson Fallback '))) {
      expect(face.decls['unicode-range']!.replace(/\s/g, ''), face.family).toBe(latin);
    }
  });

  it('come right after Atkinson Hyperlegible in the text and heading stacks, before Deck Emoji', () => {
    const names = Object.keys(SYSTEM).map((name) => `'Atkinson Fallback ${name}'`).join(', ');
    for (const variable of ['--r-main-font', '--r-heading-font']) {
      expect(PALETTE_CSS).toContain(`${variable}: 'Atkinson Hyperlegible', ${names}, 'Deck Emoji', sans-serif;`);
    }
  });

  it('let Atkinson Hyperlegible\'s own faces show the text at once (swap), so the title never waits for them', () => {
    const own = faces().filter((f) => f.family === 'Atkinson Hyperlegible');
    expect(own.map((f) => f.weight).sort()).toEqual(['400', '700']);
    for (const face of own) expect(face.decls['font-display']).toBe('swap');
  });

  // The table's system metrics, read again from the fonts where this machine has them (Debian's
  // Chromium brings Liberation and DejaVu along).
  for (const [name, { metrics }] of Object.entries(SYSTEM)) {
    for (const [weight, entry] of Object.entries(metrics)) {
      if (!entry.file) continue;
      it.skipIf(!existsSync(entry.file))(`the table's ${name} ${weight} is what ${entry.file} says`, async () => {
        const read = await fromFile(entry.file!);
        expect({ unitsPerEm: read.unitsPerEm, ascent: read.ascent, descent: read.descent, lineGap: read.lineGap, xWidthAvg: read.xWidthAvg }).toEqual({
          unitsPerEm: entry.unitsPerEm,
          ascent: entry.ascent,
          descent: entry.descent,
          lineGap: entry.lineGap,
          xWidthAvg: entry.xWidthAvg,
        });
      });
    }
  }
});

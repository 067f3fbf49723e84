// The build-time cut of the theme's fonts and emoji pictures (src/vite/fonts.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMOJI, emojiIn, hasEmoji, withoutEmoji } from '../../src/core/syntax/emoji.ts';
import { THEME_FONTS, emojiCss, pageFaces, pageFontCss, shippedCoverage } from '../../src/vite/fonts.ts';
import { compileDeck } from '../../src/core/compile.ts';
import { SHIPPED_COVERAGE, decodeRanges } from '../../src/core/font-coverage.ts';

const require = createRequire(import.meta.url);

describe('theme fonts', () => {
  it('writes one Twemoji picture per emoji used, flags included, and warns for an unknown one', () => {
    const warnings: string[] = [];
    const css = emojiCss('❌ a ❌ 🇺🇸 \u{1FAE8}\u{1F3FE}', (m) => warnings.push(m));
    expect(css.match(/data-emoji="[^"]+"/g)).toEqual(['data-emoji="274c"', 'data-emoji="1f1fa-1f1f8"', 'data-emoji="1fae8"']);
    expect(css).toContain('url("data:image/svg+xml,%3Csvg');
    expect(warnings).toEqual([]);
    expect(emojiCss('\u{1F9FF}\u200D\u{1F9FF}', (m) => warnings.push(m))).not.toContain('data-emoji=');
    expect(warnings).toHaveLength(1);
  });

  it('keeps text glyphs out of the emoji font and emoji out of the text font', () => {
    const [regular, , emoji] = THEME_FONTS;
    expect(regular!.keep('a❌b🇺🇸')).not.toMatch(/❌|\u{1F1FA}/u);
    expect(regular!.keep('“é”')).toContain('é');
    expect(emoji!.keep('a❌b🇺🇸1')).toBe('❌🇺🇸');
  });

  it('cuts a font down to a few KiB', async () => {
    const [regular] = THEME_FONTS;
    const full = readFileSync(require.resolve(regular!.from));
    const cut = await subsetFont(full, regular!.keep('Collaborations in ML'), { targetFormat: 'woff2', noHinting: true });
    expect(cut.length).toBeLessThan(full.length / 2);
  });
});

describe('emoji sequences', () => {
  it('has a Twemoji picture for skin tones, ZWJ sequences, tag flags and keycaps, and for a ZWJ sequence Twemoji names without U+FE0F', () => {
    const warnings: string[] = [];
    const css = emojiCss('👨🏽‍🔬 👍🏽 🏴󠁧󠁢󠁳󠁣󠁴󠁿 1️⃣ 👁️‍🗨️ © ™ ↔', (m) => warnings.push(m));
    expect(css.match(/data-emoji="[^"]+"/g)).toEqual([
      'data-emoji="1f468-1f3fd-200d-1f52c"',
      'data-emoji="1f44d-1f3fd"',
      'data-emoji="1f3f4-e0067-e0062-e0073-e0063-e0074-e007f"',
      'data-emoji="31-20e3"',
      'data-emoji="1f441-fe0f-200d-1f5e8-fe0f"',
    ]);
    expect(warnings).toEqual([]);
  });

  it('keeps ©, ™ and ↔ in the text font, and a whole keycap or flag in the emoji font', () => {
    const [regular, , emoji] = THEME_FONTS;
    expect(regular!.keep('© ™ ↔')).toContain('© ™ ↔');
    expect(emoji!.keep('© 1️⃣ 🇺🇸')).toBe('1️⃣🇺🇸');
  });
});

describe('faces a page declares itself', () => {
  const page = (slides: string) => `<html><head><title>*x*</title></head><body><div class="slides">${slides}</div></body></html>`;

  it('italics, 400 and 700, cut to ASCII and the characters in emphasis, only on a page with emphasis', () => {
    const faces = pageFaces(page('<section><p>plain <em>Ça</em> and <strong>bold</strong></p></section>'));
    expect(faces.map((f) => `${f.weight} ${f.style}`)).toEqual(['400 italic', '700 italic']);
    expect(faces[0]!.from).toMatch(/atkinson-hyperlegible-latin-400-italic\.woff2$/);
    expect(faces[0]!.text).toContain('Ç');
    expect(faces[0]!.unicodeRange).toBeUndefined();
    expect(pageFaces(page('<section><p>plain *not emphasis*</p></section>'))).toEqual([]);
  });

  it('the talk’s page declares none: no emphasis, no character beyond Latin', () => {
    const slides = compileDeck(readFileSync('slides/collaborations-in-ml.md', 'utf8'), { file: 'talk.md' }).slides.map((s) => s.html).join('');
    expect(pageFaces(page(slides))).toEqual([]);
  });

  it('Arabic and Chinese from the Noto subsets that have them, Latin Extended from Atkinson Hyperlegible, each only for its characters', () => {
    const faces = pageFaces(page('<section><h2>عربي</h2><p>中文 and ł, <em>ł</em> 👍🏽</p></section>'));
    const byFile = faces.filter((f) => f.unicodeRange).map((f) => `${f.from.replace(/^.*\/files\//, '')} ${f.unicodeRange}`);
    expect(byFile).toEqual([
      'atkinson-hyperlegible-latin-ext-400-normal.woff2 U+142',
      'atkinson-hyperlegible-latin-ext-700-normal.woff2 U+142',
      'atkinson-hyperlegible-latin-ext-400-italic.woff2 U+142',
      'atkinson-hyperlegible-latin-ext-700-italic.woff2 U+142',
      'noto-sans-arabic-arabic-400-normal.woff2 U+628,U+631,U+639,U+64A',
      'noto-sans-arabic-arabic-700-normal.woff2 U+628,U+631,U+639,U+64A',
      'noto-sans-sc-119-400-normal.woff2 U+4E2D',
      'noto-sans-sc-119-700-normal.woff2 U+4E2D',
      'noto-sans-sc-118-400-normal.woff2 U+6587',
      'noto-sans-sc-118-700-normal.woff2 U+6587',
    ]);
    for (const face of faces) expect(() => require.resolve(face.from)).not.toThrow();
    expect(pageFontCss([{ face: faces.find((f) => f.unicodeRange === 'U+142')!, url: 'assets/x.woff2' }])).toBe(
      "@font-face{font-family:'Atkinson Hyperlegible';font-style:normal;font-weight:400;font-display:block;src:url(assets/x.woff2) format('woff2');unicode-range:U+142}",
    );
  });

  it('src/core/font-coverage.ts holds the coverage of the fonts shipped (if not, it prints the table to paste there)', () => {
    const table = shippedCoverage();
    if (SHIPPED_COVERAGE.trim().split(/\s+/).join(' ') !== table) {
      const lines = table.match(/.{1,100}(?: |$)/g)!.map((line) => line.trim());
      throw new Error(`src/core/font-coverage.ts is out of date with the font packages; SHIPPED_COVERAGE should be:\n\`\n${lines.join('\n')}\n\``);
    }
    expect(decodeRanges(SHIPPED_COVERAGE)).toEqual(decodeRanges(table));
  });
});

describe('emoji found on non-ASCII runs only (src/core/syntax/emoji.ts)', () => {
  // The pieces emoji are made of, and what stands around them: the same answers as EMOJI over the whole text.
  const PIECES = ['a', ' ', '1', '#', '*', '\uFE0F', '\uFE0E', '\u20E3', '\u200D', '👍', '🏽', '👨', '🔬', '🇺', '🇸', '🏴', '\u{E0067}', '\u{E007F}', '©', '™', 'é', '❌', '\n', 'ψ', '中', '—', '’', '\u{1F3FB}', '\u2194', '\u00AE', '0', '\u{1F1E6}', '\u{E0020}'];
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

  it('emojiIn, withoutEmoji and hasEmoji give what EMOJI gives', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(emojiIn(t)).toEqual(t.match(EMOJI) ?? []);
        expect(withoutEmoji(t)).toBe(t.replace(EMOJI, ''));
        expect(hasEmoji(t)).toBe((t.match(EMOJI) ?? []).length > 0);
      }),
      { numRuns: 2000 },
    );
  });
});

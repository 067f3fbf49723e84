// The build-time cut of the theme's fonts and emoji pictures (src/vite/fonts.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';
import { describe, expect, it } from 'vitest';
import { THEME_FONTS, emojiCss } from '../../src/vite/fonts.ts';

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

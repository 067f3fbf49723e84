// The title slide's QR code (front matter `qr:`): the SVG the build writes decodes to the deck's
// address (rasterized with sharp, read with jsQR, a decoder of its own), its modules are qrcode's,
// and it carries nothing a figure may not.
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { compileDeck, compileWholeDeck } from '../../src/core/compile.ts';
import { deckFrames } from '../../src/core/frames.ts';
import { qrSvg } from '../../src/core/syntax/qr.ts';
import { loadQrEncoder, QR_ERROR_CORRECTION } from '../../src/node/qr-encoder.ts';

const encodeQr = await loadQrEncoder();

const deck = (front: string) => `---\ntitle: A talk\nauthor: Me\n${front}\n---\n\n## Next\n`;
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What a phone's camera would read in `svg` (drawn at 400 px), or undefined. */
async function decodeSvg(svg: string): Promise<string | undefined> {
  const { data, info } = await sharp(Buffer.from(svg)).resize(400, 400).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
}

function titleSvg(source: string): string {
  const html = compileDeck(source, { qr: encodeQr }).slides[0]!.html;
  const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0];
  expect(svg, html).toBeDefined();
  return svg!;
}

describe('qr: on the title slide', () => {
  it('qr: https://… draws a code that decodes to that address', async () => {
    const url = 'https://example.org/talks/collaborations-in-ml/?from=room#/title';
    const svg = titleSvg(deck(`qr: ${url}`));
    expect(svg).toContain(`aria-label="QR code for ${escape(url)}"`);
    expect(await decodeSvg(svg)).toBe(url);
  });

  it('qr: true draws the address in canonical:', async () => {
    const svg = titleSvg(deck('canonical: https://user.github.io/repo/\nqr: true'));
    expect(await decodeSvg(svg)).toBe('https://user.github.io/repo/');
  });

  it("its modules are qrcode's own matrix, with a quiet zone of four modules", () => {
    const url = 'http://example.org/a';
    const expected = QRCode.create(url, { errorCorrectionLevel: QR_ERROR_CORRECTION }).modules;
    const svg = qrSvg(encodeQr(url), url, escape);
    const side = expected.size + 8;
    expect(svg).toContain(`viewBox="0 0 ${side} ${side}"`);
    const dark = new Set<string>();
    for (const [, x, y, run] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) for (let k = 0; k < Number(run); k++) dark.add(`${Number(y) - 4},${Number(x) - 4 + k}`);
    for (let row = 0; row < expected.size; row++) for (let column = 0; column < expected.size; column++) expect(dark.has(`${row},${column}`), `${row},${column}`).toBe(Boolean(expected.get(row, column)));
  });

  it('the address is written under the code as a link (the text export and screen readers read it)', () => {
    const html = compileDeck(deck('qr: https://example.org/t/'), { qr: encodeQr }).slides[0]!.html;
    expect(html).toContain('<figcaption><a href="https://example.org/t/" target="_blank" rel="noopener noreferrer">https://example.org/t/</a></figcaption>');
    expect(html).not.toMatch(/<script|\son\w+=|href="(?!https:\/\/example\.org)/);
    expect(deckFrames(compileDeck(deck('qr: https://example.org/t/'), { qr: encodeQr }))[0]!.lines).toEqual(['A talk', '', 'Me', '', 'https://example.org/t/']);
  });

  it('without an encoder (markdown-it on its own) the address alone; qr: false and no qr: draw nothing', () => {
    expect(compileDeck(deck('qr: https://example.org/t/')).slides[0]!.html).toMatch(/<figure class="deck-qr">\n<figcaption>/);
    for (const front of ['qr: false', 'canonical: https://user.github.io/repo/']) {
      const with_ = compileDeck(deck(front), { qr: encodeQr });
      expect(with_.slides[0]!.html).not.toContain('deck-qr');
      expect(with_.diagnostics).toEqual([]);
    }
  });

  it('a whole-deck parse reports what the slide-by-slide compile reports', () => {
    for (const front of ['qr: true', 'qr: ftp://example.org/', 'titleSlide: false\nqr: https://example.org/']) {
      expect(compileWholeDeck(deck(front), { qr: encodeQr }).diagnostics).toEqual(compileDeck(deck(front), { qr: encodeQr }).diagnostics);
    }
  });
});

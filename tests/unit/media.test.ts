// Pictures, video, columns, layouts, backgrounds, tables and callouts (src/core/syntax/media/):
// the HTML each syntax makes and what each mistake reports (tests/fixtures/media/*.txt, one test
// per case, named by its line; `html.txt` compares the slides, `diagnostics.txt` the diagnostics),
// with the fixture media service; then the Node side (src/node/media.ts) on real files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { compileDeck, formatDiagnostic } from '../../src/core/index.ts';
import { pictureSize } from '../../src/core/syntax/media/service.ts';
import { createMediaService, inspect, mediaPaths } from '../../src/node/media.ts';
import { loadDeckWithCode } from '../../src/node/read-deck.ts';
import { pageHasMedia } from '../../src/vite/media.ts';
import { readFixtures } from './fixture-file.ts';
import { fixtureMedia } from './media-fixtures.ts';
import { highlighterFor } from './highlighter.ts';

const dir = path.join(import.meta.dirname, '../fixtures/media');

describe('html.txt', () => {
  for (const c of readFixtures(path.join(dir, 'html.txt'))) {
    it(`line ${c.line}: ${c.header}`, () => {
      const deck = compileDeck(c.input, { file: 'deck.md', media: fixtureMedia });
      expect(deck.slides.map((s) => s.html).join('')).toBe(c.expected);
    });
  }
});

describe('diagnostics.txt', () => {
  for (const c of readFixtures(path.join(dir, 'diagnostics.txt'))) {
    it(`line ${c.line}: ${c.header}`, () => {
      const deck = compileDeck(c.input, { file: 'deck.md', media: fixtureMedia });
      expect(deck.diagnostics.map(formatDiagnostic).join('\n') + '\n').toBe(c.expected);
    });
  }
});

describe('sizes', () => {
  it('sends a raster at most twice its drawn size, never more than the file', () => {
    const box = { width: 1248, height: 560 };
    expect(pictureSize({ width: 4000, height: 3000 }, { box, width: '45%' })).toEqual({ display: { width: 562, height: 421 }, file: { width: 1124, height: 842 } });
    expect(pictureSize({ width: 4000, height: 3000 }, { box })).toEqual({ display: { width: 747, height: 560 }, file: { width: 1494, height: 1120 } });
    expect(pictureSize({ width: 300, height: 200 }, { box })).toEqual({ display: { width: 300, height: 200 }, file: { width: 300, height: 200 } });
    expect(pictureSize({ width: 300, height: 200 }, { box, height: '50%' }).display).toEqual({ width: 540, height: 360 });
    expect(pictureSize({ width: 2400, height: 1600 }, { box: { width: 640, height: 720 }, cover: true }).file.width).toBe(2160);
  });

  it('finds the paths a deck names', () => {
    expect(mediaPaths('![a](plots/a.png){dark=plots/b.png}\n## T {background-image="c.jpg" image=\'d.png\'}\n![v](m.mp4){poster=p.png} ![r](https://x/y.png)')).toEqual(['plots/a.png', 'm.mp4', 'plots/b.png', 'c.jpg', 'd.png', 'p.png']);
  });
});

describe('the Node side: sharp reads, checks and converts, with a cache', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'deck-media-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('tells a damaged file, a file that is no image and an image too large from good ones', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a3252b' } }).png().toBuffer();
    expect(await inspect(png)).toEqual({ kind: 'raster', format: 'png', width: 64, height: 48, animated: false });
    expect(await inspect(png.subarray(0, png.length - 40))).toMatchObject({ kind: 'problem', problem: 'corrupt' });
    expect(await inspect(Buffer.from('# not a picture\n'))).toEqual({ kind: 'problem', problem: 'not-image' });
    expect(await inspect(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ kind: 'svg' });
    // A PNG header that says 10000×6000 (60 megapixels): refused from the header alone.
    const huge = Buffer.from(png);
    huge.writeUInt32BE(10000, 16);
    huge.writeUInt32BE(6000, 20);
    expect(await inspect(huge)).toMatchObject({ kind: 'problem', problem: 'too-large' });
  });

  it('a 2000×1500 PNG reaches the page at twice its drawn size, and a rebuild converts nothing', async () => {
    mkdirSync(path.join(root, 'slides/plots'), { recursive: true });
    // A plot-like picture: lines on white, as matplotlib saves them.
    const lines = Array.from({ length: 40 }, (_, i) => `<path d="M0 ${i * 37} L2000 ${1500 - i * 35}" stroke="#${(i * 123456).toString(16).padStart(6, '0').slice(0, 6)}" stroke-width="4"/>`).join('');
    await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="1500"><rect width="2000" height="1500" fill="#fff"/>${lines}</svg>`)).png().toFile(path.join(root, 'slides/plots/big.png'));
    writeFileSync(path.join(root, 'slides/deck.md'), '## A plot\n\n![Lines](plots/big.png){width=45%}\n');
    const highlighter = await highlighterFor([]);
    const first = createMediaService(root);
    const deck = await loadDeckWithCode('slides/deck.md', highlighter, root, undefined, first);
    expect(deck.diagnostics).toEqual([]);
    expect(deck.slides[0]!.html).toContain('width="562" height="421"');
    expect(await first.produce()).toEqual({ converted: 3, cached: 0 });
    const urls = [...deck.slides[0]!.html.matchAll(/(?:srcset|src)="\/([^"]+)"/g)].map((m) => path.join(root, m[1]!));
    for (const file of urls) expect(await sharp(file).metadata()).toMatchObject({ width: 1124, height: 842 });
    // A new process (a rebuild) finds every file in the cache.
    const again = createMediaService(root);
    await loadDeckWithCode('slides/deck.md', highlighter, root, undefined, again);
    expect(await again.produce()).toEqual({ converted: 0, cached: 3 });
  }, 60_000);

  it('reports a path outside the project and a missing file at the image', async () => {
    writeFileSync(path.join(root, 'slides/bad.md'), '## Bad\n\n![Outside](../../etc/x.png)\n\n![Gone](plots/gone.png)\n');
    const deck = await loadDeckWithCode('slides/bad.md', await highlighterFor([]), root, undefined, createMediaService(root));
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([
      'slides/bad.md:3:12: error: image "../../etc/x.png" is outside the project; copy it next to the deck',
      'slides/bad.md:5:9: error: image not found: "plots/gone.png" (paths are relative to the deck\'s folder)',
    ]);
  });
});

describe('which pages carry the media sheet (src/vite/media.ts)', () => {
  it('a page with only an aside, or only a {.smaller} slide, gets it (their look is in it); notes alone do not', () => {
    const page = (slides: string) => `<html><head></head><body><div class="slides">${slides}</div></body></html>`;
    expect(pageHasMedia(page('<section id="a"><h2>A</h2><aside class="aside">\n<p>x</p>\n</aside></section>')).any).toBe(true);
    expect(pageHasMedia(page('<section id="a"><h2>A</h2><aside class="aside fragment" data-fragment-index="0"></aside></section>')).any).toBe(true);
    expect(pageHasMedia(page('<section id="a" class="smaller" data-source-line="1"><h2>A</h2></section>')).any).toBe(true);
    expect(pageHasMedia(page('<section id="a"><h2>A</h2><aside class="notes">\n<p>x</p>\n</aside></section>')).any).toBe(false);
  });
});

// The overflow guard: every step of every deck, rendered by the built site (its theme and runtime)
// at 16:9 and 4:3, must keep every visible element inside the slide and no two text blocks on top
// of each other. A failure names the deck's file and the slide's source line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { compileDeck, type Deck } from '../../src/core/index.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import { scholarlyFor } from '../../src/node/read-deck.ts';
import { guard, measureStep, serveDeck } from './overflow-guard.ts';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];

const DECKS = readdirSync('slides')
  .filter((name) => name.endsWith('.md'))
  .map((name) => path.join('slides', name));

async function compile(file: string, source = readFileSync(file, 'utf8')): Promise<Deck> {
  // Citations and diagrams as the build reads and draws them.
  return compileDeck(source, { file, readAsset: readAssetFromDisk(file), ...(await scholarlyFor(source)) });
}

for (const file of DECKS) {
  for (const size of SIZES) {
    test(`${file}: nothing overflows or overlaps at ${size.width}×${size.height}, at any step`, async ({ page }) => {
      test.slow();
      await page.setViewportSize(size);
      const deck = await compile(file);
      const url = await serveDeck(page, deck, path.basename(file, '.md'));
      expect(await guard(page, deck, url)).toEqual([]);
    });
  }
}

test('the guard itself: it names the source line of a slide that overflows or overlaps', async ({ page }) => {
  const source = [
    '## Fits',
    '',
    'A short line.',
    '',
    '---',
    '',
    '## Too long',
    '',
    ...Array.from({ length: 30 }, (_, i) => `- item ${i + 1}`),
    '',
    '---',
    '',
    '## Too wide',
    '',
    `${'W'.repeat(120)}`,
    '',
    '---',
    '',
    '## On top',
    '',
    '[Lower text]{style="position:absolute;top:300px;left:100px"}',
    '',
    '[Upper text]{style="position:absolute;top:305px;left:110px"}',
    '',
  ].join('\n');
  const deck = await compile('slides/overflow-self-test.md', source);
  const url = await serveDeck(page, deck, 'overflow-self-test');
  const problems = await guard(page, deck, url);
  const lineOf = (title: string) => deck.slides.find((s) => s.title === title)!.line;
  expect(problems.filter((p) => p.includes(`:${lineOf('Fits')}:`))).toEqual([]);
  expect(problems.some((p) => p.startsWith(`slides/overflow-self-test.md:${lineOf('Too long')}: step 2 of 4 at 1280×720:`) && p.includes('past the bottom'))).toBe(true);
  expect(problems.some((p) => p.startsWith(`slides/overflow-self-test.md:${lineOf('Too wide')}:`) && p.includes('past the right'))).toBe(true);
  expect(problems.some((p) => p.startsWith(`slides/overflow-self-test.md:${lineOf('On top')}:`) && p.includes('overlaps'))).toBe(true);
});

test('the guard itself: inline SVG figures, labels that fit pass and labels on top of each other do not', async ({ page }) => {
  await page.goto('./');
  await page.locator('.reveal.ready').waitFor();
  const measureWith = async (svg: string) => {
    await page.evaluate((markup) => {
      const slide = document.querySelector('.reveal .slides section.present')!;
      slide.innerHTML = `<h2>A figure</h2>${markup}`;
    }, svg);
    return page.evaluate(measureStep);
  };
  const figure = (labels: string) =>
    `<svg viewBox="0 0 800 300" width="800" height="300" role="img"><title>axis</title>` +
    `<line x1="40" y1="150" x2="760" y2="150" stroke="black"/>${labels}<circle cx="900" cy="150" r="40"/></svg>`;
  // A shape outside the viewBox is clipped by the svg: no overflow.
  expect(await measureWith(figure('<text x="40" y="130" font-size="32">powerless</text><text x="600" y="130" font-size="32">powerful</text>'))).toEqual([]);
  const colliding = await measureWith(figure('<text x="40" y="130" font-size="32">powerless</text><text x="60" y="135" font-size="32">powerful</text>'));
  expect(colliding.map((p) => p.what)).toEqual([expect.stringMatching(/<text> "powerless" overlaps <text> "powerful"/)]);
});

test('npm run check -- --layout: the guard from the command line names what does not fit at the slide’s line, once, at each screen size', () => {
  test.slow();
  const dir = mkdtempSync(path.join(tmpdir(), 'layout-check-'));
  try {
    const items = Array.from({ length: 14 }, (_, i) => `- item ${i + 1} of a list that is far too long for one slide`).join('\n');
    writeFileSync(path.join(dir, 'too-long.md'), `## Fits\n\nA short line.\n\n---\n\n## Too long\n\n${items}\n\nA last line. {.fragment}\n`);
    writeFileSync(path.join(dir, 'fits.md'), '## Fits\n\nA short line. {.fragment}\n');
    const run = spawnSync('npm', ['run', 'check', '--silent', '--', '--layout', path.join(dir, 'too-long.md'), path.join(dir, 'fits.md')], { encoding: 'utf8', timeout: 120_000 });
    const file = path.join(dir, 'too-long.md');
    const lines = run.stdout.trim().split('\n').filter((line) => line !== 'Built the site.');
    expect(lines, run.stderr).toEqual([
      // The list from the step its slide opens at; the paragraph after it from its own step.
      expect.stringMatching(new RegExp(`^${file}:7:1: error: does not fit on a 1280×720 screen from step 2 of 3: <ul> .* reaches \\d+px past the bottom of the slide$`)),
      expect.stringMatching(new RegExp(`^${file}:7:1: error: does not fit on a 1280×720 screen from step 3 of 3: <p.fragment> "A last line." reaches \\d+px past the bottom of the slide$`)),
      expect.stringMatching(new RegExp(`^${file}:7:1: error: does not fit on a 1024×768 screen from step 2 of 3: <ul> .* reaches \\d+px past the bottom of the slide$`)),
      expect.stringMatching(new RegExp(`^${file}:7:1: error: does not fit on a 1024×768 screen from step 3 of 3: <p.fragment> "A last line." reaches \\d+px past the bottom of the slide$`)),
      `${file}: 2 slides, 3 steps`,
      `${path.join(dir, 'fits.md')}: 1 slide, 2 steps`,
    ]);
    expect(run.status).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

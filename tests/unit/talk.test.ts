// The talk against the original: every page of the seed has a step showing exactly its text, in order.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck, countFrames, deckFrames, framesToText } from '../../src/core/index.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import { applyLaterWording, LATER_WORDING, normalizeLines, readSeed } from './seed.ts';

const TALK = path.join(import.meta.dirname, '../../slides/collaborations-in-ml.md');
const deck = compileDeck(readFileSync(TALK, 'utf8'), { file: 'slides/collaborations-in-ml.md', readAsset: readAssetFromDisk('slides/collaborations-in-ml.md', path.join(import.meta.dirname, '../..')) });
const frames = deckFrames(deck);
const seed = readSeed();

describe('the talk', () => {
  it('compiles without diagnostics', () => {
    expect(deck.diagnostics).toEqual([]);
  });

  it('reads all 33 pages of the seed', () => {
    expect(seed.map((p) => p.page)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
  });

  it('every later-wording fix applies to its page', () => {
    for (const fix of LATER_WORDING) {
      const page = seed.find((p) => p.page === fix.page)!;
      expect(page.lines.join('\n'), `page ${fix.page}`).toContain(fix.from);
    }
  });

  it('walks the seed in order: each page is a step, and every step is some page', () => {
    const used = new Set<number>();
    let at = 0;
    for (const page of seed) {
      const want = normalizeLines(applyLaterWording(page));
      let found = -1;
      for (let j = at; j < frames.length; j++) {
        if (JSON.stringify(normalizeLines(frames[j]!.lines)) === JSON.stringify(want)) {
          found = j;
          break;
        }
      }
      // A page identical to the one before it is the next step when the deck has one like it
      // (the chart over "year" builds in two steps with the same words).
      if (found === at && used.has(at) && JSON.stringify(normalizeLines(frames[at + 1]?.lines ?? [])) === JSON.stringify(want)) found = at + 1;
      expect(found, `page ${page.page} has no matching step at or after step ${at + 1}:\n${want.join('\n')}`).toBeGreaterThanOrEqual(0);
      used.add(found);
      at = found;
    }
    expect([...used].sort((a, b) => a - b)).toEqual(frames.map((_, i) => i));
  });

  it('keeps consecutive identical pages as one step', () => {
    const text = (n: number) => JSON.stringify(normalizeLines(applyLaterWording(seed[n - 1]!)));
    for (let n = 2; n <= 33; n++) {
      if (text(n) !== text(n - 1)) continue;
      // Identical text only stays two steps where a picture changes between them (the chart over "year").
      const matches = frames.filter((f) => JSON.stringify(normalizeLines(f.lines)) === text(n));
      expect(matches.length, `pages ${n - 1}-${n}`).toBeLessThanOrEqual(text(n).includes('year') ? 2 : 1);
    }
  });

  it('has the slides and steps of the original', () => {
    // title, What is (2), Why care, Why We (3), I get it, Now… (4), quote, story (3), Jungle Gym, vs., Could it… (2), So why, goal
    expect(deck.slides.map((s) => s.steps.length)).toEqual([1, 2, 1, 3, 1, 4, 1, 3, 1, 1, 2, 1, 1]);
    expect(countFrames(deck)).toBe(frames.length);
    expect(deck.slides.length).toBe(13);
  });

  it('keeps the links as real links, opening safely', () => {
    const html = deck.slides.map((s) => s.html).join('');
    expect(html).toContain('<a href="https://rosanneliu.com/" target="_blank" rel="noopener noreferrer">https://rosanneliu.com/</a>');
    expect(html).toContain('<a href="https://www.nature.com/collections/dcgahiejgg" target="_blank" rel="noopener noreferrer">https://www.nature.com/collections/dcgahiejgg</a>');
  });

  it('the text export has the seed layout', () => {
    const text = framesToText(frames);
    expect(text.startsWith(`1 of ${frames.length}\n\nCollaborations in ML:\n\nwhy do we even care\n`)).toBe(true);
    expect(readSeed(text).length).toBe(frames.length);
  });
});

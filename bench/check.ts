// `npm run check` of the bench's 300-slide deck (bench/deck.ts), as an author runs it: the whole
// process from outside, Node's start included. Beside it, for reading it: the same check started
// without npm (`node scripts/run-ts.mjs scripts/check.ts`, one Node process and esbuild's instead
// of npm's too), `npm run check` of a one-slide deck (what starting costs before the deck is read), and
// the deck compiled in this process after warm-up (what the loader itself costs, warm).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileDeck, countFrames } from '../src/core/index.ts';
import { benchDeckFiles, BENCH_DECK_SLIDES, writeBenchDeck } from './deck.ts';
import { GNU_TIME, timeProcess, type ProcessTime } from './process-time.ts';
import { median, round } from './stats.ts';

export interface Timed {
  wallS: number;
  cpuS: number;
  peakMiB: number;
  samples: { wallS: number; cpuS: number; peakMiB: number }[];
}

export interface CheckFigures {
  runs: number;
  tool: string;
  deck: { slides: number; steps: number; bytes: number };
  /** `npm run check -- <deck>`: the budgeted figure. */
  npm: Timed;
  /** `node scripts/run-ts.mjs scripts/check.ts <deck>` (what `npm run check` runs, without npm). */
  direct: Timed;
  /** `npm run check -- <one-slide deck>`. */
  floor: Timed;
  /** compileDeck of the deck in this process, after 3 warm-up compiles: median of 7, ms. */
  compileMs: number;
}

/** The check's output must say the deck is clean: its summary line and no diagnostic at all. */
function expectClean(run: ProcessTime, file: string, slides: number): void {
  const lines = run.stdout.trim().split('\n');
  const summary = `${file}: ${slides} slide${slides === 1 ? '' : 's'}, `;
  if (lines.length !== 1 || !lines[0]!.startsWith(summary)) throw new Error(`npm run check of ${file} is not clean:\n${run.stdout}`);
}

const summarize = (samples: ProcessTime[]): Timed => ({
  wallS: round(median(samples.map((s) => s.wallS)), 2),
  cpuS: round(median(samples.map((s) => s.cpuS)), 2),
  peakMiB: round(median(samples.map((s) => s.peakMiB)), 1),
  samples: samples.map((s) => ({ wallS: round(s.wallS, 2), cpuS: round(s.cpuS, 2), peakMiB: round(s.peakMiB, 1) })),
});

export function benchCheck(runs = 5): CheckFigures {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-check-'));
  try {
    const deckFile = writeBenchDeck(dir);
    const oneSlide = path.join(dir, 'one-slide.md');
    writeFileSync(oneSlide, '## One slide\n\nA paragraph.\n');
    const source = readFileSync(deckFile, 'utf8');
    const files = benchDeckFiles();
    const compile = () => compileDeck(source, { file: deckFile, readAsset: (p) => files[p] });
    const deck = compile();
    const slides = BENCH_DECK_SLIDES + 1; // and the title slide
    if (deck.slides.length !== slides) throw new Error(`the bench deck has ${deck.slides.length} slides, not ${slides}`);

    const variants = {
      npm: () => timeProcess('npm', ['run', 'check', '--silent', '--', deckFile]),
      direct: () => timeProcess(process.execPath, ['scripts/run-ts.mjs', 'scripts/check.ts', deckFile]),
      floor: () => timeProcess('npm', ['run', 'check', '--silent', '--', oneSlide]),
    };
    const samples: Record<keyof typeof variants, ProcessTime[]> = { npm: [], direct: [], floor: [] };
    // One warm-up round (file system cache, tsx's transform cache), then rounds that interleave the
    // variants, so other work on the machine weighs on each alike.
    for (let round = 0; round <= runs; round++) {
      for (const [name, run] of Object.entries(variants) as [keyof typeof variants, () => ProcessTime][]) {
        const result = run();
        expectClean(result, name === 'floor' ? oneSlide : deckFile, name === 'floor' ? 1 : slides);
        if (round > 0) samples[name].push(result);
      }
    }

    for (let i = 0; i < 3; i++) compile();
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      compile();
      times.push(performance.now() - start);
    }
    return {
      runs,
      tool: existsSync(GNU_TIME) ? `${GNU_TIME} -v` : 'performance.now() around the process (no CPU time, no peak memory)',
      deck: { slides: deck.slides.length, steps: countFrames(deck), bytes: Buffer.byteLength(source) },
      npm: summarize(samples.npm),
      direct: summarize(samples.direct),
      floor: summarize(samples.floor),
      compileMs: round(median(times), 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

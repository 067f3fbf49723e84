// Build: wall time and peak memory (max RSS of the largest process) of `npm run build`, via
// GNU time. Median of several runs after one warm-up.
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GNU_TIME, timeProcess } from './process-time.ts';
import { median, round } from './stats.ts';

export interface BuildFigures {
  runs: number;
  tool: string;
  wallS: number;
  peakMiB: number;
  /** User + system CPU seconds: unlike wall time, barely moved by other work on the machine. */
  cpuS: number;
  samples: { wallS: number; peakMiB: number; cpuS: number }[];
}

function buildOnce(cwd = process.cwd()): { wallS: number; peakMiB: number; cpuS: number } {
  const { wallS, peakMiB, cpuS } = timeProcess('npm', ['run', 'build', '--silent'], cwd);
  return { wallS, peakMiB, cpuS };
}

export function benchBuild(runs = 5, cwd = process.cwd()): BuildFigures {
  buildOnce(cwd); // warm-up: file system cache
  const samples = Array.from({ length: runs }, () => buildOnce(cwd));
  return {
    runs,
    tool: existsSync(GNU_TIME) ? `${GNU_TIME} -v npm run build` : 'performance.now() around npm run build (no peak memory)',
    wallS: round(median(samples.map((s) => s.wallS)), 2),
    peakMiB: round(median(samples.map((s) => s.peakMiB)), 1),
    cpuS: round(median(samples.map((s) => s.cpuS)), 2),
    samples: samples.map((s) => ({ wallS: round(s.wallS, 2), peakMiB: round(s.peakMiB, 1), cpuS: round(s.cpuS, 2) })),
  };
}

/**
 * The build's floor: `npm run build` of a one-line page with no Vite config, with this project's
 * node_modules and this project's build command (`vite build` started the same way, with the same
 * Node flags and allocator setting: scripts/vite.mjs), measured the same way. What Vite and npm
 * cost before our work starts.
 */
export function benchBuildFloor(runs = 5): BuildFigures {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-build-floor-'));
  try {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true, scripts: { build: floorBuildCommand() } }));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>floor</title><p>floor</p>\n');
    symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
    return benchBuild(runs, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** This project's `build` script, its own files (scripts/vite.mjs) named by absolute path. */
function floorBuildCommand(): string {
  const build = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { build: string } }).scripts.build;
  return build
    .split(' ')
    .map((word) => (word.includes('/') && existsSync(word) ? JSON.stringify(path.resolve(word)) : word))
    .join(' ');
}

export interface MediaBuildFigures {
  /** `npm run build` with the picture cache emptied (every picture converted), and again with it full. */
  coldS: number;
  warmS: number;
  /** What the guide's page brings a browser: its HTML and the pictures and video it shows (the first source of each <picture>, as Chromium picks AVIF). */
  guide: { htmlBytes: number; mediaBytes: number; files: number };
  /** The source files those pictures were made from, as they are in slides/. */
  sourceBytes: number;
}

/**
 * Pictures (src/node/media.ts): the build with the cache in node_modules/.cache/deck-media emptied,
 * then with it as that build left it (a rebuild converts none); and the guide's bytes.
 */
export function benchMediaBuild(cwd = process.cwd()): MediaBuildFigures {
  const cache = path.join(cwd, 'node_modules/.cache/deck-media');
  const aside = `${cache}.bench-${process.pid}`;
  const had = existsSync(cache);
  if (had) renameSync(cache, aside);
  let cold: number;
  try {
    cold = buildOnce(cwd).wallS;
  } finally {
    if (had) {
      rmSync(cache, { recursive: true, force: true });
      renameSync(aside, cache);
    }
  }
  const warm = buildOnce(cwd).wallS;
  const page = readFileSync(path.join(cwd, 'dist/guide/index.html'), 'utf8');
  const files = new Set<string>();
  for (const m of page.matchAll(/<picture[^>]*>(?:<source[^>]*srcset="([^"]+)"|<img[^>]*src="([^"]+)")/g)) files.add(m[1] ?? m[2]!);
  for (const m of page.matchAll(/<(?:source|video)\b[^>]*\s(?:src|poster)="([^"]+)"/g)) if (!m[1]!.startsWith('data:')) files.add(m[1]!);
  const inDist = [...files].filter((f) => !f.startsWith('data:')).map((f) => path.join(cwd, 'dist/guide', f));
  const sources = readdirSync(path.join(cwd, 'slides/plots')).map((f) => path.join(cwd, 'slides/plots', f));
  return {
    coldS: round(cold, 2),
    warmS: round(warm, 2),
    guide: { htmlBytes: Buffer.byteLength(page), mediaBytes: inDist.reduce((sum, f) => sum + statSync(f).size, 0), files: inDist.length },
    sourceBytes: sources.reduce((sum, f) => sum + statSync(f).size, 0),
  };
}

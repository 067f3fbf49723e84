// Build: wall time and peak memory (max RSS of the largest process) of `npm run build`, via
// GNU time. Median of several runs after one warm-up.
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

// One whole process, timed from outside: wall time (its start included), peak memory (maximum
// resident set size of the largest process in the tree) and CPU time (user + system), via GNU time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ProcessTime {
  wallS: number;
  peakMiB: number;
  /** User + system CPU seconds of the whole tree: unlike wall time, barely moved by other work on the machine. */
  cpuS: number;
  stdout: string;
}

export const GNU_TIME = '/usr/bin/time';

/** Runs `command args…` in `cwd`; throws, with its output, when it exits with another status than 0. */
export function timeProcess(command: string, args: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): ProcessTime {
  if (existsSync(GNU_TIME)) {
    const result = spawnSync(GNU_TIME, ['-v', command, ...args], { encoding: 'utf8', cwd, env, maxBuffer: 64 * 2 ** 20 });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(result.stderr);
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
    const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr);
    const system = /System time \(seconds\): ([\d.]+)/.exec(result.stderr);
    if (!wall || !rss) throw new Error(`cannot read /usr/bin/time -v output:\n${result.stderr}`);
    const wallS = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
    return { wallS, peakMiB: Number(rss[1]) / 1024, cpuS: Number(user?.[1] ?? NaN) + Number(system?.[1] ?? NaN), stdout: result.stdout };
  }
  // Without GNU time: wall time from here; peak memory and CPU time are not available for a child tree.
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', cwd, env, maxBuffer: 64 * 2 ** 20 });
  const wallS = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return { wallS, peakMiB: NaN, cpuS: NaN, stdout: result.stdout };
}

// The peers, built in the bench's run: Marp CLI (pinned devDependency) builds its version of the
// talk (bench/fixtures/marp/collaborations-in-ml.md) and the 4-slide peer deck of issue 13
// (bench/fixtures/marp/peer.md, MathJax); this engine builds the same peer deck
// (bench/fixtures/peer/peer.md) as a site of its own. Build times are whole processes, as an author
// runs them: `npm run build` and `npx marp`, one warm-up, then the median.
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { timeProcess } from './process-time.ts';
import { median, round } from './stats.ts';

export const MARP_VERSION = (() => {
  try {
    return JSON.parse(readFileSync('node_modules/@marp-team/marp-cli/package.json', 'utf8')).version as string;
  } catch {
    return undefined;
  }
})();

export interface BuildTime {
  command: string;
  runs: number;
  wallS: number;
  cpuS: number;
  samples: number[];
}

function timed(command: string, args: string[], runs: number, env?: NodeJS.ProcessEnv): BuildTime {
  timeProcess(command, args, process.cwd(), env); // warm-up (fonts cut, file cache)
  const samples = Array.from({ length: runs }, () => timeProcess(command, args, process.cwd(), env));
  return {
    command: `${command} ${args.join(' ')}`,
    runs,
    wallS: round(median(samples.map((s) => s.wallS)), 2),
    cpuS: round(median(samples.map((s) => s.cpuS)), 2),
    samples: samples.map((s) => round(s.wallS, 2)),
  };
}

export interface PeerBuilds {
  /** This engine, the peer deck: `npm run build` with DECKS_DIR and ROOT_DECK. */
  peer: BuildTime;
  /** Marp CLI, the peer deck (MathJax), one HTML file; undefined when Marp CLI is not installed. */
  marpPeer?: BuildTime;
  /** Marp CLI, the talk. */
  marpTalk?: BuildTime;
  marpVersion?: string;
}

/**
 * Builds the peer pages into `out`: out/peer/ (this engine's site of the peer deck, at its root),
 * out/marp/index.html (Marp's talk, with the talk's figures beside it) and out/marp/peer.html.
 * Leaves src/theme/fonts cut for the peer deck: build the site again afterwards.
 */
export function buildPeers(out: string, runs: number): PeerBuilds {
  const peerDir = path.join(out, 'peer');
  const env = { ...process.env, DECKS_DIR: 'bench/fixtures/peer', ROOT_DECK: 'peer' };
  const peer = timed('npm', ['run', 'build', '--silent', '--', '--outDir', peerDir, '--emptyOutDir', '--logLevel', 'warn'], runs, env);
  if (!MARP_VERSION) return { peer };
  const marpDir = path.join(out, 'marp');
  mkdirSync(marpDir, { recursive: true });
  cpSync('slides/figures', path.join(marpDir, 'figures'), { recursive: true });
  const marp = (input: string, output: string) => timed('npx', ['marp', input, '-o', path.join(marpDir, output)], runs);
  const result = { peer, marpPeer: marp('bench/fixtures/marp/peer.md', 'peer.html'), marpTalk: marp('bench/fixtures/marp/collaborations-in-ml.md', 'index.html'), marpVersion: MARP_VERSION };
  if (!existsSync(path.join(marpDir, 'index.html'))) throw new Error('Marp CLI wrote no page');
  return result;
}

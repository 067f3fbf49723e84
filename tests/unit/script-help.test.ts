// `npm run <script> -- --help` prints how the script is called and exits 0, doing nothing else:
// before, `check --help` reported a deck named "--help", `audit --help` built the site and ran
// Lighthouse, and the others threw on an unknown option.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '../..');
// Each is a fresh Node process (1–2 s): the three that went wrong worst, one with -h.
const CASES = [
  ['check', '--help'],
  ['audit', '--help'],
  ['present', '-h'],
] as const;

const run = (script: string, flag: string) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, flag], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => resolve({ code, out }));
  });

it('npm run scripts answer --help and -h with their usage, and exit 0', { timeout: 60_000 }, async () => {
  const results = await Promise.all(CASES.map(async ([script, flag]) => ({ script, flag, ...(await run(script, flag)) })));
  for (const { script, flag, code, out } of results) {
    expect(out, `${script} ${flag}`).toMatch(new RegExp(`^usage: npm run ${script}\\b`));
    expect(code, `${script} ${flag}: ${out}`).toBe(0);
  }
});

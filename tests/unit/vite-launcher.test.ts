// scripts/vite.mjs (what `npm run build` runs): Vite's own CLI, with rolldown's allocator told to
// commit its arena as it is used (bench/README.md, "What the build's memory is").
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `node scripts/vite.mjs --version` with mimalloc printing its options (on stderr) as it starts. */
function launch(env: Record<string, string> = {}) {
  const { MIMALLOC_ARENA_EAGER_COMMIT: _, MIMALLOC_PURGE_DELAY: __, ...inherited } = process.env;
  const result = spawnSync(process.execPath, ['scripts/vite.mjs', '--version'], { encoding: 'utf8', env: { ...inherited, MIMALLOC_VERBOSE: '1', ...env } });
  return {
    status: result.status,
    stdout: result.stdout,
    eagerCommit: /option 'arena_eager_commit': (\d+)/.exec(result.stderr)?.[1],
    purgeDelay: /option 'purge_delay': (\d+)/.exec(result.stderr)?.[1],
  };
}

describe('scripts/vite.mjs', () => {
  it("runs Vite's CLI with rolldown's allocator committing its arena as used", () => {
    const { status, stdout, eagerCommit } = launch();
    expect(status).toBe(0);
    expect(stdout).toMatch(/^vite\/\d+\.\d+\.\d+/);
    // Undefined here would mean rolldown no longer allocates through mimalloc: the setting (and
    // the build's memory figures in bench/README.md) would need measuring again.
    expect(eagerCommit).toBe('0');
  });

  it('has mimalloc give freed pages back at once', () => {
    expect(launch().purgeDelay).toBe('0');
    expect(launch({ MIMALLOC_PURGE_DELAY: '10' }).purgeDelay).toBe('10');
  });

  it('leaves an explicit setting in the environment alone', () => {
    expect(launch({ MIMALLOC_ARENA_EAGER_COMMIT: '1' }).eagerCommit).toBe('1');
  });
});

import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that take longest, started first so that none of them runs alone at the end. (On a clean
 * clone vitest has no timings cached and starts the biggest files first, which are not the slowest.)
 */
const SLOWEST_FIRST = ['robustness-build.test.ts', 'robustness.test.ts', 'diagnostics.test.ts'];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const i = SLOWEST_FIRST.findIndex((name) => file.moduleId.endsWith(`/${name}`));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 30_000,
    // Two files at a time even on two cores (vitest's default there is one: cores − 1): most files
    // wait on child processes, builds and the file system as much as on the CPU.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: SlowestFirst },
  },
});

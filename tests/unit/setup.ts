// On CI, the property tests (fast-check) run from one fixed seed, so a run is repeatable and a red
// build names a real regression; on a developer's machine every run tries new random inputs.
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20_261_206 });

// `node scripts/vite.mjs <args>` is `vite <args>`: Vite's own CLI, in this process, started with an
// allocator setting for Vite's bundler. `npm run build` runs it as
// `node --max-semi-space-size=1 --v8-pool-size=1 scripts/vite.mjs build`. (Plain JavaScript: it runs before anything
// that could load TypeScript.) Why, measured (bench/README.md, "What the build's memory is"):
//
// - Vite 8 bundles with rolldown, whose native code allocates through mimalloc. By default mimalloc
//   commits its whole 1 GiB arena up front and asks for transparent huge pages on it; where the
//   kernel's THP mode is `madvise` (Debian's default), every 2 MiB page that any of rolldown's
//   threads touches then costs 2 MiB of resident memory: ~120 MB of a 250 MB build peak, for ~20 MB
//   of real allocations. Committing the arena as it is used (`arena_eager_commit=0`) keeps the pages
//   small. mimalloc reads the setting from the environment once, when rolldown's binding loads, so
//   it is set here, before Vite is imported (vite.config.ts is too late). An explicit value wins.
//   Likewise `purge_delay=0`: mimalloc gives pages that rolldown frees back to the system at once
//   rather than after 10 ms (−6 MiB of the site's build peak, no measurable time).
// - `--max-semi-space-size=1` (MB): V8 grows its young generation to 16 MB semi-spaces after a burst
//   of allocation, for throughput in long-running processes; in a half-second build it is ~10 MB of
//   peak memory for no measurable time (2 MB semi-spaces: ~2 MiB more than 1, same CPU time).
// - `--v8-pool-size=1`: one V8 helper thread (concurrent GC marking, background compiles) instead of
//   Node's default 4, on the 2-core machines this is built on: ~−6 MiB of peak (each thread's own
//   heap pages), CPU time unchanged.
// - A build loads vite.config.ts from a bundle that esbuild (Vite's own optional TypeScript
//   transformer, run as a child process: scripts/bundle-ts.mjs) makes of it and our src/, through
//   Vite's `native` config loader, instead of letting Vite bundle it with rolldown in this process: Vite's way cost
//   ~0.25 s of CPU and ~15 MiB of the build's peak memory (rolldown's threads and allocator,
//   before the build proper starts), esbuild's ~0.05 s in a process of its own. As Vite's bundler
//   does, each file's `import.meta.url`, `.dirname` and `.filename` become that file's own, and
//   packages stay imports. The bundle goes to node_modules/.vite-temp (as Vite's does) and is
//   removed when the build ends. (The dev server and other commands load the config Vite's way.)
//
// None of these changes what is built.
//
// `build` alone (what `npm run build` runs) goes through Vite's JavaScript API instead of its CLI,
// so that errors in the decks end the build as a compiler's do: the plugin prints each one
// (`slides/x.md:12:3: error: …`), then one line says the build failed; the CLI would add the
// error's stack trace, ~15 lines about Vite's insides. Any other error is printed in full.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inspect } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.MIMALLOC_ARENA_EAGER_COMMIT ??= '0';
process.env.MIMALLOC_PURGE_DELAY ??= '0';

/** The project's vite.config.ts bundled for Node (see above), or undefined when there is none to bundle. */
async function bundledConfig() {
  // Only where vite.config.ts is the config Vite would find (it looks for .js, .mjs, .ts, .cjs, .mts, .cts in this order).
  const names = ['vite.config.js', 'vite.config.mjs', 'vite.config.ts', 'vite.config.cjs', 'vite.config.mts', 'vite.config.cts'];
  if (names.find((name) => existsSync(name)) !== 'vite.config.ts') return undefined;
  const { bundleTs } = await import('./bundle-ts.mjs');
  return fileURLToPath(await bundleTs('vite.config.ts'));
}

const isBuild = process.argv[2] === 'build';
const configGiven = process.argv.some((arg) => /^(?:-c|--config|--configLoader)(?:=|$)/.test(arg));
const configFile = isBuild && !configGiven ? await bundledConfig() : undefined;

if (process.argv.length === 3 && isBuild) {
  const { build } = await import('vite');
  try {
    await build(configFile ? { configFile, configLoader: 'native' } : {});
  } catch (error) {
    // The deck plugin's DeckBuildError (src/vite/plugin.ts), as thrown or inside the bundler's aggregate.
    const ours = [error, ...(Array.isArray(error?.errors) ? error.errors : [])].find((e) => e?.deckErrors === true);
    console.error(ours ? ours.message : `error during build:\n${inspect(error)}`);
    process.exit(1);
  }
  process.exit(0);
}

// `build` with options (the bench's peer build: --outDir, --emptyOutDir, --logLevel) loads the same bundle.
if (configFile) process.argv.splice(3, 0, '--config', configFile, '--configLoader', 'native');
const require = createRequire(import.meta.url);
const vitePackage = require.resolve('vite/package.json');
const { bin } = require(vitePackage);
await import(pathToFileURL(path.join(path.dirname(vitePackage), typeof bin === 'string' ? bin : bin.vite)).href);

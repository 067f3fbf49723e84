// `node scripts/vite.mjs <args>` is `vite <args>`: Vite's own CLI, in this process, started with an
// allocator setting for Vite's bundler. `npm run build` runs it as
// `node --max-semi-space-size=2 scripts/vite.mjs build`. (Plain JavaScript: it runs before anything
// that could load TypeScript.) Why, measured (bench/README.md, "What the build's memory is"):
//
// - Vite 8 bundles with rolldown, whose native code allocates through mimalloc. By default mimalloc
//   commits its whole 1 GiB arena up front and asks for transparent huge pages on it; where the
//   kernel's THP mode is `madvise` (Debian's default), every 2 MiB page that any of rolldown's
//   threads touches then costs 2 MiB of resident memory: ~120 MB of a 250 MB build peak, for ~20 MB
//   of real allocations. Committing the arena as it is used (`arena_eager_commit=0`) keeps the pages
//   small. mimalloc reads the setting from the environment once, when rolldown's binding loads, so
//   it is set here, before Vite is imported (vite.config.ts is too late). An explicit value wins.
// - `--max-semi-space-size=2` (MB): V8 grows its young generation to 16 MB semi-spaces after a burst
//   of allocation, for throughput in long-running processes; in a half-second build it is ~10 MB of
//   peak memory for no measurable time.
//
// Neither changes what is built.
//
// `build` alone (what `npm run build` runs) goes through Vite's JavaScript API instead of its CLI,
// so that errors in the decks end the build as a compiler's do: the plugin prints each one
// (`slides/x.md:12:3: error: …`), then one line says the build failed; the CLI would add the
// error's stack trace, ~15 lines about Vite's insides. Any other error is printed in full.
import { createRequire } from 'node:module';
import path from 'node:path';
import { inspect } from 'node:util';
import { pathToFileURL } from 'node:url';

process.env.MIMALLOC_ARENA_EAGER_COMMIT ??= '0';

if (process.argv.length === 3 && process.argv[2] === 'build') {
  const { build } = await import('vite');
  try {
    await build();
  } catch (error) {
    // The deck plugin's DeckBuildError (src/vite/plugin.ts), as thrown or inside the bundler's aggregate.
    const ours = [error, ...(Array.isArray(error?.errors) ? error.errors : [])].find((e) => e?.deckErrors === true);
    console.error(ours ? ours.message : `error during build:\n${inspect(error)}`);
    process.exit(1);
  }
  process.exit(0);
}

const require = createRequire(import.meta.url);
const vitePackage = require.resolve('vite/package.json');
const { bin } = require(vitePackage);
await import(pathToFileURL(path.join(path.dirname(vitePackage), typeof bin === 'string' ? bin : bin.vite)).href);

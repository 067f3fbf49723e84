// `node scripts/vite.mjs <args>` is `vite <args>` (the same CLI, in this process), started with
// one allocator setting that Vite's bundler reads when it loads. (Plain JavaScript, not TypeScript:
// it runs before anything that could load TypeScript.)
//
// Why (bench/README.md, "What the build's memory is"): Vite 8 bundles with rolldown, whose native
// code allocates through mimalloc. By default mimalloc commits its whole 1 GiB arena up front and
// asks for transparent huge pages on it; on a kernel with THP in `madvise` mode (Debian's default)
// every 2 MiB page that any of rolldown's threads touches then costs 2 MiB of resident memory. That
// was ~120 MB of the build's 250 MB peak for ~20 MB of real allocations. Committing the arena as
// it is used (`arena_eager_commit=0`) keeps the pages small. It changes nothing that is built.
// mimalloc reads its options from the environment once, when rolldown's binding loads: it has to
// be set before Vite is imported, not in vite.config.ts. An explicit setting in the environment wins.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.MIMALLOC_ARENA_EAGER_COMMIT ??= '0';

const require = createRequire(import.meta.url);
const vitePackage = require.resolve('vite/package.json');
const { bin } = require(vitePackage);
await import(pathToFileURL(path.join(path.dirname(vitePackage), typeof bin === 'string' ? bin : bin.vite)).href);

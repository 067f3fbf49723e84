// `node scripts/run-ts.mjs <file.ts> [args…]` runs a TypeScript script as `node --import tsx` would,
// without tsx: esbuild (a child process) bundles it with our src/ into one ES module in
// node_modules/.vite-temp (packages stay imports; each file's import.meta.url, .dirname and
// .filename are its own), which Node then imports natively; the file is removed on exit.
// `npm run check` runs so: tsx's module hooks answer every import from a thread of their own and
// transform each file on the way, ~0.3 s of CPU before a deck is read. The script sees the
// arguments as it would under tsx (process.argv[1] is its own path).
import { bundleTs } from './bundle-ts.mjs';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
const bundle = await bundleTs(entry);
process.argv = [process.argv[0], entry, ...rest];
await import(bundle);

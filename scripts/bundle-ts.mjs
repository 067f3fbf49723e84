// One TypeScript entry and the project files it imports, bundled by esbuild into one ES module
// for Node to import natively: scripts/vite.mjs (the build's vite.config.ts) and scripts/run-ts.mjs
// (`npm run check`) use it instead of bundling in-process (rolldown) or transforming on import (tsx).
// Packages stay imports; each file's `import.meta.url`, `.dirname` and `.filename` become that
// file's own (as Vite's config bundler does). The bundle goes to node_modules/.vite-temp and is
// removed when the process exits.
import { readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bundles `entry`; returns the bundle's file URL. */
export async function bundleTs(entry) {
  const { build } = await import('esbuild');
  const name = path.basename(entry).replace(/\.[cm]?[jt]s$/, '');
  const outfile = path.resolve('node_modules/.vite-temp', `${name}.${process.pid}.${Date.now()}.mjs`);
  process.on('exit', () => {
    try {
      unlinkSync(outfile);
    } catch {
      // Already gone.
    }
  });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Errors (a syntax error in src/) are printed as esbuild words them, and the bundle fails.
    logLevel: 'error',
    plugins: [
      {
        name: 'file-meta',
        setup(b) {
          b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
            if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
            const meta = { url: pathToFileURL(args.path).href, dirname: path.dirname(args.path), filename: args.path };
            const contents = readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key) => JSON.stringify(meta[key]));
            return { contents, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
          });
        },
      },
    ],
  });
  return pathToFileURL(outfile).href;
}

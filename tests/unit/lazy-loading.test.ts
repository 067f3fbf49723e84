// Every feature costs only the decks that use it, in `npm run check` and `npm run build` alike: the
// heavy libraries (KaTeX, Shiki, citation-js, the diagram renderers, sharp, the font cutter, qrcode) are
// loaded with import() when a deck needs them, never by a static import on the way from the
// adapters' entry points. Held here without timing anything: by the packages a real process loads
// (tests/unit/loaded-packages.mjs), and by the static imports in the sources.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '../..');

/** Each heavy library, as the package names its modules load from. */
const HEAVY: Record<string, RegExp> = {
  KaTeX: /^katex$/,
  Shiki: /^(?:shiki|@shikijs\/.*)$/,
  'citation-js': /^@citation-js\/.*$/,
  Mermaid: /^(?:beautiful-mermaid|elkjs)$/,
  Graphviz: /^@viz-js\/viz$/,
  sharp: /^(?:sharp|@img\/.*)$/,
  'the font cutter': /^(?:subset-font|harfbuzzjs|fontverse|wawoff2)$/,
  'the QR encoder': /^qrcode$/,
};

const dir = mkdtempSync(path.join(tmpdir(), 'lazy-loading-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run check -- <deck>`'s script, in one Node process: the heavy libraries it loaded. */
function heavyLoadedByCheck(deck: string): string[] {
  const out = path.join(dir, `${path.basename(deck)}.json`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--import', './tests/unit/loaded-packages.mjs', 'scripts/check.ts', deck], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LOADED_PACKAGES_OUT: out },
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const packages = JSON.parse(readFileSync(out, 'utf8')) as string[];
  expect(packages, 'the hook saw the loader load markdown-it').toContain('markdown-it');
  return Object.keys(HEAVY).filter((name) => packages.some((p) => HEAVY[name]!.test(p)));
}

describe('heavy libraries load only for the decks that use them', () => {
  it('checking the talk (no formula, code, citation, diagram or picture to convert) loads none of them', () => {
    expect(heavyLoadedByCheck('slides/collaborations-in-ml.md')).toEqual([]);
  });

  it('a deck with a formula loads KaTeX, and nothing else', () => {
    const deck = path.join(dir, 'formula.md');
    writeFileSync(deck, '## Loss\n\n$$ \\mathcal{L} = \\ell(y, \\hat y) $$\n');
    expect(heavyLoadedByCheck(deck)).toEqual(['KaTeX']);
  });

  it('a deck with a QR code on its title slide loads the QR encoder, and nothing else', () => {
    const deck = path.join(dir, 'qr.md');
    writeFileSync(deck, '---\ntitle: A talk\nqr: https://example.org/talk/\n---\n\n## Next\n');
    expect(heavyLoadedByCheck(deck)).toEqual(['the QR encoder']);
  });

  it('no module on the way from vite.config.ts or scripts/check.ts imports one statically', () => {
    const staticImports = (file: string): string[] => {
      const code = readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      const found: string[] = [];
      // `import x from '…'`, `import { a, type B } from '…'`, `export … from '…'`, `import '…'`; not `import type`.
      for (const m of code.matchAll(/^\s*(import|export)\b(?!\s+type\s)([^'"`;]*?\bfrom\s*)?['"]([^'"]+)['"]/gm)) found.push(m[3]!);
      return found;
    };
    const seen = new Set<string>();
    const offending: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of staticImports(file)) {
        if (specifier.startsWith('.')) {
          if (/\.(?:ts|mts|mjs|js)$/.test(specifier)) visit(path.normalize(path.join(path.dirname(file), specifier)));
          continue;
        }
        const name = /^(?:@[^/]+\/)?[^/]+/.exec(specifier)![0];
        const library = Object.keys(HEAVY).find((key) => HEAVY[key]!.test(name));
        if (library) offending.push(`${file} imports ${specifier} (${library})`);
      }
    };
    visit('vite.config.ts');
    visit('scripts/check.ts');
    expect(seen).toContain('src/core/syntax/math/render.ts');
    expect(seen).toContain('src/node/diagrams.ts');
    expect(offending).toEqual([]);
  });
});

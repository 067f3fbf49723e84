// npm run export [-- pdf slides-pdf html text] [--out dir] [--no-build | --site dir] [slides/deck.md]
// Writes the deck's exports into exports/, building the site first when needed, with a progress bar.
// Every format exports the deck it is given: the PDFs and the HTML file come from that deck's own
// page in the built site (`<site>/<name>/index.html`, as the site serves it at /<name>/).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { SingleBar } from 'cli-progress';
import { launchOptions } from '../src/node/chromium.ts';
import { DIST, ensureBuild } from './export-build.ts';
import { exportHtml } from './export-html.ts';
import { exportPdf } from './export-pdf.ts';
import { helpIfAsked } from './usage.ts';
import { exportText } from './export-text.ts';

const FORMATS = ['pdf', 'slides-pdf', 'html', 'text'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `
usage: npm run export [-- formats…] [--out dir] [--no-build | --site dir] [slides/deck.md]
Writes a deck's exports into exports/ (or --out dir), building the site first when it is older
than its sources. Formats (default: all): pdf (one page per step), slides-pdf (one page per slide),
html (one self-contained file that works offline), text (the deck's words, step by step).
Shortcuts: npm run export:pdf, export:slides-pdf, export:html, export:text.
  --no-build    use dist/ as it is
  --site dir    export from a site built elsewhere
The deck: slides/collaborations-in-ml.md unless a slides/*.md file is given.`;

function parseArgs(argv: string[]) {
  helpIfAsked(argv, USAGE);
  const formats: Format[] = [];
  let out = 'exports';
  let source = 'slides/collaborations-in-ml.md';
  let build = true;
  let site = DIST;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out') out = argv[++i] ?? out;
    else if (arg === '--no-build') build = false; // use dist/ as it is (the tests: a server is reading it)
    else if (arg === '--site') [site, build] = [argv[++i] ?? site, false]; // a site built elsewhere, as it is
    else if (arg.endsWith('.md')) source = arg;
    else if ((FORMATS as readonly string[]).includes(arg)) formats.push(arg as Format);
    else throw new Error(`unknown argument "${arg}" (formats: ${FORMATS.join(', ')}; --out dir; --no-build; --site dir; a slides/*.md file)`);
  }
  return { formats: formats.length ? formats : [...FORMATS], out, source, build, site };
}

async function main() {
  const { formats, out, source, build, site } = parseArgs(process.argv.slice(2));
  const name = path.basename(source, '.md');
  const page = `${name}/index.html`;
  const needsSite = formats.some((f) => f !== 'text');
  const bar = new SingleBar({ format: 'export |{bar}| {value}/{total} {task}', hideCursor: true, clearOnComplete: false });
  bar.start(formats.length + (needsSite ? 2 : 0), 0, { task: needsSite ? 'building the site if needed' : '' });
  const done: string[] = [];
  let browser: Browser | undefined;
  try {
    if (needsSite) {
      if (build && (await ensureBuild())) done.push(`${DIST}/: built`);
      else if (!existsSync(path.join(site, 'index.html'))) throw new Error(`${site}/index.html is missing: run npm run build`);
      // dist/ is built from slides/: a deck elsewhere has no page there (a page of the same name
      // would be another deck). Build a site from its folder (DECKS_DIR=… vite build --outDir …) and pass --site.
      if (site === DIST && path.resolve(path.dirname(source)) !== path.resolve('slides')) {
        throw new Error(`${source}: the PDF and HTML exports print the built site, which has the decks in slides/; build one with DECKS_DIR and pass --site`);
      }
      if (!existsSync(path.join(site, page))) throw new Error(`${site}/${page} is missing: the site has no page for ${source}`);
      bar.increment(1, { task: 'starting Chromium' });
    }
    const needsBrowser = formats.includes('pdf') || formats.includes('slides-pdf');
    if (needsBrowser) browser = await chromium.launch(launchOptions());
    if (needsSite) bar.increment(1, { task: formats[0] });
    for (const [i, format] of formats.entries()) {
      if (format === 'text') {
        const result = await exportText(source, out);
        done.push(`${result.file}: ${result.frames} frames from ${result.slides} slides`);
      } else if (format === 'html') {
        const result = exportHtml(site, page, out, name);
        done.push(`${result.file}: one self-contained file, ${(result.bytes / 1024).toFixed(0)} KiB`);
      } else {
        const file = path.join(out, format === 'pdf' ? `${name}.pdf` : `${name}.slides.pdf`);
        const pages = await exportPdf(browser!, site, page, file, format === 'pdf' ? 'steps' : 'slides');
        done.push(`${file}: ${pages} pages, one per ${format === 'pdf' ? 'build step' : 'slide'}`);
      }
      bar.increment(1, { task: formats[i + 1] ?? 'done' });
    }
  } finally {
    bar.stop();
    await browser?.close();
  }
  for (const line of done) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

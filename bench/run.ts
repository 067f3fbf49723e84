// `npm run bench`: every speed figure of the project, measured on this machine, against budgets.
// Prints one table, writes bench/results.json (a partial run: bench/results-partial.json), exits 1
// naming each missed budget.
// Options: --only=loader,check,build,guide,media,load,stepping,live,remote (comma-separated sections), --quick (fewer runs),
// --wait-idle[=minutes] (wait for a quiet machine before each section, default 10 minutes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileDeck } from '../src/core/index.ts';
import { benchBuild, benchBuildFloor, benchMediaBuild, type BuildFigures, type MediaBuildFigures } from './build.ts';
import { benchCheck, type CheckFigures } from './check.ts';
import { benchGuide, type GuideFigures } from './guide.ts';
import { BENCH_DECK_NAME, BENCH_DECK_SLIDES, benchDeckFiles, writeBenchDeck } from './deck.ts';
import { benchFirstView, benchStepping, DECK_TITLE, FLOOR_TITLE, launch, MARP_TITLE, writeFloorPage, type FirstViewFigures, type FirstViewPage, type StepFigures } from './browser.ts';
import { buildPeers, MARP_VERSION, type PeerBuilds } from './peers.ts';
import { benchLiveEdit, type LiveEditFigures } from './live-edit.ts';
import { benchRemote, type RemoteFigures } from './remote.ts';
import { benchLoader, type LoaderRow } from './loader.ts';
import { serveFolders } from '../src/node/static-server.ts';
import { kib, round } from './stats.ts';

const TALK = 'slides/collaborations-in-ml.md';
const PORT_STATIC = Number(process.env.BENCH_PORT ?? 4350); // this checkout's port range: 4350-4359
const PORT_DEV = PORT_STATIC + 1;

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const quick = args.includes('--quick');
const waitIdle = Number(args.find((a) => a.startsWith('--wait-idle'))?.split('=')[1] ?? (args.includes('--wait-idle') ? 10 : 0));
const wants = (section: string) => !only || only.includes(section);

/** Budgets from the issue; each names the figure it reads. */
interface Budget {
  name: string;
  limit: string;
  value: number | undefined;
  ok: (v: number) => boolean;
  unit: string;
}

const pkg = (name: string) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version as string;

/**
 * Other work on the machine inflates every wall-clock figure. With --wait-idle[=minutes], wait
 * (up to that long) until the 1-minute load average is below the number of cores.
 */
async function settle(section: string): Promise<number> {
  const cores = os.cpus().length;
  const deadline = Date.now() + waitIdle * 60_000;
  while (waitIdle && os.loadavg()[0]! >= cores && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5_000));
  const load = round(os.loadavg()[0]!, 2);
  if (load >= cores) log(`${section}: load average ${load} on ${cores} cores; wall-clock figures will be inflated`);
  sectionLoad[section] = load;
  return load;
}
const sectionLoad: Record<string, number> = {};

async function main() {
  const startedAt = new Date().toISOString();
  const loadBefore = os.loadavg();
  const results: {
    loader?: LoaderRow[];
    check?: CheckFigures;
    build?: BuildFigures;
    buildFloor?: BuildFigures;
    guide?: GuideFigures;
    media?: MediaBuildFigures;
    load?: FirstViewFigures & { floor: { titleFont: string; bytes: number }; builds: PeerBuilds };
    stepping?: StepFigures;
    liveEdit?: LiveEditFigures;
    liveEditDeck?: LiveEditFigures;
    remote?: RemoteFigures;
  } = {};

  if (wants('loader')) {
    await settle('loader');
    log('loader: synthetic decks of 10, 100, 1,000, 10,000 slides');
    results.loader = benchLoader();
  }
  if (wants('check')) {
    await settle('check');
    log(`check: npm run check of the ${BENCH_DECK_SLIDES}-slide deck, 1 warm-up + ${quick ? 3 : 5} runs`);
    results.check = benchCheck(quick ? 3 : 5);
  }
  if (wants('guide')) {
    await settle('guide');
    log(`guide: the guide's compile with its citations and diagrams, ${quick ? 3 : 5} fresh processes`);
    results.guide = benchGuide(quick ? 3 : 5);
  }
  // The peers first: building the peer deck cuts the theme's fonts for it, and the site's build
  // below cuts them again for slides/.
  const peersDir = mkdtempSync(path.join(os.tmpdir(), 'bench-peers-'));
  let builds: PeerBuilds | undefined;
  if (wants('load')) {
    await settle('peers');
    log(`peers: the peer deck with npm run build${MARP_VERSION ? `, it and the talk with Marp CLI ${MARP_VERSION}` : ' (Marp CLI is not installed: the floor alone)'}, 1 warm-up + ${quick ? 1 : 3} runs each`);
    builds = buildPeers(peersDir, quick ? 1 : 3);
  }
  if (wants('build') || wants('load') || wants('stepping') || wants('remote')) {
    if (wants('build')) await settle('build');
    log(wants('build') ? `build: npm run build, 1 warm-up + ${quick ? 3 : 5} runs` : 'build: one npm run build for the browser figures');
    if (wants('build')) {
      results.build = benchBuild(quick ? 3 : 5);
      results.buildFloor = benchBuildFloor(quick ? 3 : 5);
    }
    else execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'ignore' });
  }
  if (wants('media')) {
    await settle('media');
    log('media: npm run build with the picture cache emptied, then full; the guide\'s bytes');
    results.media = benchMediaBuild();
  }
  if (wants('load') || wants('stepping') || wants('live') || wants('remote')) {
    const floorDir = mkdtempSync(path.join(os.tmpdir(), 'bench-floor-'));
    const server = await serveFolders({ '/deck/': path.resolve('dist'), '/floor/': floorDir, '/peer/': path.join(peersDir, 'peer'), '/marp/': path.join(peersDir, 'marp') }, PORT_STATIC);
    const browser = await launch();
    try {
      if (wants('load')) {
        await settle('load');
        const pages: FirstViewPage[] = [
          { key: 'talk', url: '/deck/', selector: DECK_TITLE },
          { key: 'floor', url: '/floor/', selector: FLOOR_TITLE },
          { key: 'guide', url: '/deck/guide/', selector: DECK_TITLE },
          { key: 'peer', url: '/peer/', selector: DECK_TITLE },
          ...(builds?.marpTalk
            ? [
                { key: 'marp', url: '/marp/', selector: MARP_TITLE },
                { key: 'marpPeer', url: '/marp/peer.html', selector: MARP_TITLE },
              ]
            : []),
        ];
        log(`load: ${pages.map((p) => p.key).join(', ')}; fresh contexts, 1× and 4× CPU, without and with network emulation`);
        const floor = await writeFloorPage(browser, `${server.url}/deck/`, floorDir);
        results.load = { ...(await benchFirstView(browser, server, pages, quick ? 3 : 5)), floor, builds: builds! };
      }
      if (wants('stepping')) {
        await settle('stepping');
        log('stepping: PageDown through the whole talk, 3 walks');
        const steps = compileDeck(readFileSync(TALK, 'utf8')).slides.reduce((n, s) => n + s.steps.length, 0);
        results.stepping = await benchStepping(browser, server, steps, quick ? 1 : 3);
      }
      if (wants('remote')) {
        await settle('remote');
        log('remote: Next and Previous on the phone page until the audience deck moves, npm run present on 127.0.0.1');
        results.remote = await benchRemote(browser, quick ? 10 : 30);
      }
      if (wants('live')) {
        await settle('live');
        log(`live edit: dev server on port ${PORT_DEV}, 2 warm-up + 10 edits`);
        results.liveEdit = await benchLiveEdit(browser, { file: TALK, slide: 1, page: '/' }, PORT_DEV, quick ? 4 : 10);
        await settle('live-deck');
        log(`live edit: the ${BENCH_DECK_SLIDES}-slide deck, slide ${BENCH_DECK_SLIDES / 2}, dev server on port ${PORT_DEV}, 2 warm-up + 10 edits`);
        const decks = mkdtempSync(path.join(os.tmpdir(), 'bench-live-deck-'));
        try {
          const files = benchDeckFiles();
          const target = { file: writeBenchDeck(decks), slide: BENCH_DECK_SLIDES / 2, page: `/${BENCH_DECK_NAME}/`, decksDir: decks, readAsset: (p: string) => files[p] };
          results.liveEditDeck = await benchLiveEdit(browser, target, PORT_DEV, quick ? 4 : 10);
        } finally {
          rmSync(decks, { recursive: true, force: true });
        }
      }
    } finally {
      await browser.close();
      await server.close();
      rmSync(floorDir, { recursive: true, force: true });
    }
  }
  rmSync(peersDir, { recursive: true, force: true });

  const loader100 = results.loader?.find((r) => r.slides === 100);
  const loader10000 = results.loader?.find((r) => r.slides === 10000);
  const view = results.load?.byCondition;
  const title = (condition: string, page: string) => view?.[condition]?.[page]?.titleVisible;
  const ratio = (condition: string, page: string, to: string) => {
    const a = title(condition, page);
    const b = title(condition, to);
    return a === undefined || b === undefined ? undefined : round(a / b, 2);
  };
  const hasMarp = Boolean(results.load?.builds.marpTalk);
  const budgets: Budget[] = [
    { name: 'bytes before the first slide is visible', limit: '≤ 25 KiB gzip', value: view && kib(view['1x']!.talk!.bytesBeforeTitle), ok: (v) => v <= 25, unit: 'KiB' },
    { name: 'total transfer for the talk', limit: '≤ 90 KiB gzip', value: results.stepping && kib(results.stepping.total.gzip), ok: (v) => v <= 90, unit: 'KiB' },
    { name: 'title visible at 4× CPU, ratio to the floor', limit: '≤ 1.5×', value: ratio('4x', 'talk', 'floor'), ok: (v) => v <= 1.5, unit: '×' },
    // Issue 17: a phone's network, 1.6 Mbps and 150 ms round trip.
    ...(['net 1x', 'net 4x'] as const).flatMap((c) => [
      { name: `talk title visible, emulated network, ${c.slice(4)} CPU, ratio to the floor`, limit: '≤ 1.15×', value: ratio(c, 'talk', 'floor'), ok: (v: number) => v <= 1.15, unit: '×' },
      ...(hasMarp
        ? [
            { name: `talk title visible, emulated network, ${c.slice(4)} CPU, ratio to Marp's`, limit: '≤ 0.8×', value: ratio(c, 'talk', 'marp'), ok: (v: number) => v <= 0.8, unit: '×' },
            { name: `peer deck title visible, emulated network, ${c.slice(4)} CPU, ratio to Marp's`, limit: '≤ 1×', value: ratio(c, 'peer', 'marpPeer'), ok: (v: number) => v <= 1, unit: '×' },
          ]
        : []),
    ]),
    ...(['talk', 'guide'] as const).map((page) => ({
      name: `requests before the ${page}'s title is visible that it could wait for (all but scripts), emulated network`,
      limit: '1 (the page)',
      value: view?.['net 1x']?.[page]?.holdingBeforeTitle,
      ok: (v: number) => v === 1,
      unit: '',
    })),
    { name: 'peer deck build, npm run build', limit: '≤ 1.5 s', value: results.load?.builds.peer.wallS, ok: (v) => v <= 1.5, unit: 's' },
    { name: `npm run check of the ${BENCH_DECK_SLIDES}-slide deck, wall time`, limit: '≤ 1.5 s', value: results.check?.npm.wallS, ok: (v) => v <= 1.5, unit: 's' },
    {
      name: 'loader cost per slide, 10,000 vs 100 slides',
      limit: '≤ 2×',
      value: loader100 && loader10000 && round(loader10000.usPerSlide / loader100.usPerSlide, 2),
      ok: (v) => v <= 2,
      unit: '×',
    },
    { name: 'npm run build wall time', limit: '≤ 1.0 s', value: results.build?.wallS, ok: (v) => v <= 1.0, unit: 's' },
    { name: 'npm run build peak memory', limit: '≤ 150 MiB', value: results.build?.peakMiB, ok: (v) => v <= 150, unit: 'MiB' },
    { name: 'stepping median', limit: '≤ 16 ms', value: results.stepping?.medianMs, ok: (v) => v <= 16, unit: 'ms' },
    { name: 'stepping worst', limit: '≤ 50 ms', value: results.stepping?.worstMs, ok: (v) => v <= 50, unit: 'ms' },
    { name: 'phone press to audience step, worst', limit: '≤ 100 ms', value: results.remote?.worstMs, ok: (v) => v <= 100, unit: 'ms' },
    { name: 'live edit median, the talk', limit: '≤ 200 ms', value: results.liveEdit?.medianMs, ok: (v) => v <= 200, unit: 'ms' },
    // Not a speed figure, but a fast reload that loses the speaker's place would be no help.
    { name: 'live edits that kept the step, the talk', limit: 'all', value: results.liveEdit?.keptPlace, ok: (v) => v === results.liveEdit!.edits, unit: `of ${results.liveEdit?.edits}` },
    { name: `live edit median, the ${BENCH_DECK_SLIDES}-slide deck`, limit: '≤ 100 ms', value: results.liveEditDeck?.medianMs, ok: (v) => v <= 100, unit: 'ms' },
    { name: `live edits that kept the step, the ${BENCH_DECK_SLIDES}-slide deck`, limit: 'all', value: results.liveEditDeck?.keptPlace, ok: (v) => v === results.liveEditDeck!.edits, unit: `of ${results.liveEditDeck?.edits}` },
  ];

  printTable(results);
  console.log('\nBudgets');
  const missed: Budget[] = [];
  for (const b of budgets) {
    if (b.value === undefined) continue;
    const pass = Number.isFinite(b.value) && b.ok(b.value);
    if (!pass) missed.push(b);
    console.log(`  ${pass ? 'ok  ' : 'MISS'}  ${b.name}: ${b.value} ${b.unit} (budget ${b.limit})`);
  }

  const cpus = os.cpus();
  const record = {
    date: startedAt,
    machine: {
      cpu: cpus[0]?.model,
      cores: cpus.length,
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      loadavgBefore: loadBefore.map((l) => round(l, 2)),
      loadavgAfter: os.loadavg().map((l) => round(l, 2)),
      loadavgAtEachSection: sectionLoad,
    },
    versions: {
      node: process.version,
      npm: execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim(),
      chromium: execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
      vite: pkg('vite'),
      'reveal.js': pkg('reveal.js'),
      'markdown-it': pkg('markdown-it'),
      '@playwright/test': pkg('@playwright/test'),
      ...(MARP_VERSION ? { '@marp-team/marp-cli': MARP_VERSION } : {}),
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
    },
    sections: only ?? ['loader', 'check', 'build', 'guide', 'media', 'load', 'stepping', 'live', 'remote'],
    quick,
    ...results,
    budgets: budgets.filter((b) => b.value !== undefined).map((b) => ({ name: b.name, limit: b.limit, value: b.value, unit: b.unit, ok: Number.isFinite(b.value!) && b.ok(b.value!) })),
  };
  // Only a full run replaces the record kept in git; a partial one (--only, --quick) goes beside it.
  const out = only || quick ? 'bench/results-partial.json' : 'bench/results.json';
  writeFileSync(out, JSON.stringify(record, null, 2) + '\n');
  console.log(`\nWrote ${out} (load average ${record.machine.loadavgBefore.join(' ')} before, ${record.machine.loadavgAfter.join(' ')} after).`);
  if (missed.length) {
    console.error(`\n${missed.length} budget(s) missed:\n${missed.map((b) => `  - ${b.name}: ${b.value} ${b.unit}, budget ${b.limit}`).join('\n')}`);
    process.exitCode = 1;
  }
}

function log(message: string) {
  console.error(`[bench] ${message}`);
}

// The results record, loosely typed: this only prints it.
function printTable(r: any) {
  const rows: [string, string][] = [];
  for (const l of r.loader ?? [])
    rows.push([`loader ${l.slides} slides (${kib(l.bytes)} KiB, median of ${l.runs})`, `${l.medianMs} ms · ${l.mbPerS} MB/s · ${l.usPerSlide} µs/slide`]);
  if (r.check) {
    const c = r.check;
    const t = (f: any) => `${f.wallS} s wall · ${f.cpuS} s CPU · ${f.peakMiB} MiB peak`;
    rows.push([`npm run check, ${c.deck.slides - 1}-slide deck (${kib(c.deck.bytes)} KiB, median of ${c.runs})`, t(c.npm)]);
    rows.push(['  the same without npm (node scripts/run-ts.mjs)', t(c.direct)]);
    rows.push(['  floor: npm run check of a one-slide deck', t(c.floor)]);
    rows.push(['  compileDeck of that deck in-process, warm', `${c.compileMs} ms`]);
  }
  if (r.build) rows.push([`npm run build (median of ${r.build.runs})`, `${r.build.wallS} s wall · ${r.build.peakMiB} MiB peak · ${r.build.cpuS} s CPU (user+sys)`]);
  if (r.guide) rows.push([`guide compile with citations and diagrams (median of ${r.guide.runs})`, `${r.guide.coldMs} ms cold (${r.guide.loadMs} ms of it loading citation-js, beautiful-mermaid, Graphviz, KaTeX) · ${r.guide.warmMs} ms warm`]);
  if (r.buildFloor) rows.push(['  floor: the same build of a one-line page', `${r.buildFloor.wallS} s wall · ${r.buildFloor.peakMiB} MiB peak · ${r.buildFloor.cpuS} s CPU (user+sys)`]);
  if (r.media) {
    const m = r.media;
    rows.push(['npm run build, picture cache empty / full', `${m.coldS} s / ${m.warmS} s wall`]);
    rows.push(['the guide: page, and the pictures and video it shows', `${kib(m.guide.htmlBytes)} KiB + ${kib(m.guide.mediaBytes)} KiB in ${m.guide.files} files (the pictures' sources: ${kib(m.sourceBytes)} KiB)`]);
  }
  if (r.load) {
    const b = r.load.builds;
    rows.push([`peer deck, npm run build (median of ${b.peer.runs})`, `${b.peer.wallS} s wall · ${b.peer.cpuS} s CPU`]);
    if (b.marpPeer) rows.push([`peer deck, Marp CLI ${b.marpVersion} (npx marp)`, `${b.marpPeer.wallS} s wall · ${b.marpPeer.cpuS} s CPU`]);
    if (b.marpTalk) rows.push([`the talk, Marp CLI ${b.marpVersion} (npx marp)`, `${b.marpTalk.wallS} s wall · ${b.marpTalk.cpuS} s CPU`]);
    for (const [condition, pages] of Object.entries(r.load.byCondition) as [string, any][]) {
      const floor = pages.floor.titleVisible;
      for (const [key, f] of Object.entries(pages) as [string, any][]) {
        rows.push([
          `first view ${condition}${condition.startsWith('net') ? ' (1.6 Mbps, 150 ms)' : ''}: ${key} (median of ${r.load.runs})`,
          `title ${f.titleVisible} ms (${round(f.titleVisible / floor, 2)}× floor) · FCP ${f.fcp} ms · ${f.requestsBeforeTitle} req (${f.holdingBeforeTitle} not scripts) / ${kib(f.bytesBeforeTitle)} KiB before title · ${f.requests} req / ${kib(f.bytes)} KiB in all`,
        ]);
      }
    }
    rows.push(['floor page title font', r.load.floor.titleFont]);
  }
  if (r.stepping) {
    const s = r.stepping;
    rows.push(['total transfer for the talk (gzip)', `${kib(s.total.gzip)} KiB in ${s.total.requests} requests`]);
    rows.push([`stepping (${s.steps} PageDowns, ${s.walks} walks)`, `median ${s.medianMs} ms · p90 ${s.p90Ms} ms · worst ${s.worstMs} ms (${s.worstAt}) · median to next frame ${s.medianToFrameMs} ms`]);
  }
  if (r.remote) rows.push([`phone press to audience step (${r.remote.presses} presses)`, `median ${r.remote.medianMs} ms · p90 ${r.remote.p90Ms} ms · worst ${r.remote.worstMs} ms`]);
  for (const [label, e] of [['the talk', r.liveEdit], [`${BENCH_DECK_SLIDES}-slide deck`, r.liveEditDeck]] as [string, any][])
    if (e) rows.push([`live edit, ${label}, slide ${e.slide} (median of ${e.edits})`, `${e.medianMs} ms · worst ${e.worstMs} ms · kept place ${e.keptPlace}/${e.edits}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${'figure'.padEnd(width)}  value\n${'-'.repeat(width)}  ${'-'.repeat(40)}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

await main();

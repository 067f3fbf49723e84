// Live edit: save a slide, time until the open deck (Vite dev server) shows the change. The probe
// watches the page's visible text every frame and survives reloads (it is an init script), so it
// measures a full reload and an in-place hot update alike; it also records whether the deck kept
// its place (the URL hash) across the edit. Measured on the talk (in slides/) and on the bench's
// 300-slide deck (bench/deck.ts), which the dev server serves from a temporary folder (DECKS_DIR).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { compileDeck } from '../src/core/index.ts';
import { asInitScript, editProbe } from './probe.ts';
import { median, round, worst } from './stats.ts';

/** What to edit, where the dev server finds it, and which slide the page stands on. */
export interface LiveEditTarget {
  /** The deck's file; it is edited in place and restored afterwards. */
  file: string;
  /** The slide (0-based, the title slide included) that is opened and edited. */
  slide: number;
  /** The deck's page on the dev server: `/` for the talk, `/<name>/` for another deck. */
  page: string;
  /** The dev server's DECKS_DIR; unset: slides/. */
  decksDir?: string;
  /** Reads a figure for compileDeck, only to find the slide's lines (a missing figure does not move them). */
  readAsset?: (relativePath: string) => string | undefined;
}

export interface LiveEditFigures {
  edits: number;
  medianMs: number;
  worstMs: number;
  keptPlace: number;
  file: string;
  slide: number;
  slides: number;
  line: number;
}

async function waitForServer(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dev server did not answer at ${url}`);
}

/** Stops the dev server and waits until it is gone, so the next one can have its port. */
async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill();
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
}

export async function benchLiveEdit(browser: Browser, target: LiveEditTarget, port: number, edits = 10): Promise<LiveEditFigures> {
  const deckFile = target.file;
  const original = readFileSync(deckFile, 'utf8');
  const restore = () => writeFileSync(deckFile, original);
  process.once('exit', restore); // never leave the talk edited, even on a crash
  process.once('SIGINT', () => process.exit(130));

  // The line to edit: the first plain paragraph of the slide (visible at its step 0).
  const deck = compileDeck(original, { file: deckFile, readAsset: target.readAsset });
  const slide = deck.slides[target.slide]!;
  const lines = original.split('\n');
  let line = slide.line; // 1-based line of the slide's start
  while (line < lines.length && !/^[\p{L}(]/u.test(lines[line - 1]!)) line++;

  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    stdio: 'ignore',
    env: target.decksDir ? { ...process.env, DECKS_DIR: target.decksDir } : process.env,
  });
  const url = `http://127.0.0.1:${port}${target.page}#/${slide.id}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    await waitForServer(`http://127.0.0.1:${port}${target.page}`);
    const page = await context.newPage();
    const seen = new Map<string, { at: number; hash: string }>();
    await page.exposeFunction('__benchSeen', (marker: string, at: number, hash: string) => void seen.set(marker, { at, hash }));
    await page.addInitScript(asInitScript(editProbe, '⟦edit \\d+⟧'));
    await page.goto(url);
    await page.locator('.reveal.ready').waitFor({ timeout: 60_000 });
    // Stand on step 1, to see whether an edit keeps the place. reveal.js writes the step into the
    // hash a moment after the key, so wait for that rather than for a fixed time.
    const before = await page.evaluate(() => location.hash);
    await page.keyboard.press('PageDown');
    await page.waitForFunction((hash) => location.hash !== hash, before);
    const place = await page.evaluate(() => location.hash);

    const latencies: number[] = [];
    let kept = 0;
    const warmups = 2;
    for (let i = 0; i < warmups + edits; i++) {
      const marker = `⟦edit ${i}⟧`;
      const edited = [...lines];
      edited[line - 1] = `${lines[line - 1]} ${marker}`;
      const saved = Date.now();
      writeFileSync(deckFile, edited.join('\n'));
      const deadline = saved + 20_000;
      while (!seen.has(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const hit = seen.get(marker);
      if (!hit) throw new Error(`live edit: ${marker} never became visible`);
      if (i >= warmups) {
        latencies.push(hit.at - saved);
        if (hit.hash === place) kept++;
      }
      await page.waitForTimeout(400); // let the page settle before the next save
    }
    return { edits, medianMs: round(median(latencies)), worstMs: round(worst(latencies)), keptPlace: kept, file: deckFile, slide: target.slide, slides: deck.slides.length, line };
  } finally {
    await context.close();
    restore();
    process.off('exit', restore);
    await stop(server);
  }
}

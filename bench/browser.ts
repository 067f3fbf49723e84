// Browser figures: bytes, load (deck vs the floor page), stepping. Debian's Chromium through
// Playwright, launched as the tests launch it (src/node/chromium.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { launchOptions } from '../src/node/chromium.ts';
import { asInitScript, titleProbe, stepProbe } from './probe.ts';
import { median, quantile, round, worst } from './stats.ts';
import type { StaticServer } from '../src/node/static-server.ts';

const VIEWPORT = { width: 1280, height: 720 };
/** The first slide's title: the first heading of the first slide (also once reveal.js's scroll view has moved it). */
export const DECK_TITLE = '.reveal .slides section :is(h1, h2)';
export const FLOOR_TITLE = 'h1';
/** Marp's bespoke HTML: each slide a <section> in an <svg>; the first heading is the first slide's. */
export const MARP_TITLE = 'svg[data-marpit-svg] section :is(h1, h2)';

export const launch = (): Promise<Browser> => chromium.launch(launchOptions());

interface Resource {
  url: string;
  start: number;
  bytes: number; // encoded body: gzip bytes for what GitHub Pages gzips
}

interface LoadSample {
  fcp: number;
  titleVisible: number;
  /** Start of the frame that paints the title: requests started later cannot be needed for it. */
  titleFrame: number;
  resources: Resource[]; // the document first
}

/**
 * A phone on conference Wi-Fi (issue 17): 1.6 Mbps both ways, 150 ms round trip, through CDP's
 * Network.emulateNetworkConditions (Chromium adds the latency to each response and paces the bytes).
 */
export const EMULATED_NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 1.6e6 / 8 };

/** One cold load in a fresh context (empty cache) at a CPU throttling rate, on the emulated network if asked. */
async function loadOnce(browser: Browser, url: string, selector: string, cpu: number, keepOpen?: (page: Page) => Promise<void>, network = false): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    if (network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', EMULATED_NETWORK);
    }
    await page.addInitScript(asInitScript(titleProbe, selector));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as any).__bench.titleVisible !== undefined, null, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const sample = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
        url: r.name,
        start: r.startTime,
        bytes: r.encodedBodySize,
      }));
      // The probe's frame time is when that frame starts; its paint is presented no earlier than
      // the first contentful paint, so the later of the two is when the title can be seen.
      const titleFrame = (window as any).__bench.titleVisible as number;
      return { fcp, titleVisible: Math.max(fcp, titleFrame), titleFrame, resources: [{ url: nav.name, start: 0, bytes: nav.encodedBodySize }, ...resources] };
    });
    if (keepOpen) await keepOpen(page);
    return sample;
  } finally {
    await context.close();
  }
}

/** Everything the floor page needs, read from the deck as the browser renders it. */
async function readFirstSlide(browser: Browser, deckUrl: string) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(deckUrl);
  await page.locator('.reveal.ready').waitFor({ timeout: 30_000 });
  await page.evaluate(() => document.fonts.ready);
  const info = await page.evaluate((selector) => {
    const title = document.querySelector(selector)!;
    const cs = getComputedStyle(title);
    const bodyCs = getComputedStyle(document.querySelector('.reveal')!);
    const family = cs.fontFamily.split(',')[0]!.trim().replace(/^["']|["']$/g, '');
    // The @font-face that paints the title: same family and weight, already loaded.
    let fontFace: { src: string; weight: string; style: string; display: string } | undefined;
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        if (!(rule instanceof CSSFontFaceRule)) continue;
        const ruleFamily = rule.style.getPropertyValue('font-family').trim().replace(/^["']|["']$/g, '');
        const weight = rule.style.getPropertyValue('font-weight') || '400';
        const [lo, hi = lo] = weight.split(/\s+/).map(Number);
        if (ruleFamily !== family || !(Number(cs.fontWeight) >= lo! && Number(cs.fontWeight) <= hi!)) continue;
        const url = /url\(["']?([^"')]+)["']?\)/.exec(rule.style.getPropertyValue('src'))?.[1];
        if (!url) continue;
        fontFace ??= { src: new URL(url, sheet.href ?? location.href).href, weight, style: rule.style.getPropertyValue('font-style') || 'normal', display: rule.style.getPropertyValue('font-display') || 'auto' };
      }
    }
    const section = title.closest('section')!;
    const lines = (section as HTMLElement).innerText.split('\n').map((l) => l.trim()).filter((l) => l && l !== title.textContent!.trim());
    return {
      title: title.textContent!.trim(),
      lines,
      titleFont: `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize}/${cs.lineHeight} ${cs.fontFamily}`,
      titleColor: cs.color,
      bodyFont: `${bodyCs.fontSize} ${bodyCs.fontFamily}`,
      bodyColor: bodyCs.color,
      background: getComputedStyle(document.body).backgroundColor,
      lang: document.documentElement.lang,
      fontFace,
    };
  }, DECK_TITLE);
  await context.close();
  return info;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The floor: a bare static page with the first slide's text, the title at its size and weight in a
 * system font (sans-serif), and no script: one request. Nothing can paint that text sooner.
 */
export async function writeFloorPage(browser: Browser, deckUrl: string, floorDir: string) {
  const info = await readFirstSlide(browser, deckUrl);
  mkdirSync(floorDir, { recursive: true });
  const system = (font: string) => font.replace(/(\d+px(?:\/[\d.]+px|\/normal)?)\s.*$/, '$1 sans-serif');
  const html = `<!doctype html><html lang="${info.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(info.title)}</title><style>body{margin:0;padding:5vh 5vw;background:${info.background};color:${info.bodyColor};font:${system(info.bodyFont)}}h1{margin:0 0 .5em;font:${system(info.titleFont)};color:${info.titleColor}}</style></head><body><h1>${escapeHtml(info.title)}</h1>${info.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>\n`;
  writeFileSync(path.join(floorDir, 'index.html'), html);
  return { titleFont: system(info.titleFont), bytes: html.length };
}

/** A page measured on first view: its address on the bench's server and its title's selector. */
export interface FirstViewPage {
  key: string;
  url: string;
  selector: string;
}

/** One page's figures under one condition: medians over the runs. */
export interface PageFigures {
  fcp: number;
  titleVisible: number;
  /** Requests started before the frame that paints the title (the document included). */
  requestsBeforeTitle: number;
  /** Of those, the ones the title could wait for: all but scripts (module scripts never hold a paint). */
  holdingBeforeTitle: number;
  /** Their encoded (gzip where served so) body bytes. */
  bytesBeforeTitle: number;
  /** Every request of the page once the network is idle after load, and their bytes. */
  requests: number;
  bytes: number;
}

export interface FirstViewFigures {
  runs: number;
  network: typeof EMULATED_NETWORK;
  /** By condition (`1x`, `4x`: no network emulation; `net 1x`, `net 4x`: emulated), by page key. */
  byCondition: Record<string, Record<string, PageFigures>>;
  /** Each page's requests in its first emulated 1× run. */
  requests: Record<string, { url: string; bytes: number; beforeTitle: boolean }[]>;
}

export const CONDITIONS = [
  { key: '1x', cpu: 1, network: false },
  { key: '4x', cpu: 4, network: false },
  { key: 'net 1x', cpu: 1, network: true },
  { key: 'net 4x', cpu: 4, network: true },
] as const;

const isScript = (url: string) => /\.m?js(?:[?#]|$)/.test(new URL(url).pathname);

/** Every page under every condition, `runs` fresh contexts each, the pages interleaved (rotated each round). */
export async function benchFirstView(browser: Browser, server: StaticServer, pages: FirstViewPage[], runs = 5): Promise<FirstViewFigures> {
  const byCondition: FirstViewFigures['byCondition'] = {};
  const requests: FirstViewFigures['requests'] = {};
  for (const condition of CONDITIONS) {
    const samples = new Map<string, LoadSample[]>(pages.map((p) => [p.key, []]));
    const load = (p: FirstViewPage) => loadOnce(browser, server.url + p.url, p.selector, condition.cpu, undefined, condition.network);
    for (const p of pages) await load(p); // warm-up: browser process, server cache
    for (let i = 0; i < runs; i++) {
      // Rotate the order, so no page always follows the same one.
      for (let j = 0; j < pages.length; j++) {
        const p = pages[(i + j) % pages.length]!;
        samples.get(p.key)!.push(await load(p));
      }
    }
    const before = (sample: LoadSample) => sample.resources.filter((r) => r.start < sample.titleFrame);
    const sum = (list: Resource[]) => list.reduce((n, r) => n + r.bytes, 0);
    byCondition[condition.key] = Object.fromEntries(
      [...samples].map(([key, list]) => [
        key,
        {
          fcp: round(median(list.map((s) => s.fcp))),
          titleVisible: round(median(list.map((s) => s.titleVisible))),
          requestsBeforeTitle: median(list.map((s) => before(s).length)),
          holdingBeforeTitle: median(list.map((s) => before(s).filter((r) => !isScript(r.url)).length)),
          bytesBeforeTitle: median(list.map((s) => sum(before(s)))),
          requests: median(list.map((s) => s.resources.length)),
          bytes: median(list.map((s) => sum(s.resources))),
        },
      ]),
    );
    if (condition.key === 'net 1x') {
      for (const [key, list] of samples) {
        const first = list[0]!;
        requests[key] = first.resources.map((r) => ({ url: r.url.replace(server.url, ''), bytes: r.bytes, beforeTitle: r.start < first.titleFrame }));
      }
    }
  }
  return { runs, network: EMULATED_NETWORK, byCondition, requests };
}

export interface StepFigures {
  walks: number;
  steps: number;
  medianMs: number;
  worstMs: number;
  medianToFrameMs: number;
  p90Ms: number;
  worstAt: string;
  total: { gzip: number; requests: number; list: { url: string; bytes: number }[] };
}

/** Where the deck stands: the present slide and how many of its steps are shown. */
const position = () => {
  const sections = [...document.querySelectorAll('.reveal .slides > section')];
  const present = document.querySelector('.reveal .slides > section.present');
  return `${sections.indexOf(present!)}/${present?.querySelectorAll('.fragment.visible').length}`;
};

/** PageDown through the whole talk, `walks` times in fresh contexts; total transfer from the first walk. */
export async function benchStepping(browser: Browser, server: StaticServer, stepCount: number, walks = 3): Promise<StepFigures> {
  const work: number[] = [];
  const toFrame: number[] = [];
  const where: string[] = [];
  let total: StepFigures['total'] | undefined;
  for (let walk = 0; walk < walks; walk++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.addInitScript(asInitScript(stepProbe));
    await page.goto(`${server.url}/deck/`);
    await page.locator('.reveal.ready').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    for (let i = 1; i < stepCount; i++) {
      const before = await page.evaluate(position);
      await page.keyboard.press('PageDown');
      await page.waitForFunction((n) => (window as any).__steps.length >= n, i);
      const after = await page.evaluate(position);
      if (after === before) throw new Error(`stepping: PageDown ${i} did not move (still at ${before})`);
      await page.waitForTimeout(150); // let the transition play, as a speaker would
    }
    const steps = await page.evaluate(() => (window as any).__steps as { work: number; toFrame: number }[]);
    work.push(...steps.map((s) => s.work));
    where.push(...steps.map((_, i) => `walk ${walk + 1}, PageDown ${i + 1}`));
    toFrame.push(...steps.map((s) => s.toFrame));
    if (walk === 0) {
      await page.waitForLoadState('networkidle');
      const list = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return [nav, ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[])].map((r) => ({ url: r.name, bytes: r.encodedBodySize }));
      });
      total = { gzip: list.reduce((n, r) => n + r.bytes, 0), requests: list.length, list: list.map((r) => ({ ...r, url: r.url.replace(server.url, '') })) };
    }
    await context.close();
  }
  return { walks, steps: work.length, medianMs: round(median(work), 2), worstMs: round(worst(work), 2), p90Ms: round(quantile(work, 0.9), 2), worstAt: where[work.indexOf(worst(work))]!, medianToFrameMs: round(median(toFrame), 2), total: total! };
}

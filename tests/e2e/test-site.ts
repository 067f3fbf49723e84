// A site built for one browser spec from decks made for it (with `vite build`, as readers get it,
// DECKS_DIR pointing at them), served from 127.0.0.1 on a free port; and the deck pages opened on it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { serveFolders, type StaticServer } from '../../src/node/static-server.ts';

/** The build wants a deck at the site's root; a test site's is a stand-in. */
export const STAND_IN = '## The root page of the test site\n';

/** Builds `decks` (a folder of decks) into `site` and serves it; the root deck is a stand-in unless the folder has one. */
export async function buildTestSite(decks: string, site: string): Promise<StaticServer> {
  const root = path.join(decks, 'collaborations-in-ml.md');
  try {
    writeFileSync(root, STAND_IN, { flag: 'wx' });
  } catch {
    // the folder brings its own
  }
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error', '--outDir', site, '--emptyOutDir'], {
    stdio: 'pipe',
    env: { ...process.env, DECKS_DIR: decks },
  });
  return serveFolders({ '/': site }, 0);
}

/**
 * Opens `url` (motion reduced), waits for reveal.js and the fonts, and returns the list, filled as
 * the page goes on, of every request that leaves the test's server (data: and blob: aside).
 */
export async function openCollectingAway(page: Page, server: StaticServer, url: string): Promise<string[]> {
  const away: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${server.url}/`) && !/^(data|blob):/.test(request.url())) away.push(request.url());
  });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(url);
  await page.locator('.reveal.ready').waitFor();
  await page.evaluate(() => document.fonts.ready);
  return away;
}

// The share picture (`og:image`): the title slide, drawn by Chromium at 1200×630, written to
// public/og-image.png (committed; Vite copies it into dist/). Run it again when the title slide or the
// theme changes: `npm run og-image`. Builds the site first, then serves dist/ on a free local port.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { SHARE_IMAGE_SIZE } from '../src/core/document.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { launchOptions } from '../src/node/chromium.ts';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'public/og-image.png');

execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
// Port 0: any free port (nothing else needs to reach it).
const site = await serveStatic(path.join(root, 'dist'), '/', Number(process.env.OG_PORT ?? 0));
const browser = await chromium.launch(launchOptions());
try {
  const page = await browser.newPage({ viewport: SHARE_IMAGE_SIZE, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(`${site.url}#/title`);
  await page.locator('.reveal.ready').waitFor();
  await page.evaluate(() => document.fonts.ready);
  // No controls or progress bar on the picture: only the slide.
  await page.addStyleTag({ content: '.reveal .controls, .reveal .progress, .reveal .slide-number { display: none !important; }' });
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || !(a instanceof CSSTransition)));
  writeFileSync(out, await page.screenshot({ type: 'png' }));
  console.log(`wrote ${path.relative(root, out)} (${SHARE_IMAGE_SIZE.width}×${SHARE_IMAGE_SIZE.height})`);
} finally {
  await browser.close();
  await site.close();
}

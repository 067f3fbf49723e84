// `npm run audit`: Lighthouse (pinned 12.2.3) scores the built site as GitHub Pages serves it (under a
// sub-path), on a phone (Lighthouse's default mobile emulation) and on a desktop, in Chromium from
// src/node/chromium.ts ($CHROMIUM_PATH, $CHROME_PATH, /usr/bin/chromium). Prints the scores and every audit that cost points;
// exits 1 when accessibility, best practices or SEO is under 100. Not part of `npm test`.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { serveStatic } from '../src/node/static-server.ts';
import { CHROMIUM_ARGS, systemChromium } from '../src/node/chromium.ts';
import { helpIfAsked } from './usage.ts';

const root = path.resolve(import.meta.dirname, '..');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const MUST_BE_100 = ['accessibility', 'best-practices', 'seo'];

helpIfAsked(process.argv.slice(2), `
usage: npm run audit [-- --no-build]
Lighthouse scores the built site (built first unless --no-build) as GitHub Pages serves it, on a
phone and on a desktop; prints the scores and every audit that cost points. Exits 1 when
accessibility, best practices or SEO is under 100. AUDIT_PORT: a fixed port.`);
if (!process.argv.includes('--no-build')) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
// AUDIT_PORT: a fixed port if you need one; by default any free port.
const site = await serveStatic(path.join(root, 'dist'), '/collaborations-in-ml/', Number(process.env.AUDIT_PORT ?? 0));
const chrome = await chromeLauncher.launch({
  chromePath: systemChromium(),
  chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
});

let failed = false;
try {
  for (const [device, config] of [['phone', undefined], ['desktop', desktopConfig]] as const) {
    const result = await lighthouse(site.url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, config);
    const lhr = result!.lhr;
    const scores = CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)] as const);
    console.log(`\n${device} (${lhr.lighthouseVersion}, ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0]}): ${site.url}`);
    for (const [id, score] of scores) console.log(`  ${id.padEnd(15)} ${String(score).padStart(3)}`);
    for (const [id, score] of scores) {
      if (score === 100) continue;
      if (MUST_BE_100.includes(id)) failed = true;
      for (const ref of lhr.categories[id]!.auditRefs) {
        const audit = lhr.audits[ref.id]!;
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.log(`    ${id}: ${audit.id} (${audit.score}) ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ''}`);
      }
    }
  }
} finally {
  await chrome.kill();
  await site.close();
}
if (failed) {
  console.error('\naccessibility, best practices and SEO must all score 100');
  process.exit(1);
}

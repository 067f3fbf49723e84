// pretest: make sure a Chromium exists for the browser tests. Uses a system Chromium when there is
// one; otherwise asks Playwright to download its own, and says exactly what to install if it can't.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { systemChromium } from '../src/node/chromium.ts';

const system = systemChromium();
if (system) {
  console.log(`browser: ${system}`);
  process.exit(0);
}
let bundled = '';
try {
  bundled = chromium.executablePath();
} catch {}
if (bundled && existsSync(bundled)) {
  console.log(`browser: ${bundled} (Playwright's)`);
  process.exit(0);
}
console.log('No Chromium found; running `npx playwright install chromium`…');
const result = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error(
    [
      '',
      'Could not get a Chromium for the browser tests. Install one, then run `npm test` again:',
      '  Debian/Ubuntu:  sudo apt-get install -y chromium     (gives /usr/bin/chromium)',
      '  macOS:          brew install --cask chromium',
      '  or point CHROMIUM_PATH at any Chromium or Chrome binary: CHROMIUM_PATH=/path/to/chrome npm test',
    ].join('\n'),
  );
  process.exit(1);
}

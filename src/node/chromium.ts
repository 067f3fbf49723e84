// The one Chromium the scripts, the tests and the benchmark use: $CHROMIUM_PATH / $CHROME_PATH, then
// the usual system paths (Debian's /usr/bin/chromium), else Playwright's own download
// (`npx playwright install chromium`), with the same flags everywhere.
import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium binary to use, or undefined to let Playwright use its own. */
export function systemChromium(): string | undefined {
  for (const candidate of [process.env.CHROMIUM_PATH, process.env.CHROME_PATH]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return SYSTEM_PATHS.find((p) => existsSync(p));
}

/** Flags that keep Chromium quiet on a closed network and usable as root in CI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--font-render-hinting=none',
];

/** Playwright's `chromium.launch()` options. */
export function launchOptions(): LaunchOptions {
  const executablePath = systemChromium();
  return { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS };
}

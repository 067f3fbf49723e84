import { defineConfig } from '@playwright/test';
import { launchOptions } from './src/node/chromium.ts';

// E2E_PORT lets several checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 720 },
    launchOptions: launchOptions(),
    // A page a service worker answers bypasses page.route; no deck of the site registers one, and
    // the spec of the one that does (offline-worker.spec.ts) allows them for itself.
    serviceWorkers: 'block',
  },
  // Tests run against the built site, as readers get it.
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});

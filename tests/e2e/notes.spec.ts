// Speaker notes belong to the slide, never to a step: notes written after a pause show in the
// presenter view from the moment the slide opens (reveal.js hides notes inside a fragment until
// that fragment is current). On the dev server, over a deck made for the test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect as baseExpect, test } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';

// The speaker window polls and debounces (presenter.spec.ts): generous waits, done when right.
const expect = baseExpect.configure({ timeout: 15_000 });

const DECK = `## Notes after a pause

Shown first.

. . .

Shown at step 1.

::: notes
Say this from the start.
:::
`;

let decks: string;
let server: ViteDevServer;

test.beforeAll(async () => {
  decks = mkdtempSync(path.join(tmpdir(), 'notes-'));
  writeFileSync(path.join(decks, 'notes-deck.md'), DECK);
  // vite.config.ts reads DECKS_DIR when the server loads it; port 0: the system picks a free one.
  const before = process.env.DECKS_DIR;
  process.env.DECKS_DIR = decks;
  try {
    server = await createServer({ logLevel: 'silent', clearScreen: false, server: { port: 0, strictPort: false, host: '127.0.0.1' } });
    await server.listen();
  } finally {
    if (before === undefined) delete process.env.DECKS_DIR;
    else process.env.DECKS_DIR = before;
  }
});

test.afterAll(async () => {
  await server?.close();
  rmSync(decks, { recursive: true, force: true });
});

test('notes after a pause show in the presenter view at the slide’s first step', async ({ page }) => {
  test.slow(); // the dev server compiles on first request
  await page.goto(`${server.resolvedUrls!.local[0]}notes-deck/#/notes-after-a-pause`);
  await page.locator('.reveal.ready').waitFor();
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await expect(popup.locator('.speaker-controls-notes .value')).toHaveText('Say this from the start.');
  await expect(popup.locator('.speaker-controls-notes')).not.toHaveClass(/hidden/);
  await expect(page).toHaveURL(/#\/notes-after-a-pause$/); // still at the first step
});

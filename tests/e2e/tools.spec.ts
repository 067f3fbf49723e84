// The speaker's tools in every deck: the laser pointer (L), zoom (Z, Alt+click) and ink (D, C),
// each loaded on its first use; listed in reveal.js's `?` help overlay.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { inlineSite } from '../../scripts/export-html.ts';

const TOOL_CHUNK = /\/assets\/(pointer|zoom|ink)-[\w-]+\.js$/;

/**
 * Ink on: D, then one stroke across the slide, drawn once the canvas is there (its chunk is fetched,
 * or read from a single file's inlined modules, on the first D).
 */
async function drawStroke(page: Page, steps: number) {
  await page.keyboard.press('d');
  await page.locator('canvas.deck-ink').waitFor();
  await page.mouse.move(400, 300);
  await page.mouse.down();
  await page.mouse.move(600, 350, { steps });
  await page.mouse.up();
}

/** Painted pixels of the ink canvas. */
const inked = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.deck-ink');
    if (!canvas) return 0;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]) n++;
    return n;
  });

test('pointer, zoom and ink: loaded on first use, listed in the help overlay', async ({ page }) => {
  const chunks: string[] = [];
  page.on('request', (request) => TOOL_CHUNK.test(request.url()) && chunks.push(request.url().match(TOOL_CHUNK)![1]!));
  await page.goto('./#/what-is-collaborate');
  await page.locator('.reveal.ready').waitFor();
  await page.keyboard.press('PageDown');
  expect(chunks, 'no tool is loaded before its key').toEqual([]);

  // The laser pointer: a dot where the mouse is, the cursor hidden; L again puts it away.
  await page.mouse.move(300, 300);
  await page.keyboard.press('l');
  await page.mouse.move(500, 320);
  const dot = page.locator('.laser-pointer');
  await expect(dot).toBeVisible();
  const box = (await dot.boundingBox())!;
  expect([Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)]).toEqual([500, 320]);
  await expect(page.locator('.reveal')).toHaveCSS('cursor', 'none');
  await page.keyboard.press('l');
  await expect(dot).toBeHidden();

  // Zoom: Z grows the page around the pointer, Z again brings it back; Alt+click too, and a step.
  const transform = () => page.evaluate(() => document.body.style.transform);
  await page.keyboard.press('z');
  await expect.poll(transform).toContain('scale(2.5)');
  await page.keyboard.press('z');
  await expect.poll(transform).toBe('');
  await page.mouse.move(640, 300);
  await page.keyboard.down('Alt');
  await page.mouse.click(640, 300);
  await page.keyboard.up('Alt');
  await expect.poll(transform).toContain('scale(2.5)');
  await page.keyboard.press('Escape');
  await expect.poll(transform).toBe('');
  await expect(page.locator('.reveal')).not.toHaveClass(/overview/);

  // Ink: D, then draw; the drawing belongs to the step, C clears it.
  await drawStroke(page, 8);
  await expect.poll(() => inked(page)).toBeGreaterThan(500);
  await page.keyboard.press('PageDown');
  await expect.poll(() => inked(page), { message: 'gone on the next step' }).toBe(0);
  await page.keyboard.press('PageUp');
  await expect.poll(() => inked(page), { message: 'back on its own step' }).toBeGreaterThan(500);
  await page.keyboard.press('c');
  await expect.poll(() => inked(page)).toBe(0);
  await page.keyboard.press('d');
  await expect(page.locator('canvas.deck-ink')).toHaveCSS('pointer-events', 'none');
  expect(chunks.sort()).toEqual(['ink', 'pointer', 'zoom']);

  // The keys in reveal.js's help overlay.
  await page.keyboard.press('Shift+Slash');
  const help = page.locator('.r-overlay-help');
  for (const key of ['L', 'Z', 'D', 'C']) await expect(help.locator('td', { hasText: new RegExp(`^${key}$`) })).toHaveCount(1);
  await expect(help).toContainText('Laser pointer');
});

test('pointer, zoom and ink work from the single-file export opened from disk, with no network', async ({ browser }) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'deck-tools-')), 'collaborations-in-ml.html');
  writeFileSync(file, inlineSite('dist'));
  const context = await browser.newContext({ offline: true });
  const page = await context.newPage();
  await page.goto(`${pathToFileURL(file).href}#/what-is-collaborate`);
  await page.locator('.reveal.ready').waitFor();
  await page.mouse.move(500, 300);
  await page.keyboard.press('l');
  await expect(page.locator('.laser-pointer')).toBeVisible();
  await page.keyboard.press('l');
  await page.keyboard.press('z');
  await expect.poll(() => page.evaluate(() => document.body.style.transform)).toContain('scale(2.5)');
  await page.keyboard.press('z');
  await drawStroke(page, 5);
  await expect.poll(() => inked(page)).toBeGreaterThan(500);
  await context.close();
});

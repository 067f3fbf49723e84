// The title slide's QR code (front matter `qr:`), as a room sees it: on the right of the stage, about
// 250 px, clear of the title block, and a camera reads the deck's address off the screenshot in the
// light and the dark theme (jsQR); on a phone, which already has the page, only the address shows.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { compileDeck, type Deck } from '../../src/core/index.ts';
import { loadQrEncoder } from '../../src/node/qr-encoder.ts';
import type { StaticServer } from '../../src/node/static-server.ts';
import { axeViolations } from './a11y-checks.ts';
import { guard } from './overflow-guard.ts';
import { settle } from './settle.ts';
import { buildTestSite, openCollectingAway } from './test-site.ts';

const SOURCE_FILE = 'tests/fixtures/decks/qr.md';
const SOURCE = readFileSync(SOURCE_FILE, 'utf8');
const URL_IN_CODE = 'https://user.github.io/slides/qr/';

let server: StaticServer;
let deck: Deck;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  deck = compileDeck(SOURCE, { file: SOURCE_FILE, qr: await loadQrEncoder() });
  expect(deck.diagnostics).toEqual([]);
  const work = mkdtempSync(path.join(tmpdir(), 'deck-qr-'));
  const decks = path.join(work, 'decks');
  mkdirSync(decks);
  writeFileSync(path.join(decks, 'qr.md'), SOURCE);
  server = await buildTestSite(decks, path.join(work, 'site'));
});

test.afterAll(async () => {
  await server?.close();
});

/** What a camera reads in a screenshot of the page, or undefined. */
async function scan(page: Page, name: string): Promise<string | undefined> {
  const png = await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
}

/** The code stands right of every line of the title block. */
async function expectRightOfTitleBlock(page: Page): Promise<void> {
  const code = (await page.locator('section.title-slide > figure.deck-qr > svg').boundingBox())!;
  for (const line of await page.locator('section.title-slide > :is(h1, p)').all()) {
    const b = (await line.boundingBox())!;
    expect(b.x + b.width, await line.innerText()).toBeLessThan(code.x);
  }
}

test('the title slide shows a code of the address on the right, clear of the title block, that scans in both themes', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const away = await openCollectingAway(page, server, `${server.url}/qr/`);
  const code = page.locator('section.title-slide > figure.deck-qr > svg');
  await expect(code).toBeVisible();
  await expect(code).toHaveAttribute('role', 'img');
  await expect(code).toHaveAttribute('aria-label', `QR code for ${URL_IN_CODE}`);
  await expect(page.locator('section.title-slide figcaption a')).toHaveAttribute('href', URL_IN_CODE);
  const box = (await code.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(200);
  expect(box.width).toBeLessThanOrEqual(260);
  await expectRightOfTitleBlock(page);
  expect(await scan(page, 'qr-light')).toBe(URL_IN_CODE);
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('t'); // auto → dark
  await settle(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await scan(page, 'qr-dark')).toBe(URL_IN_CODE);
  expect(await axeViolations(page)).toEqual([]);
  // Nothing reaches outside the slide or lies on other text, and nothing was asked of another host.
  expect(await guard(page, deck, `${server.url}/qr/`)).toEqual([]);
  expect(away).toEqual([]);
});

test('the PDF keeps the code', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ media: 'print' });
  await page.goto(`${server.url}/qr/?print-pdf`);
  await page.locator('.reveal.ready').waitFor();
  await expect(page.locator('section.title-slide figure.deck-qr > svg')).toBeVisible();
  await expectRightOfTitleBlock(page);
  expect(await scan(page, 'qr-print')).toBe(URL_IN_CODE);
});

test('on a phone the code is left out and the address stays', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/qr/`);
  await page.locator('.reveal.ready').waitFor();
  await expect(page.locator('.reveal-scroll')).toHaveCount(1);
  await expect(page.locator('section.title-slide figure.deck-qr > svg')).toBeHidden();
  await expect(page.locator('section.title-slide figcaption a')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('qr-phone.png') });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

// `npm run present`: the phone (390×844, touch) drives the audience's windows on the laptop through
// the local server; without the secret nothing does; a dropped connection resumes on the current
// step; a flood from the room leaves the deck responsive.
import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import WebSocket from 'ws';
import { startPresenting, type Presenting } from './present-server.ts';
import { talk } from './talk.ts';
import { visibleLines } from './visible.ts';

const expect = baseExpect.configure({ timeout: 10_000 });
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const notesOf = (id: string) => talk.slides.find((s) => s.id === id)!.notes;
const text = async (page: Page) => (await visibleLines(page)).join('\n');

let present: Presenting;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  present = await startPresenting();
});
test.afterAll(async () => present?.stop());

async function openAudience(browser: Browser, hash = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${present.audienceUrl}${hash}`);
  await page.locator('.reveal.ready').waitFor();
  return { context, page };
}

async function openPhone(browser: Browser) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(present.remoteUrl);
  return { context, page };
}

/** A socket to the server as a script in the room would open it. */
function socketStatus(url: string, origin = present.origin, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin, headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

test('the phone moves the audience deck; both audience windows follow; notes, preview, step, pointer', async ({ browser }) => {
  const audience = await openAudience(browser, '#/what-is-collaborate');
  const second = await audience.context.newPage(); // the projector's window
  await second.goto(present.audienceUrl);
  await second.locator('.reveal.ready').waitFor();
  await expect(second).toHaveURL(/#\/what-is-collaborate$/); // it joins where the deck is
  const phone = await openPhone(browser);

  await expect(phone.page.locator('#notes')).toHaveText(notesOf('what-is-collaborate'));
  const step = phone.page.locator('#step');
  await expect(step).toHaveText(/^\d+ of \d+$/);
  const before = Number((await step.textContent())!.split(' ')[0]);
  const preview = (await (await phone.page.locator('#preview iframe').elementHandle())!.contentFrame())!;
  await expect.poll(async () => (await visibleLines(preview)).join('\n')).toContain('Working with Geoff Hinton');

  await phone.page.getByRole('button', { name: 'Next' }).click();
  await expect(audience.page).toHaveURL(/#\/what-is-collaborate\/0$/);
  await expect.poll(() => text(audience.page)).toContain('Working with Geoff Hinton');
  await expect(second).toHaveURL(/#\/what-is-collaborate\/0$/);
  await expect(step).toHaveText(`${before + 1} of ${talk.slides.reduce((n, s) => n + s.steps.length, 0)}`);

  // A swipe from right to left is Next; Previous goes back.
  await phone.page.evaluate(() => {
    const touch = (x: number) => new Touch({ identifier: 1, target: document.body, clientX: x, clientY: 400 });
    document.body.dispatchEvent(new TouchEvent('touchstart', { touches: [touch(320)], changedTouches: [touch(320)], bubbles: true }));
    document.body.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [touch(80)], bubbles: true }));
  });
  await expect(audience.page).toHaveURL(/#\/why-should-we-care-about-this$/);
  await expect(phone.page.locator('#notes')).toHaveText(notesOf('why-should-we-care-about-this'));
  await phone.page.getByRole('button', { name: 'Previous' }).click();
  await expect(audience.page).toHaveURL(/#\/what-is-collaborate\/0$/);
  await expect(second).toHaveURL(/#\/what-is-collaborate\/0$/);

  // The laptop's keys move the projector's window too, and the phone sees it.
  await audience.page.keyboard.press('PageDown');
  await expect(second).toHaveURL(/#\/why-should-we-care-about-this$/);
  await expect(step).toHaveText(new RegExp(`^${before + 2} of`));

  // The black screen, from the phone, on both windows.
  await phone.page.getByRole('button', { name: 'Black screen' }).click();
  await expect(audience.page.locator('.reveal')).toHaveClass(/paused/);
  await expect(second.locator('.reveal')).toHaveClass(/paused/);
  await expect(phone.page.getByRole('button', { name: 'Black screen' })).toHaveAttribute('aria-pressed', 'true');
  await phone.page.getByRole('button', { name: 'Black screen' }).click();
  await expect(second.locator('.reveal')).not.toHaveClass(/paused/);

  // The laser pointer's place reaches the other window.
  await audience.page.keyboard.press('l');
  await audience.page.mouse.move(640, 360);
  await audience.page.mouse.move(700, 400);
  const dot = second.locator('.laser-pointer');
  await expect(dot).toBeVisible();
  const box = (await dot.boundingBox())!;
  expect(Math.abs(box.x + box.width / 2 - 700)).toBeLessThan(30);
  await audience.page.keyboard.press('l');
  await expect(dot).toBeHidden();

  // The presenter view shows the phone's QR code on request.
  const [popup] = await Promise.all([audience.page.waitForEvent('popup'), audience.page.keyboard.press('s')]);
  await popup.getByRole('button', { name: 'Phone remote (QR)' }).click();
  const qr = popup.getByRole('img', { name: 'QR code of the phone remote' });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);

  await phone.context.close();
  await audience.context.close();
});

test('a wrong or missing secret is refused: the phone page, its script and the socket; the audience page holds no secret', async ({ request }) => {
  const origin = present.origin;
  const wrong = present.secret.slice(0, -1) + (present.secret.endsWith('A') ? 'B' : 'A');
  for (const path of ['/__present/remote/', `/__present/remote/${wrong}`, `/__present/remote/${present.secret.slice(0, 20)}`, '/__present/remote.js/', `/__present/remote.js/${wrong}`, '/__present/qr.svg'])
    expect((await request.get(`${origin}${path}`)).status(), path).toBe(403);
  expect((await request.get(present.remoteUrl)).status()).toBe(200);
  const audiencePage = await (await request.get(present.audienceUrl)).text();
  expect(audiencePage).not.toContain(present.secret);

  const socket = `ws://${new URL(origin).host}/__present/socket`;
  expect(await socketStatus(socket)).toBe(403);
  expect(await socketStatus(`${socket}?secret=`)).toBe(403);
  expect(await socketStatus(`${socket}?secret=${wrong}`)).toBe(403);
  expect(await socketStatus(`${socket}?secret=${present.secret}`, 'http://evil.example')).toBe(403); // another site's page
  // A site whose name points at the laptop (DNS rebinding): its own Origin and Host, refused.
  const rebound = `http://evil.example:${new URL(origin).port}`;
  expect(await socketStatus(`${socket}?secret=${present.secret}`, rebound, { host: new URL(rebound).host })).toBe(403);
  expect(await socketStatus(`${socket}?secret=${present.secret}`)).toBe('open');
});

test('a dropped connection comes back by itself and lands on the current step', async ({ browser }) => {
  const audience = await openAudience(browser); // it joins wherever the deck is
  // The phone reaches the laptop through a relay that plays the Wi-Fi: cutting it drops every
  // connection at once, as a lost network does (the browser's offline mode keeps open sockets).
  const wifi = new Set<Socket>();
  let up = true;
  const relay = createServer((client) => {
    if (!up) return void client.destroy();
    const server = connect(Number(new URL(present.origin).port), '127.0.0.1');
    for (const s of [client, server]) {
      wifi.add(s);
      s.on('error', () => undefined);
      s.on('close', () => (client.destroy(), server.destroy()));
    }
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const relayed = present.remoteUrl.replace(present.origin, `http://127.0.0.1:${(relay.address() as AddressInfo).port}`);
  const phone = await browser.newContext(PHONE).then(async (context) => ({ context, page: await context.newPage() }));
  await phone.page.goto(relayed);
  const step = phone.page.locator('#step');
  await expect(step).toHaveText(/^\d+ of \d+$/);
  const before = Number((await step.textContent())!.split(' ')[0]);
  up = false;
  for (const s of wifi) s.destroy();
  await expect(phone.page.locator('#status')).toHaveText('Reconnecting…');
  // Meanwhile the speaker moves on from the laptop.
  await audience.page.keyboard.press('PageDown');
  await audience.page.keyboard.press('PageDown');
  up = true;
  await expect(step).toHaveText(new RegExp(`^${before + 2} of`));
  await expect(phone.page.locator('#status')).toBeHidden();
  const hash = await audience.page.evaluate(() => location.hash);
  await phone.page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => audience.page.evaluate(() => location.hash)).not.toBe(hash);
  await expect(step).toHaveText(new RegExp(`^${before + 3} of`));
  await phone.context.close();
  await audience.context.close();
  relay.close();
});

test('a flood from the room leaves the deck responsive', async ({ browser }) => {
  const audience = await openAudience(browser, '#/what-is-collaborate');
  const host = new URL(present.origin).host;
  // 300 connections without the secret, all refused.
  const refused = await Promise.all(Array.from({ length: 300 }, () => socketStatus(`ws://${host}/__present/socket?secret=x`)));
  expect(refused.every((s) => s === 403)).toBe(true);
  // A phone socket past the bound of phones is refused too.
  const held = await Promise.all(Array.from({ length: 4 }, () => new Promise<WebSocket>((resolve) => {
    const ws = new WebSocket(`ws://${host}/__present/socket?secret=${present.secret}`, { origin: present.origin });
    ws.on('open', () => resolve(ws));
  })));
  expect(await socketStatus(`ws://${host}/__present/socket?secret=${present.secret}`)).toBe(503);
  // 5,000 presses as fast as a script sends them, and a message too big: the server lets a
  // human's pace through and closes the flooding sockets.
  const closed = held.map((ws) => new Promise<number>((resolve) => ws.on('close', (code) => resolve(code))));
  for (let i = 0; i < 5000; i++) held[0]!.send('{"do":"prev"}');
  held[1]!.send(JSON.stringify({ do: 'next', pad: 'x'.repeat(1000) }));
  expect(await closed[0]).toBe(1008);
  expect(await closed[1]).toBe(1009);
  for (const ws of held) ws.close();
  // The deck still answers its keys at once, and a phone still drives it.
  await audience.page.keyboard.press('Home');
  const started = Date.now();
  await audience.page.keyboard.press('PageDown');
  await expect(audience.page).toHaveURL(/#\/[^/]+$/);
  await expect.poll(() => audience.page.evaluate(() => location.hash), { timeout: 2000 }).not.toBe('');
  expect(Date.now() - started).toBeLessThan(2000);
  const phone = await openPhone(browser);
  const hash = await audience.page.evaluate(() => location.hash);
  await phone.page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => audience.page.evaluate(() => location.hash)).not.toBe(hash);
  await phone.context.close();
  await audience.context.close();
});

// The present server's pure parts: secrets, the page the room gets (no notes), the hosts it answers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hostAllowed, newSecret, sameSecret, startPresent, withFollowToken, withoutNotes } from '../../src/node/present/server.ts';

describe('present server', () => {
  it('makes a long random secret each time', () => {
    const a = newSecret();
    expect(a).toMatch(/^[\w-]{43}$/); // 256 bits, URL-safe
    expect(newSecret()).not.toBe(a);
  });

  it('compares secrets whole, whatever their length', () => {
    const secret = newSecret();
    expect(sameSecret(secret, secret)).toBe(true);
    for (const given of [undefined, null, '', secret.slice(0, -1), `${secret}x`, secret.toUpperCase(), 'x'.repeat(10_000)]) expect(sameSecret(given, secret)).toBe(false);
  });

  it('takes the speaker notes out of a page for the room, and gives the laptop its follow token', () => {
    const page = '<html><head></head><body><section><h2>A</h2>\n<aside class="notes">\n<p>say this</p>\n</aside>\n</section><section><aside class="notes"><p>and that</p></aside></section></body></html>';
    expect(withoutNotes(page)).not.toMatch(/say this|and that|notes/);
    expect(withoutNotes(page)).toContain('<h2>A</h2>');
    expect(withFollowToken(page, 'tok')).toContain('<meta name="deck-present" content="tok">\n</head>');
  });

  it('answers addresses and this machine, not other names (DNS rebinding)', () => {
    for (const host of ['127.0.0.1:4600', '192.168.1.20:4600', '[::1]:4600', 'localhost:4600']) expect(hostAllowed(host)).toBe(true);
    for (const host of [undefined, '', 'evil.example:4600', 'evil.example']) expect(hostAllowed(host)).toBe(false);
  });
});

describe('present server, seen from the room', () => {
  it('serves the deck without notes or token, and no socket, QR code or more than its share of connections', async () => {
    const site = mkdtempSync(path.join(tmpdir(), 'present-site-'));
    writeFileSync(path.join(site, 'index.html'), '<html><head></head><body><section><h2>A</h2><aside class="notes"><p>say this</p></aside></section></body></html>');
    // No own addresses: the test's own connections come from a guest in the room.
    const server = await startPresent({ site, deckPath: '/', port: 0, host: '127.0.0.1', remoteScript: '', ownAddresses: new Set() });
    try {
      const origin = new URL(server.audienceUrl).origin;
      const page = await (await fetch(server.audienceUrl)).text();
      expect(page).toContain('<h2>A</h2>');
      expect(page).not.toMatch(/say this|deck-present/);
      expect((await fetch(`${origin}/__present/qr.svg?token=x`)).status).toBe(403);
      expect((await fetch(server.remoteUrl)).status).toBe(200); // the phone is in the room too, with its secret
      const status = (secret: string) =>
        new Promise<number | 'open'>((resolve) => {
          const ws = new WebSocket(`ws://${new URL(origin).host}/__present/socket?secret=${secret}`, { origin });
          ws.on('open', () => (ws.close(), resolve('open')));
          ws.on('unexpected-response', (_q, response) => resolve(response.statusCode ?? 0));
          ws.on('error', () => resolve(0));
        });
      expect(await status('anything')).toBe(403);
      expect(await status(server.secret)).toBe('open');
      // One guest holds at most 16 connections at once; the server cuts the others.
      const held = Array.from({ length: 20 }, () => {
        const socket = connect(Number(new URL(origin).port), '127.0.0.1');
        const state = { socket, closed: false };
        socket.on('close', () => (state.closed = true));
        socket.on('error', () => undefined);
        return state;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(held.filter((h) => !h.closed).length).toBeLessThanOrEqual(16);
      expect(held.filter((h) => h.closed).length).toBeGreaterThanOrEqual(4);
      for (const h of held) h.socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await fetch(server.audienceUrl)).status).toBe(200);
    } finally {
      await server.close();
      rmSync(site, { recursive: true, force: true });
    }
  });
});

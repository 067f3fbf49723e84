// The present server's pure parts: secrets, the page the room gets (no notes), the hosts it answers.
import { describe, expect, it } from 'vitest';
import { hostAllowed, newSecret, sameSecret, withFollowToken, withoutNotes } from '../../src/node/present/server.ts';

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

// `npm run present`: the built site on the local network, and a relay between the speaker's phone
// and the deck's windows on the laptop. Three kinds of visitor:
// - the laptop's own windows (a connection from one of this machine's addresses): the deck, with a
//   follow token in its page, so its windows follow each other and obey the phone;
// - the phone, with the secret in its URL: the remote page and its socket;
// - anyone else on the network: the deck as the site serves it, minus the speaker's notes, and no
//   socket at all.
// Every socket names a secret (the phone's, or the laptop windows' follow token), compared in
// constant time; connections, message sizes and message rates are bounded, and a client that
// floods is cut off without holding up the others. Nothing here reaches another host.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import QRCode from 'qrcode';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentType } from '../mime.ts';
import { remotePage } from './remote-page.ts';

export interface PresentOptions {
  /** The built site (dist/). */
  site: string;
  /** The deck's path in the site: `/` for the talk, `/guide/` for slides/guide.md. */
  deckPath: string;
  /** 0 picks a free port. */
  port: number;
  /** `0.0.0.0` (the local network) or `127.0.0.1` (this machine only, the tests). */
  host: string;
  /** The phone page's script, ready for a browser (see remoteScript()). */
  remoteScript: string;
  /** This machine's addresses; the tests pass none, to be a guest in the room from 127.0.0.1. */
  ownAddresses?: Set<string>;
}

export interface PresentServer {
  audienceUrl: string;
  remoteUrl: string;
  /** The phone's secret (in remoteUrl). */
  secret: string;
  port: number;
  /** The QR code of remoteUrl, for a terminal. */
  terminalQr(): Promise<string>;
  close(): Promise<void>;
}

/** Bounds: a room's worth of windows and phones, messages a deck's state fits in, a human's pace. */
export const LIMITS = {
  decks: 8,
  phones: 4,
  /** Bytes per message: a phone sends a word; a deck window its state and the slide's notes. */
  phoneMessage: 256,
  deckMessage: 256 * 1024,
  /** Messages per second, sustained, with a burst of as many; past twice the burst the socket is closed. */
  phoneRate: 20,
  deckRate: 120,
  /** Open TCP connections from one address of the room (the laptop's own are not counted). */
  perAddress: 16,
} as const;

/** A long random secret, as URL-safe text (256 bits). */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Constant-time comparison of a secret given by a client with the real one (any length). */
export function sameSecret(given: string | null | undefined, real: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(real)) && given.length === real.length;
}

/** This machine's own addresses: a connection from one of them is the laptop itself. */
function ownAddresses(): Set<string> {
  const own = new Set(['127.0.0.1', '::1']);
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) own.add(a.address);
  return own;
}
const plainAddress = (address: string | undefined) => (address ?? '').replace(/^::ffff:/, '');

/** The address the phone can reach: the first non-internal IPv4 address, else this machine. */
export function lanAddress(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host;
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

/**
 * Only addresses, `localhost` and this machine's own name: a site whose name is made to point at
 * the laptop (DNS rebinding) gets nothing, not even the audience page with its follow token.
 */
export function hostAllowed(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const self = os.hostname().toLowerCase();
  return isIP(name) !== 0 || name === 'localhost' || name === self || name === `${self}.local`;
}

/** The speaker's notes, as the compiler writes them (`<aside class="notes">`), taken out of a page. */
export const withoutNotes = (html: string) => html.replace(/<aside class="notes"[^>]*>[\s\S]*?<\/aside>/g, '');

/** The follow token for the laptop's windows, in a meta tag the runtime looks for (src/runtime/main.ts). */
export const withFollowToken = (html: string, token: string) => html.replace('</head>', `<meta name="deck-present" content="${token}">\n</head>`);

/** Token bucket: `rate` per second, bursts of `rate`. Returns false for a message over the rate. */
function rateLimiter(rate: number) {
  let tokens = rate;
  let last = Date.now();
  let over = 0;
  return {
    take(): boolean {
      const now = Date.now();
      tokens = Math.min(rate, tokens + ((now - last) / 1000) * rate);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        over = 0;
        return true;
      }
      over++;
      return false;
    },
    /** Far over the rate: the client is flooding. */
    get flooding() {
      return over > rate * 2;
    },
  };
}

type Role = 'deck' | 'phone';
interface Client {
  socket: WebSocket;
  role: Role;
}

export async function startPresent(options: PresentOptions): Promise<PresentServer> {
  const site = path.resolve(options.site);
  const secret = newSecret();
  const followToken = newSecret();
  const own = options.ownAddresses ?? ownAddresses();
  const isOwn = (request: IncomingMessage) => own.has(plainAddress(request.socket.remoteAddress));
  const clients = new Set<Client>();
  /** The deck window the phone drives: the last one moved by hand, else the first to connect. */
  let leader: Client | undefined;
  /** The last state a deck window reported (position, step, notes, black screen). */
  let last: Record<string, unknown> | undefined;
  let startedAt: number | undefined;
  let remoteUrl = '';

  const server: Server = createServer(async (request, response) => {
    const security = { 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
    if (!hostAllowed(request.headers.host)) return void response.writeHead(403, security).end();
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
      decodeURIComponent(url.pathname);
    } catch {
      return void response.writeHead(400, security).end();
    }
    const pathname = decodeURIComponent(url.pathname);
    if (pathname.startsWith('/__present/')) {
      const [, , what, given] = pathname.split('/');
      if (what === 'remote' && sameSecret(given, secret)) {
        const csp = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";
        return void response.writeHead(200, { ...security, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }).end(remotePage(options.deckPath, given!));
      }
      if (what === 'remote.js' && sameSecret(given, secret)) return void response.writeHead(200, { ...security, 'content-type': 'text/javascript' }).end(options.remoteScript);
      // The presenter view shows the phone's QR code on request: only on this machine, with the follow token.
      if (what === 'qr.svg' && isOwn(request) && sameSecret(url.searchParams.get('token'), followToken)) {
        const svg = await QRCode.toString(remoteUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
        return void response.writeHead(200, { ...security, 'content-type': 'image/svg+xml' }).end(svg);
      }
      return void response.writeHead(403, { ...security, 'content-type': 'text/plain' }).end('403 Forbidden');
    }
    let file = path.join(site, pathname);
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (!file.startsWith(site + path.sep) || !statSync(file).isFile()) throw new Error('not found');
    } catch {
      return void response.writeHead(404, { ...security, 'content-type': 'text/plain' }).end('404 Not Found');
    }
    let body: Buffer | string = readFileSync(file);
    if (file.endsWith('.html')) {
      const html = body.toString('utf8');
      body = isOwn(request) ? withFollowToken(html, followToken) : withoutNotes(html);
    }
    response.writeHead(200, { ...security, 'content-type': contentType(file) });
    response.end(body);
  });

  // Connections: a bound per address of the room, so that one guest cannot use them all up; and
  // short timeouts for a request's headers and body (a slow sender holds nothing for long).
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = plainAddress(socket.remoteAddress);
    if (own.has(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > LIMITS.perAddress) return void socket.destroy();
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;

  const sockets = new WebSocketServer({ noServer: true, maxPayload: LIMITS.deckMessage, perMessageDeflate: false });
  const refuse = (socket: Duplex, status: string) => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  };
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      return refuse(socket, '400 Bad Request');
    }
    // A page from another site open on the laptop must not reach the socket (its Origin says so).
    if (url.pathname !== '/__present/socket' || !hostAllowed(request.headers.host) || request.headers.origin !== `http://${request.headers.host}`) return refuse(socket, '403 Forbidden');
    const given = url.searchParams.get('secret');
    const role: Role | undefined = sameSecret(given, secret) ? 'phone' : isOwn(request) && sameSecret(given, followToken) ? 'deck' : undefined;
    if (!role) return refuse(socket, '403 Forbidden');
    const count = [...clients].filter((c) => c.role === role).length;
    if (count >= (role === 'phone' ? LIMITS.phones : LIMITS.decks)) return refuse(socket, '503 Service Unavailable');
    sockets.handleUpgrade(request, socket, head, (ws) => welcome(ws, role));
  });

  const send = (client: Client, message: unknown) => {
    // A client that does not read (a stalled phone) is not waited for: its backlog is bounded.
    if (client.socket.readyState === client.socket.OPEN && client.socket.bufferedAmount < 1024 * 1024) client.socket.send(JSON.stringify(message));
  };
  const decks = () => [...clients].filter((c) => c.role === 'deck');
  const phones = () => [...clients].filter((c) => c.role === 'phone');
  const forPhone = () => ({ ...last, elapsedMs: startedAt === undefined ? 0 : Date.now() - startedAt, decks: decks().length });

  function welcome(socket: WebSocket, role: Role) {
    const client: Client = { socket, role };
    clients.add(client);
    const limiter = rateLimiter(role === 'phone' ? LIMITS.phoneRate : LIMITS.deckRate);
    if (role === 'deck') {
      leader ??= client;
      send(client, { state: last?.state ?? null }); // null: tell me where you are
    } else {
      send(client, forPhone());
    }
    socket.on('message', (data, isBinary) => {
      if (!limiter.take()) {
        if (limiter.flooding) socket.close(1008, 'too many messages');
        return;
      }
      if (isBinary || (role === 'phone' && (data as Buffer).length > LIMITS.phoneMessage)) return void socket.close(1009, 'message too big');
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null) return;
      if (role === 'phone') fromPhone(message);
      else fromDeck(client, message);
    });
    socket.on('close', () => {
      clients.delete(client);
      if (leader === client) leader = decks()[0];
      if (role === 'deck') for (const phone of phones()) send(phone, forPhone());
    });
    socket.on('error', () => socket.terminate());
  }

  function fromPhone(message: Record<string, unknown>) {
    const command = message.do;
    if (command !== 'next' && command !== 'prev' && command !== 'black') return;
    startedAt ??= Date.now();
    if (leader) send(leader, { do: command });
  }

  function fromDeck(client: Client, message: Record<string, unknown>) {
    if (message.pointer !== undefined) {
      const p = message.pointer as { x?: unknown; y?: unknown; on?: unknown };
      const pointer = { x: Number(p?.x), y: Number(p?.y), on: p?.on === true };
      if (!Number.isFinite(pointer.x) || !Number.isFinite(pointer.y)) return;
      for (const other of decks()) if (other !== client) send(other, { pointer });
      return;
    }
    if (typeof message.state !== 'object' || message.state === null) return;
    const own = message.own === true;
    if (!own && last) return; // only the first window's place counts before anyone moves
    // A window moved by hand (its keys, a clicker, its presenter view, the phone) leads from then on.
    if (own) {
      leader = client;
      startedAt ??= Date.now();
      for (const other of decks()) if (other !== client) send(other, { state: message.state });
    }
    last = { state: message.state, step: String(message.step ?? '').slice(0, 100), notes: String(message.notes ?? '') };
    for (const phone of phones()) send(phone, forPhone());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const origin = `http://${lanAddress(options.host)}:${port}`;
  remoteUrl = `${origin}/__present/remote/${secret}`;
  return {
    audienceUrl: `${origin}${options.deckPath}`,
    remoteUrl,
    secret,
    port,
    terminalQr: () => QRCode.toString(remoteUrl, { type: 'terminal', small: true, errorCorrectionLevel: 'M' }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.socket.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

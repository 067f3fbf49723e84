// A static file server that serves like GitHub Pages does: gzip for text types (html, css, js,
// svg, json, txt, xml), files already compressed (woff2, png, jpg) as they are. Both the built
// deck and the floor page are served by it, so they are measured the same way.
import { createServer, type Server } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, [type: string, gzip: boolean]> = {
  '.html': ['text/html; charset=utf-8', true],
  '.css': ['text/css; charset=utf-8', true],
  '.js': ['text/javascript; charset=utf-8', true],
  '.mjs': ['text/javascript; charset=utf-8', true],
  '.json': ['application/json', true],
  '.svg': ['image/svg+xml', true],
  '.txt': ['text/plain; charset=utf-8', true],
  '.xml': ['application/xml', true],
  '.woff2': ['font/woff2', false],
  '.woff': ['font/woff', false],
  '.png': ['image/png', false],
  '.jpg': ['image/jpeg', false],
  '.ico': ['image/x-icon', false],
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves each of `roots` under its own prefix (e.g. `{ '/deck/': 'dist', '/floor/': tmpDir }`). */
export function serveStatic(roots: Record<string, string>, port: number): Promise<StaticServer> {
  const cache = new Map<string, { body: Buffer; type: string; gzip: boolean }>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const prefix = Object.keys(roots).find((p) => url.pathname.startsWith(p));
    if (!prefix) return void response.writeHead(404).end();
    let file = path.join(roots[prefix]!, decodeURIComponent(url.pathname.slice(prefix.length)));
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
    } catch {
      return void response.writeHead(404).end();
    }
    let entry = cache.get(file);
    if (!entry) {
      const raw = readFileSync(file);
      const [type, gzip] = TYPES[path.extname(file)] ?? ['application/octet-stream', false];
      // GitHub Pages compresses with gzip; level 6 is zlib's (and nginx-style servers') default.
      entry = { body: gzip ? gzipSync(raw, { level: 6 }) : raw, type, gzip };
      cache.set(file, entry);
    }
    response.writeHead(200, {
      'content-type': entry.type,
      'content-length': entry.body.length,
      'cache-control': 'max-age=600', // GitHub Pages' own; every load uses a fresh context (empty cache)
      ...(entry.gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    response.end(entry.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}

// A static file server for the built site that serves as GitHub Pages does: each folder under its
// own path prefix (`/<repo>/`), gzip for text types, files already compressed (woff2, png) as they
// are, `cache-control: max-age=600`, a redirect to add the trailing slash, everything else 404.
// Used by the sub-path test, the share-image script, the audit and the benchmark (which serves the
// deck and its floor page side by side, so both are measured the same way).
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentType, isCompressible } from './mime.ts';

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

export interface StaticSite {
  /** `http://127.0.0.1:<port><base>` */
  url: string;
  close(): Promise<void>;
}

/** Serves each folder of `roots` under its prefix (`{ '/deck/': 'dist', '/floor/': tmp }`); port 0 picks a free one. */
export function serveFolders(roots: Record<string, string>, port: number): Promise<StaticServer> {
  const folders = Object.entries(roots).map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, path.resolve(dir)] as const);
  const cache = new Map<string, { body: Buffer; type: string; gzip: boolean }>();
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (folders.some(([prefix]) => pathname === prefix.slice(0, -1))) return void response.writeHead(301, { location: `${pathname}/` }).end();
    const folder = folders.find(([prefix]) => pathname.startsWith(prefix));
    let file = folder ? path.join(folder[1], pathname.slice(folder[0].length)) : '';
    try {
      if (file && statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (!folder || !file.startsWith(folder[1]) || !statSync(file).isFile()) throw new Error('not found');
    } catch {
      return void response.writeHead(404, { 'content-type': 'text/plain' }).end('404 Not Found');
    }
    let entry = cache.get(file);
    if (!entry) {
      const raw = readFileSync(file);
      const type = contentType(file);
      const gzip = isCompressible(file);
      // GitHub Pages compresses with gzip; level 6 is zlib's (and nginx-style servers') default.
      entry = { body: gzip ? gzipSync(raw, { level: 6 }) : raw, type, gzip };
      cache.set(file, entry);
    }
    response.writeHead(200, {
      'content-type': entry.type,
      'content-length': entry.body.length,
      'cache-control': 'max-age=600',
      ...(entry.gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    response.end(entry.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({ url: `http://127.0.0.1:${actual}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** Serves `directory` at `base` (e.g. `/some-repo/`) on 127.0.0.1:`port`. */
export async function serveStatic(directory: string, base: string, port: number): Promise<StaticSite> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server = await serveFolders({ [prefix]: directory }, port);
  return { url: `${server.url}${prefix}`, close: server.close };
}

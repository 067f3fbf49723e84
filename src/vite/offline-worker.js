// The service worker of the decks that keep working offline (front matter `offline: true`; written
// by src/vite/offline.ts, which puts the build's list of files where DECK_OFFLINE is). One file for
// the site; each opted-in page registers it with the page's own folder as its scope, so it controls
// that page and no other, and keeps that page's files in a cache of its own.
//
// - The page (a navigation): the network first, so an author's new version shows when online; the
//   cache when the network fails or is slow (TIMEOUT_MS), and the cache is refreshed from a
//   network answer that comes later.
// - Everything else the page asks of this site: the cache first (the assets' names change with
//   their content), else the network; a hashed asset that came is kept (a picture in another
//   format than the one kept at install, say). A request for part of a file (a video's Range)
//   gets that part.
// - Requests to another host, and anything but GET, are left alone: never answered, never kept.
//
// The cache's name holds the build's version: a new build's worker fills its own cache when it
// installs, takes over at once, and deletes the old one.
const DECK_OFFLINE = self.DECK_OFFLINE;
const TIMEOUT_MS = 3000;
const HERE = new URL('./', self.location.href).href;
const PAGE = self.registration.scope.startsWith(HERE) ? self.registration.scope.slice(HERE.length) : '';
const FILES = DECK_OFFLINE.pages[PAGE];
const PREFIX = `deck-offline:${PAGE}:`;
const CACHE = PREFIX + DECK_OFFLINE.version;
const PAGE_URL = self.registration.scope;
/** Where the build's hashed files are: a file there never changes under its name. */
const ASSETS = new URL(DECK_OFFLINE.assets, HERE).href;

self.addEventListener('install', (event) => {
  if (!FILES) return;
  event.waitUntil(
    caches
      .open(CACHE)
      // (A file outside the hashed ones, the page or its icon, is asked past the browser's HTTP cache.)
      .then((cache) => cache.addAll([PAGE_URL, ...FILES.map((file) => new URL(file, HERE).href)].map((url) => new Request(url, url.startsWith(ASSETS) ? {} : { cache: 'no-cache' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (!FILES || request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (!url.href.startsWith(PAGE_URL) || !/^(index\.html)?$/.test(url.pathname.slice(new URL(PAGE_URL).pathname.length))) return;
    event.respondWith(page(event));
    return;
  }
  event.respondWith(asset(event));
});

/** The page: the network's answer (kept) unless it fails or takes longer than TIMEOUT_MS; then the kept one. */
function page(event) {
  // Past the browser's HTTP cache (GitHub Pages lets it keep a page 10 minutes): asked again, the
  // server says whether the page changed. (A navigation cannot be copied with another cache mode.)
  const network = fetch(event.request.url, { cache: 'no-cache', credentials: 'same-origin' }).then((response) => (response.redirected ? fetch(event.request) : response));
  // Kept even when it comes after the timeout (the worker lives until it is), for the next visit.
  const copy = network.then((response) => (response.ok && !response.redirected ? response.clone() : undefined), () => undefined);
  event.waitUntil(copy.then((response) => response && caches.open(CACHE).then((cache) => cache.put(PAGE_URL, response))));
  const timeout = new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS));
  return Promise.race([network, timeout])
    .catch(() => undefined)
    .then(async (response) => response ?? (await caches.open(CACHE).then((cache) => cache.match(PAGE_URL))) ?? network);
}

/** Any other file of this site: the kept one, else the network's (kept when whole and fine). */
async function asset(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request.url, { ignoreSearch: true });
  if (kept) return request.headers.has('range') ? part(request, kept) : kept;
  const response = await fetch(request);
  if (response.status === 200 && response.type === 'basic' && request.url.startsWith(ASSETS)) event.waitUntil(cache.put(request.url, response.clone()));
  return response;
}

/** The bytes a Range request asks for (`bytes=a-b`, `bytes=a-`, `bytes=-n`) of a kept response. */
async function part(request, kept) {
  const bytes = await kept.arrayBuffer();
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
  const size = bytes.byteLength;
  let start = range && range[1] ? Number(range[1]) : range && range[2] ? size - Number(range[2]) : 0;
  const end = range && range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  start = Math.max(0, start);
  if (!range || start > end) return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
  return new Response(bytes.slice(start, end + 1), {
    status: 206,
    headers: { 'content-type': kept.headers.get('content-type') ?? '', 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) },
  });
}

// The build-time side of pictures and videos (src/core/syntax/media/): sharp reads each file a
// deck names before the deck is compiled (its format, size, whether it is whole), and afterwards
// writes the converted files the compile asked for (AVIF, WebP, the original format, each at the
// size the slide draws it at, at most twice that). Everything is cached by content and options in
// node_modules/.cache/deck-media: a rebuild with unchanged pictures converts none.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MediaDescription, MediaService, MediaVariant, RasterFormat } from '../core/syntax/media/service.ts';
import { MAX_PIXELS } from '../core/syntax/media/service.ts';

/** Where converted files and what is known of each source (by its content's hash) are kept. */
export const MEDIA_CACHE = 'node_modules/.cache/deck-media';

/** The paths a deck's Markdown names, as written: images, their dark variants, posters, layout and background pictures. */
export function mediaPaths(source: string): string[] {
  const out = new Set<string>();
  for (const m of source.matchAll(/!\[[^\]\n]*\]\(\s*<?([^)\s>]+)/g)) out.add(m[1]!);
  for (const m of source.matchAll(/\b(?:dark|poster|image|background-image|background-video)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s}]+))/g)) out.add(m[1] ?? m[2] ?? m[3]!);
  return [...out].filter((p) => p && !/^[a-z][a-z0-9+.-]*:/i.test(p) && !p.startsWith('//') && !p.startsWith('#'));
}

type Described = MediaDescription & { hash?: string; file?: string };

export interface NodeMediaService {
  /** Reads what the deck names (async, cached); call before compiling it. */
  prepare(deckFile: string, source: string): Promise<void>;
  /** The service the core uses for one deck. */
  forDeck(deckFile: string): MediaService;
  /** Writes the converted files asked for since the last call; returns how many it converted (0 when all were cached). */
  produce(): Promise<{ converted: number; cached: number }>;
}

export function createMediaService(root: string, cacheDir = path.join(root, MEDIA_CACHE)): NodeMediaService {
  const known = new Map<string, { mtime: number; size: number; described: Described }>();
  const jobs = new Map<string, { file: string; variant: MediaVariant; animated: boolean }>();
  const rootDir = path.resolve(root);
  const metaDir = path.join(cacheDir, 'meta');

  /** Where a deck's files may be: the project, or for a deck kept outside it (a temporary copy), its own folder (as read-asset.ts). */
  const allowedFor = (base: string) => (base.startsWith(rootDir + path.sep) || base === rootDir ? rootDir : base);
  const describeFile = async (full: string, allowed: string): Promise<Described> => {
    if (!full.startsWith(allowed + path.sep)) return { kind: 'problem', problem: 'outside' };
    let stat;
    try {
      stat = statSync(full);
    } catch {
      return { kind: 'problem', problem: 'missing' };
    }
    if (!stat.isFile()) return { kind: 'problem', problem: 'missing' };
    const seen = known.get(full);
    if (seen && seen.mtime === stat.mtimeMs && seen.size === stat.size) return seen.described;
    const bytes = readFileSync(full);
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 20);
    const metaFile = path.join(metaDir, `${hash}.json`);
    let described: Described | undefined;
    try {
      described = JSON.parse(readFileSync(metaFile, 'utf8')) as Described;
    } catch {
      described = await inspect(bytes);
      mkdirSync(metaDir, { recursive: true });
      writeFileSync(metaFile, JSON.stringify(described));
    }
    described = { ...described, hash, file: full };
    known.set(full, { mtime: stat.mtimeMs, size: stat.size, described });
    return described;
  };

  const outFile = (hash: string, v: MediaVariant) => path.join(cacheDir, `${hash}-${v.width}x${v.height}.${v.format === 'jpeg' ? 'jpg' : v.format}`);
  const urlOf = (full: string) => '/' + path.relative(rootDir, full).split(path.sep).join('/');

  return {
    async prepare(deckFile, source) {
      const base = path.dirname(path.resolve(root, deckFile));
      await Promise.all(mediaPaths(source).map((p) => describeFile(path.resolve(base, safeDecode(p)), allowedFor(base))));
    },
    forDeck(deckFile) {
      const base = path.dirname(path.resolve(root, deckFile));
      const lookup = (p: string) => known.get(path.resolve(base, p))?.described;
      return {
        describe(p) {
          const full = path.resolve(base, p);
          if (!full.startsWith(allowedFor(base) + path.sep)) return { kind: 'problem', problem: 'outside' };
          const d = lookup(p);
          if (!d) return existsSync(full) ? undefined : { kind: 'problem', problem: 'missing' };
          const { hash: _h, file: _f, ...description } = d;
          return description as MediaDescription;
        },
        url(p, variant) {
          const d = lookup(p);
          const full = path.resolve(base, p);
          if (!variant || !d?.hash) return urlOf(full);
          const out = outFile(d.hash, variant);
          jobs.set(out, { file: full, variant, animated: d.kind === 'raster' && d.animated });
          return urlOf(out);
        },
      };
    },
    async produce() {
      let converted = 0;
      let cached = 0;
      const pending = [...jobs];
      jobs.clear();
      mkdirSync(cacheDir, { recursive: true });
      for (const [out, job] of pending) {
        if (existsSync(out)) {
          cached++;
          continue;
        }
        await convert(job.file, out, job.variant, job.animated);
        converted++;
      }
      return { converted, cached };
    },
  };
}

function safeDecode(p: string): string {
  try {
    return decodeURI(p.replace(/[?#].*$/, ''));
  } catch {
    return p;
  }
}

/** What a file is, from its first bytes (never its name), and for a raster, whether sharp reads it whole. */
export async function inspect(bytes: Buffer): Promise<MediaDescription> {
  const head = bytes.subarray(0, 64);
  const ascii = head.toString('latin1');
  const brand = ascii.slice(8, 12);
  let format: RasterFormat | undefined;
  if (head[0] === 0x89 && ascii.slice(1, 4) === 'PNG') format = 'png';
  else if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) format = 'jpeg';
  else if (ascii.startsWith('GIF8')) format = 'gif';
  else if (ascii.startsWith('RIFF') && brand === 'WEBP') format = 'webp';
  else if (ascii.slice(4, 8) === 'ftyp' && (brand === 'avif' || brand === 'avis')) format = 'avif';
  else if (ascii.slice(4, 8) === 'ftyp') return { kind: 'video', format: 'mp4', bytes: bytes.length };
  else if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return { kind: 'video', format: 'webm', bytes: bytes.length };
  else if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg\b/.test(bytes.subarray(0, 4096).toString('utf8'))) return { kind: 'svg' };
  if (!format) return { kind: 'problem', problem: 'not-image' };
  const { default: sharp } = await import('sharp');
  try {
    const meta = await sharp(bytes, { limitInputPixels: false, animated: true }).metadata();
    const width = meta.width;
    const height = meta.pageHeight ?? meta.height;
    if (!width || !height) return { kind: 'problem', problem: 'corrupt', detail: 'no size in its header' };
    if (width * height > MAX_PIXELS) return { kind: 'problem', problem: 'too-large', detail: `${width}×${height}` };
    // Decoding the whole file finds a damaged one (a cut-off download) now, not in the browser.
    await sharp(bytes, { failOn: 'error' }).resize(16, 16, { fit: 'inside' }).raw().toBuffer();
    return { kind: 'raster', format, width, height, animated: (meta.pages ?? 1) > 1 };
  } catch (error) {
    return { kind: 'problem', problem: 'corrupt', detail: String((error as Error).message ?? error).split('\n')[0]!.slice(0, 120) };
  }
}

/** Quality per format: small files that still look like the original on a projector. */
const OPTIONS = { avif: { quality: 55, effort: 4 }, webp: { quality: 80, effort: 4 }, png: { compressionLevel: 9, palette: false }, jpeg: { quality: 82, mozjpeg: true }, gif: {} } as const;

async function convert(file: string, out: string, variant: MediaVariant, animated: boolean): Promise<void> {
  const { default: sharp } = await import('sharp');
  const tmp = `${out}.${process.pid}.tmp`;
  await sharp(readFileSync(file), { animated, limitInputPixels: false })
    .rotate()
    .resize(variant.width, variant.height, { fit: 'fill' })
    .toFormat(variant.format, OPTIONS[variant.format])
    .toFile(tmp);
  renameSync(tmp, out);
}

// A media service for fixture tests: the files it knows, as src/node/media.ts would describe them,
// and addresses that show the variant asked for (`/m/plots/loss.png@1123x842.avif`).
import type { MediaDescription, MediaService } from '../../src/core/syntax/media/service.ts';

export const FIXTURE_MEDIA: Record<string, MediaDescription> = {
  'plots/loss.png': { kind: 'raster', format: 'png', width: 4000, height: 3000, animated: false },
  'plots/loss-dark.png': { kind: 'raster', format: 'png', width: 4000, height: 3000, animated: false },
  'photo.jpg': { kind: 'raster', format: 'jpeg', width: 2400, height: 1600, animated: false },
  'small.webp': { kind: 'raster', format: 'webp', width: 300, height: 200, animated: false },
  'orbit.gif': { kind: 'raster', format: 'gif', width: 240, height: 240, animated: true },
  'huge.png': { kind: 'raster', format: 'png', width: 10000, height: 6000, animated: false },
  'broken.png': { kind: 'problem', problem: 'corrupt', detail: 'pngload: end of stream' },
  'notes.png': { kind: 'problem', problem: 'not-image' },
  'media/demo.mp4': { kind: 'video', format: 'mp4', bytes: 1_000_000 },
  'media/demo.webm': { kind: 'video', format: 'webm', bytes: 1_000_000 },
};

export const fixtureMedia: MediaService = {
  describe: (path) => (path.startsWith('../') ? { kind: 'problem', problem: 'outside' } : (FIXTURE_MEDIA[path] ?? { kind: 'problem', problem: 'missing' })),
  url: (path, variant) => `/m/${path}${variant ? `@${variant.width}x${variant.height}.${variant.format}` : ''}`,
};

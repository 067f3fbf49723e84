// What the core knows of a deck's pictures and videos, and the sizes it shows them at. The files
// themselves are read and converted outside the core (src/node/media.ts, with sharp): the adapter
// describes each file before the deck is compiled (as the code highlighter loads its grammars
// first), and names the converted files the core asks for. Without a service (a test, markdown-it
// used on its own) pictures stay plain <img>s.

export type RasterFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif';
export type VideoFormat = 'mp4' | 'webm';

/** Why a file the deck names cannot be shown; the core words the message. */
export type MediaProblem = 'missing' | 'outside' | 'not-image' | 'corrupt' | 'too-large';

export type MediaDescription =
  | { kind: 'raster'; format: RasterFormat; width: number; height: number; animated: boolean }
  | { kind: 'svg' }
  | { kind: 'video'; format: VideoFormat; bytes: number }
  | { kind: 'problem'; problem: MediaProblem; detail?: string };

/** One converted file: a raster image at `width`×`height` in `format` (animated when the source is). */
export interface MediaVariant {
  format: RasterFormat;
  width: number;
  height: number;
}

export interface MediaService {
  /** The file at `path` (relative to the deck's folder), as the adapter found it before the compile. */
  describe(path: string): MediaDescription | undefined;
  /** The address of the file as it is (`variant` absent) or converted; the adapter makes it exist. */
  url(path: string, variant?: MediaVariant): string;
}

/** Past this, a video makes the single-file HTML heavy: the export warns (scripts/export-html.ts). */
export const VIDEO_EMBED_WARNING_BYTES = 20 * 1024 * 1024;

/** The largest image accepted, in pixels (an image bigger than this is an error, not a slow build). */
export const MAX_PIXELS = 50_000_000;

/** reveal.js's stage, in CSS pixels: every size below is a share of it. */
export const STAGE = { width: 1280, height: 720 } as const;
/** What a slide's content can take (the stage less its padding, and less a title for the height). */
export const CONTENT = { width: 1248, height: 560 } as const;

export const RASTER = /\.(png|jpe?g|gif|webp|avif)$/i;
export const VIDEO = /\.(mp4|webm)$/i;

/** The message for a problem, as the author reads it at the image's line and column. */
export function problemMessage(src: string, problem: MediaProblem, detail?: string): string {
  switch (problem) {
    case 'missing':
      return `image not found: "${src}" (paths are relative to the deck's folder)`;
    case 'outside':
      return `image "${src}" is outside the project; copy it next to the deck`;
    case 'not-image':
      return `"${src}" is not an image: its bytes are no PNG, JPEG, GIF, WebP, AVIF or SVG${detail ? ` (${detail})` : ''}`;
    case 'corrupt':
      return `image "${src}" cannot be read: the file is damaged${detail ? ` (${detail})` : ''}`;
    case 'too-large':
      return `image "${src}" is too large to use${detail ? ` (${detail})` : ''}: at most ${MAX_PIXELS / 1_000_000} megapixels; scale it down first`;
  }
}

/** A written length: `60%` (a share of `whole`), `300` or `300px`; undefined when it is neither. */
export function parseLength(text: string | null | undefined, whole: number): number | undefined {
  if (text === null || text === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%|px)?\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  return m[2] === '%' ? Math.min(n, 100) * whole / 100 : n;
}

export interface Sizing {
  /** The box the picture is drawn in on the stage (a column's share of the width, a half slide…). */
  box: { width: number; height: number };
  width?: string | null;
  height?: string | null;
  /** Fill the box, growing past the file's own size if need be. */
  stretch?: boolean;
  /** Cover the whole box, cropped (a background, a half-slide picture). */
  cover?: boolean;
}

/**
 * The picture's displayed size on the 1280×720 stage, and the size of the file sent: at most
 * twice the displayed size (a 2× screen), never more than the file's own.
 */
export function pictureSize(intrinsic: { width: number; height: number }, sizing: Sizing): { display: { width: number; height: number }; file: { width: number; height: number } } {
  const ratio = intrinsic.height / intrinsic.width;
  const { box } = sizing;
  let width: number;
  const w = parseLength(sizing.width, box.width);
  const h = parseLength(sizing.height, STAGE.height);
  if (w !== undefined) width = w;
  else if (h !== undefined) width = h / ratio;
  else if (sizing.cover) width = intrinsic.width * Math.max(box.width / intrinsic.width, box.height / intrinsic.height);
  else {
    const fit = Math.min(box.width / intrinsic.width, box.height / intrinsic.height);
    width = intrinsic.width * (sizing.stretch ? fit : Math.min(1, fit));
  }
  const display = { width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(width * ratio)) };
  const fileWidth = Math.max(1, Math.min(intrinsic.width, Math.round(2 * display.width)));
  return { display, file: { width: fileWidth, height: Math.max(1, Math.min(Math.round(fileWidth * ratio), 2 * display.height)) } };
}

// The one table of media types, by file extension: the static server's headers, the PDF export's
// routed responses and the single-file export's data: URLs all read it.
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/** The media type of a file by its extension (`image/svg+xml`), or undefined when unknown. */
export function mediaType(file: string): string | undefined {
  return TYPES[path.extname(file).toLowerCase()];
}

/** The `content-type` header for a file: text is UTF-8; unknown files are plain bytes. */
export function contentType(file: string): string {
  const type = mediaType(file);
  if (!type) return 'application/octet-stream';
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}

/** Whether gzip makes the file smaller (text, JSON, SVG, XML); fonts and pictures are compressed already. */
export function isCompressible(file: string): boolean {
  const type = mediaType(file);
  return type !== undefined && (type.startsWith('text/') || /[/+](json|xml)$/.test(type));
}

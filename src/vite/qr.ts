// Vite adapter for the title slide's QR code (front matter `qr:`): a page that has one, and no
// other page, gets src/theme/qr.css inline in its <head>. No script: the code is drawn at build time.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { inlineSheetPlugin } from './page-assets.ts';

const SHEET = fileURLToPath(new URL('../theme/qr.css', import.meta.url));

/** Whether the page's slides show a QR code. */
export function pageHasQr(html: string): boolean {
  return html.slice(Math.max(0, html.search(/<body\b/i))).includes('<figure class="deck-qr">');
}

export function qrPlugin(): Plugin {
  return inlineSheetPlugin({ name: 'deck-qr-css', id: 'qr', file: SHEET, needs: pageHasQr });
}

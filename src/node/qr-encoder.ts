// The title slide's QR code encoder (front matter `qr:`), with the `qrcode` package that
// `npm run present` uses for its terminal code. read-deck.ts loads this module only for a deck
// whose front matter names `qr:`; the core draws the SVG from the matrix (src/core/syntax/qr.ts).
// `qrcode` itself is imported by loadQrEncoder, not here: Vite's bundle of vite.config.ts inlines
// this module, and a static import would load the package on every build.
import type QRCodeModule from 'qrcode';
import type { QrEncoder } from '../core/syntax/qr-encoder.ts';

/** Level M (15 % of the code can be lost): what a projected code, photographed from a seat, needs. */
export const QR_ERROR_CORRECTION = 'M';

/** The encoder, with `qrcode` loaded. */
export async function loadQrEncoder(): Promise<QrEncoder> {
  const { default: QRCode } = (await import('qrcode')) as { default: typeof QRCodeModule };
  return (text) => {
    const modules = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION }).modules;
    return { size: modules.size, dark: (row, column) => Boolean(modules.get(row, column)) };
  };
}

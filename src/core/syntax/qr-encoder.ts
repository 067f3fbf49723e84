// What the title slide's QR code (syntax/qr.ts) needs from an encoder, which an adapter gives
// (src/node/qr-encoder.ts, with the `qrcode` package): the core draws the SVG itself.

/** A QR code's modules: `size` × `size`, dark or light (the quiet zone is not part of it). */
export interface QrMatrix {
  size: number;
  dark(row: number, column: number): boolean;
}

/** Encodes text as a QR code; it may throw (text too long): the caller reports it. */
export type QrEncoder = (text: string) => QrMatrix;

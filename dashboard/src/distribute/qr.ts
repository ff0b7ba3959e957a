import type { QrFactory } from './libs';

/**
 * A link as a QR code, drawn from the module matrix of `qrcode-generator` (a small, long-kept
 * library, passed in: the screen loads it on first use, see libs.ts, so the dashboard's first load
 * does not carry the encoder). Error correction M (15%): survives a crease or a smudge on a
 * printed poster while keeping the code coarse enough to scan from a distance.
 */
export type QrMatrix = boolean[][];

export function qrMatrix(text: string, qrcode: QrFactory): QrMatrix {
  const qr = qrcode(0, 'M');
  // Byte mode takes one char per byte: give it the UTF-8 bytes (a URL is ASCII, a fragment may not be).
  qr.addData(String.fromCharCode(...new TextEncoder().encode(text)), 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** The quiet zone the standard asks for around the code, in modules. */
export const QUIET = 4;

/**
 * A vector SVG (one path, crisp edges): prints sharp at any size. `title` names it for screen readers
 * and is escaped.
 */
export function qrSvg(m: QrMatrix, title: string): string {
  const size = m.length + QUIET * 2;
  let d = '';
  m.forEach((row, r) => {
    row.forEach((dark, c) => {
      if (dark) d += `M${c + QUIET} ${r + QUIET}h1v1h-1z`;
    });
  });
  const t = title.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size * 8}" height="${size * 8}" ` +
    `shape-rendering="crispEdges" role="img" aria-label="${t}"><title>${t}</title>` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}

/**
 * RGBA pixels of the code, `scale` pixels per module with the quiet zone: what the PNG download
 * draws on a canvas, and what the test decodes back to the link.
 */
export function qrPixels(
  m: QrMatrix,
  scale: number,
): { width: number; height: number; data: Uint8ClampedArray<ArrayBuffer> } {
  const modules = m.length + QUIET * 2;
  const width = modules * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < width; y++) {
    const r = Math.floor(y / scale) - QUIET;
    for (let x = 0; x < width; x++) {
      const c = Math.floor(x / scale) - QUIET;
      if (m[r]?.[c]) {
        const i = (y * width + x) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }
  return { width, height: width, data };
}

/** Pixels per module so that the PNG is at least `minPx` wide (print: 1,200 px ≈ 10 cm at 300 dpi). */
export const scaleFor = (m: QrMatrix, minPx = 1200) => Math.ceil(minPx / (m.length + QUIET * 2));

/** The PNG as a Blob, drawn from `qrPixels` on a canvas (browser only). */
export async function qrPng(m: QrMatrix, minPx = 1200): Promise<Blob> {
  const px = qrPixels(m, scaleFor(m, minPx));
  const canvas = document.createElement('canvas');
  canvas.width = px.width;
  canvas.height = px.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  ctx.putImageData(new ImageData(px.data, px.width, px.height), 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'),
  );
}

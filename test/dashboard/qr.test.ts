import jsQR from 'jsqr';
import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { QUIET, qrMatrix, qrPixels, qrSvg, scaleFor } from '../../dashboard/src/distribute/qr';

/**
 * The QR code the distribution screen offers decodes back to the survey's link: the pixels are the
 * ones the PNG download draws; the SVG draws the same modules.
 */
describe('QR code of a survey link', () => {
  const url = 'https://collector.example/s/eyJ2IjoxLCJzIjoic3J2XzEyMyJ9.aGVsbG8td29ybGQtc2lnbmF0dXJl';

  it('decodes back to the exact link (PNG pixels at print size)', () => {
    const m = qrMatrix(url, qrcode);
    const px = qrPixels(m, scaleFor(m));
    expect(px.width).toBeGreaterThanOrEqual(1200);
    const decoded = jsQR(px.data, px.width, px.height);
    expect(decoded?.data).toBe(url);
  });

  it('decodes at a small size too, and for a link with a query and non-Latin text', () => {
    const other = 'https://x.example/s/abc?lang=fa&a=nps:10#سلام';
    const m = qrMatrix(other, qrcode);
    const px = qrPixels(m, 4);
    expect(jsQR(px.data, px.width, px.height)?.data).toBe(other);
  });

  it('the SVG draws every dark module once, inside a quiet zone, and escapes its title', () => {
    const m = qrMatrix(url, qrcode);
    const svg = qrSvg(m, 'QR <code> for "After delivery"');
    const dark = m.flat().filter(Boolean).length;
    expect(svg.match(/h1v1h-1z/g)?.length).toBe(dark);
    expect(svg).toContain(`viewBox="0 0 ${m.length + QUIET * 2} ${m.length + QUIET * 2}"`);
    expect(svg).not.toContain('<code>');
    expect(svg).toContain('&#60;code&#62;');
  });
});

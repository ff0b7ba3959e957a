const enc = new TextEncoder();

export const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(s: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', enc.encode(s)));
}

/** HMAC-SHA256 of `message` with a key given as bytes (or a string, taken as its UTF-8 bytes). */
export async function hmacSha256(secret: string | Uint8Array, message: string): Promise<ArrayBuffer> {
  const raw = typeof secret === 'string' ? enc.encode(secret) : secret;
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', key, enc.encode(message));
}

export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  return hex(await hmacSha256(secret, message));
}

/** Standard base64 (with `+`, `/` and padding). */
export const base64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/** Bytes of standard or URL-safe base64 (padding optional); null when it is neither. */
export function fromBase64(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(s) || s.replace(/=+$/, '').length % 4 === 1) return null;
  const std = s.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, '');
  const bin = atob(std.padEnd(std.length + ((4 - (std.length % 4)) % 4), '='));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Compares two strings in time independent of where they differ (hashes first, so lengths match). */
export async function safeEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([
    crypto.subtle.digest('SHA-256', enc.encode(a)),
    crypto.subtle.digest('SHA-256', enc.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(ha, hb) && a.length === b.length;
}

export const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/** URL-safe random token with `bytes` bytes of entropy. */
export function randomToken(bytes = 24): string {
  return base64(randomBytes(bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Short random id for rows people see (site keys, survey ids): lowercase letters and digits. */
export function randomId(len = 12): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyz23456789';
  const b = crypto.getRandomValues(new Uint8Array(len));
  return [...b].map((x) => alphabet[x % alphabet.length]).join('');
}

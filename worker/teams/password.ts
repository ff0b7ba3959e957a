/**
 * Password hashing: PBKDF2-HMAC-SHA256 through WebCrypto, 100,000 iterations, 16-byte random salt,
 * 32-byte key, stored as `pbkdf2-sha256$ITERATIONS$SALT$HASH` (base64).
 *
 * Why this scheme: Workers have no native scrypt or Argon2 (a WebAssembly Argon2 would be slow and
 * big, and memory-hard settings strain a 128 MB isolate), while PBKDF2 runs natively in WebCrypto.
 * 100,000 is the highest iteration count workerd's WebCrypto accepts (it refuses more), about
 * 30–60 ms of CPU per hash: within a request's CPU budget, and the lockout (lockout.ts) bounds
 * online guessing. OWASP asks for 600,000 for PBKDF2-SHA256 against offline cracking, so the count
 * is stored with each hash: raising it later re-hashes each password at its next sign-in
 * (`needsRehash`). See docs/teams.md.
 */
import { base64, fromBase64, safeEqual } from '../lib/crypto';

export const ITERATIONS = 100_000;
const PREFIX = 'pbkdf2-sha256';

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, ITERATIONS);
  return `${PREFIX}$${ITERATIONS}$${base64(salt)}$${base64(hash)}`;
}

/** Whether the password matches the stored hash (constant-time compare; false for any malformed hash). */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [prefix, iter, salt, hash] = (stored ?? '').split('$');
  const iterations = Number(iter);
  const saltBytes = salt ? fromBase64(salt) : null;
  if (prefix !== PREFIX || !Number.isInteger(iterations) || iterations < 1 || !saltBytes || !hash) {
    // Spend the same work as a real check, so timing does not tell a person without a password apart.
    await derive(password, new Uint8Array(16), ITERATIONS);
    return false;
  }
  const got = await derive(password, saltBytes, Math.min(iterations, ITERATIONS));
  return safeEqual(base64(got), hash);
}

export const needsRehash = (stored: string) => !stored.startsWith(`${PREFIX}$${ITERATIONS}$`);

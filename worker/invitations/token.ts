/**
 * Invitation tokens: `ID` (12 random characters, the row's key) followed by `SIG` (10 characters of
 * HMAC-SHA256(site's link secret, "invitation:" + ID)). 22 letters and digits: short enough for an
 * SMS, no character a linkifier would cut at. The row holds everything the link means (survey,
 * respondent, channel, expiry); the signature makes a link unguessable even to someone who learns an
 * id (lists, logs) and lets a tampered token fail without trusting the id alone.
 *
 * Why a per-site secret (sites.link_secret) rather than a Worker secret: nothing to configure before
 * links work (wrangler dev and a fresh deploy just work), and one site's links can be re-keyed without
 * touching another's. The secret never leaves the database.
 */
import { safeEqual } from '../lib/crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const ID_LENGTH = 12;
const SIG_LENGTH = 10;
const TOKEN = new RegExp(`^[A-Za-z0-9]{${ID_LENGTH + SIG_LENGTH}}$`);
const enc = new TextEncoder();

const base62 = (bytes: Uint8Array, n: number) => Array.from(bytes.slice(0, n), (b) => ALPHABET[b % 62]).join('');

/** A fresh invitation id. */
export const newInvitationId = () => base62(crypto.getRandomValues(new Uint8Array(ID_LENGTH)), ID_LENGTH);

/** A fresh site link secret (hex of 32 random bytes). */
export const newLinkSecret = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');

/** The invitation id inside a well-formed token (signature not checked yet), or null. */
export const tokenId = (token: string): string | null => (TOKEN.test(token) ? token.slice(0, ID_LENGTH) : null);

export type Signer = {
  /** The token of an invitation id. */
  token(id: string): Promise<string>;
  /** Whether a token carries a valid signature for its id (constant time). */
  verify(token: string): Promise<boolean>;
  /**
   * The one response id of a personal invitation: a UUID derived from the secret and the id, so every
   * device that opens the link continues the same response, without the page's GET writing anything.
   */
  responseId(id: string): Promise<string>;
};

/** Signs with one site's link secret (the key is imported once for a batch of 1,000 links). */
export function signer(secret: string): Signer {
  const key = crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = async (message: string) =>
    new Uint8Array(await crypto.subtle.sign('HMAC', await key, enc.encode(message)));
  const token = async (id: string) => id + base62(await mac(`invitation:${id}`), SIG_LENGTH);
  return {
    token,
    async verify(t) {
      const id = tokenId(t);
      return id !== null && (await safeEqual(await token(id), t));
    },
    async responseId(id) {
      const b = (await mac(`response:${id}`)).slice(0, 16);
      b[6] = (b[6]! & 0x0f) | 0x40; // version 4
      b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
      const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}

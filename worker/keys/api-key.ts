import { randomId, randomToken, sha256Hex } from '../lib/crypto';

/**
 * API keys look like `sk_<id>_<secret>`. The id finds the row; only SHA-256 of the whole key is
 * stored, and the comparison is constant-time. The key is shown once, at creation.
 */
export async function newApiKey(): Promise<{ id: string; key: string; hash: string }> {
  const id = randomId(12);
  const key = `sk_${id}_${randomToken(24)}`;
  return { id, key, hash: await sha256Hex(key) };
}

export function parseApiKey(key: string): { id: string } | null {
  const m = /^sk_([a-z0-9]{12})_[A-Za-z0-9_-]{16,64}$/.exec(key);
  return m ? { id: m[1]! } : null;
}

import { ApiError } from '../http/errors';

export const SITEVERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

export type TurnstileVerifier = (secret: string, token: string) => Promise<boolean>;

/**
 * Checks a Turnstile token with Cloudflare's siteverify (or `url`: TURNSTILE_VERIFY_URL, for a local
 * stand-in in tests). When siteverify cannot be reached the answer is 503 (retry later), not a
 * refusal: the visitor did nothing wrong.
 */
export function turnstileVerifier(remoteIp?: string, url?: string): TurnstileVerifier {
  return async function verifyTurnstile(secret, token) {
    const form = new URLSearchParams({ secret, response: token });
    if (remoteIp) form.set('remoteip', remoteIp);
    let outcome: { success?: boolean };
    try {
      const res = await fetch(url || SITEVERIFY_URL, { method: 'POST', body: form, signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`siteverify answered ${res.status}`);
      outcome = (await res.json()) as { success?: boolean };
    } catch {
      throw new ApiError(503, 'unavailable', 'could not verify the Turnstile token; try again shortly', undefined, {
        'Retry-After': '5',
      });
    }
    return outcome.success === true;
  };
}

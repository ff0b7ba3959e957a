/**
 * The hosted page's `loadTurnstile` (it replaces ui/ts-load.ts in the page build): Turnstile's code
 * inside s.js itself, since the page has no loader to inject t.js. It stays idle (no request to
 * Cloudflare) unless the page's config names a Turnstile key.
 */
import * as turnstile from '../ui/turnstile';

export const loadTurnstile = (): Promise<typeof turnstile> => Promise.resolve(turnstile);

/**
 * The Content-Security-Policy lines the install page tells site owners to add. The browser tests load
 * the widget under exactly these lines (test/e2e/widget-isolation, widget-turnstile), so what we show
 * is what was proven to work.
 */

/** With Turnstile on, the widget also loads Cloudflare's api.js, which renders the challenge in an iframe. */
const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';

export const cspLines = (api: string, turnstile = false) =>
  turnstile
    ? `script-src ${api} ${TURNSTILE_ORIGIN};
frame-src ${TURNSTILE_ORIGIN};
connect-src ${api};`
    : `script-src ${api};
connect-src ${api};`;

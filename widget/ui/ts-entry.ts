/** `t.js`, the Turnstile chunk for the script tag: hands itself to the loader that injected it. */
import * as turnstile from './turnstile';

try {
  (window as unknown as { seda?: { u?: (m: typeof turnstile) => void } }).seda?.u?.(turnstile);
} catch {
  // never break the host page
}

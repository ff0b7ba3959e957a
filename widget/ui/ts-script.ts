/**
 * The script-tag build's `loadTurnstile` (it replaces ts-load.ts there): the loader injects `t.js`
 * from the UI bundles' folder (`w/HASH/`) the way it injects them, with the page's nonce, and `t.js`
 * hands its exports over through `seda.u` as they do.
 */
import type * as Turnstile from './turnstile';

export const loadTurnstile = (): Promise<typeof Turnstile> =>
  (window as unknown as { seda: { l: (part: string) => Promise<typeof Turnstile> } }).seda.l('t');

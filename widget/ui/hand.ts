/**
 * How a script-tag chunk (a UI bundle, `t.js`, `d.js`) hands its exports to the loader that injected
 * it: it leaves them in `seda.m` as it runs, and the loader's `load` handler for that script reads
 * them right after (loader/main.ts).
 */
export function hand(exports: object): void {
  try {
    (window as unknown as { seda: { m?: object } }).seda.m = exports;
  } catch {
    // never break the host page
  }
}

/**
 * w.js: the script tag every page view pays for. Reads its own data-* attributes, takes over the
 * `seda(...)` queue, and after the page is idle lets the runtime fetch surveys and arm triggers.
 * The survey UI is a separate classic script from the same folder, injected only when a survey shows.
 */
import { type Command, idle, type LoadUi, type SedaOptions, start } from '../core/runtime';

/** Folder of the UI bundles relative to w.js (`w/HASH/`), filled in by the build; immutable. */
declare const __SEDA_UI__: string;
/**
 * The scripts of that folder besides English (`en.js`): the other languages' UI bundles; `t`, the
 * Turnstile chunk (`t.js`), which the UI loads through `seda.l('t')` for sites that turn Turnstile on;
 * `d`, the delivery chunk (`d.js`: the outbox sender alone), for answers an earlier page view left;
 * `r`, the URL and attribute rules (`r.js`), for sites whose surveys have such rules.
 */
declare const __SEDA_LANGS__: string[];

type Seda = ((...a: unknown[]) => void) & {
  q?: Iterable<unknown>[];
  /** set by each chunk as it runs: its exports, read by the script's `load` handler right after */
  m?: unknown;
  /** loads a chunk of the folder by name (a language's UI, `t`, `d`, `r`); also marks the loader as running */
  l?: LoadUi;
};

/** Sets up `window.seda` for the script tag `el`; runs the runtime once the page is idle. */
function boot(el: HTMLScriptElement): void {
  const w = window as unknown as { seda?: Seda };
  const d = el.dataset;
  const root = new URL('.', el.src).href;
  const ui: Record<string, Promise<never>> = {};
  let run: ((c: Command) => void) | undefined;
  const early = [...(w.seda?.q ?? [])].map((a) => [...a] as Command);
  const seda: Seda = (...a) => (run ? run(a as Command) : early.push(a as Command));
  seda.l = (part) => {
    const l = __SEDA_LANGS__.includes(part) ? part : 'en';
    // biome-ignore lint/suspicious/noAssignInExpressions: one promise per chunk; every byte of the loader counts
    return (ui[l] ??= new Promise<never>((ok, fail) => {
      const s = document.createElement('script');
      s.src = `${root}${__SEDA_UI__}${l}.js`;
      s.nonce = el.nonce;
      // A script's load event fires right after it ran, before any other script runs: the exports
      // it left in seda.m are its own, even with several chunks on their way at once.
      s.onload = () => ok(seda.m as never);
      s.onerror = fail;
      document.head.appendChild(s);
    }));
  };
  w.seda = seda;
  // Only after the page has loaded and gone idle: the host page's own work comes first. What runs
  // in that idle task is short: commands, history hooks and the config's fetch; the config is read,
  // and the frequency rules, in idle tasks of their own when it arrives (core/runtime.ts).
  const go = () =>
    void idle().then(() => {
      // data-site, data-touchpoint, data-locale, data-api (the collector, else w.js's folder)
      run = start({ ...d, api: d.api || root } as SedaOptions, seda.l!);
      early.forEach(run);
    });
  if (document.readyState === 'complete') go();
  else addEventListener('load', go);
}

try {
  const el = (document.currentScript ?? document.querySelector('script[data-site]')) as HTMLScriptElement | null;
  // (a second copy of the script on the page finds seda.l and does nothing)
  if (el?.dataset.site && !(window as unknown as { seda?: Seda }).seda?.l) boot(el);
} catch {
  // never break the host page
}

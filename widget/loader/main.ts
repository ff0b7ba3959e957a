/**
 * w.js: the script tag every page view pays for. Reads its own data-* attributes, takes over the
 * `seda(...)` queue, and after the page is idle lets the runtime fetch surveys and arm triggers.
 * The survey UI is a separate classic script from the same folder, injected only when a survey shows.
 */
import { type Command, type SedaOptions, start, type Ui } from '../core/runtime';

/** Folder of the UI bundles relative to w.js (`w/HASH/`), filled in by the build; immutable. */
declare const __SEDA_UI__: string;
/**
 * Languages with a UI bundle of their own besides English (`en.js`), and `t`: the Turnstile chunk
 * (`t.js`), which the UI loads through `seda.l('t')` for sites that turn Turnstile on.
 */
declare const __SEDA_LANGS__: string[];

type Seda = ((...a: unknown[]) => void) & {
  q?: Iterable<unknown>[];
  u?: (m: Ui) => void;
  l?: (part: string) => Promise<Ui>;
  v?: number;
};

/** Sets up `window.seda` for the script tag `el`; runs the runtime once the page is idle. */
function boot(el: HTMLScriptElement): void {
  const w = window as unknown as { seda?: Seda };
  const d = el.dataset;
  const root = new URL('.', el.src).href;
  const queued = w.seda?.q ?? [];
  const ui: Record<string, Promise<Ui>> = {};
  let run: ((c: Command) => void) | undefined;
  const early: Command[] = [];
  const seda: Seda = (...a) => (run ? run(a as Command) : early.push(a as Command));
  seda.v = 1;
  w.seda = seda;
  for (const a of queued) early.push([...a] as Command);
  let waits = 0;
  const go = (t?: IdleDeadline) => {
    // Called back with little idle time left (a busy page): wait for the next idle period, unless the
    // browser says the timeout passed, and at most 3 times (each wait starts a new timeout: a page
    // that is never idle for long must not keep the widget away for ever).
    if (t && t.timeRemaining() < 9 && !t.didTimeout && waits++ < 3) return idle();
    seda.l = (lang) => {
      const l = __SEDA_LANGS__.includes(lang) ? lang : 'en';
      ui[l] ??= new Promise<Ui>((ok, fail) => {
        seda.u = ok;
        const s = document.createElement('script');
        s.src = `${root}${__SEDA_UI__}${l}.js`;
        s.nonce = el.nonce;
        s.onerror = fail;
        document.head.appendChild(s);
      });
      return ui[l];
    };
    // data-site, data-touchpoint, data-locale, data-api (the collector, else w.js's folder)
    run = start({ ...d, api: d.api || root } as SedaOptions, seda.l);
    for (const c of early) run(c);
  };
  // Only after the page has loaded and gone idle: the host page's own work comes first.
  // (setTimeout where there is no requestIdleCallback: Safari; the options object then means 0 ms)
  const idle = () => void (window.requestIdleCallback || setTimeout)(go, { timeout: 3000 } as never);
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle);
}

try {
  const el = (document.currentScript ?? document.querySelector('script[data-site]')) as HTMLScriptElement | null;
  if (el?.dataset.site && !(window as unknown as { seda?: Seda }).seda?.v) boot(el);
} catch {
  // never break the host page
}

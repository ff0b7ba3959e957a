import type { PublicConfig, PublicTargeting } from '../../shared/schemas/survey';
import type { Rules } from './rules';
import { get, set } from './store';
import { eligible, emptyFreq, type Freq, markShown, touchVisit } from './targeting';

export interface SedaOptions {
  /** The site key (`data-site`). */
  site: string;
  /** Collector base URL, e.g. `https://collector.example` or a first-party `https://shop.example/seda`. */
  api: string;
  /** Where in the journey this page is (`data-touchpoint`). */
  touchpoint?: string;
  /** Wanted language (`data-locale`); else `<html lang>`, else the site default. */
  locale?: string;
}

/** What the loader hands the survey UI when a survey shows. */
export interface MountOptions {
  /** the survey's targeting entry: the UI fetches the survey itself (`getSiteSurvey`) by id and version */
  survey: PublicTargeting;
  site: string;
  api: string;
  touchpoint?: string;
  /** the arguments of the last `identify` call (id, attributes, {hash}), checked by the UI */
  who?: unknown[];
  /** wanted locales in order (page, site default) */
  locales: (string | undefined)[];
  /** the site's Turnstile site key when Turnstile is on: the first post of a response carries a token */
  turnstile?: string;
  /** the last shown question was answered: never ask this survey again */
  onDone(): void;
  onClose(): void;
}

/**
 * The lazily loaded parts: the UI (by language) draws surveys and owns delivery (answers, retries, the
 * stored outbox); the delivery chunk (`d`) is its outbox sender alone, and has only `flush`.
 */
export interface Ui {
  mount(o: MountOptions): void;
  /** Resends payloads a previous page view left in storage (`turnstile`: the site's key, if it is on). */
  flush(api: string, turnstile?: string): void;
}

/**
 * What `loadUi` loads: a UI bundle by language; `d`, the delivery chunk (flush only); `r`, the URL
 * and attribute rules (core/rules.ts), when a survey has such rules.
 */
export type LoadUi = <T = Ui>(part: string) => Promise<T>;

/** A command as queued by the snippet: `seda('track', 'order_completed')`. */
export type Command = [name: string, ...args: unknown[]];

/**
 * Resolves in a task of its own once the page is idle with time to spare: the loader's work comes in
 * steps, each after one of these, so none of it is a long task on a slow phone. A callback with less
 * than 9 ms left waits for the next idle period, unless the browser's timeout has passed, and at most 3
 * times (a page never idle for long must not keep the widget away for ever). Safari has no
 * requestIdleCallback: a timer (the options object then means 0 ms).
 */
export const idle = (waits = 0): Promise<void> =>
  new Promise((ok) =>
    (window.requestIdleCallback || setTimeout)(
      (t?: IdleDeadline) => ok(t && t.timeRemaining() < 9 && !t.didTimeout && waits < 3 ? idle(waits + 1) : undefined),
      { timeout: 3000 } as never,
    ),
  );

export const FREQ_KEY = 'seda:f';
/** The UI's outbox key (see delivery.ts); the loader only checks whether it holds anything. */
const OUTBOX = 'seda:q';

/**
 * The part of the widget every page view runs (the loader, and `init` in the ES module): commands,
 * targeting, triggers, frequency rules. The survey UI is loaded through `loadUi` only when a survey
 * will show; answers an earlier page view left are resent by the small delivery chunk (`d`).
 * Returns the command handler. Nothing here touches localStorage before the config has arrived: the
 * first read of it can take tens of milliseconds on a phone, and belongs in an idle task of its own.
 */
export function start(o: SedaOptions, loadUi: LoadUi): (c: Command) => void {
  const api = o.api.replace(/\/+$/, '');
  let tp = o.touchpoint;
  let who: unknown[] | undefined;
  let data: PublicConfig | undefined;
  let rules: Rules | undefined;
  let open = false;
  let want: string | undefined;
  let path = location.pathname;
  let seen = new Set<string>();
  let dirty = false;
  /** event name → the armed survey it shows (the first armed wins, as only one survey shows) */
  let waits: Record<string, () => void> = {};
  let off: (() => void)[] = [];
  let later: ReturnType<typeof setTimeout> | undefined;

  /** The language the page asks for: `data-locale`, else `<html lang>`. */
  const asked = () => o.locale || document.documentElement.lang;
  /** The page's language (for the UI bundle to load; the UI picks the survey's locale itself). */
  const lang = () => (asked() || data!.settings.locale || 'en').slice(0, 2).toLowerCase();
  let visit = 0;
  const freq = (change: (f: Freq) => void) => {
    const f = get<Freq>(FREQ_KEY) ?? emptyFreq();
    // this page view counts for the visit from the first time the rules are read
    visit++ || touchVisit(f, Date.now());
    change(f);
    set(FREQ_KEY, f);
  };

  const listen = (t: EventTarget, type: string, fn: (e: Event) => void) => {
    t.addEventListener(type, fn);
    off.push(() => t.removeEventListener(type, fn));
  };

  function evaluate(): void {
    for (const f of off) f();
    off = [];
    waits = {};
    if (!data || open) return;
    const page = { path: location.pathname, touchpoint: tp, now: Date.now(), attrs: who?.[1], rules };
    freq((f) => {
      for (const s of data!.surveys) if (eligible(s, f, data!.settings, page)) arm(s);
    });
  }

  function arm(s: PublicTargeting): void {
    if (open) return; // an earlier survey's trigger fired while arming (scroll depth already reached)
    const t = s.targeting?.trigger ?? { type: 'pageview' };
    const fire = () => show(s);
    if (t.type === 'pageview') {
      const id = setTimeout(fire, t.delayMs ?? 0);
      off.push(() => clearTimeout(id));
    } else if (t.type === 'scroll') {
      const check = () => {
        // a page that fits the window counts as scrolled to the end (percent is at most 100)
        if ((scrollY + innerHeight) * 100 >= t.percent * document.documentElement.scrollHeight) fire();
      };
      listen(window, 'scroll', check);
      check();
    } else if (t.type === 'exit') {
      // Desktop only: a mouse leaving through the top edge of the window.
      if (matchMedia('(pointer:fine)').matches) {
        listen(document, 'mouseout', (e) => {
          if (!(e as MouseEvent).relatedTarget && (e as MouseEvent).clientY <= 0) fire();
        });
      }
    } else if (seen.has(t.name)) setTimeout(fire);
    else waits[t.name] ??= fire;
  }

  async function show(s: PublicTargeting): Promise<void> {
    if (open || !data) return;
    open = true;
    try {
      evaluate();
      (await loadUi(lang())).mount({
        survey: s,
        site: o.site,
        api,
        touchpoint: tp,
        who,
        locales: [asked(), data.settings.locale],
        turnstile: data.settings.turnstile,
        onDone: () => freq((f) => (f.c[s.id] = Date.now())),
        onClose: () => {
          open = false;
        },
      });
      freq((f) => markShown(f, s.id, Date.now()));
    } catch {
      open = false;
    }
  }

  function forced(): void {
    const s = data?.surveys.find((x) => x.id === want);
    if (s) {
      want = undefined;
      show(s);
    }
  }

  /** SPA navigation: re-evaluate once the path has changed and the app has had time to set its touchpoint. */
  function soon(force?: boolean): void {
    dirty ||= force === true;
    clearTimeout(later);
    later = setTimeout(() => {
      if (location.pathname !== path) {
        path = location.pathname;
        seen = new Set();
        dirty = true;
      }
      try {
        if (dirty) evaluate();
      } catch {}
      dirty = false;
    }, 50);
  }

  async function load(): Promise<void> {
    // Targeting only (prompts come with the survey when it shows). The HTTP cache keeps it (max-age
    // 60 s, then stale-while-revalidate): a returning visitor's page view is answered from it while it
    // refreshes. Nothing of it goes to localStorage (the copy an older widget kept there is removed
    // by the UI, ui/mount.ts).
    const r = await fetch(`${api}/v1/sites/${o.site}/config`).catch(() => {});
    if (r?.ok) data = await r.json();
    // The first localStorage read of a page view can take tens of ms on a phone: it gets an idle
    // task of its own, after the one that parsed the config.
    await idle();
    // Answers an earlier page view left, sent by the delivery chunk (not the whole UI) with the
    // Turnstile key of the newest config known: a site may have turned Turnstile on since they were
    // refused for want of a token.
    if (get(OUTBOX)) loadUi('d').then((ui) => ui.flush(api, data?.settings.turnstile));
    if (!data) return;
    // URL and attribute rules are matched by a chunk of their own, fetched only for sites that use them
    // (if it cannot load, the surveys with such rules stay away on this page view)
    if (data.surveys.some((s) => s.targeting?.urls || s.targeting?.attributes)) {
      rules = await loadUi<Rules>('r').catch(() => undefined);
    }
    // the frequency state, the rules and the triggers: the next idle task
    await idle();
    if (want) forced();
    else evaluate();
  }

  const hist = history as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const m of ['pushState', 'replaceState']) {
    const orig = hist[m]!;
    hist[m] = function (this: History, ...a: unknown[]) {
      const r = orig.apply(this, a);
      soon(); // timers only: cannot throw
      return r;
    };
  }
  addEventListener('popstate', () => soon());
  load().catch(() => {});

  return function command([name, a, b, c]: Command): void {
    try {
      const s = String(a);
      if (name === 'identify') {
        who = [a, b, c];
        // attribute rules may now hold (or no longer)
        soon(true);
      } else if (name === 'touchpoint') {
        tp = a ? s : undefined;
        soon(true);
      } else if (name === 'track') {
        seen.add(s);
        waits[s]?.();
      } else if (name === 'show') {
        want = s;
        forced();
      }
    } catch {
      // never throw into the host page
    }
  };
}

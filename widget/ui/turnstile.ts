/**
 * Cloudflare Turnstile, for sites that turn it on (`settings.turnstile` in the public config). A chunk
 * of its own (`w/HASH/t.js`, or a lazy chunk of the ES module): the outbox (ui/send.ts) loads it only
 * for those sites, so the survey bundles keep their size and every other site makes no request to
 * Cloudflare.
 *
 * `send` gets a token for a response's first post and sends it with that post; later posts of a
 * response the collector has accepted go as they are. The body never leaves the outbox meanwhile:
 * when Turnstile fails, or the collector refuses the token (403 `turnstile_required` or
 * `turnstile_failed`), `send` throws, which delivery.ts treats like a network error (retry with
 * backoff, then the next page view), and the retry asks Turnstile for a fresh token.
 *
 * Where the challenge renders. Turnstile's api.js finds its iframe with `document.getElementById` and
 * walks the container's ancestors up to `<body>`, so it cannot render inside a shadow root, nor under
 * `<html>` outside `<body>` (where the survey's host lives). The container is therefore a light-DOM
 * child of a `<seda-t>` element at the end of `<body>`, slotted into that element's own shadow root,
 * whose styles (`all: initial`, fixed) keep it out of the page's layout. It stays hidden (not even a
 * tab stop) unless Turnstile needs the visitor (`appearance: 'interaction-only'`); then it shows as a
 * card right above the survey panel, aligned with its outer edge (whichever corner the panel is in),
 * or in the corner when no panel is open (answers left by an earlier page view).
 */
import type { ResponseBody } from '../../shared/schemas/response';

/** Cloudflare's script, explicit rendering (no scan of the page for `.cf-turnstile`). */
export const TURNSTILE_API = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

/** The part of Turnstile's documented client API used here. */
interface TurnstileApi {
  render(container: HTMLElement, params: Record<string, unknown>): string | undefined;
  reset(widgetId: string): void;
}

const CSS = `:host{all:initial!important;position:fixed!important;z-index:2147483647!important;top:0!important;left:0!important}
.c{position:fixed;box-sizing:border-box;visibility:hidden;padding:8px;background:#fff;border:1px solid #85858f;border-radius:12px;box-shadow:0 10px 30px #0004}
.c.d{background:#1f1f24;border-color:#7a7a8c}
.c.i{visibility:visible}
::slotted(*){display:block!important;margin:0!important}`;

/** The nonce of the script this chunk came in (t.js, given the page's nonce by the UI bundle), for api.js. */
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce;

let api: Promise<TurnstileApi> | undefined;
let host: HTMLElement | undefined;
let card: HTMLElement;
let box: HTMLElement;
let widget: string | undefined;
/** the token being waited for */
let want: [(token: string) => void, () => void] | undefined;
/** a token that arrived with nobody waiting (kept until it expires) */
let spare: string | undefined;
let line: Promise<unknown> = Promise.resolve();
/** responses the collector has accepted during this page view: their later posts need no token */
const accepted = new Set<string>();

/** The survey panel on the page, if one is open (not the editor's preview). */
const panel = () =>
  document.querySelector('seda-w:not([data-pv])')?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]');

/** Cloudflare's script, once per page (or the page's own, if it already loaded Turnstile). */
function load(): Promise<TurnstileApi> {
  const own = () => (window as unknown as { turnstile?: TurnstileApi }).turnstile;
  api ??= new Promise<TurnstileApi>((ok, fail) => {
    if (own()) return ok(own()!);
    const s = document.createElement('script');
    const failed = () => {
      // blocked, offline or not Turnstile: try again on the next token asked for
      s.remove();
      api = undefined;
      fail(new Error('turnstile unavailable'));
    };
    s.src = TURNSTILE_API;
    if (nonce) s.nonce = nonce;
    s.onload = () => (own() ? ok(own()!) : failed());
    s.onerror = failed;
    document.head.appendChild(s);
  });
  return api;
}

/** Puts the card above the panel (or in the corner) while Turnstile needs the visitor. */
function place(): void {
  if (!card?.classList.contains('i')) return;
  const p = panel();
  const r = p?.getBoundingClientRect();
  const s = card.style;
  // the side the panel leans to; a full-width panel (phones) by its direction
  const rtl = (p ?? document.documentElement).dir === 'rtl';
  const right = r ? r.left + r.right > innerWidth || (r.left + r.right === innerWidth && rtl) : !rtl;
  s.top = r ? `${Math.max(8, r.top - card.offsetHeight - 8)}px` : '';
  s.bottom = r ? '' : '16px';
  s.left = right ? '' : `${r ? r.left : 16}px`;
  s.right = right ? `${r ? innerWidth - r.right : 16}px` : '';
}

const watch = new ResizeObserver(place);
addEventListener('resize', place);

function interactive(on: boolean): void {
  card.classList.toggle('i', on);
  watch.disconnect();
  if (!on) return;
  watch.observe(card);
  const p = panel();
  if (p) watch.observe(p);
}

/** The container Turnstile renders into, attached at the end of <body> (again, if the page removed it). */
function container(): HTMLElement {
  if (!host) {
    host = document.createElement('seda-t');
    const root = host.attachShadow({ mode: 'open' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      const style = document.createElement('style');
      style.textContent = CSS;
      root.appendChild(style);
    }
    card = document.createElement('div');
    card.className = 'c';
    card.appendChild(document.createElement('slot'));
    root.appendChild(card);
    box = host.appendChild(document.createElement('div'));
  }
  document.body.appendChild(host);
  return box;
}

/** Render parameters: the panel's language and colour scheme, hidden unless the visitor is needed. */
function params(sitekey: string): Record<string, unknown> {
  const p = panel();
  const dark =
    p?.classList.contains('d') || (!p?.classList.contains('l') && matchMedia('(prefers-color-scheme: dark)').matches);
  const lang = p?.lang ?? '';
  card.classList.toggle('d', dark);
  const settle = (token?: string) => {
    interactive(false);
    const w = want;
    want = undefined;
    if (!w) spare = token;
    else if (token) w[0](token);
    else w[1]();
  };
  return {
    sitekey,
    appearance: 'interaction-only',
    theme: dark ? 'dark' : 'light',
    language: /^[a-z]{2,3}([-_][a-z]{2})?$/i.test(lang) ? lang : 'auto',
    size: innerWidth < 340 ? 'compact' : 'normal',
    // tokens are asked for when a post needs one; an unused one that expires is dropped, not renewed
    'refresh-expired': 'never',
    // no hidden cf-turnstile-response input in the page, where the site's own Turnstile code may look
    'response-field': false,
    callback: (token: string) => settle(token),
    // handled: no exception from Turnstile; the outbox retries with backoff and a fresh challenge
    'error-callback': () => {
      settle();
      return true;
    },
    'expired-callback': () => {
      spare = undefined;
    },
    'before-interactive-callback': () => interactive(true),
    'after-interactive-callback': () => interactive(false),
  };
}

/** A fresh token, one challenge at a time; rejects when Turnstile fails (the caller retries later). */
export function token(sitekey: string): Promise<string> {
  const next = line.then(async () => {
    if (spare) {
      const t = spare;
      spare = undefined;
      return t;
    }
    const ts = await load();
    return new Promise<string>((ok, fail) => {
      want = [ok, fail];
      try {
        if (widget !== undefined && host?.isConnected) ts.reset(widget);
        else widget = ts.render(container(), params(sitekey));
      } catch {
        want = undefined;
        widget = undefined;
        fail();
      }
    });
  });
  line = next.catch(() => {});
  return next;
}

/**
 * The outbox's fetch for a Turnstile site: the first post of each response carries a fresh token.
 * Throws (a retry for the outbox) when no token could be had or the collector refused it.
 */
export async function send(sitekey: string, url: string, init: RequestInit): Promise<Response> {
  const body = JSON.parse(init.body as string) as ResponseBody;
  if (accepted.has(body.id)) return fetch(url, init);
  body.turnstileToken = await token(sitekey);
  const r = await fetch(url, { ...init, body: JSON.stringify(body) });
  if (r.ok) accepted.add(body.id);
  else if (r.status === 403 && /"turnstile_/.test(await r.clone().text())) throw new Error('turnstile refused');
  return r;
}

/**
 * Cloudflare Turnstile in the widget, end to end, without the network: Cloudflare's api.js is
 * replaced (playwright route) by a stand-in that implements its documented client API
 * (`turnstile.render(container, {sitekey, callback, 'error-callback', 'expired-callback', ...})`,
 * `reset`, `remove`) and yields the dummy token, and the Worker checks tokens against the fake
 * siteverify the global setup starts (TURNSTILE_VERIFY_URL), which answers as Cloudflare documents
 * for its test secret keys.
 *
 * The stand-in also enforces what the real api.js needs of its container: it finds its iframe with
 * document.getElementById and walks the container's ancestors up to <body>, so a container inside a
 * shadow root (or outside <body>) fails, as it does with Cloudflare's script.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cspLines } from '../../dashboard/src/setup/csp';
import { siteverifyCalls, TURNSTILE_TEST } from './fake-siteverify';
import { api, collectorUrl, type HostServer, launchBrowser, startHostServer } from './helpers';
import { exported, hostPage, hostServer, nps, results, shots, siteWith, until, waitForPanel } from './widget-helpers';

let browser: Browser;
let host: HostServer;
const pages: Record<string, string | { body: string; headers?: Record<string, string> }> = {};

beforeAll(async () => {
  browser = await launchBrowser();
  host = await hostServer(pages);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const CLOUDFLARE = 'https://challenges.cloudflare.com';
const API_JS = `${CLOUDFLARE}/turnstile/v0/api.js?render=explicit`;

/**
 * Cloudflare's api.js, as a stand-in. `mode`: `pass` (a token shortly after each run), `error-first`
 * (the first run fails through error-callback, later ones pass), `interactive` (the challenge needs
 * its checkbox ticked, as a managed widget may ask). Like the real one, the challenge is an iframe
 * from challenges.cloudflare.com (served by `challengeFrame`) that reports to the page by postMessage.
 */
function standIn(mode: 'pass' | 'error-first' | 'interactive'): string {
  return `(() => {
  const MODE = ${JSON.stringify(mode)}, TOKEN = ${JSON.stringify(TURNSTILE_TEST.token)}, ORIGIN = ${JSON.stringify(CLOUDFLARE)};
  const log = (window.__turnstileLog = []);
  const widgets = new Map();
  let n = 0;
  const fail = (m) => { throw new Error('[Cloudflare Turnstile] ' + m + '.'); };
  function reachable(el) {
    // like api.js: the container's path up to <body> (a shadow root or the document has no tagName)
    for (let r = el; !r || r.tagName !== 'BODY'; r = r.parentNode) r.tagName.toLowerCase();
  }
  const frame = (w) => document.getElementById(w.id) || fail('Cannot initialize Widget, Element not found (#' + w.id + ')');
  function size(w, on) {
    const f = frame(w);
    const big = w.params.size === 'compact' ? ['130px', '120px'] : ['300px', '65px'];
    const show = on || w.params.appearance !== 'interaction-only';
    f.style.width = show ? big[0] : '0';
    f.style.height = show ? big[1] : '0';
  }
  function done(w) {
    if (w.params.appearance === 'interaction-only') size(w, false);
    w.response = TOKEN;
    w.params.callback && w.params.callback(TOKEN);
  }
  function run(w) {
    w.runs++;
    w.response = undefined;
    frame(w).src = ORIGIN + '/cdn-cgi/challenge-platform/turnstile/stand-in?id=' + w.id + '&lang=' + (w.params.language || 'auto') + '&run=' + w.runs;
    log.push({ event: w.runs === 1 ? 'render' : 'reset', id: w.id, sitekey: w.params.sitekey, appearance: w.params.appearance, language: w.params.language, responseField: w.params['response-field'] });
    if (MODE === 'error-first' && w.runs === 1) {
      setTimeout(() => { const handled = w.params['error-callback'] && w.params['error-callback']('300010'); log.push({ event: 'error', handled: !!handled }); }, 80);
    } else if (MODE === 'interactive') {
      setTimeout(() => {
        w.params['before-interactive-callback'] && w.params['before-interactive-callback']();
        size(w, true);
        log.push({ event: 'interactive' });
      }, 80);
    } else setTimeout(() => done(w), 120);
  }
  addEventListener('message', (e) => {
    if (e.origin !== ORIGIN || !e.data || e.data.source !== 'cloudflare-challenge') return;
    const w = widgets.get(e.data.widgetId);
    if (!w || w.response !== undefined || MODE !== 'interactive') return;
    log.push({ event: 'solved' });
    w.params['after-interactive-callback'] && w.params['after-interactive-callback']();
    done(w);
  });
  window.turnstile = {
    render(container, params) {
      const el = typeof container === 'string' ? document.querySelector(container) : container;
      if (!(el instanceof HTMLElement)) fail('Invalid type for parameter "container"');
      if (!params || typeof params.sitekey !== 'string') fail('Invalid or missing type for parameter "sitekey"');
      reachable(el);
      const id = 'cf-chl-widget-' + (++n);
      const f = document.createElement('iframe');
      f.id = id;
      f.title = 'Widget containing a Cloudflare security challenge';
      f.style.border = 'none';
      el.appendChild(f);
      const w = { id, params, runs: 0 };
      widgets.set(id, w);
      size(w, false);
      run(w);
      return id;
    },
    reset(id) {
      const w = widgets.get(id) || fail('Nothing to reset found for provided container');
      size(w, false);
      run(w);
    },
    remove(id) {
      const f = document.getElementById(id);
      if (f) f.remove();
      widgets.delete(id);
    },
    getResponse(id) {
      const w = widgets.get(id);
      return w && w.response;
    },
  };
})();`;
}

/** The challenge iframe of the stand-in: a checkbox that tells the page when it is ticked. */
function challengeFrame(url: URL): string {
  const id = JSON.stringify(url.searchParams.get('id'));
  const lang = (url.searchParams.get('lang') ?? 'auto').replace(/[^\w-]/g, '');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Turnstile stand-in</title>
<style>body{margin:0;font:14px system-ui,sans-serif;background:#fafafa;color:#222}
div{box-sizing:border-box;height:65px;border:1px solid #e0e0e0;display:flex;align-items:center;justify-content:space-between;padding:0 12px}
label{display:flex;align-items:center;gap:10px}input{width:22px;height:22px;margin:0}small{font-size:11px;color:#666;text-align:end}</style></head>
<body><div><label><input type="checkbox">Verify you are human</label><small>Turnstile<br>stand-in · ${lang}</small></div>
<script>document.querySelector('input').addEventListener('change', () =>
  parent.postMessage({ source: 'cloudflare-challenge', widgetId: ${id}, event: 'solved' }, '*'));</script></body></html>`;
}

type Post = { body: Record<string, unknown>; status: number };

/**
 * A fresh visitor on a host page, with Cloudflare's script replaced by the stand-in (`mode`).
 * `before` runs on the new context before the page opens (e.g. to hold requests).
 */
async function visit(
  url: string,
  mode: Parameters<typeof standIn>[0] = 'pass',
  viewport = { width: 1000, height: 700 },
  before?: (context: BrowserContext) => Promise<unknown>,
) {
  const context = await browser.newContext({ viewport });
  await before?.(context);
  const cloudflare: string[] = [];
  const elsewhere: string[] = [];
  const allowed = [new URL(url).origin, new URL(collectorUrl()).origin, CLOUDFLARE];
  context.on('request', (r: Request) => {
    const origin = new URL(r.url()).origin;
    if (origin === CLOUDFLARE) cloudflare.push(r.url());
    if (!allowed.includes(origin)) elsewhere.push(r.url());
  });
  await context.route(`${CLOUDFLARE}/**`, (route) => {
    const u = new URL(route.request().url());
    if (u.pathname === '/turnstile/v0/api.js') {
      return route.fulfill({ contentType: 'text/javascript', body: standIn(mode) });
    }
    if (u.pathname.startsWith('/cdn-cgi/challenge-platform/')) {
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: challengeFrame(u) });
    }
    return route.abort();
  });
  const posts: Post[] = [];
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // CSP violations of the host page itself
  await page.addInitScript(() => {
    if (window !== window.top) return;
    const seen: string[] = [];
    Object.defineProperty(window, '__csp', { value: seen, enumerable: false });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  recordPosts(page, posts);
  await page.goto(url);
  return { context, page, cloudflare, elsewhere, posts, errors };
}

/** Every post of a page to the collector, with the collector's status, in `posts`. */
function recordPosts(page: Page, posts: Post[]) {
  page.on('response', (r) => {
    if (r.url() !== `${collectorUrl()}/v1/responses` || r.request().method() !== 'POST') return;
    posts.push({ body: JSON.parse(r.request().postData() ?? '{}'), status: r.status() });
  });
}

/** The same visitor's next page view (same browser profile, so the same outbox), and its posts. */
async function nextPageView(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const posts: Post[] = [];
  recordPosts(page, posts);
  await page.goto(url);
  return { page, posts };
}

const scripts = (requests: string[]) => requests.filter((u) => u.includes('/api.js'));
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
const outbox = (page: Page) =>
  page.evaluate(
    () =>
      JSON.parse(localStorage.getItem('seda:q') ?? '{}') as Record<string, { answers: unknown[]; completed: boolean }>,
  );
const standInLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { __turnstileLog?: { event: string }[] }).__turnstileLog ?? []);

/** A site with one survey and Turnstile on with the given test secret. */
async function turnstileSite(secret: string, survey = nps(), opts: { locale?: string; origin?: string } = {}) {
  const s = await siteWith(opts.origin ?? host.url, [survey], opts);
  const r = await api('/v1/site/settings', {
    method: 'PATCH',
    key: s.apiKey,
    json: { turnstileSiteKey: TURNSTILE_TEST.siteKey, turnstileSecret: secret },
  });
  expect(r.status).toBe(200);
  return s;
}

const twoQuestions = nps({
  questions: [...nps().questions, { id: 'why', type: 'text', prompt: { en: 'Why?', fa: 'چرا؟' } }],
});

describe('widget: Cloudflare Turnstile', () => {
  it('a Turnstile site: loads Cloudflare’s script, the first post carries a token siteverify accepts, later posts none', async () => {
    const { key, apiKey, ids } = await turnstileSite(TURNSTILE_TEST.secretPass, twoQuestions);
    pages['/ts-pass'] = hostPage({ site: key });
    const verified = (await siteverifyCalls(inject('siteverifyUrl'))).length;
    const { page, context, cloudflare, elsewhere, posts, errors } = await visit(`${host.url}/ts-pass`);
    const dialog = await waitForPanel(page);
    await expect.poll(() => posts.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(posts[0]).toMatchObject({ status: 202, body: { answers: [], turnstileToken: TURNSTILE_TEST.token } });

    await dialog.getByRole('radio', { name: '9', exact: true }).click();
    await dialog.getByRole('textbox').fill('Fast checkout');
    await dialog.getByRole('button', { name: 'Send' }).click();
    expect(await until(async () => (await results(apiKey, ids[0]!)).completed === 1, 15_000)).toBe(true);
    await expect.poll(() => outbox(page)).toEqual({});

    // one script from Cloudflare (explicit rendering) and its challenge frame; no other third party
    expect(scripts(cloudflare)).toEqual([API_JS]);
    expect(elsewhere).toEqual([]);
    // only the first post carried a token; every post was accepted
    expect(posts.map((p) => p.status).every((s) => s === 202)).toBe(true);
    expect(posts.slice(1).some((p) => 'turnstileToken' in p.body)).toBe(false);
    expect(posts.at(-1)!.body).toMatchObject({ completed: true });
    // siteverify checked exactly that one token, with the site's secret
    const calls = (await siteverifyCalls(inject('siteverifyUrl'))).slice(verified);
    expect(calls.map((c) => [c.secret, c.response])).toEqual([[TURNSTILE_TEST.secretPass, TURNSTILE_TEST.token]]);
    const rows = await exported(apiKey, ids[0]!);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).toContain('Fast checkout');

    // rendered once, as the real api.js needs (a light-DOM container under <body>), hidden and out of
    // the tab order while no interaction is needed, no hidden response field in the page
    const log = (await standInLog(page)) as { event: string; appearance?: string; responseField?: boolean }[];
    expect(log.filter((e) => e.event === 'render')).toMatchObject([
      { appearance: 'interaction-only', responseField: false },
    ]);
    const placed = await page.evaluate(() => {
      const t = document.querySelector('seda-t');
      const f = t?.querySelector('iframe');
      return {
        parent: t?.parentElement?.tagName,
        host: t ? Object.values(t.getBoundingClientRect().toJSON()).every((v) => v === 0) : false,
        visibility: f ? getComputedStyle(f).visibility : null,
        inputs: document.querySelectorAll('input[name="cf-turnstile-response"]').length,
      };
    });
    expect(placed).toEqual({ parent: 'BODY', host: true, visibility: 'hidden', inputs: 0 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a site without Turnstile makes no request to challenges.cloudflare.com', async () => {
    const { key, apiKey, ids } = await siteWith(host.url, [nps()]);
    pages['/ts-off'] = hostPage({ site: key });
    const { page, context, cloudflare, elsewhere, posts, errors } = await visit(`${host.url}/ts-off`);
    const dialog = await waitForPanel(page);
    await dialog.getByRole('radio', { name: '9', exact: true }).click();
    expect(await until(async () => (await results(apiKey, ids[0]!)).completed === 1, 15_000)).toBe(true);
    await page.waitForTimeout(500);
    expect(cloudflare).toEqual([]);
    expect(elsewhere).toEqual([]);
    expect(posts.some((p) => 'turnstileToken' in p.body)).toBe(false);
    expect(
      await page.evaluate(() => ({
        turnstile: 'turnstile' in window,
        host: !!document.querySelector('seda-t'),
        scripts: [...document.scripts].map((s) => s.src).filter((s) => s && !s.startsWith(location.origin)),
      })),
    ).toEqual({
      turnstile: false,
      host: false,
      scripts: [`${collectorUrl()}/w.js`, expect.stringMatching(/\/w\/\w+\/en\.js$/)],
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a failing challenge (error-callback) is retried with a fresh one; the answer arrives', async () => {
    const { key, apiKey, ids } = await turnstileSite(TURNSTILE_TEST.secretPass);
    pages['/ts-error'] = hostPage({ site: key });
    const { page, context, posts } = await visit(`${host.url}/ts-error`, 'error-first');
    const dialog = await waitForPanel(page);
    await dialog.getByRole('radio', { name: '6', exact: true }).click();
    expect(await until(async () => (await results(apiKey, ids[0]!)).metrics.nps?.n === 1, 20_000)).toBe(true);
    const log = (await standInLog(page)) as { event: string; handled?: boolean }[];
    expect(log.map((e) => e.event).slice(0, 3)).toEqual(['render', 'error', 'reset']);
    expect(log.find((e) => e.event === 'error')?.handled).toBe(true);
    await expect.poll(() => posts.filter((p) => 'turnstileToken' in p.body).map((p) => p.status)).toEqual([202]);
    await context.close();
  });

  it('a refused token (always-fails secret) keeps the answer in the outbox; it is sent once Turnstile accepts it', async () => {
    const { key, apiKey, ids } = await turnstileSite(TURNSTILE_TEST.secretFail);
    pages['/ts-refused'] = hostPage({ site: key });
    const verified = (await siteverifyCalls(inject('siteverifyUrl'))).length;
    const { page, context, posts } = await visit(`${host.url}/ts-refused`);
    const dialog = await waitForPanel(page);
    await dialog.getByRole('radio', { name: '3', exact: true }).click();
    // refused, asked again with a fresh token, refused again: the answer waits in the outbox
    await expect
      .poll(() => posts.filter((p) => p.body.answers && (p.body.answers as unknown[]).length).length, {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(2);
    expect(posts.every((p) => p.status === 403 && typeof p.body.turnstileToken === 'string')).toBe(true);
    const waiting = Object.values(await outbox(page));
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ answers: [{ questionId: 'nps', value: 3 }], completed: true });
    expect(waiting[0]).not.toHaveProperty('turnstileToken');
    const runs = (await standInLog(page)).filter((e) => e.event === 'render' || e.event === 'reset');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const calls = (await siteverifyCalls(inject('siteverifyUrl'))).slice(verified);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every((c) => c.secret === TURNSTILE_TEST.secretFail && c.response === TURNSTILE_TEST.token)).toBe(
      true,
    );
    expect((await results(apiKey, ids[0]!)).responses).toBe(0);

    // The site fixes its secret; the visitor's next page view (the survey itself does not show again)
    // sends what was left, with a fresh token: stored exactly once.
    await api('/v1/site/settings', {
      method: 'PATCH',
      key: apiKey,
      json: { turnstileSecret: TURNSTILE_TEST.secretPass },
    });
    await page.close();
    const { page: next, posts: later } = await nextPageView(context, `${host.url}/ts-refused`);
    expect(await until(async () => (await results(apiKey, ids[0]!)).completed === 1, 20_000)).toBe(true);
    await expect.poll(() => outbox(next)).toEqual({});
    expect(later.at(-1)).toMatchObject({ status: 202, body: { turnstileToken: TURNSTILE_TEST.token } });
    const rows = await exported(apiKey, ids[0]!);
    expect(rows).toHaveLength(1);
    expect((await results(apiKey, ids[0]!)).metrics.nps).toMatchObject({ n: 1, detractors: 1 });
    await context.close();
  });

  it('turned on while a visitor is on the page: the token-less answer waits (403 with Retry-After), the next page view sends it with a token', async () => {
    const { key, apiKey, ids } = await siteWith(host.url, [nps()]);
    pages['/ts-late'] = hostPage({ site: key });
    // The page loads its config (Turnstile off) and shows the survey; its posts are held until the
    // site has turned Turnstile on, as if the site did so while the visitor was reading.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const { page, context, cloudflare, posts } = await visit(`${host.url}/ts-late`, 'pass', undefined, (ctx) =>
      ctx.route(`${collectorUrl()}/v1/responses`, async (route) => {
        await held;
        await route.continue();
      }),
    );
    const dialog = await waitForPanel(page);
    await dialog.getByRole('radio', { name: '3', exact: true }).click();
    const on = await api('/v1/site/settings', {
      method: 'PATCH',
      key: apiKey,
      json: { turnstileSiteKey: TURNSTILE_TEST.siteKey, turnstileSecret: TURNSTILE_TEST.secretPass },
    });
    expect(on.status).toBe(200);
    release();
    // the impression and the answer go without a token and are refused; the answer stays
    await expect
      .poll(() => posts.filter((p) => (p.body.answers as unknown[]).length).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    expect(posts.every((p) => p.status === 403 && !('turnstileToken' in p.body))).toBe(true);
    expect(cloudflare).toEqual([]);
    const waiting = Object.values(await outbox(page));
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ answers: [{ questionId: 'nps', value: 3 }], completed: true });
    expect((await results(apiKey, ids[0]!)).responses).toBe(0);

    // The visitor's next page view, a minute later (when its cached config is stale), loads the new
    // config, gets a token and sends what was left: stored exactly once. The survey does not show again.
    await page.close();
    await context.clock.setSystemTime(Date.now() + 61_000);
    // The browser's HTTP cache runs on real time: it serves a stale config once (stale-while-revalidate)
    // and refreshes it behind the page; emptying it stands for that refresh having happened.
    const cdp = await context.newCDPSession(await context.newPage());
    await cdp.send('Network.clearBrowserCache');
    const { page: next, posts: later } = await nextPageView(context, `${host.url}/ts-late`);
    expect(await until(async () => (await results(apiKey, ids[0]!)).completed === 1, 20_000)).toBe(true);
    await expect.poll(() => outbox(next)).toEqual({});
    expect(later.at(-1)).toMatchObject({ status: 202, body: { turnstileToken: TURNSTILE_TEST.token } });
    expect(await exported(apiKey, ids[0]!)).toHaveLength(1);
    expect((await results(apiKey, ids[0]!)).metrics.nps).toMatchObject({ n: 1, detractors: 1 });
    await context.close();
  });

  it('the ES module build loads its Turnstile chunk the same way, only for a Turnstile site', async () => {
    const dist = new URL('../../dist/widget/', import.meta.url).pathname;
    const spa: Record<string, string> = {};
    const server = await startHostServer({ routes: spa, dir: dist });
    try {
      const { key, apiKey, ids } = await turnstileSite(TURNSTILE_TEST.secretPass, nps(), { origin: server.url });
      const off = await siteWith(server.url, [nps()]);
      const page = (
        site: string,
      ) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPA</title></head>
<body><h1>My single-page app</h1><script type="module">
import { init } from '/index.js';
init({ site: ${JSON.stringify(site)}, api: ${JSON.stringify(collectorUrl())} });
</script></body></html>`;
      spa['/on'] = page(key);
      spa['/off'] = page(off.key);

      const on = await visit(`${server.url}/on`);
      const dialog = await waitForPanel(on.page);
      await dialog.getByRole('radio', { name: '8', exact: true }).click();
      expect(await until(async () => (await results(apiKey, ids[0]!)).completed === 1, 15_000)).toBe(true);
      expect(scripts(on.cloudflare)).toEqual([API_JS]);
      await expect
        .poll(() => on.posts[0])
        .toMatchObject({ status: 202, body: { turnstileToken: TURNSTILE_TEST.token } });
      expect(on.errors).toEqual([]);
      await on.context.close();

      const without = await visit(`${server.url}/off`);
      const chunks: string[] = [];
      without.page.on('request', (r) => r.url().includes('/turnstile-') && chunks.push(r.url()));
      await (await waitForPanel(without.page)).getByRole('radio', { name: '8', exact: true }).click();
      expect(await until(async () => (await results(off.apiKey, off.ids[0]!)).completed === 1, 15_000)).toBe(true);
      expect(without.cloudflare).toEqual([]);
      expect(chunks).toEqual([]);
      await without.context.close();
    } finally {
      await server.close();
    }
  });

  it('works under the documented Content-Security-Policy lines, and with a nonce alone', async () => {
    const { key, apiKey, ids } = await turnstileSite(TURNSTILE_TEST.secretPass, nps());
    const c = collectorUrl();
    const policies = {
      // the lines the dashboard's install page shows for a Turnstile site: the collector in script-src
      // and connect-src; Turnstile in script-src and frame-src
      hosts: `default-src 'none'; ${cspLines(c, true).replaceAll('\n', ' ')} style-src 'none'`,
      // no hosts for scripts: the nonce travels from w.js to the UI bundle, t.js and Cloudflare's api.js
      nonce: `default-src 'none'; script-src 'nonce-n0nce'; connect-src ${c}; frame-src ${CLOUDFLARE}; style-src 'none'`,
    };
    let answered = 0;
    for (const [name, policy] of Object.entries(policies)) {
      const html = hostPage({ site: key, touchpoint: name });
      pages[`/ts-csp-${name}`] = {
        body: name === 'nonce' ? html.replace('<script src=', '<script nonce="n0nce" src=') : html,
        headers: { 'content-security-policy': policy },
      };
      const { page, context, cloudflare, posts, errors } = await visit(`${host.url}/ts-csp-${name}`);
      const dialog = await waitForPanel(page);
      await dialog.getByRole('radio', { name: '7', exact: true }).click();
      answered++;
      expect(await until(async () => (await results(apiKey, ids[0]!)).completed === answered, 15_000)).toBe(true);
      expect(scripts(cloudflare)).toEqual([API_JS]);
      await expect.poll(() => posts[0]).toMatchObject({ status: 202, body: { turnstileToken: TURNSTILE_TEST.token } });
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  for (const lang of ['en', 'fa'] as const) {
    it(`an interactive challenge shows above the panel, reachable by keyboard (${lang})`, async () => {
      const { key, apiKey, ids } = await turnstileSite(TURNSTILE_TEST.secretPass, nps(), { locale: lang });
      pages[`/ts-interactive-${lang}`] = hostPage({ site: key, lang, dir: lang === 'fa' ? 'rtl' : undefined });
      const { page, context, posts, errors } = await visit(`${host.url}/ts-interactive-${lang}`, 'interactive', {
        width: 900,
        height: 620,
      });
      const dialog = await waitForPanel(page);
      const frame = page.locator('seda-t iframe');
      await expect.poll(() => frame.evaluate((f) => getComputedStyle(f).visibility)).toBe('visible');
      // the challenge speaks the survey's language
      const render = (await standInLog(page)).find((e) => e.event === 'render') as { language?: string };
      expect(render.language).toBe(lang);
      // the card sits above the panel, aligned with its outer edge
      await page.waitForTimeout(300);
      const box = await page.evaluate(() => {
        const card = document.querySelector('seda-t')!.shadowRoot!.querySelector('.c')!.getBoundingClientRect();
        const p = document
          .querySelector('seda-w')!
          .shadowRoot!.querySelector('[role="dialog"]')!
          .getBoundingClientRect();
        return {
          card: card.toJSON(),
          panel: p.toJSON(),
          dir: getComputedStyle(document.querySelector('seda-w')!.shadowRoot!.querySelector('[role="dialog"]')!)
            .direction,
        };
      });
      expect(box.card.bottom).toBeLessThanOrEqual(box.panel.top);
      expect(box.card.width).toBeGreaterThanOrEqual(300);
      // the panel keeps its physical corner (bottom-right, the start side in RTL): the card follows it
      if (lang === 'fa') expect(box.dir).toBe('rtl');
      expect(Math.abs(box.card.right - box.panel.right)).toBeLessThan(1);
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: `${shots}widget-turnstile-${lang}.png` });

      // nothing is sent before the challenge is solved: the impression waits in the outbox
      expect(posts).toEqual([]);
      expect(Object.values(await outbox(page))).toMatchObject([{ answers: [], completed: false }]);

      // keyboard: from the panel's first control, Shift+Tab reaches the challenge; Space solves it
      await dialog.getByRole('radio').first().focus();
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^cf-chl-widget-/);
      await page.keyboard.press('Space');
      await expect.poll(() => posts.length).toBe(1);
      expect(posts[0]).toMatchObject({ status: 202, body: { answers: [], turnstileToken: TURNSTILE_TEST.token } });
      await expect.poll(() => frame.evaluate((f) => getComputedStyle(f).visibility)).toBe('hidden');

      // the survey goes on as usual; later posts need no token
      await dialog.getByRole('radio', { name: lang === 'fa' ? '۸' : '8', exact: true }).click();
      expect(await until(async () => (await results(apiKey, ids[0]!)).completed === 1, 15_000)).toBe(true);
      await expect.poll(() => outbox(page)).toEqual({}); // every post has had its answer
      expect(posts.slice(1).some((p) => 'turnstileToken' in p.body)).toBe(false);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

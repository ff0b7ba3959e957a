/**
 * Helpers for the widget's browser tests: host pages that embed the contract's snippet (generated
 * inline, no fixture files), a first-party proxy, page probes (long tasks, layout shifts, CSP
 * violations, globals) and result lookups. Host pages are served from 127.0.0.1 on another port
 * than the collector: a different origin.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { SurveyInput } from '../../shared/schemas/survey';
import {
  api,
  collectorUrl,
  createSite,
  createSurvey,
  type HostServer,
  launchBrowser,
  startHostServer,
} from './helpers';

export const shots = new URL('../../screenshots/', import.meta.url).pathname;

export interface EmbedOptions {
  site: string;
  touchpoint?: string;
  locale?: string;
  /** `<html lang>` (default en) */
  lang?: string;
  dir?: 'rtl' | 'ltr';
  /** script src (default the collector's w.js) */
  src?: string;
  api?: string;
  /** extra HTML in <head> and <body> */
  head?: string;
  body?: string;
  /** commands queued before the script loads, e.g. [['identify', 'u1', {plan: 'pro'}]] */
  queue?: unknown[][];
}

/** A host page with the contract's embed. Commands are queued through an external script (CSP-safe). */
export function hostPage(o: EmbedOptions): string {
  const attrs = [`data-site="${o.site}"`];
  if (o.touchpoint) attrs.push(`data-touchpoint="${o.touchpoint}"`);
  if (o.locale) attrs.push(`data-locale="${o.locale}"`);
  if (o.api) attrs.push(`data-api="${o.api}"`);
  const queue = o.queue?.length
    ? `<script src="/queue.js?c=${encodeURIComponent(JSON.stringify(o.queue))}"></script>`
    : '';
  return `<!doctype html>
<html lang="${o.lang ?? 'en'}"${o.dir ? ` dir="${o.dir}"` : ''}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host page</title>
${queue}
<script src="${o.src ?? `${collectorUrl()}/w.js`}" ${attrs.join(' ')} async></script>
${o.head ?? ''}
</head>
<body>
<main><h1>Host page</h1><p>Some content of the host site.</p><button id="host-button">Host button</button>
<input id="host-input" aria-label="Search"></main>
${o.body ?? ''}
</body></html>`;
}

/** What a host server serves at a path: HTML, or a body with its own headers. */
export type HostPages = Record<string, string | { body: string; headers?: Record<string, string> }>;

/**
 * A host server for one test: `/` and any `pages` serve host pages; `/queue.js?c=...` emits the
 * contract's queue stub with the given commands (an external script, so strict-CSP pages work).
 */
export async function hostServer(pages: HostPages) {
  const server = await startHostServer({ routes: pages });
  // Add the queue route (the helper serves only static routes).
  const listeners = server.server.listeners('request');
  server.server.removeAllListeners('request');
  server.server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/queue.js') {
      const cmds = JSON.parse(url.searchParams.get('c') ?? '[]') as unknown[][];
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(
        `window.seda = window.seda || function () { (seda.q = seda.q || []).push(arguments) };\n${cmds
          .map((c) => `seda(${c.map((x) => JSON.stringify(x)).join(', ')});`)
          .join('\n')}`,
      );
      return;
    }
    for (const l of listeners) (l as (...a: unknown[]) => void)(req, res);
  });
  return server;
}

/**
 * The set-up every widget test file shares: `beforeAll` launches Chromium and starts a host server
 * over `pages` (tests add pages as they go); `afterAll` closes both. `browser` and `host` are there
 * once `beforeAll` has run. `start` serves the pages some other way (default: `hostServer`).
 */
export function widgetSuite(start: (pages: HostPages) => Promise<HostServer> = hostServer) {
  const suite = {
    pages: {} as HostPages,
    browser: undefined as unknown as Browser,
    host: undefined as unknown as HostServer,
  };
  beforeAll(async () => {
    suite.browser = await launchBrowser();
    suite.host = await start(suite.pages);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.host?.close();
  });
  return suite;
}

/** A site allowing `origin`, with the given surveys (active unless told otherwise). */
export async function siteWith(origin: string, surveys: Partial<SurveyInput>[], opts: { locale?: string } = {}) {
  const { site, apiKey } = await createSite([origin], opts);
  const ids: string[] = [];
  for (const s of surveys) {
    const made = await createSurvey(apiKey, {
      name: 'Widget test',
      status: 'active',
      questions: [],
      ...s,
    } as SurveyInput);
    ids.push(made.id);
  }
  return { key: site.key, apiKey, ids };
}

export const nps = (over: Record<string, unknown> = {}) => ({
  questions: [
    {
      id: 'nps',
      type: 'nps' as const,
      prompt: { en: 'How likely are you to recommend us?', fa: 'چقدر احتمال دارد ما را به دوستانتان پیشنهاد کنید؟' },
    },
  ],
  ...over,
});

/** Installed before any page script: records long tasks, layout shifts, CSP violations and the window's own keys. */
const PROBE = `(() => {
  const p = { longtasks: [], frames: [], shifts: [], csp: [], keys: Object.keys(window), loaded: 0 };
  Object.defineProperty(window, '__probe', { value: p, enumerable: false });
  addEventListener('load', () => { p.loaded = performance.now(); });
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) p.longtasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) }); }).observe({ type: 'longtask', buffered: true }); } catch {}
  // Long animation frames name the scripts that ran in them: the widget's are those from the collector.
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) p.frames.push({ start: Math.round(e.startTime), duration: Math.round(e.duration), scripts: e.scripts.map((s) => ({ url: s.sourceURL, invoker: s.invoker, duration: Math.round(s.duration) })) }); }).observe({ type: 'long-animation-frame', buffered: true }); } catch {}
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) p.shifts.push({ value: e.value, sources: e.sources.map((s) => s.node && s.node.nodeName) }); }).observe({ type: 'layout-shift', buffered: true }); } catch {}
  document.addEventListener('securitypolicyviolation', (e) => p.csp.push(e.violatedDirective + ' ' + e.blockedURI));
})();`;

export interface Probe {
  longtasks: { start: number; duration: number }[];
  frames: { start: number; duration: number; scripts: { url: string; invoker: string; duration: number }[] }[];
  /** layout shifts without recent input (what CLS counts) */
  shifts: { value: number; sources: string[] }[];
  /** performance.now() at the load event: the loader does nothing before it */
  loaded: number;
  csp: string[];
  keys: string[];
}

/** `before` runs once the page exists and before it navigates (e.g. to hold a request with page.route). */
export async function openPage(
  browser: Browser,
  url: string,
  ctx: BrowserContextOptions = {},
  before?: (page: Page) => Promise<unknown>,
) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, ...ctx });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(PROBE);
  await before?.(page);
  await page.goto(url);
  return { context, page, errors };
}

export const probe = (page: Page) => page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);

/** The open survey panel (Playwright's CSS pierces the open shadow root). */
export const panel = (page: Page) => page.locator('seda-w [role="dialog"]');

export async function waitForPanel(page: Page, timeout = 10_000) {
  await panel(page).waitFor({ state: 'visible', timeout });
  return panel(page);
}

/** Whether a panel shows within `ms` (for "must not show" checks). */
export async function showsWithin(page: Page, ms: number): Promise<boolean> {
  try {
    await panel(page).waitFor({ state: 'visible', timeout: ms });
    return true;
  } catch {
    return false;
  }
}

export async function results(apiKey: string, surveyId: string) {
  return (await api(`/v1/surveys/${surveyId}/results`, { key: apiKey })).body as {
    responses: number;
    completed: number;
    metrics: Record<string, { score?: number; mean?: number; n: number } | null>;
  };
}

export async function exported(apiKey: string, surveyId: string) {
  const r = await api<string>(`/v1/surveys/${surveyId}/responses?format=ndjson`, { key: apiKey });
  const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Polls `fn` until it returns a truthy value or the time runs out. */
export async function until<T>(fn: () => Promise<T>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let last = await fn();
  while (!last && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    last = await fn();
  }
  return last;
}

/**
 * A first-party setup: one origin serves the host pages and proxies `/seda/*` to the collector
 * (as a Worker route or reverse proxy on the site's own domain would), stripping the prefix.
 */
export async function firstPartyServer(pages: Record<string, string>): Promise<HostServer> {
  const collector = collectorUrl();
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/seda/')) {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers[k] = v;
      const r = await fetch(collector + (req.url ?? '/').slice('/seda'.length), {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const out: Record<string, string> = {};
      r.headers.forEach((v, k) => {
        if (!['content-encoding', 'content-length', 'transfer-encoding'].includes(k)) out[k] = v;
      });
      res.writeHead(r.status, out);
      res.end(Buffer.from(await r.arrayBuffer()));
      return;
    }
    const page = pages[path];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

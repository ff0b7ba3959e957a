import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { inject } from 'vitest';
import type { SurveyInput } from '../../shared/schemas/survey';

export const collectorUrl = () => inject('collectorUrl');
export const adminToken = () => inject('adminToken');

/** Debian's Chromium, never a downloaded browser; flags keep it off the (closed) network. */
/** The two screen sizes every screen is checked and photographed at (CSS px): a laptop and a phone. */
export const SIZES = [
  ['desktop', 1280, 800],
  ['phone', 390, 844],
] as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

export type HostServer = { url: string; close: () => Promise<void>; server: Server };
type Route = string | { body: string; headers?: Record<string, string> };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/**
 * A host page server on another loopback port (so a different origin from the collector).
 * `routes` maps a path to HTML (or {body, headers}); `dir` serves files from a fixtures folder.
 * `{{COLLECTOR}}` in any served text is replaced by the collector's URL.
 */
export async function startHostServer(
  opts: { routes?: Record<string, Route>; dir?: string } = {},
): Promise<HostServer> {
  const collector = collectorUrl();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let route = opts.routes?.[path];
    if (!route && opts.dir) {
      const file = normalize(join(opts.dir, path === '/' ? 'index.html' : path));
      if (file.startsWith(opts.dir)) {
        try {
          route = {
            body: readFileSync(file, 'utf8'),
            headers: { 'content-type': TYPES[extname(file)] ?? 'text/plain' },
          };
        } catch {}
      }
    }
    // SPA-style fallback: unknown paths get the '*' route if given.
    route ??= opts.routes?.['*'];
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    const r = typeof route === 'string' ? { body: route } : route;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...r.headers });
    res.end(r.body.replaceAll('{{COLLECTOR}}', collector));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** fetch against the collector with an optional bearer key and JSON body. */
export async function api<T = any>(
  path: string,
  init: { method?: string; key?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${collectorUrl()}${path}`, {
    method: init.method ?? (init.json !== undefined ? 'POST' : 'GET'),
    headers: {
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body: body as T, headers: res.headers };
}

/** A new site allowed to embed from `origins`; returns its public key and its API key. */
export async function createSite(origins: string[], opts: { name?: string; locale?: string } = {}) {
  const r = await api<{ site: { id: string; key: string }; apiKey: string }>('/v1/sites', {
    key: adminToken(),
    json: { name: opts.name ?? 'E2E shop', origins, ...(opts.locale ? { locale: opts.locale } : {}) },
  });
  if (r.status !== 201) throw new Error(`createSite: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function createSurvey(apiKey: string, survey: SurveyInput) {
  const r = await api<{ survey: { id: string } }>('/v1/surveys', { key: apiKey, json: survey });
  if (r.status !== 201) throw new Error(`createSurvey: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.survey;
}

export async function createTouchpoint(apiKey: string, t: { key: string; name: string; stage: string }) {
  const r = await api('/v1/touchpoints', { key: apiKey, json: t });
  if (r.status !== 201) throw new Error(`createTouchpoint: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Posts a response as the widget would (text/plain, from an allowed origin). */
export const sendResponse = (origin: string, body: Record<string, unknown>) =>
  fetch(`${collectorUrl()}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin },
    body: JSON.stringify(body),
  });

/** The status of `sendResponse`. */
export async function postResponse(origin: string, body: Record<string, unknown>) {
  return (await sendResponse(origin, body)).status;
}

/** axe-core's script, for the accessibility checks of the widget and the dashboard. */
export const axeSource = () => readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

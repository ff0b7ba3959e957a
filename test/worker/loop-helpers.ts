import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { vi } from 'vitest';
import type { Env } from '../../worker/env';
import { app } from '../../worker/index';
import { call, ORIGIN } from './helpers';

/** The app with some bindings or vars replaced (a failing D1, other limits), waiting for its waitUntil work. */
export async function callWith(
  over: Partial<Env>,
  path: string,
  init: RequestInit & { key?: string; json?: unknown } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const ctx = createExecutionContext();
  const res = await app.request(`https://seda.test${path}`, { ...init, headers, body }, { ...env, ...over }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** A widget post (text/plain, from the site's origin) to the app with some bindings or vars replaced. */
export const postResponseWith = (over: Partial<Env>, body: object, headers: Record<string, string> = {}) =>
  callWith(over, '/v1/responses', {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: ORIGIN, ...headers },
    body: JSON.stringify(body),
  });

export async function json<T = any>(res: Response | Promise<Response>): Promise<{ status: number; body: T }> {
  const r = await res;
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
}

export const countRows = async (sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n;

export type Received = { url: string; headers: Headers; body: string };

/**
 * A webhook receiver inside the test isolate: outbound fetch (the queue consumer's, and
 * siteverify's) is routed to `answer`; everything it received is kept in order.
 */
export function stubReceiver(answer: (r: Received, n: number) => Response | Promise<Response>) {
  const received: Received[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init as RequestInit);
    const r = { url: req.url, headers: req.headers, body: new TextDecoder().decode(await req.arrayBuffer()) };
    received.push(r);
    return answer(r, received.length);
  });
  return { received, restore: () => spy.mockRestore() };
}

export async function until<T>(probe: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const createWebhook = async (apiKey: string, body: Record<string, unknown>) => {
  const r = await json<{ id: string; secret: string }>(
    call('/v1/webhooks', { method: 'POST', key: apiKey, json: body }),
  );
  if (r.status !== 201) throw new Error(`webhook: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

export const createAlert = async (apiKey: string, body: Record<string, unknown>) => {
  const r = await json<{ id: string }>(call('/v1/alerts', { method: 'POST', key: apiKey, json: body }));
  if (r.status !== 201) throw new Error(`alert: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/**
 * A local stand-in for Cloudflare's Turnstile siteverify (challenges.cloudflare.com is not reachable
 * from the tests). The e2e global setup starts it and points the Worker at it with
 * TURNSTILE_VERIFY_URL. It answers as Cloudflare documents for its test secret keys
 * (https://developers.cloudflare.com/turnstile/troubleshooting/testing/): the always-passes secret
 * accepts any token, the always-fails secret none, the third says the token was already spent, any
 * other secret is invalid. `GET /received` lists what it was asked, for the tests to check.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the fake siteverify's URL (the Worker's TURNSTILE_VERIFY_URL) */
    siteverifyUrl: string;
  }
}

/** Cloudflare's dummy keys and token. */
export const TURNSTILE_TEST = {
  /** visible widget, always passes */
  siteKey: '1x00000000000000000000AA',
  secretPass: '1x0000000000000000000000000000000AA',
  secretFail: '2x0000000000000000000000000000000AA',
  secretSpent: '3x0000000000000000000000000000000AA',
  /** what the dummy site keys produce */
  token: 'XXXX.DUMMY.TOKEN.XXXX',
};

export type SiteverifyCall = { secret: string | null; response: string | null; remoteip: string | null };

function outcome(secret: string | null, response: string | null) {
  if (!secret) return { success: false, 'error-codes': ['missing-input-secret'] };
  if (!response) return { success: false, 'error-codes': ['missing-input-response'] };
  if (secret === TURNSTILE_TEST.secretPass) {
    return {
      success: true,
      challenge_ts: new Date().toISOString(),
      hostname: 'example.com',
      'error-codes': [],
      action: '',
      cdata: '',
    };
  }
  if (secret === TURNSTILE_TEST.secretFail) return { success: false, 'error-codes': ['invalid-input-response'] };
  if (secret === TURNSTILE_TEST.secretSpent) return { success: false, 'error-codes': ['timeout-or-duplicate'] };
  return { success: false, 'error-codes': ['invalid-input-secret'] };
}

export async function startFakeSiteverify() {
  const received: SiteverifyCall[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && path === '/received') return reply(200, received);
    if (req.method !== 'POST' || path !== '/turnstile/v0/siteverify') return reply(404, { success: false });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    // siteverify takes a form or JSON
    let fields: Record<string, string | undefined>;
    try {
      fields = req.headers['content-type']?.includes('json')
        ? (JSON.parse(text) as Record<string, string>)
        : Object.fromEntries(new URLSearchParams(text));
    } catch {
      return reply(400, { success: false, 'error-codes': ['bad-request'] });
    }
    const call = {
      secret: fields.secret ?? null,
      response: fields.response ?? null,
      remoteip: fields.remoteip ?? null,
    };
    received.push(call);
    reply(200, outcome(call.secret, call.response));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/turnstile/v0/siteverify`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** What the fake siteverify (at `url`, as provided by the global setup) has been asked so far. */
export async function siteverifyCalls(url: string): Promise<SiteverifyCall[]> {
  return (await fetch(new URL('/received', url))).json() as Promise<SiteverifyCall[]>;
}

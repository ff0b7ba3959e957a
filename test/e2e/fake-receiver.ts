/**
 * A local webhook receiver (the tests reach no outside host): it records every request it is sent and
 * answers 200, or what `status` decides (a receiver that is down, or fails its first tries). With
 * `verifySignature`, what a receiver does with Seda-Signature, using only node:crypto.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Hit = { path: string; headers: Record<string, string | string[] | undefined>; body: string; at: number };

export async function startReceiver(
  /** the status to answer, given the path and how many requests that path has had (this one included) */
  status: (path: string, seen: number) => number = () => 200,
): Promise<{ url: string; hits: Hit[]; close: () => Promise<void> }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const path = req.url ?? '/';
      hits.push({ path, headers: req.headers, body, at: Date.now() });
      const seen = hits.filter((h) => h.path === path).length;
      res.writeHead(status(path, seen), { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Seda-Signature as the contract states it: t=UNIX,v1=hex(HMAC-SHA256(secret, t + "." + body)). */
export function verifySignature(secret: string, header: string, rawBody: string, windowSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > windowSeconds || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

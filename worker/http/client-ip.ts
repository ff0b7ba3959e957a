import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';
import type { AppEnv } from '../env';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses `TRUSTED_PROXIES` ("203.0.113.7, 2001:db8::/32"): addresses and CIDR ranges; bad entries are skipped. */
export function parseTrustedProxies(list: string | undefined): Range[] {
  const out: Range[] = [];
  for (const raw of (list ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    try {
      if (entry.includes('/')) out.push(ipaddr.parseCIDR(entry));
      else {
        const a = ipaddr.parse(entry);
        out.push([a, a.kind() === 'ipv4' ? 32 : 128]);
      }
    } catch {
      console.warn(`TRUSTED_PROXIES: ignoring ${entry}`);
    }
  }
  return out;
}

/** An address in its canonical form (IPv4-mapped IPv6 as IPv4), or null when it is not one. */
function canonical(s: string | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!s) return null;
  try {
    const a = ipaddr.parse(s.trim());
    return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
  } catch {
    return null;
  }
}

const inRange = (a: ipaddr.IPv4 | ipaddr.IPv6, [net, bits]: Range) => a.kind() === net.kind() && a.match(net, bits);

/**
 * The visitor's address, for rate limits only (never stored). Cloudflare sets `cf-connecting-ip` to
 * whoever opened the connection; behind a first-party proxy (widget/README.md) that is the proxy, for
 * every visitor. Only when that address is one of `TRUSTED_PROXIES` is the proxy's own header
 * (`TRUSTED_PROXY_HEADER`, default `x-real-ip`) read, so nobody else can choose their bucket by
 * sending that header.
 */
export function clientIp(c: Context<AppEnv>): string {
  const peer = canonical(c.req.header('cf-connecting-ip'));
  if (!peer) return 'unknown';
  const trusted = parseTrustedProxies(c.env.TRUSTED_PROXIES);
  if (trusted.some((r) => inRange(peer, r))) {
    const header = (c.env.TRUSTED_PROXY_HEADER || 'x-real-ip').toLowerCase();
    // X-Forwarded-For style lists: the proxy appends the address it saw last.
    const forwarded = canonical(c.req.header(header)?.split(',').pop());
    if (forwarded) return forwarded.toString();
  }
  return peer.toString();
}

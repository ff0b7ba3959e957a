/**
 * Which webhook URLs Seda may call. Outside local use (ALLOW_PRIVATE_WEBHOOKS=1) a webhook must be
 * http(s) to a public host: never loopback, private, link-local (cloud metadata), CGNAT, multicast
 * or reserved addresses, nor names that only resolve inside a network (localhost, *.internal, *.local).
 * The WHATWG URL parser has already normalised odd IPv4 spellings (2130706433, 0x7f.1) to dotted form.
 */

import ipaddr from 'ipaddr.js';

/**
 * Names that resolve only inside a network (RFC 6761/6762, RFC 8375, Kubernetes, common LAN suffixes)
 * and cloud metadata names. Single-label names are refused separately.
 */
const INTERNAL_SUFFIXES = [
  'localhost',
  'localdomain',
  'local',
  'internal',
  'lan',
  'home',
  'corp',
  'intranet',
  'private',
  'svc',
  'cluster.local',
  'home.arpa',
  'in-addr.arpa',
  'ip6.arpa',
  'test',
  'invalid',
];
const BLOCKED_NAMES = new Set(['metadata', 'metadata.google.internal', 'instance-data']);

/**
 * Whether an address literal is a public unicast address. ipaddr.js names every special range (IANA
 * special-purpose registries): only `unicast` is left to the public internet; loopback, private,
 * link-local, CGNAT, multicast, reserved and documentation ranges, and in IPv6 also 6to4
 * (2002::/16), Teredo (2001::/32), NAT64 (64:ff9b::/96), site-local (fec0::/10), discard (100::/64),
 * unique-local and IPv4-mapped addresses (which carry an IPv4 address inside) are not.
 */
function publicAddress(literal: string): boolean {
  let a: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    a = ipaddr.parse(literal);
  } catch {
    return false;
  }
  if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) return false;
  return a.range() === 'unicast';
}

/** True when the URL's host is not a public internet host. */
export function isPrivateHost(hostname: string): boolean {
  // "localhost." and "localhost.." name the same host as "localhost" to a resolver.
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  if (host.startsWith('[') && host.endsWith(']')) return !publicAddress(host.slice(1, -1));
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) return !publicAddress(host);
  if (!host || host.includes('..')) return true;
  if (!host.includes('.')) return true; // single-label names resolve only inside a network
  if (BLOCKED_NAMES.has(host)) return true;
  return INTERNAL_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

/** Why a webhook URL is refused, or null when it may be called. */
export function webhookUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only http(s) URLs are allowed';
  if (url.username || url.password) return 'credentials in the URL are not allowed';
  if (!allowPrivate && isPrivateHost(url.hostname)) {
    return 'private, loopback and link-local addresses are refused (ALLOW_PRIVATE_WEBHOOKS=1 allows them locally)';
  }
  return null;
}

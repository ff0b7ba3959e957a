/**
 * Which webhook URLs Seda may call. Outside local use (ALLOW_PRIVATE_WEBHOOKS=1) a webhook must be
 * http(s) to a public host: never loopback, private, link-local (cloud metadata), CGNAT, multicast
 * or reserved addresses, nor names that only resolve inside a network (localhost, *.internal, *.local).
 * The WHATWG URL parser has already normalised odd IPv4 spellings (2130706433, 0x7f.1) to dotted form.
 */

const BLOCKED_NAMES = [/^localhost$/, /\.localhost$/, /\.local$/, /\.internal$/, /\.home\.arpa$/, /^metadata$/];

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function privateIpv4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return true;
  return (
    a === 0 || // "this" network
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // CGNAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // 192.0.0.0/24 protocol assignments, 192.0.2.0/24 documentation
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51) ||
    (a === 203 && b === 0) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

function privateIpv6(host: string): boolean {
  const h = host.toLowerCase();
  if (h === '::' || h === '::1') return true;
  // IPv4-mapped/compatible (::ffff:7f00:1) and NAT64 forms carry an IPv4 address: refuse them all.
  if (h.startsWith('::ffff:') || h.startsWith('64:ff9b:') || /^::[0-9a-f]*:?[0-9a-f]*$/.test(h)) return true;
  const first = Number.parseInt(h.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (first & 0xffc0) === 0xfe80 || // fe80::/10 link-local
    (first & 0xff00) === 0xff00 || // multicast
    h.startsWith('2001:db8:') // documentation
  );
}

/** True when the URL's host is not a public internet host. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) return privateIpv6(host.slice(1, -1));
  const v4 = ipv4(host);
  if (v4) return privateIpv4(v4);
  if (!host.includes('.')) return true; // single-label names resolve only inside a network
  return BLOCKED_NAMES.some((re) => re.test(host));
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

import type { Role } from '../shared/contract/endpoint';
import type { RetagMessage } from './topics/retag';

/** Bindings and vars from wrangler.toml (kept by hand: small, and read by people before tools). */
export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  RATE_LIMITER?: RateLimit;
  /** Operator secret that creates sites; empty means operator endpoints are closed. */
  ADMIN_TOKEN: string;
  /** Per client IP per site per minute on public endpoints; "0" turns it off. */
  RATE_LIMIT_PER_MINUTE: string;
  /**
   * Addresses or CIDR ranges of a first-party proxy in front of the collector ("203.0.113.7,
   * 2001:db8::/32"). Requests from them are rate limited by the visitor address the proxy passes in
   * TRUSTED_PROXY_HEADER (default `x-real-ip`); that header is ignored from anyone else.
   */
  TRUSTED_PROXIES?: string;
  TRUSTED_PROXY_HEADER?: string;
  /** "1" lets webhooks target loopback/private addresses (local use and tests). */
  ALLOW_PRIVATE_WEBHOOKS: string;
  /** Webhook deliveries (Cloudflare Queues); without it deliveries are tried once inline. */
  DELIVERIES?: Queue<DeliveryMessage>;
  /** Re-tagging stored answers after a topic list change; without it the job runs in waitUntil. */
  RETAG?: Queue<RetagMessage>;
  /** Per site (all IPs together) per minute on POST /v1/responses; "0" or RATE_LIMIT_PER_MINUTE=0 turns it off. */
  SITE_RATE_LIMITER?: RateLimit;
  SITE_RATE_LIMIT_PER_MINUTE?: string;
  /** New responses per site per UTC day when the site sets none; "0" = no cap. Default 10000. */
  DAILY_RESPONSE_CAP?: string;
  /** First webhook retry delay in seconds (then ×4 per attempt, at most 1 h). Default 30. */
  WEBHOOK_RETRY_BASE_SECONDS?: string;
  /** The collector answers 503 when D1 takes longer than this. Default 8000. */
  COLLECT_TIMEOUT_MS?: string;
  /**
   * Where Turnstile tokens are checked. Default Cloudflare's siteverify; set it only to point at a
   * local stand-in (tests, offline development).
   */
  TURNSTILE_VERIFY_URL?: string;
  /**
   * Single sign-on through Cloudflare Access (optional): the team's domain
   * (`https://TEAM.cloudflareaccess.com`, whose `/cdn-cgi/access/certs` holds its signing keys) and
   * the application's audience tag. Both set turns on `POST /v1/session/access`.
   */
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
}

/** What goes through the DELIVERIES queue: the row id; the row holds the payload and the state. */
export type DeliveryMessage = { deliveryId: string };

/** Who made a request: a signed-in member (session cookie) or an API key. */
export type Actor = { type: 'member' | 'key'; id: string };

export type AppEnv = {
  Bindings: Env;
  Variables: {
    siteId: string;
    scopes: string[];
    keyId: string;
    actor: Actor;
    /** Set for a session: the member's role on the site, and the session's token hash. */
    role?: Role;
    sessionHash?: string;
  };
};

/** Bindings and vars from wrangler.toml (kept by hand: small, and read by people before tools). */
export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  RATE_LIMITER?: RateLimit;
  /** Operator secret that creates sites; empty means operator endpoints are closed. */
  ADMIN_TOKEN: string;
  /** Per client IP per site per minute on public endpoints; "0" turns it off. */
  RATE_LIMIT_PER_MINUTE: string;
  /** "1" lets webhooks target loopback/private addresses (local use and tests). */
  ALLOW_PRIVATE_WEBHOOKS: string;
}

export type AppEnv = { Bindings: Env; Variables: { siteId: string; scopes: string[] } };

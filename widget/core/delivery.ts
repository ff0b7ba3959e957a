import type { ResponseBody } from '../../shared/schemas/response';

/** JSON storage (core/store in the browser; a fake in tests). */
export interface JsonStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export const QUEUE_KEY = 'seda:q';
/** Retries within one page view before the payload waits for the next page view. */
export const MAX_TRIES = 6;

export interface DeliveryDeps {
  store: JsonStore;
  fetch: (url: string, init: RequestInit) => Promise<{ status: number; headers: { get(n: string): string | null } }>;
  setTimeout: (fn: () => void, ms: number) => unknown;
  random?: () => number;
  /**
   * The collector refused the response with 409 (the contact policy: the person answered through
   * another channel lately, or completed this survey there): a final answer, the panel can close.
   */
  refused?: (id: string) => void;
}

export interface Delivery {
  /** Stores the payload (replacing an older one with the same id: bodies are cumulative) and sends it. */
  put(body: ResponseBody): void;
  /** Sends everything waiting that is not already on its way. */
  flush(): void;
}

type Queue = Record<string, ResponseBody>;

/**
 * The outbox: every payload is written to storage first and removed only once the collector has
 * answered for it (2xx) or refused it for good (4xx but 408/429, without Retry-After). Network errors,
 * 5xx, 408, 429 and refusals with Retry-After (403 `turnstile_required`: the site turned Turnstile on
 * after this page loaded its config) retry with exponential backoff (or Retry-After), then wait for
 * the next page view or `online`.
 * Resending is safe because the collector merges by response id: nothing is lost, nothing doubled.
 * No sendBeacon on pagehide: keepalive fetches outlive the page, and whatever is unconfirmed is
 * resent by the next page view anyway.
 */
export function createDelivery(url: string, deps: DeliveryDeps): Delivery {
  const busy = new Set<string>();
  let tries = 0;
  let timer = false;
  const load = (): Queue => deps.store.get<Queue>(QUEUE_KEY) ?? {};
  const save = (q: Queue) => deps.store.set(QUEUE_KEY, Object.keys(q).length ? q : undefined);

  function flush(): void {
    const q = load();
    for (const id in q) if (!busy.has(id)) post(id, JSON.stringify(q[id]));
  }

  async function post(id: string, json: string): Promise<void> {
    busy.add(id);
    let status = 0;
    let wait: string | null = null;
    try {
      const r = await deps.fetch(url, { method: 'POST', body: json, keepalive: true, credentials: 'omit' });
      status = r.status;
      wait = r.headers.get('retry-after');
    } catch {
      // offline or blocked: retried below
    }
    busy.delete(id);
    const q = load();
    const same = JSON.stringify(q[id]) === json;
    // A refusal that says when to come back (Retry-After) is not final either.
    const done = status && status < 500 && status !== 408 && status !== 429 && !wait;
    if (done) tries = 0;
    if (status === 409) deps.refused?.(id);
    if (!same) {
      // a newer body for this response arrived meanwhile: it carries everything, send it now
      if (q[id]) post(id, JSON.stringify(q[id]));
      return;
    }
    if (done) {
      delete q[id];
      save(q);
      return;
    }
    if (timer || ++tries > MAX_TRIES) return;
    timer = true;
    const backoff = Math.min(60_000, 1000 * 2 ** (tries - 1)) * (0.75 + (deps.random ?? Math.random)() / 2);
    const after = wait && /^\d+$/.test(wait) ? +wait * 1000 : backoff;
    deps.setTimeout(() => {
      timer = false;
      flush();
    }, after);
  }

  return {
    put(body) {
      const q = load();
      q[body.id] = body;
      save(q);
      if (!busy.has(body.id)) post(body.id, JSON.stringify(body));
    },
    flush,
  };
}

import type { Answer, ResponseBody } from '../../shared/schemas/response';
import { createDelivery, type Delivery } from '../core/delivery';
import type { MountOptions } from '../core/runtime';
import { get, set } from '../core/store';
import { loadTurnstile } from './ts-load';

const SLUG = /^[A-Za-z0-9][\w-]{0,63}$/;

/**
 * Response ids are UUID v4, made here so that retries and partial answers merge into one response. Each
 * hex digit of the template is random, except the version (4) and the variant (8..b, from 8): x ^ r >> (x / 4)
 * keeps those bits (short for the survey's download; crypto.randomUUID needs a secure context).
 */
export const uuid = (): string =>
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (x) =>
    (+x ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+x / 4)))).toString(16),
  );

/**
 * The response's write secret, sent with every post of the response and kept with its outbox entry: the
 * collector merges a later post into the response only when it carries the same secret, so a response id
 * seen in a webhook or an export cannot rewrite it. A second UUID v4 without its dashes: 32 hex
 * characters, 122 random bits from crypto.getRandomValues (made by the code above: no bytes of its own).
 */
export const writeSecret = (): string => uuid().replace(/-/g, '');

/**
 * Respondent from `identify`, trimmed to what the collector accepts so one bad attribute loses nothing;
 * `opts.hash` (the host server's HMAC of the id) passes when it has the right form.
 */
export function respondent(id: unknown, attrs: unknown, opts?: unknown): ResponseBody['respondent'] {
  const out: Record<string, string | number | boolean> = {};
  let n = 0;
  if (attrs && typeof attrs === 'object') {
    for (const [k, v] of Object.entries(attrs)) {
      if (
        n < 20 &&
        /^[\w.-]{1,40}$/.test(k) &&
        (typeof v === 'boolean' || typeof v === 'string' || Number.isFinite(v))
      ) {
        out[k] = typeof v === 'string' ? v.slice(0, 100) : (v as number | boolean);
        n++;
      }
    }
  }
  const r: ResponseBody['respondent'] = {};
  if (id != null && id !== '') r.id = String(id).slice(0, 128);
  const hash = (opts as { hash?: unknown } | undefined)?.hash;
  if (r.id && typeof hash === 'string' && /^[\da-f]{64}$/i.test(hash)) r.hash = hash;
  if (n) r.attributes = out;
  return r.id || n ? r : undefined;
}

let box: Delivery | undefined;
/** response id → what to do when the collector refuses it with 409 (close its panel) */
const refusals: Record<string, () => void> = {};
/** The Turnstile site key the shown survey came with (when Turnstile is on for the site). */
let turnstile: string | undefined;

/**
 * The page's outbox (one collector per page), flushed again whenever the browser comes back online.
 * `key`: the site's Turnstile site key when Turnstile is on; posts then go through the Turnstile chunk.
 */
export function outbox(api: string, key?: string): Delivery {
  turnstile = key;
  if (!box) {
    box = createDelivery(`${api}/v1/responses`, {
      store: { get, set },
      fetch: (u, i) => (turnstile ? loadTurnstile().then((t) => t.send(turnstile!, u, i)) : fetch(u, i)),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      refused: (id) => refusals[id]?.(),
    });
    addEventListener('online', box.flush);
  }
  return box;
}

/** Resends what an earlier page view left in the outbox. */
export const flush = (api: string, turnstile?: string): void => outbox(api, turnstile).flush();

/**
 * Builds the bodies of one response (same id throughout): the impression, each answer, completion.
 * `refused`: called if the collector refuses the response with 409 (contact policy).
 */
export function responder(
  o: MountOptions,
  locale: string,
  refused: () => void,
): (answers: Answer[], completed: boolean) => void {
  const id = uuid();
  refusals[id] = refused;
  const secret = writeSecret();
  const d = outbox(o.api, o.turnstile);
  const ref = document.referrer.split(/[?#]/)[0];
  const tp = o.touchpoint && SLUG.test(o.touchpoint) ? o.touchpoint : undefined;
  const who = o.who ? respondent(o.who[0], o.who[1], o.who[2]) : undefined;
  return (answers, completed) =>
    d.put({
      id,
      siteKey: o.site,
      surveyId: o.survey.id,
      touchpoint: tp,
      answers,
      respondent: who,
      // origin and path only: a query or fragment may hold tokens (OAuth codes, session ids, emails)
      context: {
        url: (location.origin + location.pathname).slice(0, 2048),
        locale,
        referrer: ref ? ref.slice(0, 2048) : undefined,
      },
      completed,
      secret,
    });
}

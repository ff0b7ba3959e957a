/**
 * The dashboard's one API client. Every call names an endpoint of the contract (shared/contract),
 * so its path, parameters, query, body and reply are typed from the same zod schemas the Worker
 * validates with: a changed shape is a type error here. One policy for errors: a refusal becomes an
 * ApiError (status, code, message, the fields' issues); a 401 signs the user out everywhere.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  type BodyOf,
  type Endpoint,
  type ParamsOf,
  pathOf,
  type QueryOf,
  type ReplyOf,
} from '../../shared/contract/endpoint';
import type { ErrorBody } from '../../shared/schemas/common';
import { clearApiKey, getApiKey } from './session';

/** One refused field, as the Worker names it in `{error: {issues}}`. */
export type Issue = NonNullable<ErrorBody['error']['issues']>[number];

/** An API error as the Worker reports it: `{error: {code, message, issues?}}` with an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    /** Seconds, from a 429's or 503's Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/**
 * The request never reached the Worker (offline, DNS, a dropped connection). Kept apart from
 * refusals so the screen can say so in its own language instead of the browser's "Failed to fetch",
 * keep the numbers it already shows, and read again when the connection returns.
 */
export class NetworkError extends Error {
  constructor() {
    super('network unreachable');
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any request answers 401: the app forgets the credential and shows the sign-in form. */
export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

/** What a call of endpoint E needs: path parameters and body when it has them, an optional query. */
export type CallInput<E extends Endpoint> = (ParamsOf<E> extends undefined
  ? { params?: undefined }
  : { params: ParamsOf<E> }) &
  (QueryOf<E> extends undefined ? { query?: undefined } : { query?: Partial<QueryOf<E>> }) &
  (BodyOf<E> extends undefined ? { body?: undefined } : { body: BodyOf<E> });

type Loose = { params?: Record<string, string>; query?: object; body?: unknown };

/** `?a=1&b=2` from the defined, non-empty values (no leading `?` when nothing is left). */
export function queryString(params: object | undefined): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The URL of a call: the endpoint's path with its parameters encoded once, then the query. */
export function urlOf<E extends Endpoint>(e: E, input: CallInput<E>): string {
  const i = input as Loose;
  return pathOf(e.path, i.params) + queryString(i.query);
}

async function refusal(res: Response, signedIn: boolean): Promise<ApiError> {
  let body: Partial<ErrorBody> | undefined;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  if (res.status === 401 && signedIn) {
    clearApiKey();
    clearCache();
    for (const fn of unauthorizedListeners) fn();
  }
  const e = body?.error;
  const retry = Number(res.headers.get('retry-after'));
  return new ApiError(
    res.status,
    e?.code ?? 'http_error',
    e?.message ?? `${res.status} ${res.statusText}`,
    e?.issues,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

/**
 * A same-origin request with the credential: an API key in the Authorization header (never in the
 * URL), else the session cookie, which the browser adds itself (HttpOnly: this code never sees it).
 * `key` checks a key before it is kept (the sign-in form), and `quiet` marks a call whose 401 is an
 * answer (a wrong password) rather than an ended session: neither signs anybody out.
 */
export async function fetchApi(
  method: string,
  url: string,
  init: { body?: unknown; signal?: AbortSignal; key?: string; quiet?: boolean } = {},
): Promise<Response> {
  const key = init.key ?? getApiKey();
  const res = await fetch(url, {
    method: method.toUpperCase(),
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      accept: 'application/json',
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
    cache: 'no-store',
    // The session cookie (SameSite=Strict) goes to this origin only; a key needs no cookie.
    credentials: key ? 'omit' : 'same-origin',
    referrerPolicy: 'no-referrer',
  }).catch((err: unknown) => {
    // an abort is the caller's own doing; anything else thrown by fetch is the network
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError();
  });
  if (!res.ok) throw await refusal(res, init.key === undefined && !init.quiet);
  return res;
}

/** Calls an endpoint and returns its typed reply. Any write clears the read cache, so every view sees it. */
export async function call<E extends Endpoint>(
  e: E,
  input: CallInput<E>,
  init: { signal?: AbortSignal; key?: string; quiet?: boolean } = {},
): Promise<ReplyOf<E>> {
  const write = e.method !== 'get';
  try {
    const res = await fetchApi(e.method, urlOf(e, input), { ...init, body: (input as Loose).body });
    if (res.status === 204 || !('schema' in e.success)) return undefined as ReplyOf<E>;
    return (await res.json()) as ReplyOf<E>;
  } finally {
    if (write) clearCache();
  }
}

// A small cache so switching views or toggling back to a filter does not refetch: same URL within
// a minute is served from memory (in-flight requests are shared too).
const TTL_MS = 60_000;
const cache = new Map<string, { at: number; promise: Promise<unknown> }>();

export function clearCache(): void {
  cache.clear();
}

const getJson = async <T>(url: string): Promise<T> => (await (await fetchApi('get', url)).json()) as T;

/** A read through the cache (a request index.html already started is used once). */
export function cachedGet<E extends Endpoint>(e: E, input: CallInput<E>, priority: Priority = 'high') {
  const url = urlOf(e, input);
  const hit = cache.get(url);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.promise as Promise<ReplyOf<E>>;
  const promise =
    priority === 'low'
      ? whenQuiet().then(() => getJson<ReplyOf<E>>(url))
      : tracked(preloaded<ReplyOf<E>>(url) ?? getJson<ReplyOf<E>>(url));
  cache.set(url, { at: Date.now(), promise });
  promise.catch(() => cache.delete(url));
  return promise;
}

declare global {
  interface Window {
    /** Requests index.html starts before the app has loaded (see the inline script there). */
    __sedaPreload?: Record<string, Promise<unknown>>;
  }
}

/** A request index.html already started, used once; if it failed, the request is made again here. */
function preloaded<T>(url: string): Promise<T> | undefined {
  const p = window.__sedaPreload?.[url] as Promise<T> | undefined;
  if (!p) return undefined;
  delete window.__sedaPreload?.[url];
  return p.catch(() => getJson<T>(url));
}

/**
 * Request priority. What a view shows is 'high'; lookups for the filter menus are 'low' and wait
 * until no 'high' request has been in flight for a moment (at most LOW_MAX_WAIT_MS), so they never
 * compete with the numbers on screen for the Worker's and the network's time.
 */
export type Priority = 'high' | 'low';
const QUIET_MS = 120;
const LOW_MAX_WAIT_MS = 2500;
let inFlight = 0;
let lastBusy = 0;

function tracked<T>(p: Promise<T>): Promise<T> {
  inFlight++;
  const done = () => {
    inFlight--;
    lastBusy = performance.now();
  };
  p.then(done, done);
  return p;
}

function whenQuiet(): Promise<void> {
  const start = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      const now = performance.now();
      if ((inFlight === 0 && now - lastBusy >= QUIET_MS) || now - start >= LOW_MAX_WAIT_MS) resolve();
      else setTimeout(check, 40);
    };
    setTimeout(check, QUIET_MS);
  });
}

export type QueryState<T> = { data: T | undefined; error: ApiError | Error | undefined; loading: boolean };

/**
 * Reads an endpoint (input null = nothing to read yet) and reads again whenever the URL changes.
 * The input is compared by the URL it makes, so a new object with the same values reads nothing.
 */
export function useEndpoint<E extends Endpoint>(
  e: E,
  input: CallInput<E> | null,
  priority: Priority = 'high',
): QueryState<ReplyOf<E>> & { reload: () => void } {
  const url = input === null ? null : urlOf(e, input);
  const [state, setState] = useState<QueryState<ReplyOf<E>>>({
    data: undefined,
    error: undefined,
    loading: url !== null,
  });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (url === null || input === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    cachedGet(e, input, priority).then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      // What is already on screen stays there (marked stale by <Status>) when a re-read fails.
      (error: Error) => live && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      live = false;
    };
  }, [url, nonce]);
  // Back online after a failed read: read again by itself.
  useEffect(() => {
    if (!(state.error instanceof NetworkError) || !url) return;
    const again = () => {
      cache.delete(url);
      setNonce((n) => n + 1);
    };
    addEventListener('online', again);
    return () => removeEventListener('online', again);
  }, [state.error, url]);
  return {
    ...state,
    reload: () => {
      if (url) cache.delete(url);
      setNonce((n) => n + 1);
    },
  };
}

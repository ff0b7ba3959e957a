import { useEffect, useState } from 'preact/hooks';
import { clearApiKey, getApiKey } from './session';

/** An API error as the Worker reports it: `{error: {code, message}}` with an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any request answers 401: the app forgets the key and shows the sign-in form. */
export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

/** `?a=1&b=2` from the defined, non-empty values (no leading `?` when nothing is left). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A same-origin request carrying the key in the Authorization header (never in the URL). */
export async function request(path: string, init: { signal?: AbortSignal; key?: string } = {}): Promise<Response> {
  const key = init.key ?? getApiKey() ?? '';
  const res = await fetch(path, {
    headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
    signal: init.signal,
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  });
  if (res.ok) return res;
  let code = 'http_error';
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    /* not JSON */
  }
  if (res.status === 401 && !init.key) {
    clearApiKey();
    clearCache();
    for (const fn of unauthorizedListeners) fn();
  }
  throw new ApiError(res.status, code, message);
}

export async function getJson<T>(path: string, init?: { signal?: AbortSignal; key?: string }): Promise<T> {
  const res = await request(path, init);
  return (await res.json()) as T;
}

// A small cache so switching views or toggling back to a filter does not refetch: same URL within
// a minute is served from memory (in-flight requests are shared too).
const TTL_MS = 60_000;
const cache = new Map<string, { at: number; promise: Promise<unknown> }>();

export function clearCache(): void {
  cache.clear();
}

export function cachedJson<T>(path: string, priority: Priority = 'high'): Promise<T> {
  const hit = cache.get(path);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.promise as Promise<T>;
  const promise =
    priority === 'low' ? whenQuiet().then(() => getJson<T>(path)) : tracked(preloaded<T>(path) ?? getJson<T>(path));
  cache.set(path, { at: Date.now(), promise });
  promise.catch(() => cache.delete(path));
  return promise;
}

declare global {
  interface Window {
    /** Requests index.html starts before the app has loaded (see the inline script there). */
    __sedaPreload?: Record<string, Promise<unknown>>;
  }
}

/** A request index.html already started, used once; if it failed, the request is made again here. */
function preloaded<T>(path: string): Promise<T> | undefined {
  const p = window.__sedaPreload?.[path] as Promise<T> | undefined;
  if (!p) return undefined;
  delete window.__sedaPreload?.[path];
  return p.catch(() => getJson<T>(path));
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

/** Fetches `path` (null = nothing to fetch yet) and re-fetches whenever it changes. */
export function useQuery<T>(path: string | null, priority: Priority = 'high'): QueryState<T> & { reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ data: undefined, error: undefined, loading: path !== null });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (path === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    cachedJson<T>(path, priority).then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: Error) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, nonce]);
  return {
    ...state,
    reload: () => {
      if (path) cache.delete(path);
      setNonce((n) => n + 1);
    },
  };
}

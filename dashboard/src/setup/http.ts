import { ApiError, clearCache, getJson } from '../api';
import { clearApiKey, getApiKey } from '../session';

export type Issue = { path: (string | number)[]; message: string };

/** An API refusal with the field issues the Worker reports (400), shown next to the same fields. */
export class SaveError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(status, code, message);
  }
}

/**
 * A write to the API (POST/PATCH/DELETE) with the key in the Authorization header, like `request`
 * in ../api. Clears the read cache afterwards so every view sees the change.
 */
export async function send<T = unknown>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${getApiKey() ?? ''}`,
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  });
  clearCache();
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (res.ok) return json as T;
  const err = (json as { error?: { code?: string; message?: string; issues?: Issue[] } } | undefined)?.error;
  if (res.status === 401) {
    clearApiKey();
    location.reload();
  }
  throw new SaveError(res.status, err?.code ?? 'http_error', err?.message ?? `${res.status}`, err?.issues ?? []);
}

/** A fresh read (never from the cache): for the install page's "last response" check. */
export const fresh = <T>(path: string): Promise<T> => getJson<T>(path);

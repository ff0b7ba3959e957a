import { ApiError } from './errors';

/** Deterministic SQL failures: retrying cannot help, so they stay 500s (bugs to fix, not outages). */
const PERMANENT =
  /constraint|no such (table|column|function)|syntax error|datatype mismatch|too many (terms|SQL variables)|SQLITE_(CONSTRAINT|MISMATCH|RANGE|TOOBIG)|malformed/i;

/** Outages and overload of D1 or the network to it: the client should keep the answer and retry. */
const TRANSIENT =
  /D1_|D1 |overloaded|timed? ?out|network|connection|reset|unavailable|internal error|storage|SQLITE_BUSY|database is locked|too many requests/i;

export function isTransientDbError(err: unknown): boolean {
  if (!(err instanceof Error) || err instanceof ApiError) return false;
  const text = `${err.message} ${err.cause instanceof Error ? err.cause.message : ''}`;
  return TRANSIENT.test(text) && !PERMANENT.test(text);
}

export const RETRY_AFTER_SECONDS = 5;

const unavailable = (message: string) =>
  new ApiError(503, 'unavailable', message, undefined, { 'Retry-After': String(RETRY_AFTER_SECONDS) });

/**
 * Runs a storage step with a deadline. A D1 outage, overload or a step slower than `timeoutMs`
 * becomes 503 `unavailable` with Retry-After, so the widget keeps the answer and sends it again
 * (the same response id merges, so a write that did land late is never doubled).
 */
export async function withDbDeadline<T>(timeoutMs: number, step: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable('storage is slow; try again shortly')), timeoutMs);
  });
  try {
    return await Promise.race([step(), deadline]);
  } catch (err) {
    if (isTransientDbError(err)) throw unavailable('storage is unavailable; try again shortly');
    throw err;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

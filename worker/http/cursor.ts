import { ApiError } from './errors';

/**
 * Keyset cursors for lists ordered newest first by (time, id): audit log, deliveries, cases,
 * invitations. On the wire a cursor is `at:id` (the last item's time in ms and its id); clients treat
 * it as opaque, and a malformed one is a 400 naming `cursor`.
 */
export type CursorKey = { at: number; id: string };

export function encodeCursor(k: CursorKey): string {
  return `${k.at}:${k.id}`;
}

export function parseCursor(raw: string | undefined): CursorKey | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(raw);
  if (!m) {
    throw new ApiError(400, 'invalid_request', 'invalid query: cursor: not a cursor from this API', [
      { path: ['cursor'], message: 'not a cursor from this API' },
    ]);
  }
  return { at: Number(m[1]), id: m[2]! };
}

/**
 * One page of rows read with `LIMIT limit + 1`: the first `limit` rows, and `next`, which holds the
 * list envelope's `nextCursor` (the last row's key) only when the extra row says there is more.
 */
export function keysetPage<R>(
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => CursorKey,
): { page: R[]; next: { nextCursor?: string } } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, next: rows.length > limit && last ? { nextCursor: encodeCursor(keyOf(last)) } : {} };
}

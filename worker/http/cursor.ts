import { ApiError } from './errors';

/** Keyset cursor `created_at:id` for lists ordered newest first; a malformed one is a 400 naming `cursor`. */
export function parseCursor(raw: string | undefined): { at: number; id: string } | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(raw);
  if (!m) {
    throw new ApiError(400, 'invalid_request', 'invalid query: cursor: not a cursor from this API', [
      { path: ['cursor'], message: 'not a cursor from this API' },
    ]);
  }
  return { at: Number(m[1]), id: m[2]! };
}

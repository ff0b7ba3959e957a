import { z } from 'zod';
import { Slug } from '../../shared/schemas/common';
import { ApiError } from '../http/errors';

/**
 * Keyset position of one open-text answer in the newest-first verbatims list: its answer time and
 * its key. Clients get it as an opaque base64url token, so the encoding can change without breaking them.
 */
export type VerbatimKey = { createdAt: number; responseId: string; questionId: string };

const Position = z.tuple([z.number().int().min(0), z.string().min(1).max(64), Slug]);

const toBase64Url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function encodeVerbatimCursor(k: VerbatimKey): string {
  // Every part is ASCII (ms number, UUID, slug), so btoa needs no UTF-8 step.
  return toBase64Url(JSON.stringify([k.createdAt, k.responseId, k.questionId]));
}

/** Decodes a token from encodeVerbatimCursor; anything else is the client's mistake (400), never a 500. */
export function decodeVerbatimCursor(token: string): VerbatimKey {
  const bad = () =>
    new ApiError(400, 'invalid_request', 'invalid query: cursor: not a cursor from this API', [
      { path: ['cursor'], message: 'not a cursor from this API' },
    ]);
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) throw bad();
  let raw: unknown;
  try {
    raw = JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw bad();
  }
  const r = Position.safeParse(raw);
  if (!r.success) throw bad();
  const [createdAt, responseId, questionId] = r.data;
  return { createdAt, responseId, questionId };
}

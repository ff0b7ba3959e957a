import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export type Issue = { path: (string | number)[]; message: string };

/** An error that reaches the client as `{"error":{code,message,issues?}}` with this status. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
  ) {
    super(status, { message });
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

export function invalid(error: z.ZodError, where = 'body'): ApiError {
  return new ApiError(
    400,
    'invalid_request',
    `invalid ${where}: ${error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
  );
}

/** The one place errors become responses: stack traces never leave the Worker. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    const body = { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
    return c.json(body, err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    const code = err.status === 413 ? 'payload_too_large' : 'http_error';
    return c.json({ error: { code, message: err.message || 'request refused' } }, err.status);
  }
  console.error('unhandled', err);
  return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
}

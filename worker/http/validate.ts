import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, invalid } from './errors';

/** Reads a JSON body (any content type, so `text/plain` beacons work) and validates it. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, 'invalid_json', 'body is not valid JSON');
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw invalid(r.error);
  return r.data;
}

/** Validates the query string; repeated keys keep the last value. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw invalid(r.error, 'query');
  return r.data;
}

/** Validates the path parameters (Hono has already decoded each once). */
export function readParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const r = schema.safeParse(c.req.param());
  if (!r.success) throw invalid(r.error, 'path');
  return r.data;
}

import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { Endpoint } from '../../shared/contract/endpoint';
import { auditChange } from '../audit/record';
import type { AppEnv } from '../env';
import { IDEMPOTENCY_HEADER, idempotent } from '../idempotency/idempotency';
import { credentials, operatorAuth } from './auth';
import { readBody, readParams, readQuery } from './validate';

type Out<S, Else> = S extends z.ZodType ? z.output<S> : Else;

/** What a handler receives: the request's parts, parsed with the endpoint's schemas. */
export type Input<E extends Endpoint> = {
  params: Out<E['params'], Record<string, never>>;
  query: Out<E['query'], Record<string, never>>;
  body: Out<E['body'], undefined>;
};

/**
 * What a handler returns: the JSON body, checked by the compiler against the endpoint's response
 * schema; nothing for a 204; a Response for downloads (CSV, NDJSON, HTML) whose body is not JSON.
 */
export type Reply<E extends Endpoint> = E['success'] extends { schema: infer S extends z.ZodType }
  ? z.input<S>
  : E['success'] extends { status: 204 }
    ? void
    : Response;

export type Handler<E extends Endpoint> = (c: Context<AppEnv>, input: Input<E>) => Promise<Reply<E>> | Reply<E>;

/** The middleware an endpoint's access needs before the handler runs (keys by scope, people by role). */
function guard(e: Endpoint): MiddlewareHandler<AppEnv>[] {
  switch (e.access) {
    case 'public':
      return [];
    case 'operator':
      return [operatorAuth()];
    default:
      return [credentials(e)];
  }
}

/** `/v1/surveys/{id}` → `/v1/surveys/:id` (Hono's syntax). */
const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Registers an endpoint on a feature's route group (groups are mounted at the root, so paths are
 * the contract's own): access checks, then the path
 * parameters, query and body parsed with the endpoint's schemas (a clear 400 otherwise), then the
 * handler, whose result is sent with the endpoint's success status. An endpoint declared
 * `idempotent` runs its handler at most once per `Idempotency-Key`. Extra middleware (body limits,
 * CORS) runs before parsing.
 */
export function route<E extends Endpoint>(
  group: Hono<AppEnv>,
  e: E,
  handler: Handler<E>,
  ...before: MiddlewareHandler<AppEnv>[]
): void {
  // Every change made with a site credential is audited (worker/audit/record.ts); the account's
  // own endpoints (sign-out, password) change no site's setup.
  const audited = e.method !== 'get' && ['site', 'read', 'manage'].includes(e.access);
  const parse: MiddlewareHandler<AppEnv> = async function endpointHandler(c) {
    const input = {
      params: e.params ? readParams(c, e.params) : {},
      query: e.query ? readQuery(c, e.query) : {},
      body: e.body ? await readBody(c, e.body) : undefined,
    } as Input<E>;
    const key = e.idempotent ? c.req.header(IDEMPOTENCY_HEADER) : undefined;
    if (key !== undefined) {
      return idempotent(c, e, key, async () => {
        const out = await handler(c, input);
        if (audited) await auditChange(c, e, input.params, out);
        return out;
      });
    }
    const out = await handler(c, input);
    if (audited) await auditChange(c, e, input.params, out instanceof Response ? undefined : out);
    if (out instanceof Response) return out;
    if (e.success.status === 204) return c.body(null, 204);
    return c.json(out as object, e.success.status);
  };
  group.on([e.method.toUpperCase()], [honoPath(e.path)], ...guard(e), ...before, parse);
}

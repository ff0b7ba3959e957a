/**
 * One endpoint of the HTTP API, stated once: method, path, who may call it, and the zod schemas of
 * its path parameters, query, body and success response. The Worker binds its handler to it
 * (worker/http/endpoint.ts: input parsed with these schemas, output checked against the response
 * type), the OpenAPI document is generated from it (worker/openapi), and the dashboard's API client
 * and its dev mock are typed by it, so a change to a shape is a type error everywhere it matters.
 */
import type { z } from 'zod';

/**
 * Who may call an endpoint. `public`: anyone (the widget, a hosted survey page); `operator`: the
 * ADMIN_TOKEN; `site`: any credential of the site; `read` / `manage`: a site API key with that
 * scope (keys carry scopes explicitly: `manage` does not imply `read`); `member`: a signed-in person
 * (session cookie), whatever their role. A signed-in person reaches `site`, `read` and `manage`
 * endpoints by role instead of scope: shared/contract/roles.ts is the one role × route table.
 */
export type Access = 'public' | 'operator' | 'site' | 'read' | 'manage' | 'member';

/** A member's role on a site (shared/contract/roles.ts says what each may do). */
export type Role = 'owner' | 'admin' | 'analyst' | 'agent';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Error statuses an endpoint may answer, each with the common `{error: {code, message, issues?}}` body. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

/** A success response: JSON described by `schema`, another content type (CSV, NDJSON, HTML), or no body. */
export type Success =
  | { status: 200 | 201 | 202; schema: z.ZodType; description: string; headers?: Record<string, string> }
  | {
      status: 200;
      contentTypes: readonly string[];
      /** What each NDJSON line (and CSV row, by column) holds. */
      record?: z.ZodType;
      description: string;
      headers?: Record<string, string>;
    }
  | { status: 204; description: string };

export type Endpoint = {
  operationId: string;
  method: Method;
  /** OpenAPI style: `/v1/surveys/{id}/results`. */
  path: `/${string}`;
  summary: string;
  description?: string;
  /** OpenAPI tag: the feature it belongs to. */
  tag: string;
  access: Access;
  /** Roles that may call it with a session, where the default for its access (roles.ts) does not fit. */
  roles?: readonly Role[];
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Content types the body is accepted in; default JSON only. */
  bodyTypes?: readonly string[];
  success: Success;
  errors: readonly ErrorStatus[];
  /** Descriptions of some error statuses where the generic one says too little. */
  errorNotes?: Partial<Record<ErrorStatus, string>>;
  /** Pages for people (the hosted survey page) answer their errors as HTML too; the API as JSON. */
  errorsAs?: 'json' | 'html';
  /**
   * A creating POST that honours `Idempotency-Key` (worker/idempotency): the same key and body
   * within 24 hours answers the first result again instead of creating again.
   */
  idempotent?: true;
};

/** Declares an endpoint, keeping its literal types (so clients infer params, query, body and reply). */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

type Infer<S, Else> = S extends z.ZodType ? z.output<S> : Else;
type InferIn<S, Else> = S extends z.ZodType ? z.input<S> : Else;

/** Path parameters of an endpoint, as the client passes them. */
export type ParamsOf<E extends Endpoint> = InferIn<E['params'], undefined>;
/** Query of an endpoint, as the client passes it (before defaults and coercion). */
export type QueryOf<E extends Endpoint> = InferIn<E['query'], undefined>;
/** Body of an endpoint, as the client sends it. */
export type BodyOf<E extends Endpoint> = InferIn<E['body'], undefined>;
/** The JSON a successful call returns (undefined for 204 and for CSV/NDJSON downloads). */
export type ReplyOf<E extends Endpoint> = E['success'] extends { schema: infer S } ? Infer<S, never> : undefined;

/** `/v1/surveys/{id}` with `{id: 'sv 1'}` → `/v1/surveys/sv%201`: every parameter encoded exactly once. */
export function pathOf(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(v);
  });
}

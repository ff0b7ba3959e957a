/**
 * The OpenAPI 3.1 document, generated from the endpoint declarations in shared/contract: every
 * operation with its operationId, parameters, body, success and error responses, content types and
 * security, and the webhook events. Nothing here restates a shape.
 */
import { z } from 'zod';
import type { Endpoint, ErrorStatus } from '../../shared/contract/endpoint';
import { WEBHOOK_EVENTS } from '../../shared/contract/events';
import { ENDPOINTS } from '../../shared/contract/index';
import { rolesFor } from '../../shared/contract/roles';
import { ErrorBody } from '../../shared/schemas/common';
import { NAMED_BODIES, NAMED_SCHEMAS } from './named';

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: 'invalid input; `issues` names the failing fields',
  401: 'missing or invalid credentials',
  403: 'the credential may not do this',
  404: 'not found',
  409: 'conflicts with the current state',
  410: 'gone',
  413: 'body too large',
  415: 'unsupported content type',
  422: 'cannot be processed',
  429: 'too many requests (Retry-After)',
  503: 'temporarily unavailable (Retry-After)',
};

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any unique string (a UUID) chosen by the client. Sent again with the same body within 24 hours, the first answer is returned (with `Idempotent-Replayed: true`) and nothing is created again.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const IDEMPOTENCY_ERRORS: Partial<Record<ErrorStatus, string>> = {
  409: '`idempotency_key_in_use`: the first request with this Idempotency-Key is still running (Retry-After)',
  422: '`idempotency_key_reused`: this Idempotency-Key was used with another request in the last 24 hours',
};

/** An error status's description: the endpoint's note or the generic text, and what Idempotency-Key adds. */
function errorText(e: Endpoint, code: ErrorStatus): string {
  const own = e.errors.includes(code) ? (e.errorNotes?.[code] ?? ERROR_TEXT[code]) : undefined;
  const idem = e.idempotent ? IDEMPOTENCY_ERRORS[code] : undefined;
  return [own, idem].filter(Boolean).join('; or ');
}

const RETRY_AFTER = { 'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer' } } };

const SECURITY: Record<Endpoint['access'], object[]> = {
  public: [],
  operator: [{ operator: [] }],
  site: [{ siteKey: [] }, { session: [] }],
  read: [{ siteKey: [] }, { session: [] }],
  manage: [{ siteKey: [] }, { session: [] }],
  member: [{ session: [] }],
};

const ACCESS_NOTE: Record<Endpoint['access'], string> = {
  public: 'Public.',
  operator: 'Operator token (ADMIN_TOKEN).',
  site: 'Any credential of the site.',
  read: 'A site credential with the `read` scope.',
  manage: 'A site credential with the `manage` scope.',
  member: 'A signed-in member (session cookie).',
};

/** With a session, which roles may call it (shared/contract/roles.ts). */
function rolesNote(e: Endpoint): string | undefined {
  if (e.access === 'public' || e.access === 'operator') return undefined;
  return `Roles (signed in): ${rolesFor(e).join(', ')}.`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/**
 * Two registries, one per direction: what clients send is described as zod parses it (`input`:
 * defaults optional), what the API returns as it is produced (`output`). Named shared shapes go in
 * both (inputs with an `Input` suffix unless the name says so already), bodies and replies under
 * their operation's name.
 */
function registries() {
  const input = z.registry<{ id: string }>();
  const output = z.registry<{ id: string }>();
  const inputName = (id: string) => (/(Input|Patch|Body)$/.test(id) ? id : `${id}Input`);
  for (const [id, schema] of Object.entries(NAMED_SCHEMAS)) {
    output.add(schema, { id });
    input.add(schema, { id: inputName(id) });
  }
  for (const [id, schema] of Object.entries(NAMED_BODIES)) input.add(schema, { id });
  output.add(ErrorBody, { id: 'Error' });
  const idOf = (reg: typeof input, schema: z.ZodType, fallback: string) => {
    const known = reg.get(schema)?.id;
    if (known) return known;
    reg.add(schema, { id: fallback });
    return fallback;
  };
  const bodies = new Map<Endpoint, string>();
  const replies = new Map<Endpoint, string>();
  const records = new Map<Endpoint, string>();
  for (const e of ENDPOINTS) {
    if (e.body) bodies.set(e, idOf(input, e.body, `${cap(e.operationId)}Body`));
    if ('schema' in e.success) replies.set(e, idOf(output, e.success.schema, `${cap(e.operationId)}Reply`));
    if ('record' in e.success && e.success.record)
      records.set(e, idOf(output, e.success.record, `${cap(e.operationId)}Record`));
  }
  for (const [name, ev] of Object.entries(WEBHOOK_EVENTS)) idOf(output, ev.schema, `${eventName(name)}Event`);
  return { input, output, bodies, replies, records };
}

const eventName = (name: string) => name.split('.').map(cap).join('');

/**
 * In a body, a default says what the server assumes when a field is left out. Generators read a
 * `default` in a shared component as "always present" (openapi-typescript makes such a field
 * required), so in what clients send it is stated in words instead.
 */
function defaultInWords(schema: Record<string, unknown>) {
  if (!('default' in schema)) return;
  const { default: value } = schema;
  delete schema.default;
  const note = `Default: ${JSON.stringify(value)}.`;
  schema.description = typeof schema.description === 'string' ? `${schema.description} ${note}` : note;
}

function toJson(registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output') {
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
    ...(io === 'input' ? { override: ({ jsonSchema }) => defaultInWords(jsonSchema as Record<string, unknown>) } : {}),
  });
  // Each component is referenced by $ref; its own `$id` and `$schema` would only confuse readers.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, s]) => {
      const { $id, $schema, id: _, ...rest } = s as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

/** Query parameters from a query schema: one per property, described by its own JSON Schema. */
function queryParameters(query: z.ZodType) {
  const s = z.toJSONSchema(query, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(s.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: s.required?.includes(name) ?? false,
    ...(schema.description ? { description: schema.description } : {}),
    schema,
  }));
}

function pathParameters(e: Endpoint) {
  const names = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
}

function operation(e: Endpoint, bodyId: string | undefined, replyId: string | undefined, recordId?: string) {
  const s = e.success;
  const success: Record<string, unknown> = { description: s.description };
  if ('schema' in s) success.content = { 'application/json': { schema: ref(replyId!) } };
  if ('contentTypes' in s) {
    // NDJSON is described by its lines' schema (OpenAPI 3.1 has no way to say "a stream of"); CSV is text.
    success.content = Object.fromEntries(
      s.contentTypes.map((t) => [
        t,
        { schema: t === 'application/x-ndjson' && recordId ? ref(recordId) : { type: 'string' } },
      ]),
    );
  }
  if ('headers' in s && s.headers) {
    success.headers = Object.fromEntries(
      Object.entries(s.headers).map(([k, description]) => [k, { description, schema: { type: 'string' } }]),
    );
  }
  // The binder adds these to every idempotent endpoint (worker/idempotency).
  const errorCodes = e.idempotent ? [...new Set([...e.errors, 409, 422] as const)].sort() : e.errors;
  const errors = Object.fromEntries(
    errorCodes.map((code) => [
      String(code),
      {
        description: errorText(e, code),
        content:
          e.errorsAs === 'html'
            ? { 'text/html': { schema: { type: 'string' } } }
            : { 'application/json': { schema: ref('Error') } },
        ...(code === 429 || code === 503 || (code === 409 && e.idempotent) ? { headers: RETRY_AFTER } : {}),
      },
    ]),
  );
  const parameters = [
    ...pathParameters(e),
    ...(e.query ? queryParameters(e.query) : []),
    ...(e.idempotent ? [IDEMPOTENCY_KEY] : []),
  ];
  return {
    operationId: e.operationId,
    summary: e.summary,
    description: [e.description, ACCESS_NOTE[e.access], rolesNote(e)].filter(Boolean).join('\n\n'),
    tags: [e.tag],
    security: SECURITY[e.access],
    ...(parameters.length ? { parameters } : {}),
    ...(bodyId
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries((e.bodyTypes ?? ['application/json']).map((t) => [t, { schema: ref(bodyId) }])),
          },
        }
      : {}),
    responses: { [String(s.status)]: success, ...errors },
  };
}

/** Keeps only the components something references (directly or through another component). */
function pruneUnused(doc: { components: { schemas: Record<string, unknown> } }) {
  const refsIn = (v: unknown, out: Set<string>) => {
    JSON.stringify(v, (k, x) => {
      if (k === '$ref' && typeof x === 'string') out.add(x.replace('#/components/schemas/', ''));
      return x;
    });
    return out;
  };
  const { components, ...rest } = doc;
  const used = refsIn(rest, new Set());
  const queue = [...used];
  while (queue.length) {
    for (const id of refsIn(components.schemas[queue.pop()!], new Set())) {
      if (!used.has(id)) {
        used.add(id);
        queue.push(id);
      }
    }
  }
  components.schemas = Object.fromEntries(Object.entries(components.schemas).filter(([id]) => used.has(id)));
}

/** The whole document; `origin` is where this Worker answers (the document's one server). */
export function openApiDocument(origin = 'http://localhost:8787') {
  const { input, output, bodies, replies, records } = registries();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) {
    paths[e.path] ??= {};
    paths[e.path]![e.method] = operation(e, bodies.get(e), replies.get(e), records.get(e));
  }
  const tags = [...new Set(ENDPOINTS.map((e) => e.tag))].map((name) => ({ name, description: TAGS[name] ?? name }));
  const webhooks = Object.fromEntries(
    Object.entries(WEBHOOK_EVENTS).map(([name, ev]) => [
      name,
      {
        post: {
          operationId: `on${eventName(name)}`,
          summary: ev.summary,
          description:
            'Sent as a POST with `Seda-Signature` and the Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`); retried with backoff until a 2xx.',
          security: [],
          requestBody: { required: true, content: { 'application/json': { schema: ref(`${eventName(name)}Event`) } } },
          responses: { '200': { description: 'any 2xx acknowledges the delivery' } },
        },
      },
    ]),
  );
  const doc = {
    openapi: '3.1.0',
    info: {
      title: 'Seda API',
      version: '1.1.0',
      description: 'Voice-of-the-Customer collector and results.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: origin, description: 'this Worker' }],
    tags,
    paths,
    webhooks,
    components: {
      securitySchemes: {
        siteKey: { type: 'http', scheme: 'bearer', description: 'site API key (sk_…)' },
        operator: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'seda_session',
          description: 'a signed-in member (POST /v1/session)',
        },
      },
      schemas: { ...toJson(input, 'input'), ...toJson(output, 'output') },
    },
  };
  pruneUnused(doc);
  return doc;
}

const TAGS: Record<string, string> = {
  widget: 'What the widget calls: public, CORS-limited to the site’s origins',
  sites: 'Sites and their settings',
  keys: 'API keys for machines',
  touchpoints: 'Where in the customer journey a survey is answered',
  surveys: 'Surveys, validated whole on every change',
  results: 'Numbers with n and a 95% interval, and exports',
  insights: 'Journey, verbatims, terms, at-risk respondents, segments',
  respondents: 'Respondents’ rights (erasure)',
  webhooks: 'Signed deliveries of events',
  alerts: 'Rules that send alert events',
  cases: 'Follow-up of responses',
  members: 'People: members and their roles, invitations, sessions, the account and the audit log',
  meta: 'This document',
};

/**
 * Checks real exchanges with the Worker against its own OpenAPI document: the operation is found
 * from the method and path, the status must be one it declares, the content type one it declares
 * for that status, and a JSON body must validate against that status's schema (with `$ref`s into
 * `#/components/schemas`), by a JSON Schema validator that needs no eval (it runs in workerd).
 */
import { type Schema, Validator } from '@cfworker/json-schema';

type Media = { schema?: Schema };
type ResponseObject = { content?: Record<string, Media> };
type Operation = {
  operationId: string;
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, ResponseObject>;
};
export type OpenApiDoc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

export type Exchange = {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: string;
  requestBody?: unknown;
};

/** `/v1/cases/{responseId}` → a regex; literal segments win over parameters (`/v1/cases/stats`). */
function matcher(doc: OpenApiDoc) {
  const templates = Object.keys(doc.paths).map((p) => ({
    template: p,
    params: (p.match(/\{/g) ?? []).length,
    re: new RegExp(`^${p.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
  }));
  templates.sort((a, b) => a.params - b.params);
  return (method: string, path: string) => {
    const bare = path.split('?')[0]!;
    for (const t of templates) {
      const op = doc.paths[t.template]?.[method.toLowerCase()];
      if (op && t.re.test(bare)) return op;
    }
    return undefined;
  };
}

export function openApiChecker(doc: OpenApiDoc) {
  const find = matcher(doc);
  const validate = (schema: Schema, value: unknown) => {
    // The validator annotates the schema it is given: hand it a fresh copy of the components each time.
    const v = new Validator(
      { ...structuredClone(schema), components: structuredClone(doc.components) },
      '2020-12',
      false,
    );
    return v.validate(value);
  };
  const seen = new Map<string, Set<number>>();

  /** Throws with a readable reason when the exchange does not match the document. */
  function check(x: Exchange): string {
    const op = find(x.method, x.path);
    if (!op) throw new Error(`${x.method} ${x.path}: no operation in the document`);
    const where = `${op.operationId} (${x.method} ${x.path}) → ${x.status}`;
    const declared = op.responses[String(x.status)];
    if (!declared) {
      throw new Error(`${where}: status not declared (declared: ${Object.keys(op.responses).join(', ')}): ${x.body}`);
    }
    const type = x.contentType?.split(';')[0]?.trim() ?? null;
    if (!declared.content) {
      if (x.body !== '') throw new Error(`${where}: declared without a body but answered ${x.body.slice(0, 200)}`);
    } else {
      const media = type ? declared.content[type] : undefined;
      if (!media) {
        throw new Error(`${where}: content type ${type} not declared (${Object.keys(declared.content).join(', ')})`);
      }
      // NDJSON: each line is one value of the schema.
      const values =
        type === 'application/json'
          ? [JSON.parse(x.body)]
          : type === 'application/x-ndjson'
            ? x.body
                .split('\n')
                .filter(Boolean)
                .map((l) => JSON.parse(l))
            : [];
      for (const value of values) {
        const result = validate(media.schema ?? {}, value);
        if (!result.valid) {
          const errors = result.errors
            .slice(0, 8)
            .map((e) => `${e.instanceLocation} ${e.keywordLocation}: ${e.error}`)
            .join('\n  ');
          throw new Error(`${where}: body does not match the schema\n  ${errors}\n  body: ${x.body.slice(0, 600)}`);
        }
      }
    }
    // A request the Worker accepted must be one the document describes as valid, too.
    if (x.requestBody !== undefined && x.status < 300 && op.requestBody) {
      const media = op.requestBody.content['application/json'];
      const result = validate(media?.schema ?? {}, x.requestBody);
      if (!result.valid) {
        throw new Error(`${where}: accepted request body fails the document's schema: ${result.errors[0]?.error}`);
      }
    }
    const statuses = seen.get(op.operationId) ?? new Set();
    statuses.add(x.status);
    seen.set(op.operationId, statuses);
    return op.operationId;
  }

  return { check, seen };
}

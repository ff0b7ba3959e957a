import { Hono } from 'hono';
import { getOpenApi } from '../../shared/contract/meta';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { openApiDocument } from './document';

export const openApiRoutes = new Hono<AppEnv>();

const documents = new Map<string, ReturnType<typeof openApiDocument>>();

/** Built once per isolate and origin (its one server is this Worker); readable from any origin. */
route(openApiRoutes, getOpenApi, (c) => {
  const origin = new URL(c.req.url).origin;
  const doc = documents.get(origin) ?? openApiDocument(origin);
  documents.set(origin, doc);
  c.header('Access-Control-Allow-Origin', '*');
  return doc;
});

/**
 * Every endpoint of the HTTP API, by feature. The OpenAPI document lists them in this order; a test
 * checks that the Worker serves each one and nothing else.
 */
import * as alerts from './alerts';
import * as cases from './cases';
import * as collect from './collect';
import * as digest from './digest';
import type { Endpoint } from './endpoint';
import * as insights from './insights';
import * as invitations from './invitations';
import * as keys from './keys';
import * as meta from './meta';
import * as passkeys from './passkeys';
import * as respondents from './respondents';
import * as results from './results';
import { roleTable } from './roles';
import * as sites from './sites';
import * as surveys from './surveys';
import * as teams from './teams';
import * as touchpoints from './touchpoints';
import * as webhooks from './webhooks';
import * as why from './why';

export {
  alerts,
  cases,
  collect,
  digest,
  insights,
  invitations,
  keys,
  meta,
  passkeys,
  respondents,
  results,
  sites,
  surveys,
  teams,
  touchpoints,
  webhooks,
  why,
};

const isEndpoint = (v: unknown): v is Endpoint =>
  typeof v === 'object' && v !== null && 'operationId' in v && 'method' in v && 'path' in v;

export const ENDPOINTS: readonly Endpoint[] = [
  collect,
  sites,
  keys,
  touchpoints,
  surveys,
  results,
  insights,
  why,
  digest,
  invitations,
  respondents,
  webhooks,
  alerts,
  cases,
  teams,
  passkeys,
  meta,
].flatMap((m) => Object.values(m).filter(isEndpoint));

/** The role × route table (roles.ts) over every endpoint: operationId → roles that may call it. */
export const ROLE_TABLE = roleTable(ENDPOINTS);

// The dev mock (`npx vite -c dashboard/vite.config.ts`) shows every screen with data: every endpoint
// the dashboard imports from the contract has a handler there, and every one it reads answers a
// reply its own schema accepts. A new screen that calls a new endpoint fails here until the mock
// answers it too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../shared/contract/endpoint';
import { ENDPOINTS } from '../../shared/contract/index';

type Respond = (
  method: string,
  url: string,
  headers: { authorization?: string },
  raw: string,
) => { status: number; body: string; type?: string };
// Loaded by a computed path: the mock's own tsconfig (dashboard/dev) checks its types.
const MOCK = '../../dashboard/dev/mock-api.ts';
const { respond } = (await import(/* @vite-ignore */ MOCK)) as { respond: Respond };
const auth = { authorization: 'Bearer demo' };

/** Names the dashboard imports from shared/contract (single- or multi-line imports). */
function importedFromContract(dir: string): Set<string> {
  const names = new Set<string>();
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) {
      for (const n of importedFromContract(p)) names.add(n);
      continue;
    }
    if (!/\.tsx?$/.test(f)) continue;
    const text = readFileSync(p, 'utf8');
    for (const m of text.matchAll(
      /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(?:\.\.\/)+shared\/contract\/[\w-]+(?:\.ts)?'/g,
    ))
      for (const n of m[1]!.split(',')) names.add(n.replace(/\btype\b/, '').trim());
  }
  return names;
}

const used = (() => {
  const names = importedFromContract(new URL('../../dashboard/src', import.meta.url).pathname);
  return ENDPOINTS.filter((e) => names.has(e.operationId));
})();

// Writes whose mock is not written yet (they answer 501 "not in the dev mock"): the screens still
// show, only that action fails. Shrink this list; never grow it.
const NOT_YET = new Set([
  'acceptInvite',
  'changePassword',
  'createAlert',
  'createCaseFollowUp',
  'createInvitations',
  'createKey',
  'createMember',
  'createPasskey',
  'createPasskeySession',
  'createSession',
  'createSurvey',
  'createTouchpoint',
  'createWebhook',
  'deleteAlert',
  'deleteAllSessions',
  'deleteMember',
  'deletePasskey',
  'deleteSession',
  'deleteSurvey',
  'deleteTouchpoint',
  'deleteWebhook',
  'passkeyRegistrationOptions',
  'passkeySignInOptions',
  'patchMember',
  'patchSurvey',
  'pingWebhook',
  'redeliver',
  'revokeKey',
  'rotateWebhookSecret',
  'switchSite',
  'updateTouchpoint',
]);

const get = (path: string) => {
  const r = respond('GET', path, auth, '');
  return { status: r.status, body: r.type?.startsWith('application/json') ? JSON.parse(r.body) : r.body };
};

let samples: { caseId: string; respondent: string } | undefined;

/** A path for an endpoint, its parameters taken from what the mock itself lists; writes get unknown ids (nothing changes). */
function pathOf(e: Endpoint): string {
  if (e.method !== 'get') return e.path.replace(/\{\w+\}/g, 'mock-none');
  const survey = 'srv_relationship';
  samples ??= {
    caseId: get('/v1/cases').body.items[0].responseId as string,
    respondent: get('/v1/at-risk').body.items[0].respondentId as string,
  };
  const { caseId, respondent } = samples;
  const byPath: Record<string, string> = {
    '/v1/webhooks/{id}/deliveries': '/v1/webhooks/wh_slack/deliveries',
  };
  return (
    byPath[e.path] ??
    e.path
      .replace('{id}', survey)
      .replace('{responseId}', encodeURIComponent(caseId))
      .replace('{respondentId}', encodeURIComponent(respondent))
  );
}

describe('the dev mock', () => {
  it('finds the endpoints the dashboard calls', () => {
    expect(used.length).toBeGreaterThan(40);
    for (const op of ['getDrivers', 'getSurveyTopics', 'getOutcomes', 'getRespondent', 'getDigest', 'listShareLinks'])
      expect(used.map((e) => e.operationId)).toContain(op);
  });

  it('has a handler for every endpoint the dashboard calls (but the listed writes)', () => {
    const missing = used
      .filter((e) => !NOT_YET.has(e.operationId))
      .filter((e) => respond(e.method.toUpperCase(), pathOf(e), auth, e.method === 'get' ? '' : '{}').status === 501)
      .map((e) => e.operationId);
    expect(missing).toEqual([]);
    // The list only shrinks: an entry that has a handler by now is removed from it.
    const done = used
      .filter((e) => NOT_YET.has(e.operationId))
      .filter((e) => respond(e.method.toUpperCase(), pathOf(e), auth, '{}').status !== 501)
      .map((e) => e.operationId);
    expect(done).toEqual([]);
  }, 120_000);

  it('answers every read the dashboard makes with data its schema accepts', () => {
    for (const e of used.filter((x) => x.method === 'get' && x.operationId !== 'getSession')) {
      const r = get(pathOf(e));
      expect(r.status, e.operationId).toBe(200);
      if ('contentTypes' in e.success) continue;
      const parsed = (
        e.success as { schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } } }
      ).schema.safeParse(r.body);
      expect(parsed.success, `${e.operationId}: ${JSON.stringify(parsed.error)}`).toBe(true);
    }
    // The why screens have something to show.
    expect(get('/v1/surveys/srv_relationship/drivers?target=nps').body.drivers.length).toBeGreaterThan(0);
    expect(get('/v1/surveys/srv_relationship/topics').body.topics.length).toBeGreaterThan(0);
    expect(get('/v1/outcomes?kind=churned').body.groups.some((g: { n: number }) => g.n > 0)).toBe(true);
    // Sessions are not mocked: the dashboard signs in with the key `demo`.
    expect(get('/v1/session').status).toBe(401);
  }, 120_000);
});

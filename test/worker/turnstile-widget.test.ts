import { afterEach, describe, expect, it } from 'vitest';
import { PublicSurveysResponse } from '../../shared/schemas/survey';
import { call, ORIGIN, setup } from './helpers';
import { countRows, json, postResponseWith, stubReceiver } from './loop-helpers';

/** What the widget needs from the collector to take part in Turnstile: the site key, and a siteverify it can point elsewhere. */

const SITE_KEY = '1x00000000000000000000AA';
const TEST_SECRET_PASS = '1x0000000000000000000000000000000AA';
const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

const settings = (apiKey: string, json: Record<string, unknown>) =>
  call('/v1/site/settings', { method: 'PATCH', key: apiKey, json });

async function publicConfig(siteKey: string) {
  const r = await call(`/v1/sites/${siteKey}/surveys`, { headers: { origin: ORIGIN } });
  expect(r.status).toBe(200);
  return PublicSurveysResponse.parse(await r.json());
}

describe('Turnstile for the widget', () => {
  it('the public config names the Turnstile site key only while Turnstile is on (a secret is set)', async () => {
    const { site, apiKey } = await setup();
    expect((await publicConfig(site.key)).settings.turnstile).toBeUndefined();

    // a site key alone does not turn it on: the collector asks for no token
    expect((await settings(apiKey, { turnstileSiteKey: SITE_KEY })).status).toBe(200);
    expect((await publicConfig(site.key)).settings.turnstile).toBeUndefined();

    expect((await settings(apiKey, { turnstileSecret: TEST_SECRET_PASS })).status).toBe(200);
    const on = await publicConfig(site.key);
    expect(on.settings.turnstile).toBe(SITE_KEY);
    expect(JSON.stringify(on)).not.toContain(TEST_SECRET_PASS);

    expect((await settings(apiKey, { turnstileSecret: null })).status).toBe(200);
    expect((await publicConfig(site.key)).settings.turnstile).toBeUndefined();
  });

  it('refuses a secret without a site key (the widget could never get a token), changing nothing', async () => {
    const { apiKey } = await setup();
    const refused = await settings(apiKey, { turnstileSecret: TEST_SECRET_PASS });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { issues: [{ path: ['turnstileSiteKey'] }] } });
    // clearing the site key while the secret is set is refused too
    expect((await settings(apiKey, { turnstileSiteKey: SITE_KEY, turnstileSecret: TEST_SECRET_PASS })).status).toBe(
      200,
    );
    expect((await settings(apiKey, { turnstileSiteKey: null })).status).toBe(400);
    const now = await call('/v1/site/settings', { key: apiKey });
    expect(((await now.json()) as { settings: { turnstile: unknown } }).settings.turnstile).toEqual({
      enabled: true,
      siteKey: SITE_KEY,
    });
  });

  it('checks tokens against TURNSTILE_VERIFY_URL when set, else Cloudflare siteverify', async () => {
    const { site, apiKey, survey } = await setup();
    await settings(apiKey, { turnstileSiteKey: SITE_KEY, turnstileSecret: TEST_SECRET_PASS });
    const stub = stubReceiver((r) => {
      const form = new URLSearchParams(r.body);
      const ok = form.get('secret') === TEST_SECRET_PASS && form.get('response') === DUMMY_TOKEN;
      return Response.json({ success: ok, 'error-codes': ok ? [] : ['invalid-input-response'] });
    });
    restore = stub.restore;
    const post = (over: Record<string, string>, token: string) =>
      postResponseWith(over, {
        id: crypto.randomUUID(),
        siteKey: site.key,
        surveyId: survey.id,
        answers: [{ questionId: 'nps', value: 10 }],
        completed: false,
        turnstileToken: token,
      });

    expect((await post({ TURNSTILE_VERIFY_URL: 'http://127.0.0.1:9/siteverify' }, DUMMY_TOKEN)).status).toBe(202);
    expect(stub.received.map((r) => r.url)).toEqual(['http://127.0.0.1:9/siteverify']);
    expect(new URLSearchParams(stub.received[0]!.body).get('response')).toBe(DUMMY_TOKEN);

    expect((await post({}, DUMMY_TOKEN)).status).toBe(202);
    expect(stub.received[1]!.url).toBe('https://challenges.cloudflare.com/turnstile/v0/siteverify');

    const refused = await json(post({ TURNSTILE_VERIFY_URL: 'http://127.0.0.1:9/siteverify' }, 'not-a-token'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('turnstile_failed');
    expect(await countRows('SELECT COUNT(*) AS n FROM responses WHERE survey_id = ?', survey.id)).toBe(2);
  });
});

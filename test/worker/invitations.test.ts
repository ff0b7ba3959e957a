import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { PageConfig } from '../../shared/page-config';
import { call, createSurvey, getJson, NPS_SURVEY, ORIGIN, postResponse, setup } from './helpers';

const COLLECTOR = 'https://seda.test';
const DAY = 86_400_000;

const count = async (sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n;

/** Rows written anywhere a visit could write: responses, answers and invitation state. */
const writes = async () => ({
  responses: await count('SELECT COUNT(*) AS n FROM responses'),
  answers: await count('SELECT COUNT(*) AS n FROM answers'),
  invitations: await count(
    "SELECT COUNT(*) AS n FROM invitations WHERE status <> 'pending' OR response_id IS NOT NULL OR started_at IS NOT NULL",
  ),
});

type Created = {
  invitations: { id: string; respondentId?: string; url: string; expiresAt: string; status: string; reason?: string }[];
};

async function invite(apiKey: string, surveyId: string, body: object) {
  const res = await call(`/v1/surveys/${surveyId}/invitations`, { method: 'POST', key: apiKey, json: body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Created };
}

const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

/** Opens a link as a browser (or a scanner) would: GET (or HEAD) with optional headers. */
const open = (url: string, init: RequestInit = {}) => call(pathOf(url), init);

/** The survey config the page hands its script. */
async function pageConfig(url: string, init: RequestInit = {}): Promise<PageConfig> {
  const res = await open(url, init);
  expect(res.status).toBe(200);
  const html = await res.text();
  const m = /<script type="application\/json" id="seda-page">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error(`no config in ${html.slice(0, 300)}`);
  return JSON.parse(m[1]!) as PageConfig;
}

/** A post as the hosted page makes it: from the collector's own origin, carrying the token. */
function pagePost(config: Pick<PageConfig, 'site' | 'token' | 'survey'>, over: Record<string, unknown> = {}) {
  return postResponse(
    {
      id: crypto.randomUUID(),
      siteKey: config.site,
      surveyId: config.survey.id,
      invitation: config.token,
      answers: [],
      completed: false,
      ...over,
    },
    COLLECTOR,
  );
}

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('invitation links', () => {
  it('an anonymous link: short signed URL on the collector; each visit is a new response through its channel', async () => {
    const { site, apiKey, survey } = await setup();
    const r = await invite(apiKey, survey.id, { channel: 'qr', touchpoint: 'store' });
    expect(r.status).toBe(201);
    expect(r.body.invitations).toHaveLength(1);
    const [link] = r.body.invitations;
    expect(link!.respondentId).toBeUndefined();
    expect(link!.status).toBe('pending');
    expect(link!.url).toMatch(/^https:\/\/seda\.test\/s\/[A-Za-z0-9]{22}$/);
    expect(Date.parse(link!.expiresAt) - Date.now()).toBeGreaterThan(29 * DAY); // default 30 days

    const config = await pageConfig(link!.url);
    expect(config).toMatchObject({ site: site.key, token: tokenOf(link!.url), locale: 'en' });
    expect(config.survey.id).toBe(survey.id);
    expect(config.responseId).toBeUndefined();

    // two visits, two responses; a respondent claimed by the body is not taken from an anonymous link
    for (const value of [9, 3]) {
      const res = await pagePost(config, {
        answers: [{ questionId: 'nps', value }],
        completed: true,
        respondent: { id: 'claimed-by-client' },
        touchpoint: 'elsewhere',
      });
      expect(res.status).toBe(202);
    }
    const rows = await env.DB.prepare(
      'SELECT channel, touchpoint, respondent_id, completed FROM responses WHERE survey_id = ? ORDER BY created_at',
    )
      .bind(survey.id)
      .all();
    expect(rows.results).toEqual([
      { channel: 'qr', touchpoint: 'store', respondent_id: null, completed: 1 },
      { channel: 'qr', touchpoint: 'store', respondent_id: null, completed: 1 },
    ]);
    void site;
  });

  it('personal links: the respondent and attributes come from the link; every device continues one response; a completed link is answered once', async () => {
    const { apiKey, survey } = await setup();
    const r = await invite(apiKey, survey.id, {
      channel: 'email',
      respondents: [{ id: 'cust-1', attributes: { plan: 'pro' }, locale: 'fa' }, { id: 'cust-2' }],
    });
    expect(r.status).toBe(201);
    expect(r.body.invitations.map((i) => [i.respondentId, i.status])).toEqual([
      ['cust-1', 'pending'],
      ['cust-2', 'pending'],
    ]);
    const [one, two] = r.body.invitations as [Created['invitations'][0], Created['invitations'][0]];
    expect(one.url).not.toBe(two.url);

    const phone = await pageConfig(one.url);
    const laptop = await pageConfig(one.url);
    expect(phone.locale).toBe('fa'); // the invitation's locale
    expect(phone.responseId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(laptop.responseId).toBe(phone.responseId);
    expect((await pageConfig(two.url)).responseId).not.toBe(phone.responseId);

    // the first answer on the phone, the rest on the laptop: one response, the respondent from the link
    expect(
      (
        await pagePost(phone, {
          id: phone.responseId,
          answers: [{ questionId: 'nps', value: 4 }],
          respondent: { id: 'someone-else', attributes: { plan: 'free' } },
        })
      ).status,
    ).toBe(202);
    const listed = () =>
      getJson<{ items: { respondentId: string; status: string; responseId?: string }[] }>(
        `/v1/surveys/${survey.id}/invitations?respondentId=cust-1`,
        apiKey,
      );
    expect((await listed()).items[0]).toMatchObject({ status: 'started', responseId: phone.responseId });
    expect(
      (
        await pagePost(laptop, {
          id: laptop.responseId,
          answers: [
            { questionId: 'nps', value: 6 },
            { questionId: 'csat', value: 2 },
          ],
          completed: true,
        })
      ).status,
    ).toBe(202);
    const rows = await env.DB.prepare(
      'SELECT id, channel, respondent_id, attributes, completed FROM responses WHERE survey_id = ?',
    )
      .bind(survey.id)
      .all();
    expect(rows.results).toEqual([
      { id: phone.responseId, channel: 'email', respondent_id: 'cust-1', attributes: '{"plan":"pro"}', completed: 1 },
    ]);
    expect(
      await count('SELECT num AS n FROM answers WHERE response_id = ? AND question_id = ?', phone.responseId, 'nps'),
    ).toBe(6);
    expect((await listed()).items[0]).toMatchObject({ status: 'completed' });

    // completed: the page says so and writes nothing; posts are refused
    const before = await writes();
    const again = await open(one.url, { headers: { 'accept-language': 'en' } });
    expect(again.status).toBe(200);
    const html = await again.text();
    expect(html).toContain('lang="fa"'); // the invitation's locale, not the browser's
    expect(html).toContain('پیش‌تر پاسخ داده‌اید');
    expect(html).not.toContain('seda-page');
    const late = await pagePost(phone, { id: phone.responseId, answers: [{ questionId: 'nps', value: 10 }] });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('already_answered');
    expect(await writes()).toEqual(before);
    expect(
      await count('SELECT num AS n FROM answers WHERE response_id = ? AND question_id = ?', phone.responseId, 'nps'),
    ).toBe(6);

    // a personal link takes only its own response id
    const other = await pageConfig(two.url);
    const stray = await pagePost(other, { id: crypto.randomUUID(), answers: [{ questionId: 'nps', value: 1 }] });
    expect(stray.status).toBe(409);
    expect(await count('SELECT COUNT(*) AS n FROM responses WHERE survey_id = ?', survey.id)).toBe(1);
  });

  it('a tampered or unknown token is a 404 page in the locale; an expired or revoked link a 410 page; none writes', async () => {
    const { apiKey, survey } = await setup();
    const r = await invite(apiKey, survey.id, {
      channel: 'sms',
      respondents: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }],
    });
    const [a, b, c] = r.body.invitations.map((i) => i.url) as [string, string, string];
    const config = await pageConfig(a);
    const token = tokenOf(a);
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
    const before = await writes();

    for (const bad of [flip(token, 3), flip(token, 20), `${token}x`, token.slice(0, 21), 'nothing-here']) {
      for (const method of ['GET', 'HEAD']) {
        const res = await call(`/s/${bad}`, { method, headers: { 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' } });
        expect(res.status, `${method} ${bad}`).toBe(404);
        expect(res.headers.get('content-type')).toContain('text/html');
        if (method === 'GET') {
          const html = await res.text();
          expect(html).toContain('dir="rtl"');
          expect(html).toContain('پیوند پیدا نشد');
        }
      }
    }
    expect((await call(`/s/${flip(token, 20)}?lang=ar`)).status).toBe(404);
    expect(await (await call(`/s/${flip(token, 20)}?lang=ar`)).text()).toContain('الرابط غير موجود');
    // a tampered token cannot post either
    const forged = await pagePost(
      { ...config, token: flip(token, 20) },
      { id: config.responseId, answers: [{ questionId: 'nps', value: 0 }] },
    );
    expect(forged.status).toBe(404);

    // expired (time passes: the row's expiry moves into the past) and revoked
    await env.DB.prepare('UPDATE invitations SET expires_at = ? WHERE id = ?')
      .bind(Date.now() - 2 * 3_600_000, token.slice(0, 12))
      .run();
    expect((await call(`/s/${tokenOf(b)}`, { method: 'DELETE' })).status).toBe(404); // the page is no API
    const revoke = await call(`/v1/surveys/${survey.id}/invitations/${tokenOf(b).slice(0, 12)}`, {
      method: 'DELETE',
      key: apiKey,
    });
    expect(revoke.status).toBe(204);
    for (const [url, lang, text] of [
      [a, 'en', 'This link has expired'],
      [b, 'ar', 'انتهت صلاحية هذا الرابط'],
    ] as const) {
      const res = await open(url, { headers: { 'accept-language': lang } });
      expect(res.status).toBe(410);
      expect(await res.text()).toContain(text);
      expect((await open(url, { method: 'HEAD' })).status).toBe(410);
    }
    const expiredPost = await pagePost(config, { id: config.responseId, answers: [{ questionId: 'nps', value: 5 }] });
    expect(expiredPost.status).toBe(410);
    expect(((await expiredPost.json()) as { error: { code: string } }).error.code).toBe('invitation_expired');
    const revokedConfig = { ...config, token: tokenOf(b) };
    expect((await pagePost(revokedConfig, { answers: [{ questionId: 'nps', value: 5 }] })).status).toBe(410);
    expect(await writes()).toEqual({ ...before, invitations: before.invitations + 1 }); // only the revocation

    // the third link still works
    expect((await open(c)).status).toBe(200);
  });

  it('?a= pre-answers the first question on the page; GET and HEAD (link scanners) record nothing', async () => {
    const { apiKey, survey } = await setup();
    const r = await invite(apiKey, survey.id, { channel: 'email', respondents: [{ id: 'scan-me' }] });
    const url = r.body.invitations[0]!.url;
    const before = await writes();
    for (let i = 0; i < 3; i++) {
      expect((await open(`${url}?a=nps:9`, { method: 'HEAD' })).status).toBe(200);
      expect((await open(`${url}?a=nps:9`, { headers: { 'user-agent': 'Mail scanner' } })).status).toBe(200);
    }
    expect(await writes()).toEqual(before);
    expect((await pageConfig(`${url}?a=nps:9`)).prefill).toEqual({ questionId: 'nps', value: 9 });
    // out of scale, not the first question, or malformed: shown without a prefill, never an error
    for (const a of ['nps:11', 'nps:x', 'csat:3', 'nps', ':9', 'why:hello']) {
      const c = await pageConfig(`${url}?a=${encodeURIComponent(a)}`);
      expect(c.prefill, a).toBeUndefined();
    }
    // a choice question first: its option ids
    const choiceFirst = await createSurvey(apiKey, {
      name: 'Channel first',
      status: 'active',
      questions: [NPS_SURVEY.questions[4]!, NPS_SURVEY.questions[0]!],
    });
    const link = (await invite(apiKey, choiceFirst.id, { channel: 'sms' })).body.invitations[0]!.url;
    expect((await pageConfig(`${link}?a=channel:friend,ad`)).prefill).toEqual({
      questionId: 'channel',
      value: ['friend', 'ad'],
    });
    expect((await pageConfig(`${link}?a=channel:nope`)).prefill).toBeUndefined();
    expect(await writes()).toEqual(before);
  });

  it('the page: strict CSP without inline script, the config as inert JSON, no caching, RTL in fa', async () => {
    const { apiKey, survey } = await setup();
    const url = (await invite(apiKey, survey.id, { channel: 'link' })).body.invitations[0]!.url;
    const res = await open(`${url}?lang=fa`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<html lang="fa" dir="rtl">');
    expect(html).toContain('<script src="../s.js" defer></script>');
    // every <script> is either the external file or a JSON data block
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([' type="application/json" id="seda-page"', ' src="../s.js" defer']);
  });

  it('a question text that looks like HTML cannot break out of the JSON block', async () => {
    const { apiKey } = await setup();
    const evil = await createSurvey(apiKey, {
      name: 'x',
      status: 'active',
      questions: [{ id: 'q', type: 'nps', prompt: { en: '</script><script>alert(1)</script>' } }],
    });
    const url = (await invite(apiKey, evil.id, { channel: 'link' })).body.invitations[0]!.url;
    const html = await (await open(url)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect((await pageConfig(url)).survey.questions[0]!.prompt.en).toBe('</script><script>alert(1)</script>');
  });

  it('the hosted page origin is allowed for invitation posts only', async () => {
    const { site, apiKey, survey } = await setup();
    const config = await pageConfig((await invite(apiKey, survey.id, { channel: 'link' })).body.invitations[0]!.url);
    expect((await pagePost(config)).status).toBe(202);
    const plain = await postResponse(
      { id: crypto.randomUUID(), siteKey: site.key, surveyId: survey.id, answers: [], completed: false },
      COLLECTOR,
    );
    expect(plain.status).toBe(403);
    // and the site's own origin still works for the widget
    expect(
      (
        await postResponse(
          { id: crypto.randomUUID(), siteKey: site.key, surveyId: survey.id, answers: [], completed: false },
          ORIGIN,
        )
      ).status,
    ).toBe(202);
  });

  it('a response made through one link is never merged by a post without it, nor through another link', async () => {
    const { site, apiKey, survey } = await setup();
    const [x, y] = await Promise.all([
      invite(apiKey, survey.id, { channel: 'qr' }),
      invite(apiKey, survey.id, { channel: 'qr' }),
    ]);
    const cx = await pageConfig(x.body.invitations[0]!.url);
    const cy = await pageConfig(y.body.invitations[0]!.url);
    const id = crypto.randomUUID();
    expect((await pagePost(cx, { id, answers: [{ questionId: 'nps', value: 8 }] })).status).toBe(202);
    expect((await pagePost(cy, { id, answers: [{ questionId: 'nps', value: 0 }] })).status).toBe(409);
    const web = await postResponse({
      id,
      siteKey: site.key,
      surveyId: survey.id,
      answers: [{ questionId: 'nps', value: 0 }],
      completed: true,
    });
    expect(web.status).toBe(409);
    expect(await count('SELECT num AS n FROM answers WHERE response_id = ?', id)).toBe(8);
  });

  it('refuses bad input with 400 and changes nothing; 404 for another site’s survey', async () => {
    const { apiKey, survey } = await setup();
    const other = await setup();
    const before = await count('SELECT COUNT(*) AS n FROM invitations');
    for (const body of [
      {},
      { channel: 'web' },
      { channel: 'email', expiresInDays: 0 },
      { channel: 'email', expiresInDays: 366 },
      { channel: 'email', respondents: [] },
      { channel: 'email', respondents: [{ id: 'a' }, { id: 'a' }] },
      { channel: 'email', respondents: [{ id: 'a', attributes: { 'bad key': 1 } }] },
      { channel: 'email', respondents: Array.from({ length: 1001 }, (_, i) => ({ id: `r${i}` })) },
    ]) {
      const res = await invite(apiKey, survey.id, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await invite(other.apiKey, survey.id, { channel: 'email' })).status).toBe(404);
    expect(await count('SELECT COUNT(*) AS n FROM invitations')).toBe(before);
  });

  it('1,000 personal links in one call, listed newest first in pages, each link distinct', async () => {
    const { apiKey, survey } = await setup();
    const respondents = Array.from({ length: 1000 }, (_, i) => ({
      id: `bulk-${i}`,
      attributes: { plan: i % 2 ? 'pro' : 'free', n: i },
    }));
    const r = await invite(apiKey, survey.id, {
      channel: 'email',
      touchpoint: 'support',
      expiresInDays: 7,
      respondents,
    });
    expect(r.status).toBe(201);
    expect(r.body.invitations).toHaveLength(1000);
    expect(r.body.invitations.map((i) => i.respondentId)).toEqual(respondents.map((x) => x.id));
    expect(new Set(r.body.invitations.map((i) => i.url)).size).toBe(1000);
    expect(await count('SELECT COUNT(*) AS n FROM invitations WHERE survey_id = ?', survey.id)).toBe(1000);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM invitations WHERE survey_id = ? AND touchpoint = 'support' AND channel = 'email'",
        survey.id,
      ),
    ).toBe(1000);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await getJson<{ items: { respondentId: string; url: string }[]; nextCursor?: string }>(
        `/v1/surveys/${survey.id}/invitations?limit=400${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        apiKey,
      );
      seen.push(...page.items.map((i) => i.respondentId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(1000);
    // the list shows the same URLs the call returned
    const one = await getJson<{ items: { url: string; attributes: object }[] }>(
      `/v1/surveys/${survey.id}/invitations?respondentId=bulk-7`,
      apiKey,
    );
    expect(one.items[0]).toMatchObject({ url: r.body.invitations[7]!.url, attributes: { plan: 'pro', n: 7 } });
  });

  it('the list filters anonymous or personal links and a channel (the QR link is found under thousands of personal ones)', async () => {
    const { apiKey, survey } = await setup();
    const qr = await invite(apiKey, survey.id, { channel: 'qr' });
    const email = await invite(apiKey, survey.id, { channel: 'email' });
    const personal = await invite(apiKey, survey.id, {
      channel: 'sms',
      respondents: Array.from({ length: 1000 }, (_, i) => ({ id: `p-${i}` })),
    });
    expect([qr.status, email.status, personal.status]).toEqual([201, 201, 201]);
    type Listed = { items: { channel: string; url: string; respondentId?: string }[] };
    const list = (q: string) => getJson<Listed>(`/v1/surveys/${survey.id}/invitations?${q}`, apiKey);
    const anon = await list('kind=anonymous&limit=10');
    expect(anon.items.map((i) => [i.channel, i.url])).toEqual([
      ['email', email.body.invitations[0]!.url],
      ['qr', qr.body.invitations[0]!.url],
    ]);
    expect((await list('kind=anonymous&channel=qr')).items.map((i) => i.url)).toEqual([qr.body.invitations[0]!.url]);
    const pers = await list('kind=personal&channel=sms&limit=5');
    expect(pers.items).toHaveLength(5);
    expect(pers.items.every((i) => i.respondentId?.startsWith('p-') && i.channel === 'sms')).toBe(true);
    expect((await list('kind=personal&channel=qr')).items).toEqual([]);
    const bad = await call(`/v1/surveys/${survey.id}/invitations?kind=some&channel=fax`, { key: apiKey });
    expect(bad.status).toBe(400);
  });

  it('only a manage key makes, lists or revokes links', async () => {
    const { apiKey, survey } = await setup();
    const made = await call('/v1/keys', { method: 'POST', key: apiKey, json: { name: 'reader', scopes: ['read'] } });
    const reader = ((await made.json()) as { apiKey: string }).apiKey;
    expect((await invite(reader, survey.id, { channel: 'link' })).status).toBe(403);
    expect((await call(`/v1/surveys/${survey.id}/invitations`, { key: reader })).status).toBe(403);
    expect((await call(`/v1/surveys/${survey.id}/invitations`)).status).toBe(401);
    expect((await call(`/v1/surveys/${survey.id}/invitations/abc`, { method: 'DELETE', key: apiKey })).status).toBe(
      404,
    );
  });

  it('erasing a respondent removes their personal links', async () => {
    const { apiKey, survey } = await setup();
    await invite(apiKey, survey.id, { channel: 'email', respondents: [{ id: 'forget me' }, { id: 'keep' }] });
    expect(
      (await call(`/v1/respondents/${encodeURIComponent('forget me')}`, { method: 'DELETE', key: apiKey })).status,
    ).toBe(200);
    const list = await getJson<{ items: { respondentId: string }[] }>(`/v1/surveys/${survey.id}/invitations`, apiKey);
    expect(list.items.map((i) => i.respondentId)).toEqual(['keep']);
  });

  it('the OpenAPI document describes the invitation endpoints and the page', async () => {
    const doc = (await (await call('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: object }> }>>;
      components: { schemas: Record<string, object> };
    };
    const inv = doc.paths['/v1/surveys/{id}/invitations']!;
    expect([inv.post!.operationId, inv.get!.operationId]).toEqual(['createInvitations', 'listInvitations']);
    expect(doc.paths['/v1/surveys/{id}/invitations/{invitationId}']!.delete!.operationId).toBe('revokeInvitation');
    expect(Object.keys(doc.paths['/s/{token}']!.get!.responses['200']!.content!)).toEqual(['text/html']);
    expect(doc.components.schemas).toHaveProperty('Invitation');
    expect(doc.components.schemas).toHaveProperty('InvitationInput');
  });

  it('on a Turnstile site: an anonymous link needs a token (its page allows the challenge); a personal link does not', async () => {
    const { apiKey, survey } = await setup();
    const on = await call('/v1/site/settings', {
      method: 'PATCH',
      key: apiKey,
      json: { turnstileSiteKey: '1x00000000000000000000AA', turnstileSecret: '1x0000000000000000000000000000000AA' },
    });
    expect(on.status).toBe(200);
    const anon = (await invite(apiKey, survey.id, { channel: 'qr' })).body.invitations[0]!.url;
    const mine = (await invite(apiKey, survey.id, { channel: 'email', respondents: [{ id: 'ts-1' }] })).body
      .invitations[0]!.url;

    const anonPage = await open(anon);
    expect(anonPage.headers.get('content-security-policy')).toContain('frame-src https://challenges.cloudflare.com');
    const anonConfig = await pageConfig(anon);
    expect(anonConfig.turnstile).toBe('1x00000000000000000000AA');
    const refused = await pagePost(anonConfig, { answers: [{ questionId: 'nps', value: 7 }] });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('turnstile_required');

    const mineConfig = await pageConfig(mine);
    expect(mineConfig.turnstile).toBeUndefined();
    expect((await open(mine)).headers.get('content-security-policy')).not.toContain('challenges.cloudflare.com');
    expect(
      (await pagePost(mineConfig, { id: mineConfig.responseId, answers: [{ questionId: 'nps', value: 7 }] })).status,
    ).toBe(202);
  });
});

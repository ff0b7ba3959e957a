/**
 * Read-only share links of the overview: the link is shown once and only its hash is stored, the
 * page and its API carry the numbers but never anything a respondent wrote or who they are (a
 * unique marker planted everywhere a respondent can put text is absent from every answer), no
 * cookie, noindex; revoking works at once; one site can neither see nor revoke another's links.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { SharedOverview } from '../../shared/contract/digest';
import { sha256Hex } from '../../worker/lib/crypto';
import { call, createSite, createSurvey, NPS_SURVEY } from './helpers';
import { json } from './loop-helpers';
import { plant } from './why-helpers';

const MARK = 'zqxmark';

type Site = { apiKey: string; siteKey: string; surveyId: string };
let a: Site;
let b: Site;

async function newSite(name: string): Promise<Site> {
  const { site, apiKey } = await createSite(undefined, name);
  const survey = await createSurvey(apiKey, NPS_SURVEY);
  const tp = await call('/v1/touchpoints', {
    method: 'POST',
    key: apiKey,
    json: { key: 'checkout', name: 'Checkout', stage: 'purchase' },
  });
  expect(tp.status).toBe(201);
  return { apiKey, siteKey: site.key, surveyId: survey.id };
}

async function createLink(apiKey: string, body: object = {}) {
  const r = await json<{ id: string; url: string }>(
    call('/v1/share-links', { method: 'POST', key: apiKey, json: body }),
  );
  expect(r.status).toBe(201);
  return { ...r.body, token: new URL(r.body.url).pathname.split('/').pop()! };
}

beforeAll(async () => {
  a = await newSite('Shop A');
  b = await newSite('Shop B');
  const today = new Date();
  for (let i = 0; i < 40; i++) {
    const at = new Date(today.getTime() - (i % 20) * 86_400_000 - 3_600_000).toISOString();
    await plant(
      a.siteKey,
      a.surveyId,
      {
        touchpoint: 'checkout',
        answers: [
          { questionId: 'nps', value: i % 3 === 0 ? 3 : 9 },
          { questionId: 'csat', value: 4 },
          ...(i % 3 === 0 ? [{ questionId: 'why', value: `${MARK} the courier was rude ${MARK}-${i}` }] : []),
        ],
        respondent: { id: `${MARK}-user-${i}`, attributes: { plan: `${MARK}-plan`, email: `${MARK}@mail.example` } },
        locale: 'fa',
      },
      at,
    );
  }
}, 120_000);

describe('share links', () => {
  it('show the overview numbers with intervals, and never a respondent’s text, id or attribute', async () => {
    const link = await createLink(a.apiKey, { label: 'Board' });
    expect(link.url).toMatch(/^https:\/\/seda\.test\/share\/[A-Za-z0-9_-]{43}$/);
    // Only the hash of the token is stored.
    const row = await env.DB.prepare('SELECT * FROM share_links WHERE id = ?').bind(link.id).first();
    expect(JSON.stringify(row)).not.toContain(link.token);
    expect(row!.token_hash).toBe(await sha256Hex(link.token));

    const api = await call(`/v1/shared/${link.token}`);
    expect(api.status).toBe(200);
    const body = await api.text();
    const overview = SharedOverview.parse(JSON.parse(body));
    const survey = overview.surveys[0]!;
    expect(survey.responses).toBe(40);
    expect(survey.metrics.nps).toMatchObject({ n: 40, enough: true });
    expect(survey.metrics.nps!.ci95[0]).toBeLessThan(survey.metrics.nps!.score);
    expect(overview.journey.stages.find((s) => s.stage === 'purchase')!.touchpoints[0]).toMatchObject({
      key: 'checkout',
      n: 40,
    });
    // The same numbers as the results API for the same range.
    const results = await (
      await call(`/v1/surveys/${a.surveyId}/results?from=${overview.range.from}&to=${overview.range.to}`, {
        key: a.apiKey,
      })
    ).json<{ metrics: unknown }>();
    expect(survey.metrics).toEqual(results.metrics);

    const pages = await Promise.all(['en', 'fa', 'ar'].map((lang) => call(`/share/${link.token}?lang=${lang}`)));
    const htmls = await Promise.all(pages.map((p) => p.text()));
    for (const [i, res] of [api, ...pages].entries()) {
      expect(res.headers.get('set-cookie'), `answer ${i}`).toBeNull();
      expect(res.headers.get('x-robots-tag')).toContain('noindex');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    for (const text of [body, ...htmls]) {
      expect(text.toLowerCase()).not.toContain(MARK);
      expect(text).not.toContain('courier');
    }
    const fa = htmls[1]!;
    expect(fa).toContain('<html lang="fa" dir="rtl">');
    expect(fa).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(fa).toMatch(/[۰-۹]/); // Persian digits
    expect(fa).not.toMatch(/<script/i);
    expect(pages[1]!.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(htmls[0]).toContain('<html lang="en" dir="ltr">');
    expect(htmls[2]).toContain('<html lang="ar" dir="rtl">');
    // A GET writes nothing a visitor could read back: the list shows only when it was last opened.
    const list = await json<{ items: { id: string; lastUsedAt: string | null; label: string }[] }>(
      call('/v1/share-links', { key: a.apiKey }),
    );
    expect(list.body.items.find((l) => l.id === link.id)).toMatchObject({ label: 'Board' });
    expect(JSON.stringify(list.body)).not.toContain(link.token);
  });

  it('write a negative NPS as "−۱۲" in Persian: LTR-isolated inside an isolated value, never reordered', async () => {
    const c = await newSite('فروشگاه منفی');
    // 12 promoters, 20 passives, 18 detractors: NPS = (12 − 18) / 50 = −12.
    const scores = [...Array(12).fill(9), ...Array(20).fill(7), ...Array(18).fill(3)] as number[];
    for (const value of scores) await plant(c.siteKey, c.surveyId, { answers: [{ questionId: 'nps', value }] });
    const link = await createLink(c.apiKey);
    const overview = SharedOverview.parse(await (await call(`/v1/shared/${link.token}`)).json());
    expect(overview.surveys[0]!.metrics.nps).toMatchObject({ n: 50, score: -12 });
    const [fa, ar, en] = await Promise.all(
      ['fa', 'ar', 'en'].map(async (lang) => (await call(`/share/${link.token}?lang=${lang}`)).text()),
    );
    // FSI ( LRI −۱۲ PDI ) PDI: the value is isolated in the sentence and the signed number reads left
    // to right, so the minus stays before the digits. CLDR's own direction mark is replaced, not kept.
    expect(fa).toContain('\u2068\u2066−۱۲\u2069\u2069');
    expect(fa).toContain('\u2068n = ۵۰\u2069');
    expect(fa).not.toContain('\u200e');
    expect(fa).not.toContain('<bdi');
    // No middle dot beside Persian digits (it reads as a Persian zero): the Arabic comma instead.
    expect(fa).not.toMatch(/[۰-۹][\u2066-\u2069]*\s*·|·\s*[\u2066-\u2069]*[۰-۹]/);
    expect(fa).toContain('، ');
    // The interval's bounds: each signed one LTR-isolated, the whole interval isolated.
    const ci = overview.surveys[0]!.metrics.nps!.ci95;
    expect(ci[0]).toBeLessThan(0);
    const faDigits = (n: number) => String(Math.abs(Math.round(n))).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect(fa).toContain(`\u2068[\u2066−${faDigits(ci[0])}\u2069–`);
    // Arabic: the same isolation, with Western digits as the dashboard writes them.
    expect(ar).toContain('\u2068\u2066-12\u2069\u2069');
    // English is left to right already: no isolation characters at all.
    expect(en).toContain('<div class="v">-12 [');
    expect(en).not.toMatch(/[\u2066-\u2069]/);
  });

  it('stop working at once when revoked (410 page and API), and unknown tokens are 404', async () => {
    const link = await createLink(a.apiKey);
    expect((await call(`/share/${link.token}`)).status).toBe(200);
    expect((await call(`/v1/share-links/${link.id}`, { method: 'DELETE', key: a.apiKey })).status).toBe(204);
    const page = await call(`/share/${link.token}?lang=fa`);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain('dir="rtl"');
    expect(html).not.toContain('Shop A');
    const api = await call(`/v1/shared/${link.token}`);
    expect(api.status).toBe(410);
    expect(await api.text()).not.toContain('Shop A');
    const list = await json<{ items: { id: string; revokedAt: string | null }[] }>(
      call('/v1/share-links', { key: a.apiKey }),
    );
    expect(list.body.items.find((l) => l.id === link.id)!.revokedAt).not.toBeNull();
    // Unknown, malformed and near-miss tokens.
    const near = `${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}`;
    for (const t of [near, 'x'.repeat(43), 'short', '%3Cscript%3E']) {
      expect((await call(`/share/${t}`)).status, t).toBe(404);
      expect((await call(`/v1/shared/${t}`)).status, t).toBe(404);
    }
  });

  it('expire after the days asked for', async () => {
    const link = await createLink(a.apiKey, { expiresInDays: 1 });
    expect((await call(`/v1/shared/${link.token}`)).status).toBe(200);
    await env.DB.prepare('UPDATE share_links SET expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1, link.id)
      .run();
    expect((await call(`/v1/shared/${link.token}`)).status).toBe(410);
  });

  it("belong to one site: another site's key neither lists nor revokes them, and a link shows only its site", async () => {
    const link = await createLink(a.apiKey);
    const bList = await json<{ items: { id: string }[] }>(call('/v1/share-links', { key: b.apiKey }));
    expect(bList.body.items.map((l) => l.id)).not.toContain(link.id);
    expect((await call(`/v1/share-links/${link.id}`, { method: 'DELETE', key: b.apiKey })).status).toBe(404);
    expect((await call(`/v1/shared/${link.token}`)).status).toBe(200);
    const bLink = await createLink(b.apiKey);
    const bOverview = SharedOverview.parse(await (await call(`/v1/shared/${bLink.token}`)).json());
    expect(bOverview.site.name).toBe('Shop B');
    expect(bOverview.surveys[0]!.responses).toBe(0);
  });

  it('are made and revoked by owners and admins only, never with a read key', async () => {
    const read = await json<{ apiKey: string }>(
      call('/v1/keys', { method: 'POST', key: a.apiKey, json: { name: 'read', scopes: ['read'] } }),
    );
    expect(read.status).toBe(201);
    expect((await call('/v1/share-links', { method: 'POST', key: read.body.apiKey, json: {} })).status).toBe(403);
    expect((await call('/v1/share-links', { key: read.body.apiKey })).status).toBe(403);
  });
});

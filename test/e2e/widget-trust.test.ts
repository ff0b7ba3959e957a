import { describe, expect, it } from 'vitest';
import { api, collectorUrl } from './helpers';
import { hostPage, nps, openPage, panel, siteWith, until, waitForPanel, widgetSuite } from './widget-helpers';

const suite = widgetSuite();

describe('widget: what a hostile config or a host page URL cannot do', () => {
  it('a backtracking glob (/*a*a…*x) neither freezes the page nor changes what matches', async () => {
    const evil = `/${'*a'.repeat(14)}*x`;
    // Excluded by a glob that cannot match this path: the survey shows once the match has completed.
    const { key } = await siteWith(suite.host.url, [nps({ targeting: { urls: { exclude: [evil] } } })]);
    const path = `/${'a'.repeat(60)}`;
    suite.pages[path] = hostPage({
      site: key,
      body: '<output id="clicks">0</output><script src="/count.js"></script>',
    });
    suite.pages['/count.js'] = {
      body: "document.getElementById('host-button').addEventListener('click', () => { const o = document.getElementById('clicks'); o.textContent = String(Number(o.textContent) + 1); });",
      headers: { 'content-type': 'text/javascript' },
    };
    const { page, context, errors } = await openPage(suite.browser, `${suite.host.url}${path}`);
    await waitForPanel(page, 30_000);
    // The page still answers its own visitor: a click reaches the host's handler.
    await page.click('#host-button');
    await page.click('#host-button');
    await expect.poll(() => page.textContent('#clicks')).toBe('2');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends and stores the page URL without its query and fragment', async () => {
    const { key } = await siteWith(suite.host.url, [nps()]);
    suite.pages['/account/callback'] = hostPage({ site: key });
    const posted: string[] = [];
    const { page, context } = await openPage(
      suite.browser,
      `${suite.host.url}/account/callback?code=SECRET-CODE&state=xyz#access_token=SECRET-TOKEN`,
      {},
      async (p) => {
        // Hold every post, so the body stays in the outbox (localStorage) while we look at it.
        await p.route('**/v1/responses', async (r) => {
          posted.push(r.request().postData() ?? '');
          await new Promise((ok) => setTimeout(ok, 3000));
          await r.abort();
        });
      },
    );
    await waitForPanel(page);
    await panel(page).getByRole('radio', { name: /^9/ }).click();
    await until(async () => posted.length >= 2);
    const stored = await page.evaluate(() => localStorage.getItem('seda:q') ?? '');
    expect(stored).toContain(`"url":"${suite.host.url}/account/callback"`);
    for (const text of [...posted, stored]) {
      expect(text).not.toContain('SECRET');
      expect(text).not.toContain('state=xyz');
    }
    expect(JSON.parse(posted[0]!).context.url).toBe(`${suite.host.url}/account/callback`);
    await context.close();
  });

  it("identify passes the host server's hash; every post of a response carries one write secret, another response another", async () => {
    const hash = `${'c0ffee'.repeat(10)}abcd`;
    const { key } = await siteWith(suite.host.url, [
      {
        questions: [
          { id: 'nps', type: 'nps', prompt: { en: 'How likely are you to recommend us?' } },
          { id: 'why', type: 'text', prompt: { en: 'Why?' } },
        ],
      },
    ]);
    suite.pages['/signed'] = hostPage({ site: key, queue: [['identify', 'user-42', { plan: 'pro' }, { hash }]] });
    const posts: { id: string; secret?: string; respondent?: { id?: string; hash?: string } }[] = [];
    const watch = (page: import('playwright-core').Page) =>
      page.on('request', (r) => {
        if (r.url().endsWith('/v1/responses')) posts.push(JSON.parse(r.postData() ?? '{}'));
      });
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/signed`, {}, async (p) => watch(p));
    await waitForPanel(page);
    await panel(page).getByRole('radio', { name: /^3/ }).click();
    await panel(page).getByRole('textbox').fill('Too slow');
    await panel(page).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => posts.length).toBeGreaterThanOrEqual(3);
    const first = posts[0]!;
    expect(first.secret).toMatch(/^[0-9a-f]{32}$/);
    for (const b of posts) {
      expect(b.id).toBe(first.id);
      expect(b.secret).toBe(first.secret);
      expect(b.respondent).toMatchObject({ id: 'user-42', hash });
    }
    await expect.poll(() => page.evaluate(() => localStorage.getItem('seda:q'))).toBeNull();
    await context.close();

    // another browser, another response: another secret
    suite.pages['/signed-2'] = hostPage({ site: key });
    const n = posts.length;
    const other = await openPage(suite.browser, `${suite.host.url}/signed-2`, {}, async (p) => watch(p));
    await waitForPanel(other.page);
    await expect.poll(() => posts.length).toBeGreaterThan(n);
    expect(posts[n]!.id).not.toBe(first.id);
    expect(posts[n]!.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(posts[n]!.secret).not.toBe(first.secret);
    await other.context.close();
  });

  it('a response the contact policy refuses (409: answered by e-mail) closes the panel quietly', async () => {
    const { key, apiKey, ids } = await siteWith(suite.host.url, [nps()]);
    // the same person answered this survey through a personal e-mail link
    const inv = await api<{ invitations: { url: string }[] }>(`/v1/surveys/${ids[0]}/invitations`, {
      key: apiKey,
      json: { channel: 'email', respondents: [{ id: 'mail-customer' }] },
    });
    expect(inv.status).toBe(201);
    const link = inv.body.invitations[0]!.url;
    const token = new URL(link).pathname.split('/').pop()!;
    // the link's page names its one response id (what its own script posts with)
    const html = await (await fetch(link)).text();
    const config = JSON.parse(/<script type="application\/json" id="seda-page">([^<]*)</.exec(html)![1]!);
    const answered = await api('/v1/responses', {
      headers: { origin: collectorUrl() },
      json: {
        id: config.responseId,
        siteKey: key,
        surveyId: ids[0],
        invitation: token,
        answers: [{ questionId: 'nps', value: 9 }],
        completed: true,
      },
    });
    expect(answered.status).toBe(202);

    suite.pages['/known'] = hostPage({ site: key, queue: [['identify', 'mail-customer']] });
    const statuses: number[] = [];
    const { page, context, errors } = await openPage(suite.browser, `${suite.host.url}/known`, {}, async (p) => {
      p.on('response', (r) => {
        if (r.url().endsWith('/v1/responses')) statuses.push(r.status());
      });
      // the panel may come and go faster than a poll: note that it was there
      await p.addInitScript(() => {
        new MutationObserver(() => {
          if (document.querySelector('seda-w')) (window as unknown as { shown: boolean }).shown = true;
        }).observe(document, { childList: true, subtree: true });
      });
    });
    await expect.poll(() => statuses).toContain(409);
    expect(await page.evaluate(() => (window as unknown as { shown?: boolean }).shown)).toBe(true);
    await expect.poll(() => panel(page).count()).toBe(0);
    expect(await page.locator('seda-w').count()).toBe(0);
    // nothing waits in the outbox: the refusal is final
    expect(await page.evaluate(() => localStorage.getItem('seda:q'))).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a returning visitor never waits: w.js and the config are served stale while they revalidate', async () => {
    const { key, ids } = await siteWith(suite.host.url, [nps()]);
    // what a page view fetches, the survey when it shows, and the whole config older loaders fetch
    for (const path of [`config`, `surveys/${ids[0]}?v=1`, 'surveys']) {
      const config = await api(`/v1/sites/${key}/${path}`, { headers: { origin: suite.host.url } });
      expect(config.status).toBe(200);
      expect(config.headers.get('cache-control')).toMatch(/max-age=60\b.*stale-while-revalidate=\d+/);
      expect(config.headers.get('vary')).toMatch(/origin/i);
    }
    const loader = await fetch(`${collectorUrl()}/w.js`);
    expect(loader.headers.get('cache-control')).toMatch(/stale-while-revalidate=\d+/);
  });
});

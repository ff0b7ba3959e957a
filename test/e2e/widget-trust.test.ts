import { describe, expect, it } from 'vitest';
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
});

import { describe, expect, it } from 'vitest';
import { api } from './helpers';
import {
  hostPage,
  nps,
  openPage,
  panel,
  results,
  showsWithin,
  siteWith,
  until,
  waitForPanel,
  widgetSuite,
} from './widget-helpers';

const suite = widgetSuite();

/**
 * The survey of each impression the page posted, once per response id: on a busy machine the widget
 * may resend an impression whose answer came late, and a resend is the same impression.
 */
function impressions(page: import('playwright-core').Page) {
  const seen: string[] = [];
  const ids = new Set<string>();
  page.on('request', (r) => {
    if (r.url().endsWith('/v1/responses')) {
      const b = JSON.parse(r.postData() ?? '{}');
      if (!b.answers?.length && !ids.has(b.id)) {
        ids.add(b.id);
        seen.push(b.surveyId);
      }
    }
  });
  return seen;
}

describe('widget: targeting', () => {
  it('touchpoints and URL patterns decide where a survey may show', async () => {
    const { key } = await siteWith(suite.host.url, [
      nps({ targeting: { touchpoints: ['checkout'], urls: { include: ['/shop/**'], exclude: ['/shop/admin/**'] } } }),
    ]);
    suite.pages['/shop/cart'] = hostPage({ site: key, touchpoint: 'checkout' });
    suite.pages['/shop/admin/cart'] = hostPage({ site: key, touchpoint: 'checkout' });
    suite.pages['/shop/home'] = hostPage({ site: key, touchpoint: 'home' });
    suite.pages['/blog/cart'] = hostPage({ site: key, touchpoint: 'checkout' });
    for (const [path, want] of [
      ['/shop/admin/cart', false],
      ['/shop/home', false],
      ['/blog/cart', false],
      ['/shop/cart', true],
    ] as const) {
      const { page, context } = await openPage(suite.browser, `${suite.host.url}${path}`);
      expect(await showsWithin(page, want ? 8000 : 2500), path).toBe(want);
      await context.close();
    }
  });

  it('triggers: a delay after the page view, a scroll depth, a custom event from seda("track")', async () => {
    const { key, ids } = await siteWith(suite.host.url, [
      nps({ targeting: { touchpoints: ['delay'], trigger: { type: 'pageview', delayMs: 2500 } } }),
      nps({ targeting: { touchpoints: ['scroll'], trigger: { type: 'scroll', percent: 60 } } }),
      nps({ targeting: { touchpoints: ['event'], trigger: { type: 'event', name: 'order_completed' } } }),
    ]);
    const tall = '<div style="height:3000px">long page</div>';
    suite.pages['/delay'] = hostPage({ site: key, touchpoint: 'delay' });
    suite.pages['/scroll'] = hostPage({ site: key, touchpoint: 'scroll', body: tall });
    suite.pages['/event'] = hostPage({ site: key, touchpoint: 'event' });

    let { page, context } = await openPage(suite.browser, `${suite.host.url}/delay`);
    const t0 = Date.now();
    await waitForPanel(page);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
    await context.close();

    ({ page, context } = await openPage(suite.browser, `${suite.host.url}/scroll`));
    expect(await showsWithin(page, 2500)).toBe(false);
    await page.mouse.wheel(0, 1000); // ~50%: not yet
    expect(await showsWithin(page, 1000)).toBe(false);
    await page.mouse.wheel(0, 1500);
    await waitForPanel(page);
    await context.close();

    ({ page, context } = await openPage(suite.browser, `${suite.host.url}/event`));
    const seen = impressions(page);
    expect(await showsWithin(page, 2500)).toBe(false);
    await page.evaluate(() =>
      (window as unknown as { seda: (...a: unknown[]) => void }).seda('track', 'order_completed'),
    );
    await waitForPanel(page);
    await expect.poll(() => seen).toEqual([ids[2]]);
    await context.close();
  });

  it('exit intent: the mouse leaving through the top of the window (desktop)', async () => {
    const { key } = await siteWith(suite.host.url, [nps({ targeting: { trigger: { type: 'exit' } } })]);
    suite.pages['/exit'] = hostPage({ site: key });
    let list: Promise<unknown> = Promise.resolve();
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/exit`, {}, async (p) => {
      list = p.waitForResponse('**/v1/sites/*/config');
    });
    await list; // the widget knows its surveys (and so listens for the exit) before the mouse leaves
    await page.mouse.move(500, 300);
    expect(await showsWithin(page, 2500)).toBe(false);
    await page.mouse.move(500, 150);
    expect(await showsWithin(page, 500)).toBe(false); // moving about inside is not leaving
    await page.mouse.move(500, -20, { steps: 4 });
    await waitForPanel(page);
    await context.close();
  });

  it('an event tracked before the loader ran still triggers its survey', async () => {
    const { key } = await siteWith(suite.host.url, [
      nps({ targeting: { trigger: { type: 'event', name: 'signed_up' } } }),
    ]);
    suite.pages['/early'] = hostPage({ site: key, queue: [['track', 'signed_up']] });
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/early`);
    await waitForPanel(page);
    await context.close();
  });

  it('sampling 0% never shows; seda("show") forces a survey regardless of targeting', async () => {
    const { key, ids } = await siteWith(suite.host.url, [nps({ targeting: { samplePercent: 0 } })]);
    suite.pages['/sample'] = hostPage({ site: key });
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/sample`);
    expect(await showsWithin(page, 2500)).toBe(false);
    await page.evaluate((id) => (window as unknown as { seda: (...a: unknown[]) => void }).seda('show', id), ids[0]!);
    await waitForPanel(page);
    await context.close();
  });
});

describe('widget: frequency capping', () => {
  it('a dismissed survey stays away; at most one survey per visit; a completed one never returns', async () => {
    const { key, apiKey, ids } = await siteWith(suite.host.url, [
      nps({ targeting: { touchpoints: ['a'], recontactDays: 30 } }),
      nps({ targeting: { touchpoints: ['a', 'b'] } }),
      nps({ targeting: { touchpoints: ['c'], recontactDays: 0 } }),
    ]);
    await api('/v1/site', { method: 'PATCH', key: apiKey, json: { recontactDays: 0 } }); // no site-wide gap here
    suite.pages['/a'] = hostPage({ site: key, touchpoint: 'a' });
    suite.pages['/b'] = hostPage({ site: key, touchpoint: 'b' });
    suite.pages['/c'] = hostPage({ site: key, touchpoint: 'c' });
    let seen: string[] = [];
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/a`, {}, async (p) => {
      seen = impressions(p); // from before the page loads
    });
    const dialog = await waitForPanel(page);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await panel(page).count()).toBe(0);
    await expect.poll(() => seen.length).toBe(1);
    expect([ids[0], ids[1]]).toContain(seen[0]);

    // Same visit: no second survey, here or on another page.
    await page.goto(`${suite.host.url}/b`);
    expect(await showsWithin(page, 2500)).toBe(false);

    // A new visit (30 minutes later): the dismissed survey stays away, another one may show.
    const later = async (minutes: number) =>
      page.evaluate((ms) => {
        const f = JSON.parse(localStorage.getItem('seda:f') ?? '{}');
        for (const k of ['v', 'l']) if (f[k]) f[k] -= ms;
        for (const m of ['s']) for (const id of Object.keys(f[m] ?? {})) f[m][id] -= ms;
        localStorage.setItem('seda:f', JSON.stringify(f));
      }, minutes * 60_000);
    await later(31);
    await page.goto(`${suite.host.url}/a`);
    await waitForPanel(page);
    await expect.poll(() => seen.length).toBe(2);
    expect(new Set(seen)).toEqual(new Set([ids[0], ids[1]])); // the other one, not the dismissed one

    // Complete survey 3 (recontactDays 0) in a later visit; it never comes back even then.
    await later(31);
    await page.goto(`${suite.host.url}/c`);
    await (await waitForPanel(page)).getByRole('radio', { name: '10 – Extremely likely' }).click();
    expect(await until(async () => (await results(apiKey, ids[2]!)).completed === 1)).toBe(true);
    await later(60 * 24 * 400);
    await page.goto(`${suite.host.url}/c`);
    expect(await showsWithin(page, 2500)).toBe(false);
    await context.close();
  });

  it('one per visit also holds within one page view: closing a survey does not let another armed one show', async () => {
    const { key, apiKey, ids } = await siteWith(suite.host.url, [
      nps({ targeting: { trigger: { type: 'scroll', percent: 10 } } }), // a short page: fires at once
      nps({ targeting: { trigger: { type: 'pageview', delayMs: 1500 } } }),
    ]);
    await api('/v1/site', { method: 'PATCH', key: apiKey, json: { recontactDays: 0 } });
    suite.pages['/one'] = hostPage({ site: key });
    let seen: string[] = [];
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/one`, {}, async (p) => {
      seen = impressions(p); // from before the page loads
    });
    await (await waitForPanel(page)).getByRole('button', { name: 'Close' }).click();
    expect(await showsWithin(page, 3000)).toBe(false);
    expect(seen).toEqual([ids[0]]);
    await context.close();
  });

  it('the site-wide recontact gap (site default 14 days) applies across surveys', async () => {
    const { key } = await siteWith(suite.host.url, [
      nps({ targeting: { touchpoints: ['a'] } }),
      nps({ targeting: { touchpoints: ['b'] } }),
    ]);
    suite.pages['/gap-a'] = hostPage({ site: key, touchpoint: 'a' });
    suite.pages['/gap-b'] = hostPage({ site: key, touchpoint: 'b' });
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/gap-a`);
    await (await waitForPanel(page)).getByRole('button', { name: 'Close' }).click();
    const later = (days: number) =>
      page.evaluate((ms) => {
        const f = JSON.parse(localStorage.getItem('seda:f') ?? '{}');
        f.v -= ms;
        f.l -= ms;
        localStorage.setItem('seda:f', JSON.stringify(f));
      }, days * 86_400_000);
    await later(13);
    await page.goto(`${suite.host.url}/gap-b`);
    expect(await showsWithin(page, 2500)).toBe(false);
    await later(2);
    await page.goto(`${suite.host.url}/gap-b`);
    await waitForPanel(page);
    await context.close();
  });
});

describe('widget: single-page apps', () => {
  it('pushState, replaceState and popstate re-evaluate targeting; seda("touchpoint") too', async () => {
    const { key, ids } = await siteWith(suite.host.url, [nps({ targeting: { urls: { include: ['/app/pricing'] } } })]);
    suite.pages['*'] = hostPage({ site: key });
    let seen: string[] = [];
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/app/home`, {}, async (p) => {
      seen = impressions(p); // from before the page loads
    });
    expect(await showsWithin(page, 2500)).toBe(false);
    await page.evaluate(() => history.replaceState({}, '', '/app/home?tab=1'));
    expect(await showsWithin(page, 800)).toBe(false);
    await page.evaluate(() => history.pushState({}, '', '/app/pricing'));
    await waitForPanel(page);
    await expect.poll(() => seen).toEqual([ids[0]]);
    expect(page.url()).toBe(`${suite.host.url}/app/pricing`);
    await context.close();

    // popstate: the page leaves the matching route before any script of its own runs (as an SPA
    // redirecting on load does), so the widget first sees /app/home; the Back button returns to it.
    const backContext = await suite.browser.newContext({ viewport: { width: 1100, height: 760 } });
    const back = await backContext.newPage();
    await back.addInitScript(() => {
      if (location.pathname === '/app/pricing') history.pushState({}, '', '/app/home');
    });
    await back.goto(`${suite.host.url}/app/pricing`);
    expect(await showsWithin(back, 2500)).toBe(false);
    await back.goBack();
    await waitForPanel(back);
    await backContext.close();
  });

  it('an SPA switching touchpoints shows the survey for the new one', async () => {
    const { key } = await siteWith(suite.host.url, [nps({ targeting: { touchpoints: ['checkout'] } })]);
    suite.pages['/spa'] = hostPage({ site: key, touchpoint: 'product' });
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/spa`);
    expect(await showsWithin(page, 2500)).toBe(false);
    await page.evaluate(() => {
      history.pushState({}, '', '/spa/checkout');
      (window as unknown as { seda: (...a: unknown[]) => void }).seda('touchpoint', 'checkout');
    });
    await waitForPanel(page);
    await page.goBack();
    await context.close();
  });
});

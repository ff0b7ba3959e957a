import { describe, expect, it } from 'vitest';
import { hostPage, nps, openPage, showsWithin, siteWith, waitForPanel, widgetSuite } from './widget-helpers';

const suite = widgetSuite();

describe('widget: attribute targeting', () => {
  it('shows a survey only to visitors whose identify attributes hold every rule, also when identify comes later', async () => {
    const { key } = await siteWith(suite.host.url, [
      nps({
        targeting: {
          attributes: [
            { key: 'plan', op: 'eq', value: 'pro' },
            { key: 'seats', op: 'gt', value: 5 },
          ],
        },
      }),
    ]);
    suite.pages['/free'] = hostPage({ site: key, queue: [['identify', 'u-free', { plan: 'free', seats: 50 }]] });
    suite.pages['/pro'] = hostPage({ site: key, queue: [['identify', 'u-pro', { plan: 'pro', seats: 12 }]] });
    suite.pages['/anon'] = hostPage({ site: key });

    const free = await openPage(suite.browser, `${suite.host.url}/free`);
    expect(await showsWithin(free.page, 2500)).toBe(false);
    // the app signs the visitor in later: identify re-evaluates, and now the rules hold
    await free.page.evaluate(() =>
      (window as unknown as { seda: (...a: unknown[]) => void }).seda('identify', 'u-free', { plan: 'pro', seats: 6 }),
    );
    await waitForPanel(free.page);
    await free.context.close();

    const pro = await openPage(suite.browser, `${suite.host.url}/pro`);
    await waitForPanel(pro.page);
    await pro.context.close();

    const anon = await openPage(suite.browser, `${suite.host.url}/anon`);
    expect(await showsWithin(anon.page, 2500)).toBe(false);
    await anon.context.close();
  });
});

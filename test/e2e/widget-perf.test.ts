/**
 * What the host page is spared, checked by behaviour, never by timing (speed is measured by the bench:
 * `widget-longest-task-4x`, scripts/bench/widget-longtask.mjs): the loader waits for the page's load
 * event and an idle period before any request of its own; a page view with no survey due downloads
 * w.js and the config only, adds nothing to the page, and runs none of Seda's code afterwards while
 * the visitor scrolls and moves the pointer (calls counted by V8's coverage); a returning visitor's
 * page view gets w.js and the config from the browser's cache, without waiting for the network.
 */
import type { CDPSession } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectorUrl } from './helpers';
import { hostPage, nps, openPage, siteWith, until, waitForPanel, widgetSuite } from './widget-helpers';

const suite = widgetSuite();

/** Before any page script: marks the load event and the moment the first idle callback starts. */
const MARKS = `(() => {
  const m = { loaded: 0, idle: 0 };
  Object.defineProperty(window, '__marks', { value: m });
  addEventListener('load', () => { m.loaded = performance.now(); });
  const ric = window.requestIdleCallback;
  window.requestIdleCallback = (f, o) => ric.call(window, (d) => { m.idle ||= performance.now(); return f(d); }, o);
})();`;

/** A survey that never shows on these pages (it is for the checkout). */
const elsewhere = nps({ targeting: { touchpoints: ['checkout'] } });

/** The loader has read the config and applied the frequency rules (its last step): `seda:f` is written. */
const settled = (page: import('playwright-core').Page) =>
  until(() => page.evaluate(() => !!localStorage.getItem('seda:f')), 20_000);

/** Paths of the collector's files and endpoints the page fetched (resource timing), in order. */
const fetched = (page: import('playwright-core').Page) =>
  page.evaluate(
    (c) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.startsWith(c))
        .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime })),
    collectorUrl(),
  );

describe('widget: what the host page is spared', () => {
  it('does nothing before the page has loaded and gone idle: every request after w.js starts in an idle callback', async () => {
    const { key, ids } = await siteWith(suite.host.url, [nps()]);
    suite.pages['/defer'] = hostPage({ site: key });
    const { page, context, errors } = await openPage(suite.browser, `${suite.host.url}/defer`, {}, (p) =>
      p.addInitScript(MARKS),
    );
    await waitForPanel(page);
    const marks = await page.evaluate(
      () => (window as unknown as { __marks: { loaded: number; idle: number } }).__marks,
    );
    const after = (await fetched(page)).filter((r) => r.path !== '/w.js');
    // the config, the UI bundle and the survey itself, all asked for after the first idle callback began
    expect(after.map((r) => r.path)).toEqual(
      expect.arrayContaining([`/v1/sites/${key}/config`, `/v1/sites/${key}/surveys/${ids[0]}`]),
    );
    expect(after.some((r) => /^\/w\/\w+\/en\.js$/.test(r.path))).toBe(true);
    expect(marks.loaded).toBeGreaterThan(0);
    expect(marks.idle).toBeGreaterThanOrEqual(marks.loaded);
    for (const r of after) expect(r.start, r.path).toBeGreaterThanOrEqual(marks.idle);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('no survey due: w.js and the config only, nothing added to the page, none of its code runs while the visitor scrolls', async () => {
    const { key } = await siteWith(suite.host.url, [elsewhere]);
    suite.pages['/none'] = hostPage({ site: key, touchpoint: 'product', body: '<div style="height:3000px"></div>' });
    let cdp: CDPSession | undefined;
    const { page, context, errors } = await openPage(suite.browser, `${suite.host.url}/none`, {}, async (p) => {
      cdp = await p.context().newCDPSession(p);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    });
    expect(await settled(page)).toBe(true);
    // calls into w.js so far (each take resets the counts): the loader did run
    const calls = async () => {
      const { result } = await cdp!.send('Profiler.takePreciseCoverage');
      return result
        .filter((s) => s.url.endsWith('/w.js'))
        .flatMap((s) => s.functions)
        .reduce((n, f) => n + (f.ranges[0]?.count ?? 0), 0);
    };
    expect(await calls()).toBeGreaterThan(0);
    await page.mouse.move(200, 200);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 400);
    await page.mouse.move(300, 10);
    await page.mouse.move(300, 0);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    expect(await calls()).toBe(0);
    expect((await fetched(page)).map((r) => r.path)).toEqual(['/w.js', `/v1/sites/${key}/config`]);
    expect(await page.evaluate(() => document.querySelector('seda-w'))).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a returning visitor's page view waits for no request: w.js and the config come from the browser's cache", async () => {
    const { key } = await siteWith(suite.host.url, [elsewhere]);
    suite.pages['/again'] = hostPage({ site: key, touchpoint: 'product' });
    const { page, context, errors } = await openPage(suite.browser, `${suite.host.url}/again`);
    expect(await settled(page)).toBe(true);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const fromCache = new Set<string>();
    const fromNetwork = new Set<string>();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, new URL(e.request.url).pathname));
    cdp.on('Network.requestServedFromCache', (e) => fromCache.add(urls.get(e.requestId) ?? ''));
    cdp.on('Network.responseReceived', (e) => {
      const path = new URL(e.response.url).pathname;
      if (e.response.fromDiskCache) fromCache.add(path);
      else if (!fromCache.has(path)) fromNetwork.add(path);
    });
    // the next page view of the same visitor (a navigation, not a reload, which would revalidate)
    await page.goto(`${suite.host.url}/again?next`);
    expect(
      await until(async () => fromCache.has(`/v1/sites/${key}/config`) || fromNetwork.has(`/v1/sites/${key}/config`)),
    ).toBe(true);
    expect([...fromCache]).toEqual(expect.arrayContaining(['/w.js', `/v1/sites/${key}/config`]));
    expect(fromNetwork.has('/w.js')).toBe(false);
    expect(fromNetwork.has(`/v1/sites/${key}/config`)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});

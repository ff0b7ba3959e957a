import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cspLines } from '../../dashboard/src/setup/csp';
import { collectorUrl } from './helpers';
import {
  firstPartyServer,
  hostPage,
  nps,
  openPage,
  probe,
  results,
  shots,
  siteWith,
  until,
  waitForPanel,
  widgetSuite,
} from './widget-helpers';

const suite = widgetSuite();

/** Host CSS that tries everything to break an embedded widget. */
const AGGRESSIVE = `<style>
  * { all: unset !important; font-size: 40px !important; color: red !important; line-height: 4 !important;
      box-sizing: content-box !important; letter-spacing: 9px !important; }
  html { font-size: 5px !important; }
  div, p, span, button, svg, textarea { display: none !important; visibility: hidden !important; opacity: 0 !important; }
  :not(:defined), seda-w, [role="dialog"] { display: none !important; transform: scale(0) !important; }
  :root { --c: red; --bg: #000; --fg: #ff0; --r: 80px; --n: 1; --on: red; }
  body { transform: translateZ(0); filter: blur(2px); }
  html > * { position: absolute !important; left: -9999px !important; width: 1px !important; height: 1px !important; overflow: hidden !important; }
</style>`;

const style = (page: Page, sel: string, prop: string) =>
  page
    .locator(`seda-w ${sel}`)
    .first()
    .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);

describe('widget: isolation', () => {
  it('host-page CSS cannot break it, and it changes nothing on the page but window.seda', async () => {
    const { key, apiKey, ids } = await siteWith(suite.host.url, [nps()]);
    suite.pages['/ugly'] = hostPage({ site: key, head: AGGRESSIVE });
    const { page, context, errors } = await openPage(suite.browser, `${suite.host.url}/ugly`);
    const dialog = await waitForPanel(page);
    const box = (await dialog.boundingBox())!;
    expect(box.width).toBe(380);
    expect(box.x + box.width).toBeLessThanOrEqual(1100 - 15);
    expect(box.y + box.height).toBeLessThanOrEqual(760 - 15);
    expect(await style(page, '.q', 'font-size')).toBe('16px');
    expect(await style(page, '.q', 'color')).toBe('rgb(27, 27, 31)');
    expect(await style(page, '[role="dialog"]', 'background-color')).toBe('rgb(255, 255, 255)');
    expect(await style(page, '[role="radio"]', 'letter-spacing')).toBe('normal');
    expect(await dialog.getByRole('radio').count()).toBe(11);
    await page.screenshot({ path: `${shots}widget-aggressive-css.png` });
    await dialog.getByRole('radio', { name: '9', exact: true }).click();
    expect(await until(async () => (await results(apiKey, ids[0]!)).completed === 1)).toBe(true);

    const p = await probe(page);
    const added = await page.evaluate((before) => Object.keys(window).filter((k) => !before.includes(k)), p.keys);
    expect(added).toEqual(['seda']);
    expect(await context.cookies()).toEqual([]);
    expect(p.shifts).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works under a strict Content-Security-Policy (only the collector for script, style and connect)', async () => {
    const { key, apiKey, ids } = await siteWith(suite.host.url, [nps({ theme: { color: '#0f766e', radius: 4 } })]);
    const c = collectorUrl();
    suite.pages['/csp'] = {
      body: hostPage({ site: key }),
      headers: {
        'content-security-policy': `default-src 'none'; script-src ${c}; style-src ${c}; connect-src ${c}; img-src 'none'; base-uri 'none'; form-action 'none'`,
      },
    };
    const { page, context, errors } = await openPage(suite.browser, `${suite.host.url}/csp`);
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    const dialog = await waitForPanel(page);
    // styled (so the shadow stylesheet was applied), themed through custom properties
    expect(await style(page, '[role="dialog"]', 'position')).toBe('fixed');
    expect(await style(page, '[role="dialog"]', 'border-radius')).toBe('4px');
    await dialog.getByRole('radio', { name: '6', exact: true }).hover();
    expect(await style(page, '.b', 'background-color')).toBe('rgb(15, 118, 110)');
    await page.screenshot({ path: `${shots}widget-strict-csp.png` });
    await dialog.getByRole('radio', { name: '6', exact: true }).click();
    expect(await until(async () => (await results(apiKey, ids[0]!)).completed === 1)).toBe(true);
    expect((await probe(page)).csp).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    // The styles are constructed stylesheets in the shadow root: even style-src 'none' leaves them be.
    suite.pages['/csp-no-style'] = {
      body: hostPage({ site: key }),
      // the lines the dashboard's install page shows (no Turnstile)
      headers: {
        'content-security-policy': `default-src 'none'; ${cspLines(c).replaceAll('\n', ' ')} style-src 'none'`,
      },
    };
    const second = await openPage(suite.browser, `${suite.host.url}/csp-no-style`);
    await waitForPanel(second.page);
    expect(await style(second.page, '[role="dialog"]', 'position')).toBe('fixed');
    expect((await probe(second.page)).csp).toEqual([]);
    await second.context.close();
  });

  it('served first-party: script and API through the site own origin (a path proxied to the collector)', async () => {
    const fpPages: Record<string, string> = {};
    const fp = await firstPartyServer(fpPages);
    try {
      const { key, apiKey, ids } = await siteWith(fp.url, [nps()]);
      fpPages['/'] = hostPage({ site: key, src: '/seda/w.js' }); // no data-api: the API is beside w.js
      const { page, context } = await openPage(suite.browser, `${fp.url}/`);
      const origins = new Set<string>();
      page.on('request', (r) => origins.add(new URL(r.url()).origin));
      const dialog = await waitForPanel(page);
      await dialog.getByRole('radio', { name: '10 – Extremely likely' }).click();
      expect(await until(async () => (await results(apiKey, ids[0]!)).completed === 1)).toBe(true);
      expect([...origins]).toEqual([fp.url]); // nothing third-party for a block list to match
      await context.close();
    } finally {
      await fp.close();
    }
  });

  it('never breaks the page: unknown site, unreachable API, the script included twice', async () => {
    const { key } = await siteWith(suite.host.url, [nps()]);
    suite.pages['/unknown'] = hostPage({ site: 'no-such-site' });
    suite.pages['/down'] = hostPage({ site: key, api: 'http://127.0.0.1:9' });
    suite.pages['/twice'] = hostPage({
      site: key,
      head: `<script src="${collectorUrl()}/w.js" data-site="${key}" async></script>`,
    });
    for (const path of ['/unknown', '/down']) {
      const { page, context, errors } = await openPage(suite.browser, `${suite.host.url}${path}`);
      await page.waitForTimeout(2000);
      expect(await page.locator('seda-w').count()).toBe(0);
      expect(await page.evaluate(() => typeof (window as unknown as { seda: unknown }).seda)).toBe('function');
      await page.evaluate(() => (window as unknown as { seda: (...a: unknown[]) => void }).seda('track', 'x'));
      expect(errors, path).toEqual([]);
      await context.close();
    }
    const { page, context, errors } = await openPage(suite.browser, `${suite.host.url}/twice`);
    await waitForPanel(page);
    await page.waitForTimeout(1000);
    expect(await page.locator('seda-w').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('file names avoid words that ad-block lists match', () => {
    const root = new URL('../../public/', import.meta.url).pathname;
    const files = ['w.js', ...readdirSync(`${root}w`, { recursive: true }).map((f) => `w/${f}`)];
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) expect(f).not.toMatch(/survey|feedback|poll|questionnaire|nps|hotjar/i);
  });
});

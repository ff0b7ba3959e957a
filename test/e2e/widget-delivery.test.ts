import { describe, expect, it } from 'vitest';
import {
  exported,
  hostPage,
  nps,
  openPage,
  results,
  siteWith,
  until,
  waitForPanel,
  widgetSuite,
} from './widget-helpers';

const suite = widgetSuite();

const survey = nps({
  questions: [...nps().questions, { id: 'why', type: 'text', prompt: { en: 'Why?' } }],
});
const outbox = (page: import('playwright-core').Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('seda:q') ?? '{}') as Record<string, { completed: boolean }>);

describe('widget: delivery', () => {
  it('offline, then online: the answers wait in localStorage and arrive exactly once', async () => {
    const { key, apiKey, ids } = await siteWith(suite.host.url, [survey]);
    suite.pages['/offline'] = hostPage({ site: key });
    let impression!: Promise<import('playwright-core').Response>;
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/offline`, {}, async (p) => {
      impression = p.waitForResponse((r) => r.url().endsWith('/v1/responses'));
    });
    const dialog = await waitForPanel(page);
    expect((await impression).status()).toBe(202);

    await context.setOffline(true);
    await dialog.getByRole('radio', { name: '8', exact: true }).click();
    await dialog.getByRole('textbox').fill('Works offline too');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await page.waitForTimeout(1500); // a retry or two fail meanwhile
    const waiting = Object.values(await outbox(page));
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.completed).toBe(true);
    expect((await results(apiKey, ids[0]!)).completed).toBe(0);

    await context.setOffline(false);
    expect(await until(async () => (await results(apiKey, ids[0]!)).completed === 1, 20_000)).toBe(true);
    await expect.poll(() => outbox(page), { timeout: 10_000 }).toEqual({});
    const rows = await exported(apiKey, ids[0]!);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).toContain('Works offline too');
    expect((await results(apiKey, ids[0]!)).responses).toBe(1);
    await context.close();
  });

  it('the page closes while offline: the next page view sends what was left, once', async () => {
    const { key, apiKey, ids } = await siteWith(suite.host.url, [survey]);
    suite.pages['/leave'] = hostPage({ site: key });
    suite.pages['/next'] = hostPage({ site: key, touchpoint: 'elsewhere' });
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/leave`);
    const dialog = await waitForPanel(page);
    await context.setOffline(true);
    await dialog.getByRole('radio', { name: '3', exact: true }).click();
    await page.waitForTimeout(500);
    expect(Object.keys(await outbox(page))).toHaveLength(1);
    await page.close(); // the visitor leaves; localStorage stays with the browser profile
    await context.setOffline(false);
    expect((await results(apiKey, ids[0]!)).metrics.nps).toBeNull();

    const next = await context.newPage();
    const chunks: string[] = [];
    next.on('request', (r) => {
      const m = /\/w\/[\w-]+\/(\w+\.js)$/.exec(r.url());
      if (m) chunks.push(m[1]!);
    });
    await next.goto(`${suite.host.url}/next`);
    expect(await until(async () => (await results(apiKey, ids[0]!)).metrics.nps?.n === 1, 15_000)).toBe(true);
    await expect.poll(() => outbox(next), { timeout: 10_000 }).toEqual({});
    // sent by the delivery chunk alone: no survey shows on this page view (one a visit), so no UI bundle
    expect(chunks).toEqual(['d.js']);
    const r = await results(apiKey, ids[0]!);
    expect(r.responses).toBe(1);
    expect(r.completed).toBe(0); // answered one of two questions: a partial response
    expect(await exported(apiKey, ids[0]!)).toHaveLength(1);
    await context.close();
  });

  it('a refused payload (here: the survey was deleted) is dropped, never retried forever', async () => {
    const { key, apiKey, ids } = await siteWith(suite.host.url, [survey]);
    suite.pages['/gone'] = hostPage({ site: key });
    let impression: Promise<unknown> = Promise.resolve();
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/gone`, {}, async (p) => {
      impression = p.waitForResponse((r) => r.url().endsWith('/v1/responses'));
    });
    const dialog = await waitForPanel(page);
    await impression; // the survey's impression was answered before the survey is deleted
    const { api } = await import('./helpers');
    expect((await api(`/v1/surveys/${ids[0]}`, { method: 'DELETE', key: apiKey })).status).toBeLessThan(300);
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/v1/responses')) statuses.push(r.status());
    });
    await dialog.getByRole('radio', { name: '7', exact: true }).click();
    await expect.poll(() => statuses).toEqual([404]);
    await expect.poll(() => outbox(page)).toEqual({});
    await page.waitForTimeout(2500);
    expect(statuses).toEqual([404]);
    await context.close();
  });
});

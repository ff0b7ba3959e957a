import { describe, expect, it } from 'vitest';
import type { SurveyInput } from '../../shared/schemas/survey';
import {
  exported,
  hostPage,
  openPage,
  panel,
  probe,
  results,
  shots,
  siteWith,
  until,
  waitForPanel,
  widgetSuite,
} from './widget-helpers';

const SURVEY: Partial<SurveyInput> = {
  name: 'Checkout experience',
  locales: ['en', 'fa'],
  questions: [
    {
      id: 'nps',
      type: 'nps',
      prompt: {
        en: 'How likely are you to recommend us to a friend?',
        fa: 'چقدر احتمال دارد ما را به دوستانتان پیشنهاد کنید؟',
      },
      required: true,
    },
    {
      id: 'improve',
      type: 'text',
      prompt: { en: 'What should we improve?', fa: 'چه چیزی را باید بهتر کنیم؟' },
      showIf: { questionId: 'nps', max: 6 },
      maxLength: 200,
    },
    {
      id: 'love',
      type: 'text',
      prompt: { en: 'What do you love most?', fa: 'چه چیزی را بیشتر دوست دارید؟' },
      showIf: { questionId: 'nps', min: 9 },
    },
    {
      id: 'channel',
      type: 'choice',
      multiple: true,
      prompt: { en: 'How did you pay?', fa: 'چگونه پرداخت کردید؟' },
      options: [
        { id: 'card', label: { en: 'Card', fa: 'کارت' } },
        { id: 'wallet', label: { en: 'Wallet', fa: 'کیف پول' } },
        { id: 'cash', label: { en: 'Cash on delivery', fa: 'پرداخت در محل' } },
      ],
    },
    {
      id: 'csat',
      type: 'csat',
      prompt: { en: 'How satisfied are you with checkout?', fa: 'از فرایند پرداخت چقدر راضی هستید؟' },
    },
    { id: 'effort', type: 'ces', prompt: { en: 'Checkout was easy.', fa: 'پرداخت آسان بود.' } },
  ],
  thankYou: { en: 'Thanks, that helps a lot!', fa: 'ممنون، خیلی کمک کرد!' },
};

const suite = widgetSuite();

describe('widget: answering a survey', () => {
  it('answers a multi-question survey with a follow-up; every answer reaches the collector once', async () => {
    const { key, apiKey, ids } = await siteWith(suite.host.url, [SURVEY]);
    suite.pages['/checkout'] = hostPage({
      site: key,
      touchpoint: 'checkout',
      queue: [['identify', 'user-42', { plan: 'pro', country: 'IR' }]],
    });
    const posts: string[] = [];
    const { page, errors, context } = await openPage(suite.browser, `${suite.host.url}/checkout`, {}, async (p) => {
      p.on('request', (r) => {
        if (r.url().endsWith('/v1/responses')) posts.push(r.postData() ?? '');
      });
    });
    const dialog = await waitForPanel(page);
    await expect.poll(() => posts.length).toBe(1); // the impression
    expect(await dialog.getAttribute('aria-label')).toBe('Quick question');
    expect(await dialog.locator('.g').textContent()).toBe('1 of 5');
    await page.screenshot({ path: `${shots}widget-en-nps.png` });

    // NPS 4 → the "improve" follow-up, not "love"
    await dialog.getByRole('radio', { name: '4', exact: true }).click();
    await expect.poll(() => dialog.locator('.q').textContent()).toBe('What should we improve?');
    await dialog.getByRole('textbox').fill('Faster delivery, please');
    await expect.poll(() => dialog.locator('.n').textContent()).toBe('23/200');
    await dialog.getByRole('button', { name: 'Next' }).click();

    await expect.poll(() => dialog.locator('.q').textContent()).toBe('How did you pay?');
    await dialog.getByRole('checkbox', { name: 'Card' }).click();
    await dialog.getByRole('checkbox', { name: 'Wallet' }).click();
    expect(await dialog.getByRole('checkbox', { name: 'Card' }).getAttribute('aria-checked')).toBe('true');
    await page.screenshot({ path: `${shots}widget-en-choice.png` });
    await dialog.getByRole('button', { name: 'Next' }).click();

    await expect.poll(() => dialog.locator('.q').textContent()).toBe('How satisfied are you with checkout?');
    await page.screenshot({ path: `${shots}widget-en-csat.png` });
    await dialog.getByRole('radio', { name: '5 – Very satisfied' }).click();

    await expect.poll(() => dialog.locator('.q').textContent()).toBe('Checkout was easy.');
    await dialog.getByRole('radio', { name: '6', exact: true }).click();

    await expect.poll(() => dialog.locator('.t').textContent()).toBe('Thanks, that helps a lot!');
    await page.screenshot({ path: `${shots}widget-en-thanks.png` });

    // One response, completed, with every answer, the respondent and the touchpoint.
    const r = await until(async () => {
      const x = await results(apiKey, ids[0]!);
      return x.completed === 1 ? x : null;
    });
    expect(r).toMatchObject({ responses: 1, completed: 1 });
    expect(r!.metrics.nps).toMatchObject({ n: 1, score: -100 });
    expect(r!.metrics.csat).toMatchObject({ n: 1, score: 100 });
    expect(r!.metrics.ces).toMatchObject({ n: 1, mean: 6 });
    const rows = await exported(apiKey, ids[0]!);
    expect(rows).toHaveLength(1);
    const row = JSON.stringify(rows[0]);
    for (const s of ['Faster delivery, please', 'card', 'wallet', 'user-42', 'checkout']) expect(row).toContain(s);

    // The impression, then the answers so far after each answer, all with the same id; the last one
    // completes the response. Bodies are cumulative: an answer given while the previous post is still
    // on its way goes out with the next one (the outbox sends the newest body), so a count may skip.
    const bodies = posts.map((p) => JSON.parse(p));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    const counts = bodies.map((b) => b.answers.length);
    expect(counts[0]).toBe(0);
    expect(counts.at(-1)).toBe(5);
    expect(counts.every((n, i) => i === 0 || n > counts[i - 1]!)).toBe(true);
    expect(bodies.map((b) => b.completed)).toEqual([...Array(bodies.length - 1).fill(false), true]);
    expect(bodies[0].respondent).toEqual({ id: 'user-42', attributes: { plan: 'pro', country: 'IR' } });
    expect(bodies[0].context.locale).toBe('en');

    // the thank-you step closes by itself; nothing is left waiting in the outbox
    await expect.poll(() => panel(page).count(), { timeout: 8000 }).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('seda:q'))).toBeNull();

    // No layout shift on the host page (main-thread budget: widget-perf.test.ts).
    const p = await probe(page);
    expect(p.shifts).toEqual([]);
    expect(errors).toEqual([]);

    // Reloading: a completed survey is never asked again.
    await page.reload();
    await page.waitForTimeout(2500);
    expect(await panel(page).count()).toBe(0);
    await context.close();
  });
});

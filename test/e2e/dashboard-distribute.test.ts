/**
 * The distribution screen (#13) in a real Chromium: the anonymous link and its QR code (the code on
 * screen decodes to the link shown), the SVG and PNG downloads, the email snippet rendered as a mail
 * client would (a blank page, its own inline styles) and opened by one click on a score, the SMS
 * length live as the text changes, and a CSV of 1,205 respondents sent in two calls and returned as
 * a mail-merge file with the skipped one's reason. Screenshots en/fa, desktop and phone.
 */
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, dashboardUrl, signedInContext } from './dashboard-helpers';
import { api, createSite, createSurvey, launchBrowser, postResponse, SIZES } from './helpers';

const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;

const SURVEY = {
  name: 'After delivery',
  status: 'active' as const,
  locales: ['en', 'fa'],
  questions: [
    {
      id: 'nps',
      type: 'nps' as const,
      prompt: {
        en: 'How likely are you to recommend us to a friend?',
        fa: 'چقدر احتمال دارد ما را به دوستانتان پیشنهاد کنید؟',
      },
    },
    { id: 'why', type: 'text' as const, prompt: { en: 'What is the main reason?', fa: 'دلیل اصلی چیست؟' } },
  ],
};

describe('distribution screen', () => {
  let browser: Browser;
  let apiKey: string;
  let surveyId: string;
  const origin = 'https://distribute.example';

  beforeAll(async () => {
    browser = await launchBrowser();
    const site = await createSite([origin], { name: 'Distribute E2E' });
    apiKey = site.apiKey;
    surveyId = (await createSurvey(apiKey, SURVEY)).id;
    // c-7 already completed this survey on the web: the contact policy skips their invitation.
    const status = await postResponse(origin, {
      id: crypto.randomUUID(),
      siteKey: site.site.key,
      surveyId,
      answers: [{ questionId: 'nps', value: 9 }],
      respondent: { id: 'c-7' },
      completed: true,
    });
    expect(status).toBe(202);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(locale: 'en' | 'fa' | 'ar', width = 1280, height = 900): Promise<Page> {
    const ctx = await signedInContext(browser, apiKey, { locale, width, height });
    const page = await ctx.newPage();
    // The libraries load under the dashboard's own CSP (hashes + 'strict-dynamic'): never a violation.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { __csp?: string[] };
        w.__csp = [...(w.__csp ?? []), `${e.violatedDirective} ${e.blockedURI}`];
      });
    });
    await page.goto(dashboardUrl(`#/distribute/${surveyId}`));
    await page.waitForSelector('.distribute[data-state="ready"]', { timeout: 20_000 });
    return page;
  }

  const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

  /** The QR code as shown, drawn on a canvas in the page and decoded here. */
  async function decodeShownQr(page: Page): Promise<string | undefined> {
    const px = await page.evaluate(async () => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="qr"]')!;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = c.height = 480;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0, 480, 480);
      return Array.from(ctx.getImageData(0, 0, 480, 480).data);
    });
    return jsQR(new Uint8ClampedArray(px), 480, 480)?.data;
  }

  it('makes the anonymous QR link; the code decodes to it; SVG and PNG download', { timeout: 120_000 }, async () => {
    const page = await open('en');
    await page.locator('[data-action="make-qr"]').click();
    const link = page.locator('#d-link');
    await expect.poll(() => link.inputValue()).toMatch(/^http:\/\/.+\/s\/[A-Za-z0-9._~-]+$/);
    const url = await link.inputValue();
    await page.waitForSelector('[data-testid="qr"]');
    expect(await decodeShownQr(page)).toBe(url);
    expect(await cspViolations(page)).toEqual([]);

    const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="qr-svg"]').click()]);
    expect(svg.suggestedFilename()).toBe('After-delivery-qr.svg');
    expect(readFileSync((await svg.path())!, 'utf8')).toMatch(/^<svg [^>]*viewBox/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="qr-png"]').click()]);
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // print-ready: at least 1,200 px wide (PNG IHDR width, big-endian at byte 16)
    expect(bytes.readUInt32BE(16)).toBeGreaterThanOrEqual(1200);

    // The link it made is an anonymous qr invitation, and it is shown again on the next visit.
    const listed = (await api(`/v1/surveys/${surveyId}/invitations`, { key: apiKey })).body.items;
    expect(listed.filter((i: { channel: string }) => i.channel === 'qr')).toHaveLength(1);
    await page.reload();
    await page.waitForSelector('.distribute[data-state="ready"]');
    await expect.poll(() => page.locator('#d-link').inputValue()).toBe(url);
    await page.context().close();
  });

  it('email snippet: rendered on its own, one click on a score opens the survey with it chosen', {
    timeout: 120_000,
  }, async () => {
    const page = await open('en');
    await page.locator('[data-action="make-email"]').click();
    const code = page.locator('#d-email');
    await expect.poll(() => code.inputValue()).toContain('<table');
    const htmlEn = await code.inputValue();
    await page.locator('#d-email-lang').selectOption('fa');
    await expect.poll(() => code.inputValue()).toContain('dir="rtl"');
    const htmlFa = await code.inputValue();

    // As a mail client shows it: no stylesheet but its own inline styles, a 600 px column.
    const mail = await browser.newPage({ viewport: { width: 640, height: 300 } });
    for (const [lang, html] of [
      ['en', htmlEn],
      ['fa', htmlFa],
    ] as const) {
      await mail.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:20px">${html}</body>`);
      const links = mail.locator('a[href*="a=nps"]');
      expect(await links.count()).toBe(11);
      // buttons in one row, in reading order (0 at the start: left in en, right in fa)
      const first = (await links.nth(0).boundingBox())!;
      const last = (await links.nth(10).boundingBox())!;
      expect(Math.abs(first.y - last.y)).toBeLessThan(2);
      expect(lang === 'en' ? first.x < last.x : first.x > last.x).toBe(true);
      await mail.screenshot({ path: `${SHOTS}distribute-email-snippet-${lang}.png`, fullPage: true });
    }
    // One click on "9" opens the hosted page with 9 chosen (posted only by the page's own script).
    await mail.setContent(`<!doctype html><meta charset="utf-8">${htmlEn}`);
    const href = await mail.locator('a[href*="a=nps%3A9"]').getAttribute('href');
    const res = await mail.goto(href!);
    expect(res?.status()).toBe(200);
    await mail.waitForSelector('seda-w', { state: 'attached', timeout: 20_000 });
    await expect
      .poll(() => mail.locator('seda-w [aria-checked="true"], seda-w [aria-pressed="true"]').first().textContent())
      .toBe('9');
    await mail.close();
    await page.context().close();
  });

  it('SMS length and segments follow the text as it is typed (GSM-7 in English, UCS-2 in Persian)', async () => {
    const page = await open('en');
    await page.locator('[data-action="make-sms"]').click();
    const en = page.locator('#d-sms-en');
    await en.waitFor();
    await en.fill('Rate your delivery: {link}');
    await expect.poll(() => page.locator('[data-sms-count="en"]').textContent()).toMatch(/1 SMS · GSM-7/);
    await en.fill(`${'Thanks for shopping with us. '.repeat(6)}{link}`);
    await expect.poll(() => page.locator('[data-sms-count="en"]').getAttribute('data-segments')).toBe('2');
    await expect.poll(() => page.locator('[data-sms-count="fa"]').textContent()).toContain('UCS-2');
    const sent = await page.locator('#d-sms-out-fa').inputValue();
    expect(sent).toMatch(/\/s\/[^ ]+\?lang=fa$/);
    await page.context().close();
  });

  it('CSV of 1,205 respondents: two calls, a mail-merge file with every link, the skipped one with its reason', {
    timeout: 180_000,
  }, async () => {
    const page = await open('en');
    const lines = ['id,email,name,locale,attributes.plan'];
    for (let i = 0; i < 1205; i++)
      lines.push(`c-${i},c${i}@example.com,${i === 3 ? '=1+1' : `Customer ${i}`},${i % 2 ? 'fa' : 'en'},pro`);
    lines.push(',nobody@example.com,No id,en,free');
    const calls: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/invitations')) calls.push(r.url());
    });
    await page.locator('#d-csv-channel').selectOption('sms');
    await page.locator('#d-csv-file').setInputFiles({
      name: 'respondents.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
    const outcome = page.locator('[data-testid="csv-outcome"]');
    await outcome.waitFor({ timeout: 120_000 });
    expect(calls).toHaveLength(2);
    await expect
      .poll(() => outcome.locator('[role="status"]').first().textContent())
      .toBe('1,204 links made, 1 skipped.');
    expect(await page.locator('[data-testid="skipped"] tbody tr').textContent()).toContain('already completed');
    expect(await page.locator('[data-testid="problems"]').textContent()).toContain(`Line ${lines.length}: no id`);
    await page.screenshot({ path: `${SHOTS}distribute-csv-en-desktop.png`, fullPage: true });
    expect(await cspViolations(page)).toEqual([]);

    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-action="download-links"]').click(),
    ]);
    const csv = readFileSync((await dl.path())!, 'utf8');
    expect(
      csv.startsWith('\uFEFF"id","email","name","locale","attributes.plan","url","status","reason","expiresAt"\r\n'),
    ).toBe(true);
    const rows = csv.slice(1).trim().split('\r\n');
    expect(rows).toHaveLength(1206);
    expect(rows[4]).toContain(`"'=1+1"`);
    expect(rows.find((r) => r.startsWith('"c-7"'))).toContain('"skipped","already_completed"');
    expect(rows[1]).toMatch(/^"c-0","c0@example.com","Customer 0","en","pro","http:\/\/[^"]+\/s\/[^"]+","pending",""/);
    // the email and name columns never left the browser
    const stored = (await api(`/v1/surveys/${surveyId}/invitations?respondentId=c-1`, { key: apiKey })).body.items[0];
    expect(stored).toMatchObject({ channel: 'sms', respondentId: 'c-1', locale: 'fa', attributes: { plan: 'pro' } });
    expect(JSON.stringify(stored)).not.toContain('example.com');
    await page.context().close();
  });

  it('in Arabic, desktop and phone: a respondents CSV with its progress, outcome, skipped reason and bad line in Arabic', {
    timeout: 180_000,
  }, async () => {
    for (const [size, width, height] of SIZES) {
      const page = await open('ar', width, height);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      // 1,001 respondents (two calls), c-7 who already answered, and a line without an id
      const lines = ['id,email,name,locale', 'c-7,c7@example.com,Seven,ar'];
      for (let i = 0; i < 1000; i++) lines.push(`ar-${size}-${i},a${i}@example.com,عميل ${i},ar`);
      lines.push(',nobody@example.com,بلا معرّف,ar');
      // every progress line shown while it works
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { __seen: string[] }).__seen = seen;
        new MutationObserver(() => {
          const p = document.querySelector('.csv-progress');
          if (p) seen.push(p.textContent ?? '');
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.locator('#d-csv-file').setInputFiles({
        name: 'respondents.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(lines.join('\n')),
      });
      const outcome = page.locator('[data-testid="csv-outcome"]');
      await outcome.waitFor({ timeout: 120_000 });
      await expect
        .poll(() => outcome.locator('[role="status"]').first().textContent())
        .toBe('الروابط المنشأة: 1,000، والمتخطّاة: 1.');
      const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
      expect(seen.some((t) => /^جارٍ إنشاء الروابط: [\d,]+ من 1,001$/.test(t))).toBe(true);
      expect(await page.locator('[data-testid="skipped"] tbody tr').textContent()).toContain(
        'أكمل هذا الاستبيان من قبل',
      );
      expect(await page.locator('[data-testid="problems"]').textContent()).toContain(`السطر ${lines.length}: بلا معرّف`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
      await outcome.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}ar-distribute-csv-${size}.png`, fullPage: true });
      expect(await cspViolations(page)).toEqual([]);
      await page.context().close();
    }
  });

  it('the editor sets repeatEveryDays and attribute rules; invitations follow them', { timeout: 120_000 }, async () => {
    const page = await open('en');
    page.on('dialog', (d) => d.accept());
    await page.goto(dashboardUrl(`#/editor/${surveyId}`));
    await page.locator('#f-targeting-repeatEveryDays').fill('90');
    await page.locator('[data-action="add-attr-rule"]').click();
    await page.locator('#f-targeting-attributes-0-key').fill('plan');
    await page.locator('#f-targeting-attributes-0-value').fill('pro');
    await page.locator('[data-action="add-attr-rule"]').click();
    await page.locator('#f-targeting-attributes-1-key').fill('orders');
    await page.locator('#f-targeting-attributes-1-op').selectOption('gt');
    await page.locator('#f-targeting-attributes-1-value').fill('2');
    await page.locator('[data-action="save-survey"]').click();
    await expect
      .poll(async () => (await api(`/v1/surveys/${surveyId}`, { key: apiKey })).body.survey.targeting)
      .toMatchObject({
        repeatEveryDays: 90,
        attributes: [
          { key: 'plan', op: 'eq', value: 'pro' },
          { key: 'orders', op: 'gt', value: 2 },
        ],
      });
    await page.locator('[data-testid="attr-rules"]').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="attr-rules"]').screenshot({ path: `${SHOTS}editor-attribute-rules-en.png` });
    // the invitations apply the rules: a free-plan respondent is skipped as not_targeted
    const r = await api(`/v1/surveys/${surveyId}/invitations`, {
      key: apiKey,
      json: {
        channel: 'email',
        respondents: [
          { id: 'rule-1', attributes: { plan: 'pro', orders: 5 } },
          { id: 'rule-2', attributes: { plan: 'free', orders: 5 } },
        ],
      },
    });
    expect(r.body.invitations.map((i: { status: string; reason?: string }) => i.reason ?? i.status)).toEqual([
      'pending',
      'not_targeted',
    ]);
    await page.context().close();
    const fa = await open('fa');
    await fa.goto(dashboardUrl(`#/editor/${surveyId}`));
    await fa.locator('[data-testid="attr-rules"]').scrollIntoViewIfNeeded();
    await fa.locator('[data-testid="attr-rules"]').screenshot({ path: `${SHOTS}editor-attribute-rules-fa.png` });
    await fa.context().close();
  });

  it('results filter by channel and break down by channel', { timeout: 120_000 }, async () => {
    for (const locale of ['en', 'fa'] as const) {
      const page = await open(locale);
      await page.goto(dashboardUrl(`#/segments?survey=${surveyId}&by=channel&today=1`));
      await page.waitForSelector('.segments[data-state="ready"]', { timeout: 20_000 });
      await expect
        .poll(() => page.locator('.segments').textContent())
        .toContain(locale === 'en' ? 'Web page' : 'صفحهٔ وب');
      await page.locator('#f-channel').selectOption('web');
      await expect.poll(() => page.url()).toContain('channel=web');
      await page.screenshot({ path: `${SHOTS}segments-by-channel-${locale}.png`, fullPage: true });
      await page.context().close();
    }
  });

  it('screenshots en/fa, desktop and phone; no serious axe violation', { timeout: 180_000 }, async () => {
    for (const locale of ['en', 'fa'] as const) {
      for (const [name, width, height] of SIZES) {
        const page = await open(locale, width, height);
        await page.waitForSelector('[data-testid="qr"]');
        await page.locator('#d-sms-en').waitFor();
        expect(await axeViolations(page, { seriousOnly: true })).toEqual([]);
        await page.screenshot({ path: `${SHOTS}distribute-${locale}-${name}.png`, fullPage: true });
        await page.context().close();
      }
    }
  });
});

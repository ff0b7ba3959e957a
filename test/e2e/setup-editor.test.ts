import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './dashboard-helpers';
import { api, collectorUrl, createSite, type HostServer, launchBrowser, SIZES, startHostServer } from './helpers';

const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;

/**
 * Site set-up without code, in a real browser: a touchpoint, a bilingual survey from a template
 * (field errors first, nothing saved), the live preview, activation, an answer on a host page from
 * another origin, and that answer on the dashboard. Then keys, keyboard-only editing, axe.
 */
describe('set-up screens', () => {
  let browser: Browser;
  let host: HostServer;
  const routes: Record<string, string> = {};
  let apiKey: string;
  let siteKey: string;
  let surveyId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    host = await startHostServer({ routes });
    const r = await createSite([host.url], { name: 'Setup E2E shop' });
    apiKey = r.apiKey;
    siteKey = r.site.key;
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  async function signedIn(opts: { width?: number; height?: number; locale?: 'en' | 'fa' | 'ar' } = {}): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 } });
    await ctx.addInitScript(
      ([key, locale]) => {
        sessionStorage.setItem('seda.apiKey', key!);
        localStorage.setItem('seda.locale', locale!);
      },
      [apiKey, opts.locale ?? 'en'],
    );
    return ctx.newPage();
  }
  const dash = (hash: string) => `${collectorUrl()}/dashboard/${hash}`;

  it('creates a touchpoint, a bilingual survey from a template, activates it; a visitor answers; the dashboard shows it', {
    timeout: 120_000,
  }, async () => {
    const page = await signedIn();
    // touchpoint
    await page.goto(dash('#/touchpoints'));
    await page.locator('#f-key').fill('checkout');
    await page.locator('#f-name').fill('Checkout');
    await page.locator('#f-stage').selectOption('purchase');
    await page.locator('[data-action="save-touchpoint"]').click();
    await expect.poll(() => page.locator('[data-testid="touchpoints"]').textContent()).toContain('checkout');
    const tps = await api('/v1/touchpoints', { key: apiKey });
    expect(tps.body.touchpoints).toEqual([{ key: 'checkout', name: 'Checkout', stage: 'purchase' }]);

    // survey from the NPS template
    await page.goto(dash('#/surveys'));
    await page.locator('[data-template="nps"]').click();
    await page.locator('#f-name').waitFor();
    surveyId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
    expect(surveyId).toMatch(/^sv_/);

    // invalid input: field errors, nothing saved
    await page.locator('#f-questions-0-prompt-en').fill('');
    await page.locator('#f-questions-0-prompt-fa').fill('');
    await page.locator('#f-targeting-samplePercent').fill('150');
    await page.locator('#f-questions-1-id').fill('bad id!');
    await page.locator('[data-action="activate"]').click();
    await page.locator('[data-testid="error-summary"]').waitFor();
    expect(await page.locator('[data-error-for="questions.0.prompt"]').textContent()).toContain(
      'at least one language',
    );
    expect(await page.locator('[data-error-for="targeting.samplePercent"]').textContent()).toContain('At most 100');
    expect(await page.locator('[data-error-for="questions.1.id"]').textContent()).toContain('use letters, digits');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    // the summary names each field as the form does, and its link moves focus there
    const summary = page.locator('[data-testid="error-summary"]');
    await expect
      .poll(() => summary.getByRole('link').allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Question 1 · .+ › Prompt$/),
          expect.stringMatching(/^Question 2 · .+ › Question id$/),
          'Show to this % of visitors',
        ]),
      );
    await summary.getByRole('link', { name: /^Question 1 · .+ › Prompt$/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-questions-0-prompt-en');
    await page.screenshot({ path: `${SHOTS}setup-editor-errors-en.png`, fullPage: true });
    const before = await api(`/v1/surveys/${surveyId}`, { key: apiKey });
    expect(before.body.survey.status).toBe('draft');
    expect(before.body.survey.targeting.samplePercent).toBe(100);

    // fix it: bilingual prompts, touchpoint targeting, no delay
    await page.locator('#f-questions-0-prompt-en').fill('How likely are you to recommend Setup Shop?');
    await page.locator('#f-questions-0-prompt-fa').fill('چقدر احتمال دارد فروشگاه ما را توصیه کنید؟');
    await page.locator('#f-questions-1-id').fill('why-low');
    await page.locator('#f-targeting-samplePercent').fill('100');
    await page.locator('#f-targeting-trigger-delayMs').fill('0');
    await page.locator('input[data-tp="checkout"]').check();
    // a missing translation is a warning, not an error
    await page.locator('#f-questions-2-prompt-fa').fill('');
    expect(await page.locator('[data-warn-for="questions.2.prompt"]').textContent()).toContain('fa');
    await page.locator('#f-questions-2-prompt-fa').fill('چه چیزی را بیشتر دوست دارید؟');

    // the live preview is the real widget, in both languages
    const preview = page.locator('[data-testid="preview"]');
    await expect
      .poll(() => preview.getByRole('dialog').textContent())
      .toContain('How likely are you to recommend Setup Shop?');
    await page.locator('input[name="pv-lang"][value="fa"]').check({ force: true });
    await expect.poll(() => preview.getByRole('dialog').textContent()).toContain('فروشگاه ما');
    expect(await preview.getByRole('radio', { name: /^۹/ }).count()).toBe(1);
    await page.locator('input[name="pv-mode"][value="dark"]').check({ force: true });
    await page.screenshot({ path: `${SHOTS}setup-editor-en.png`, fullPage: true });

    await page.locator('[data-action="activate"]').click();
    await expect.poll(() => page.locator('[data-testid="save-status"]').textContent()).toBe('Saved.');
    const saved = (await api(`/v1/surveys/${surveyId}`, { key: apiKey })).body.survey;
    expect(saved.status).toBe('active');
    expect(saved.questions[0].prompt).toEqual({
      en: 'How likely are you to recommend Setup Shop?',
      fa: 'چقدر احتمال دارد فروشگاه ما را توصیه کنید؟',
    });
    expect(saved.targeting).toMatchObject({ touchpoints: ['checkout'], trigger: { type: 'pageview', delayMs: 0 } });

    // the install page, reached from the editor by its tab in the same page, shows the snippet;
    // the visitor's page uses it as is
    await page
      .getByRole('navigation', { name: 'Dashboard sections' })
      .getByRole('link', { name: 'Install', exact: true })
      .click();
    const snippet = await page.locator('#snippet').inputValue();
    expect(snippet).toContain(`data-site="${siteKey}"`);
    // no inline code: every <script> in the snippet loads a file, so a strict CSP needs nothing more
    expect(snippet.match(/<script(?![^>]*\bsrc=)/g)).toBeNull();
    expect(await page.locator('[data-testid="last-response"]').textContent()).toContain('No response');
    routes['/checkout'] =
      `<!doctype html><html lang="fa"><head><title>Shop</title></head><body><h1>Checkout</h1>${snippet.replace(
        'data-site=',
        'data-touchpoint="checkout" data-site=',
      )}</body></html>`;
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${host.url}/checkout`);
    const dialog = visitor.getByRole('dialog');
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.textContent()).toContain('فروشگاه ما');
    await dialog.getByRole('radio', { name: /^۳/ }).click();
    await dialog.getByRole('textbox').waitFor();

    // the owner sees it arrive
    await expect
      .poll(() => page.locator('[data-testid="last-response"]').textContent(), { timeout: 15_000 })
      .toMatch(/last response received (now|\d+ seconds? ago)/);
    await expect
      .poll(async () => (await api(`/v1/surveys/${surveyId}/results`, { key: apiKey })).body.metrics?.nps?.n)
      .toBe(1);
    await page.goto(dash(`#/overview?survey=${surveyId}&today=1`));
    await page.reload();
    await expect.poll(() => page.locator('[data-metric="nps"]').textContent(), { timeout: 10_000 }).toMatch(/\b1\b/);
    await page.context().close();
  });

  it('the install page in Arabic, desktop and phone: one external script, the CSP box, the last response as relative time', {
    timeout: 90_000,
  }, async () => {
    for (const [size, width, height] of SIZES) {
      const page = await signedIn({ locale: 'ar', width, height });
      await page.goto(dash('#/install'));
      const snippet = await page.locator('#snippet').inputValue();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('التثبيت');
      // one <script src> and nothing inline
      expect(snippet.match(/<script\b/g)).toHaveLength(1);
      expect(snippet.match(/<script(?![^>]*\bsrc=)/g)).toBeNull();
      expect(snippet).toContain(`data-site="${siteKey}"`);
      // the CSP box: its directives, and the text saying how many, in Arabic
      expect(await page.locator('#csp').inputValue()).toContain(`script-src ${collectorUrl()}`);
      expect(await page.locator('main').textContent()).toContain('(اثنان؛ وثلاثة عند تفعيل Turnstile)');
      // the answer posted by the first test: when, in Arabic words, beside the exact time
      const last = page.locator('[data-testid="last-response"]');
      await expect.poll(() => last.textContent()).toMatch(/^يعمل: وصلت آخر استجابة (الآن|قبل .+)\. \(.+\)$/);
      expect(await last.textContent()).not.toMatch(/[A-Za-z]/);
      expect(await last.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
      await page.screenshot({ path: `${SHOTS}ar-install-${size}.png`, fullPage: true });
      await page.context().close();
    }
  });

  it('names the survey in Arabic; the Arabic dashboard shows that name, desktop and phone, the English one its own', {
    timeout: 90_000,
  }, async () => {
    const AR_NAME = 'استبيان الترشيح بعد الشراء';
    const page = await signedIn({ locale: 'ar', width: 1280, height: 800 });
    page.on('dialog', (d) => void d.accept());
    await page.goto(dash(`#/editor/${surveyId}`));
    await page.locator('#f-names-ar').fill(AR_NAME);
    await page.locator('[data-action="save-survey"]').click();
    await expect.poll(() => page.locator('[data-testid="save-status"]').textContent()).toBe('حُفظ.');
    const saved = (await api(`/v1/surveys/${surveyId}`, { key: apiKey })).body.survey;
    expect(saved.names?.ar).toBe(AR_NAME);
    const english = saved.name as string;
    await page.context().close();
    for (const [size, width, height] of SIZES) {
      const p = await signedIn({ locale: 'ar', width, height });
      await p.goto(dash('#/surveys'));
      const link = p.getByRole('link', { name: `تعديل «${AR_NAME}»`, exact: true });
      await link.waitFor();
      expect(await link.textContent()).toBe(AR_NAME);
      expect(await p.locator('main').textContent()).not.toContain(english);
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
      await p.screenshot({ path: `${SHOTS}ar-surveys-names-${size}.png`, fullPage: true });
      await p.context().close();
    }
    const en = await signedIn({ locale: 'en' });
    await en.goto(dash('#/surveys'));
    await expect.poll(() => en.locator('main').textContent()).toContain(english);
    expect(await en.locator('main').textContent()).not.toContain(AR_NAME);
    await en.context().close();
  });

  it('creates a key with a scope, shows last use, revokes it', async () => {
    const page = await signedIn();
    await page.goto(dash('#/keys'));
    await page.locator('[data-action="create-key"]').click(); // no name: a field error, nothing created
    await page.locator('[data-error-for="name"]').waitFor();
    expect((await api('/v1/keys', { key: apiKey })).body.keys).toHaveLength(1);
    await page.locator('#f-name').fill('Reporting');
    await page.locator('[data-action="create-key"]').click();
    const key = await page.locator('#new-key').inputValue();
    expect(key).toMatch(/^sk_/);
    expect((await api('/v1/surveys', { key })).status).toBe(200);
    // last use is recorded just after the reply (waitUntil), so the list may need another look
    const row = page.locator('tr', { hasText: 'Reporting' });
    await expect
      .poll(async () => {
        await page.reload();
        return row.locator('[data-col="last-used"]').textContent();
      })
      .not.toBe('never');
    page.on('dialog', (d) => d.accept());
    await row.getByRole('button', { name: 'Revoke Reporting' }).click();
    await expect.poll(() => row.textContent()).toContain('revoked');
    expect((await api('/v1/surveys', { key })).status).toBe(401);
    await page.context().close();
  });

  it('words its refusals in Persian, with Persian digits, when the dashboard is in Persian', async () => {
    const page = await signedIn({ locale: 'fa' });
    await page.goto(dash(`#/editor/${surveyId}`));
    await page.locator('#f-name').waitFor();
    await page.locator('#f-questions-0-prompt-en').fill('');
    await page.locator('#f-questions-0-prompt-fa').fill('');
    await page.locator('#f-targeting-samplePercent').fill('150');
    await page.locator('#f-questions-1-id').fill('bad id!');
    await page.locator('#f-name').fill('');
    await page.locator('[data-action="save-survey"]').click();
    await page.locator('[data-testid="error-summary"]').waitFor();
    const said = (path: string) => page.locator(`[data-error-for="${path}"]`).textContent();
    expect(await said('questions.0.prompt')).toContain('متن را دست‌کم به یک زبان بنویسید'); // a schema's own message
    expect(await said('targeting.samplePercent')).toContain('حداکثر ۱۰۰'); // zod's, with the bound in Persian digits
    expect(await said('questions.1.id')).toContain('فقط حروف و رقم‌های لاتین');
    expect(await said('name')).toContain('لازم است');
    await expect
      .poll(() => page.locator('[data-testid="error-summary"]').getByRole('link').allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^پرسش ۲ · .+ › شناسهٔ پرسش$/),
          'نمایش به این درصد از بازدیدکنندگان',
        ]),
      );
    // no English left in what the form says about these fields
    const texts = await page.locator('[data-error-for]').allTextContents();
    expect(texts.filter((t) => /[A-Za-z]{3}/.test(t))).toEqual([]);
    await page.screenshot({ path: `${SHOTS}setup-editor-errors-fa.png`, fullPage: true });
    expect((await api(`/v1/surveys/${surveyId}`, { key: apiKey })).body.survey.questions[1].id).not.toBe('bad id!');
    await page.context().close();
  });

  it('walks the editor with the keyboard only', async () => {
    const page = await signedIn();
    await page.goto(dash(`#/editor/${surveyId}`));
    await page.locator('#f-name').waitFor();
    // Tab from the heading into the form; every control is reachable, the name field first among inputs.
    await page.locator('h1').focus();
    const seen: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || ''));
    }
    expect(seen).toContain('f-name');
    expect(seen).toContain('f-questions-0-prompt-fa');
    // change the name with the keyboard and save with Enter
    await page.locator('#f-name').focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' (kbd)');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid="save-status"]').textContent()).toBe('Saved.');
    expect((await api(`/v1/surveys/${surveyId}`, { key: apiKey })).body.survey.name).toMatch(/\(kbd\)$/);
    // reorder a question with the keyboard
    await page.getByRole('button', { name: 'Move question 2 down' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#f-questions-2-id').inputValue()).toBe('why-low');
    await page.context().close();
  });

  it('redraws the preview on changes in quick succession, and the tabs still lead off the editor', async () => {
    const page = await signedIn();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(dash(`#/editor/${surveyId}`));
    const preview = page.locator('[data-testid="preview"]');
    await preview.getByRole('dialog').waitFor();
    // Two changes, each rendered, before the first render's effects have run (they wait for a frame):
    // the second render then runs the preview's pending effect itself, inside the render.
    await page.evaluate(async () => {
      document.querySelector<HTMLInputElement>('input[name="pv-lang"][value="fa"]')!.click();
      await Promise.resolve();
      await Promise.resolve();
      document.querySelector<HTMLInputElement>('input[name="pv-mode"][value="dark"]')!.click();
    });
    await expect.poll(() => preview.getByRole('dialog').textContent()).toContain('فروشگاه ما');
    expect(await page.locator('.preview-stage').getAttribute('class')).toContain('dark');
    await page
      .getByRole('navigation', { name: 'Dashboard sections' })
      .getByRole('link', { name: 'Install', exact: true })
      .click();
    await page.locator('#snippet').waitFor({ timeout: 10_000 });
    expect(await preview.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the CSP lines Turnstile needs once the site turns it on', async () => {
    const other = await createSite([host.url], { name: 'Turnstile shop' });
    const ctx = await browser.newContext();
    await ctx.addInitScript((key) => {
      sessionStorage.setItem('seda.apiKey', key);
      localStorage.setItem('seda.locale', 'en');
    }, other.apiKey);
    const page = await ctx.newPage();
    await page.goto(dash('#/install'));
    const csp = page.locator('#csp');
    await expect.poll(() => csp.inputValue()).toContain(`script-src ${collectorUrl()}`);
    expect(await csp.inputValue()).not.toContain('challenges.cloudflare.com');
    const on = await api('/v1/site/settings', {
      method: 'PATCH',
      key: other.apiKey,
      json: { turnstileSiteKey: '1x00000000000000000000AA', turnstileSecret: '1x0000000000000000000000000000000AA' },
    });
    expect(on.status).toBe(200);
    await page.reload();
    await expect.poll(() => csp.inputValue()).toContain('frame-src https://challenges.cloudflare.com;');
    expect(await csp.inputValue()).toContain(`script-src ${collectorUrl()} https://challenges.cloudflare.com;`);
    await ctx.close();
  });

  it('has no serious axe violations on each screen, in English and Persian, desktop and phone', async () => {
    const failures: string[] = [];
    for (const locale of ['en', 'fa'] as const) {
      for (const width of [1280, 390]) {
        const page = await signedIn({ locale, width });
        for (const hash of ['#/install', '#/touchpoints', '#/surveys', `#/editor/${surveyId}`, '#/keys']) {
          await page.goto(dash(hash));
          await page.locator(hash.startsWith('#/editor') ? '#f-name' : 'main h1').waitFor();
          // a hash change is no navigation (networkidle would not wait): wait until nothing says "Loading…"
          await expect.poll(() => page.locator('.loading').count()).toBe(0);
          await page.waitForTimeout(300);
          const name = hash.replace(/^#\//, '').split('/')[0];
          await page.screenshot({ path: `${SHOTS}setup-${name}-${locale}-${width}.png`, fullPage: true });
          if (width === 1280)
            failures.push(...(await axeViolations(page, { seriousOnly: true })).map((v) => `${hash} ${locale}: ${v}`));
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth + 1);
          if (sideways) failures.push(`${hash} ${locale} ${width}: scrolls sideways`);
        }
        await page.context().close();
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});

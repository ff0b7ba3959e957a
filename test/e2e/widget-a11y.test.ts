import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SurveyInput } from '../../shared/schemas/survey';
import { axeSource } from './helpers';
import {
  hostPage,
  openPage,
  panel,
  results,
  shots,
  siteWith,
  until,
  waitForPanel,
  widgetSuite,
} from './widget-helpers';

const suite = widgetSuite();

const ALL_TYPES: Partial<SurveyInput> = {
  locales: ['en', 'fa', 'ar'],
  questions: [
    {
      id: 'nps',
      type: 'nps',
      prompt: {
        en: 'How likely are you to recommend us?',
        fa: 'چقدر احتمال دارد ما را به دوستانتان پیشنهاد کنید؟',
        ar: 'ما مدى احتمال أن توصي بنا؟',
      },
    },
    {
      id: 'why',
      type: 'text',
      prompt: { en: 'What should we improve?', fa: 'چه چیزی را باید بهتر کنیم؟', ar: 'ما الذي يجب أن نحسنه؟' },
      maxLength: 300,
    },
    {
      id: 'pay',
      type: 'choice',
      prompt: { en: 'How did you pay?', fa: 'چگونه پرداخت کردید؟', ar: 'كيف دفعت؟' },
      options: [
        { id: 'card', label: { en: 'Card', fa: 'کارت', ar: 'بطاقة' } },
        { id: 'cash', label: { en: 'Cash', fa: 'نقدی', ar: 'نقدًا' } },
      ],
    },
    { id: 'csat', type: 'csat', style: 'faces', prompt: { en: 'Satisfied?', fa: 'راضی هستید؟', ar: 'هل أنت راضٍ؟' } },
    {
      id: 'stars',
      type: 'rating',
      style: 'stars',
      prompt: { en: 'Rate the delivery', fa: 'به ارسال امتیاز دهید', ar: 'قيّم التوصيل' },
    },
    { id: 'ces', type: 'ces', prompt: { en: 'It was easy.', fa: 'آسان بود.', ar: 'كان الأمر سهلاً.' } },
  ],
};

/** axe-core on the page, keeping what concerns the widget (its nodes are inside seda-w's shadow root). */
async function axe(page: Page) {
  await page.addScriptTag({ content: axeSource() });
  const r = await page.evaluate(async () => {
    const a = (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
            o: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    return a.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
  });
  return r.violations
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)).filter((t) => t.includes('seda-w')),
    }))
    .filter((v) => v.nodes.length);
}

const serious = (v: { impact: string }[]) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical');

/** Walks through every question type, scanning each with axe. */
async function scanAll(page: Page, label: string) {
  const dialog = await waitForPanel(page);
  const found: { step: string; id: string; impact: string; nodes: string[] }[] = [];
  const scan = async (step: string) => {
    for (const v of await axe(page)) found.push({ step, ...v });
  };
  await scan('nps');
  await dialog.getByRole('radio').nth(7).click();
  await scan('text');
  await dialog.getByRole('textbox').fill('x');
  await dialog.locator('.b').click();
  await scan('choice');
  await dialog.getByRole('radio').first().click();
  await scan('csat faces');
  await dialog.getByRole('radio').nth(3).click();
  await scan('rating stars');
  await dialog.getByRole('radio').nth(4).click();
  await scan('ces');
  await page.screenshot({ path: `${shots}widget-${label}-ces.png` });
  await dialog.getByRole('radio').nth(5).click();
  await scan('thanks');
  if (found.length) console.log(`axe (${label}):`, JSON.stringify(found, null, 1));
  return found;
}

/** Holds the page's survey list until `release`, so a test decides when the survey can show. */
function holdSurveys() {
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  const hold = (page: Page) =>
    page.route('**/v1/sites/*/config', async (route) => {
      await held;
      await route.continue();
    });
  return { hold, release };
}

describe('widget: accessibility', () => {
  it('axe-core finds no serious violations on any question, light and dark', async () => {
    const { key } = await siteWith(suite.host.url, [ALL_TYPES]);
    // a page that can be dark: "follow the visitor" then follows the system
    suite.pages['/axe'] = hostPage({ site: key, head: '<meta name="color-scheme" content="light dark">' });
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context } = await openPage(suite.browser, `${suite.host.url}/axe`, { colorScheme });
      const dark = await (await waitForPanel(page)).evaluate((e) => e.classList.contains('d'));
      expect(dark).toBe(colorScheme === 'dark');
      expect(serious(await scanAll(page, colorScheme))).toEqual([]);
      await context.close();
    }
  }, 180_000);

  it('keyboard only: focus moves in, arrows choose, Enter answers, Esc closes and focus returns', async () => {
    const { key, apiKey, ids } = await siteWith(suite.host.url, [ALL_TYPES]);
    suite.pages['/keys'] = hostPage({ site: key });
    // The visitor is on a host control before the survey shows (otherwise a fast widget opens first
    // and the Tab lands inside the dialog).
    const survey = holdSurveys();
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/keys`, {}, survey.hold);
    await page.keyboard.press('Tab'); // the host page's first control
    const hostFocus = await page.evaluate(() => document.activeElement?.id);
    expect(hostFocus).toBe('host-button');
    survey.release();
    const dialog = await waitForPanel(page);
    const focused = () =>
      page.evaluate(() => {
        const root = document.querySelector('seda-w')?.shadowRoot;
        const el = root?.activeElement as HTMLElement | null;
        return el ? (el.getAttribute('aria-label') ?? el.getAttribute('role') ?? (el.textContent || el.tagName)) : null;
      });
    await expect.poll(focused).toBe('Quick question'); // the dialog itself: nothing looks pre-selected
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('0 – Not at all likely');
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('8');
    expect(await dialog.getByRole('radio', { name: '8', exact: true }).getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('End');
    expect(await focused()).toBe('10 – Extremely likely');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter'); // answers 9
    await expect.poll(focused).toBe('TEXTAREA');
    await page.keyboard.type('Keyboard works');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Next');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('radio'); // the choice question's first option
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' '); // Space picks "Cash"
    await expect.poll(() => dialog.locator('.q').textContent()).toBe('Satisfied?');
    await page.keyboard.press('Escape');
    expect(await panel(page).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('host-button');
    expect(await until(async () => (await results(apiKey, ids[0]!)).metrics.nps?.n === 1)).toBe(true);
    await context.close();
  });

  it('does not steal focus from a visitor typing in a field', async () => {
    const { key } = await siteWith(suite.host.url, [ALL_TYPES]);
    suite.pages['/typing'] = hostPage({ site: key });
    const survey = holdSurveys();
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/typing`, {}, survey.hold);
    await page.locator('#host-input').focus();
    await page.keyboard.type('coffee');
    survey.release(); // the survey shows while the visitor is typing
    await waitForPanel(page);
    await page.keyboard.type(' beans');
    expect(await page.locator('#host-input').inputValue()).toBe('coffee beans');
    await context.close();
  });
});

describe('widget: languages', () => {
  it('a Persian page: right-to-left, bottom-right at the start side, arrows in visual order without wrapping, Persian digits', async () => {
    const { key } = await siteWith(suite.host.url, [ALL_TYPES], { locale: 'fa' });
    suite.pages['/fa'] = hostPage({ site: key, lang: 'fa', dir: 'rtl' });
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/fa`);
    const dialog = await waitForPanel(page);
    expect(await dialog.getAttribute('dir')).toBe('rtl');
    expect(await dialog.getAttribute('lang')).toBe('fa');
    expect(await dialog.getAttribute('aria-label')).toBe('یک پرسش کوتاه');
    const names = await dialog.getByRole('radio').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(names[0]).toBe('۰ – اصلاً محتمل نیست');
    expect(names[7]).toBe('۷');
    expect(names[10]).toBe('۱۰ – کاملاً محتمل است');
    expect(await dialog.locator('.g').textContent()).toBe('۱ از ۶');
    const box = (await dialog.boundingBox())!;
    // "Bottom right (start side in RTL)": the corners are physical, the right is where RTL starts
    expect(box.x + box.width).toBeGreaterThan(1100 - 40);
    // 0 sits at the right; in RTL ArrowLeft moves to the next number, ArrowRight back, never wrapping
    const x0 = (await dialog.getByRole('radio').first().boundingBox())!.x;
    const x10 = (await dialog.getByRole('radio').last().boundingBox())!.x;
    expect(x0).toBeGreaterThan(x10);
    const checked = () => dialog.locator('[role="radio"][aria-checked="true"]').getAttribute('aria-label');
    await dialog.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await dialog.locator('[role="radio"][aria-checked="true"]').count()).toBeLessThanOrEqual(1);
    expect(await checked()).toBe('۰ – اصلاً محتمل نیست'); // stays at ۰, never ۱۰
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await checked()).toBe('۲');
    await page.keyboard.press('ArrowRight');
    expect(await checked()).toBe('۱');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    expect(await checked()).toBe('۱۰ – کاملاً محتمل است'); // stays at ۱۰, never ۰
    await page.screenshot({ path: `${shots}widget-fa-nps.png` });
    await dialog.getByRole('radio').nth(3).click();
    await expect.poll(() => dialog.locator('.n').textContent()).toBe('۰/۳۰۰');
    await page.screenshot({ path: `${shots}widget-fa-text.png` });
    await context.close();

    // phone width, dark system, on a page that can be dark: a dark panel; NPS targets 44 px tall
    suite.pages['/fa-dark'] = hostPage({
      site: key,
      lang: 'fa',
      dir: 'rtl',
      head: '<meta name="color-scheme" content="light dark">',
    });
    const phone = await openPage(suite.browser, `${suite.host.url}/fa-dark`, {
      viewport: { width: 375, height: 740 },
      colorScheme: 'dark',
    });
    const d2 = await waitForPanel(phone.page);
    const b2 = (await d2.boundingBox())!;
    expect(b2.x).toBe(8);
    expect(b2.width).toBe(375 - 16);
    expect(await d2.evaluate((e) => e.classList.contains('d'))).toBe(true);
    for (const r of await d2.getByRole('radio').all())
      expect((await r.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await phone.page.screenshot({ path: `${shots}widget-fa-phone-dark.png` });
    await phone.context.close();

    // the same dark system on a light-only shop (no color-scheme: it renders light): a light panel
    const light = await openPage(suite.browser, `${suite.host.url}/fa`, {
      viewport: { width: 375, height: 740 },
      colorScheme: 'dark',
    });
    const d3 = await waitForPanel(light.page);
    expect(await d3.evaluate((e) => e.classList.contains('d'))).toBe(false);
    await light.page.screenshot({ path: `${shots}widget-fa-phone-light-page-dark-os.png` });
    await light.context.close();
  });

  it("an Arabic page: right-to-left in Arabic words, bottom-right at the start side, bottom-left at the end, arrows in visual order without wrapping; on a phone 44 px targets and the page's color-scheme", async () => {
    const { key } = await siteWith(suite.host.url, [ALL_TYPES], { locale: 'ar' });
    suite.pages['/ar'] = hostPage({ site: key, lang: 'ar', dir: 'rtl' });
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/ar`);
    const dialog = await waitForPanel(page);
    expect(await dialog.getAttribute('dir')).toBe('rtl');
    expect(await dialog.getAttribute('lang')).toBe('ar');
    expect(await dialog.getAttribute('aria-label')).toBe('سؤال سريع');
    expect(await dialog.locator('.q').textContent()).toBe('ما مدى احتمال أن توصي بنا؟');
    const names = await dialog.getByRole('radio').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(names[0]).toBe('٠ – غير محتمل إطلاقًا');
    expect(names[7]).toBe('٧');
    expect(names[10]).toBe('١٠ – محتمل جدًا');
    expect(await dialog.locator('.g').textContent()).toBe('١ من ٦');
    // "Bottom right (the start side in right-to-left text)": the corner is physical, at the right
    const box = (await dialog.boundingBox())!;
    expect(box.x + box.width).toBeGreaterThan(1100 - 40);
    // ٠ at the right; ArrowLeft moves to the next number, ArrowRight back, never wrapping to ١٠
    const x0 = (await dialog.getByRole('radio').first().boundingBox())!.x;
    const x10 = (await dialog.getByRole('radio').last().boundingBox())!.x;
    expect(x0).toBeGreaterThan(x10);
    const checked = () => dialog.locator('[role="radio"][aria-checked="true"]').getAttribute('aria-label');
    await dialog.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await dialog.locator('[role="radio"][aria-checked="true"]').count()).toBeLessThanOrEqual(1);
    expect(await checked()).toBe('٠ – غير محتمل إطلاقًا');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await checked()).toBe('٢');
    await page.keyboard.press('ArrowRight');
    expect(await checked()).toBe('١');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    expect(await checked()).toBe('١٠ – محتمل جدًا');
    await page.screenshot({ path: `${shots}ar-widget-nps-desktop.png` });
    await dialog.getByRole('radio').nth(3).click();
    await expect.poll(() => dialog.locator('.n').textContent()).toBe('٠/٣٠٠');
    expect(await dialog.getByRole('textbox').getAttribute('placeholder')).toBe('اكتب إجابتك');
    await page.screenshot({ path: `${shots}ar-widget-text-desktop.png` });
    await context.close();

    // "Bottom left": the left corner, the end side in Arabic
    const left = await siteWith(suite.host.url, [{ ...ALL_TYPES, theme: { position: 'bottom-left' } }], {
      locale: 'ar',
    });
    suite.pages['/ar-left'] = hostPage({ site: left.key, lang: 'ar', dir: 'rtl' });
    const l = await openPage(suite.browser, `${suite.host.url}/ar-left`);
    const lb = (await (await waitForPanel(l.page)).boundingBox())!;
    expect(lb.x).toBeLessThan(40);
    await l.context.close();

    // a phone, dark system, on a page that can be dark: a dark panel, NPS targets 44 px tall
    suite.pages['/ar-dark'] = hostPage({
      site: key,
      lang: 'ar',
      dir: 'rtl',
      head: '<meta name="color-scheme" content="light dark">',
    });
    const phone = await openPage(suite.browser, `${suite.host.url}/ar-dark`, {
      viewport: { width: 390, height: 844 },
      colorScheme: 'dark',
    });
    const d2 = await waitForPanel(phone.page);
    const b2 = (await d2.boundingBox())!;
    expect(b2.x).toBe(8);
    expect(b2.width).toBe(390 - 16);
    expect(await d2.evaluate((e) => e.classList.contains('d'))).toBe(true);
    for (const r of await d2.getByRole('radio').all()) {
      const rb = (await r.boundingBox())!;
      expect(rb.height).toBeGreaterThanOrEqual(44);
      // every number inside the panel: nothing overflows it right to left
      expect(rb.x).toBeGreaterThanOrEqual(b2.x);
      expect(rb.x + rb.width).toBeLessThanOrEqual(b2.x + b2.width + 0.5);
    }
    await phone.page.screenshot({ path: `${shots}ar-widget-phone-dark.png` });
    await phone.context.close();

    // the same dark system on a light-only shop (no color-scheme: it renders light): a light panel
    const light = await openPage(suite.browser, `${suite.host.url}/ar`, {
      viewport: { width: 390, height: 844 },
      colorScheme: 'dark',
    });
    const d3 = await waitForPanel(light.page);
    expect(await d3.evaluate((e) => e.classList.contains('d'))).toBe(false);
    await light.page.screenshot({ path: `${shots}ar-widget-phone-light-page-dark-os.png` });
    await light.context.close();
  });

  it('an English survey on a German page falls back to English', async () => {
    const { key } = await siteWith(suite.host.url, [ALL_TYPES]);
    suite.pages['/de'] = hostPage({ site: key, lang: 'de' });
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/de`);
    const dialog = await waitForPanel(page);
    expect(await dialog.getAttribute('lang')).toBe('en');
    expect(await dialog.locator('.q').textContent()).toBe('How likely are you to recommend us?');
    await context.close();
  });

  it('a Persian page with an English-only survey: the English bundle draws it, in English words only', async () => {
    const { key } = await siteWith(suite.host.url, [
      { questions: [{ id: 'nps', type: 'nps', prompt: { en: 'How likely are you to recommend us?' } }] },
    ]);
    suite.pages['/fa-en'] = hostPage({ site: key, lang: 'fa', dir: 'rtl' });
    const scripts: string[] = [];
    const { page, context } = await openPage(suite.browser, `${suite.host.url}/fa-en`, {}, async (p) => {
      p.on('request', (r) => {
        const m = /\/w\/[\w-]+\/(\w+\.js)$/.exec(r.url());
        if (m) scripts.push(m[1]!);
      });
    });
    const dialog = await waitForPanel(page);
    // the page's language bundle first (fa.js holds Persian words only), then the survey's
    expect(scripts).toEqual(['fa.js', 'en.js']);
    expect(await dialog.getAttribute('lang')).toBe('en');
    expect(await dialog.getAttribute('aria-label')).toBe('Quick question');
    expect(await dialog.getByRole('radio').nth(7).getAttribute('aria-label')).toBe('7');
    await context.close();
  });
});

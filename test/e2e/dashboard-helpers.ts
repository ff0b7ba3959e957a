import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeSource, collectorUrl, createSite, createSurvey, createTouchpoint, postResponse } from './helpers';

export const XSS_TEXT =
  '<script>window.__sedaXss = 1</script><img src=x onerror="window.__sedaXss=2"> checkout is broken';
export const FA_TEXT = 'پرداخت خیلی کند بود';

export type DashboardSite = { apiKey: string; surveyId: string; siteKey: string; origin: string; checkoutNps: number };

/**
 * A site of its own through the public API: two touchpoints, an NPS + CSAT + text survey, and
 * responses (enough at checkout for a score, a few elsewhere, identified respondents, a fall of
 * 3+ points, an answer carrying markup, one in Persian, some surveys shown and not answered).
 */
export async function seedDashboardSite(): Promise<DashboardSite> {
  const origin = 'https://dashboard-e2e.example';
  const { site, apiKey } = await createSite([origin], { name: 'Dashboard E2E' });
  await createTouchpoint(apiKey, { key: 'checkout', name: 'Checkout', stage: 'purchase' });
  await createTouchpoint(apiKey, { key: 'help', name: 'Help centre', stage: 'support' });
  const survey = await createSurvey(apiKey, {
    name: 'E2E relationship',
    status: 'active',
    questions: [
      { id: 'nps', type: 'nps', prompt: { en: 'How likely are you to recommend us?', fa: 'چقدر ما را توصیه می‌کنید؟' } },
      { id: 'csat', type: 'csat', prompt: { en: 'How satisfied are you?', fa: 'چقدر راضی هستید؟' } },
      { id: 'why', type: 'text', prompt: { en: 'Why?', fa: 'چرا؟' } },
    ],
  });
  const post = async (b: {
    touchpoint: string;
    answers: { questionId: string; value: number | string }[];
    respondent?: string;
    plan?: string;
    locale?: string;
    completed?: boolean;
  }) => {
    const status = await postResponse(origin, {
      id: crypto.randomUUID(),
      siteKey: site.key,
      surveyId: survey.id,
      touchpoint: b.touchpoint,
      answers: b.answers,
      ...(b.respondent || b.plan
        ? { respondent: { ...(b.respondent ? { id: b.respondent } : {}), attributes: { plan: b.plan ?? 'free' } } }
        : {}),
      context: { locale: b.locale ?? 'en' },
      completed: b.completed ?? b.answers.length > 0,
    });
    if (status !== 202) throw new Error(`postResponse: ${status}`);
  };

  // 40 at checkout: scores cycle through 0..10, so NPS is computable and has a known n.
  const jobs: Promise<void>[] = [];
  for (let i = 0; i < 40; i++) {
    const nps = i % 11;
    jobs.push(
      post({
        touchpoint: 'checkout',
        answers: [
          { questionId: 'nps', value: nps },
          { questionId: 'csat', value: 1 + (i % 5) },
          ...(i % 4 === 0
            ? [{ questionId: 'why', value: nps >= 9 ? 'Fast and friendly checkout' : 'Checkout was slow' }]
            : []),
        ],
        plan: i % 2 ? 'pro' : 'free',
        locale: i % 3 ? 'en' : 'fa',
      }),
    );
  }
  // A few at the help centre, one with markup, one in Persian, two shown but not answered.
  jobs.push(
    post({
      touchpoint: 'help',
      answers: [
        { questionId: 'nps', value: 2 },
        { questionId: 'why', value: XSS_TEXT },
      ],
    }),
  );
  jobs.push(
    post({
      touchpoint: 'help',
      answers: [
        { questionId: 'nps', value: 5 },
        { questionId: 'why', value: FA_TEXT },
      ],
      locale: 'fa',
    }),
  );
  jobs.push(post({ touchpoint: 'help', answers: [] }), post({ touchpoint: 'help', answers: [] }));
  await Promise.all(jobs);
  // Identified respondents, in order: one detractor, one who fell from 10 to 6.
  await post({
    touchpoint: 'help',
    respondent: 'cust-detractor',
    answers: [
      { questionId: 'nps', value: 3 },
      { questionId: 'why', value: 'Nobody answered my ticket' },
    ],
  });
  await post({ touchpoint: 'help', respondent: 'cust-faller', answers: [{ questionId: 'nps', value: 10 }] });
  await post({
    touchpoint: 'help',
    respondent: 'cust-faller',
    answers: [
      { questionId: 'nps', value: 6 },
      { questionId: 'why', value: 'Prices went up' },
    ],
  });
  return { apiKey, surveyId: survey.id, siteKey: site.key, origin, checkoutNps: 40 };
}

/** A context whose tab already holds the key (as after signing in) and the given UI language. */
export async function signedInContext(
  browser: Browser,
  apiKey: string,
  opts: {
    locale?: 'en' | 'fa' | 'ar';
    width?: number;
    height?: number;
    bypassCSP?: boolean;
    /**
     * The team opens the dashboard the day after the answers the test just posted: rolling presets
     * ("Last 30 days") are whole days up to yesterday, so today's answers count only from tomorrow.
     * Date.now() is fixed a day ahead; timers keep running.
     */
    dayAfter?: boolean;
  } = {},
): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    acceptDownloads: true,
    bypassCSP: opts.bypassCSP ?? false,
  });
  await ctx.addInitScript(
    ([key, locale]) => {
      if (locale && !localStorage.getItem('seda.locale')) localStorage.setItem('seda.locale', locale);
      if (key) sessionStorage.setItem('seda.apiKey', key);
    },
    [apiKey, opts.locale ?? 'en'] as const,
  );
  if (opts.dayAfter) await ctx.clock.setFixedTime(Date.now() + 86_400_000);
  return ctx;
}

export const dashboardUrl = (hash = '') => `${collectorUrl()}/dashboard/${hash}`;

/** Text as read, without the bidi isolates and marks the dashboard wraps values in (shared/bidi.ts). */
export const plain = (s: string | null) => (s ?? '').replace(/[\u2066-\u2069\u200e\u200f]/g, '');

/** Waits for the current view to have its data (views set data-state="ready"). */
export async function ready(page: Page): Promise<void> {
  await page.waitForSelector('[data-state="ready"]', { timeout: 20_000 });
}

let axeScript: string | undefined;

/**
 * The WCAG 2 A/AA violations axe-core finds on the page, each as `rule at selectors`.
 * `seriousOnly` keeps the serious and critical ones; `openDetails` opens the "show as a table"
 * disclosures first, so their tables are checked too.
 */
export async function axeViolations(
  page: Page,
  opts: { seriousOnly?: boolean; openDetails?: boolean } = {},
): Promise<string[]> {
  axeScript ??= axeSource();
  await page.evaluate(axeScript);
  if (opts.openDetails) {
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
  }
  const violations = await page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            o: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => !opts.seriousOnly || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} at ${v.targets.join(', ')}`);
}

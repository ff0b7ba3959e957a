// Builds the demo site's SQL: site `demo`, its API key, ten touchpoints across every journey stage,
// four surveys, and a few thousand realistic responses (English and Persian) over the last 90 days.
// Rows go in through plain INSERTs; the schema's triggers keep the rollups, exactly as for live data.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { buildSync } from 'esbuild';

// The sentiment engine is TypeScript with extensionless imports, which Node's type stripping does
// not resolve: bundle it once into .wrangler/ and import that, so the demo's answers are labelled by
// the very engine the collector uses.
const bundled = new URL('../.wrangler/sentiment.mjs', import.meta.url);
mkdirSync(new URL('../.wrangler/', import.meta.url), { recursive: true });
buildSync({
  entryPoints: [new URL('../shared/sentiment/index.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  outfile: bundled.pathname,
  logLevel: 'error',
});
const { analyzeSentiment } = await import(bundled.href);

const DAY = 86_400_000;

/** Small deterministic PRNG (mulberry32), so every fresh start shows the same story. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The item whose cumulative weight first exceeds u (0 ≤ u < 1). */
function weighted(items, u) {
  let acc = 0;
  for (const item of items) {
    acc += item.weight;
    if (u < acc) return item;
  }
  return items[items.length - 1];
}

const q = (v) =>
  v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`;

export const TOUCHPOINTS = [
  ['home', 'Home page', 'awareness', 'صفحهٔ اصلی'],
  ['blog', 'Blog', 'awareness', 'وبلاگ'],
  ['product', 'Product page', 'consideration', 'صفحهٔ محصول'],
  ['pricing', 'Pricing', 'consideration', 'قیمت‌ها'],
  ['checkout', 'Checkout', 'purchase', 'پرداخت'],
  ['order-status', 'Order status', 'purchase', 'وضعیت سفارش'],
  ['onboarding', 'Onboarding', 'onboarding', 'شروع به کار'],
  ['app', 'In the app', 'usage', 'درون برنامه'],
  ['help', 'Help centre', 'support', 'مرکز راهنما'],
  ['post-purchase', 'Post-purchase email', 'loyalty', 'ایمیل پس از خرید'],
];

const improve = { en: 'What should we improve?', fa: 'چه چیزی را باید بهتر کنیم؟' };
export const SURVEYS = [
  {
    id: 'sv_demo_nps',
    name: 'Relationship NPS',
    names: { fa: 'NPS رابطه با مشتری' },
    questions: [
      {
        id: 'nps',
        type: 'nps',
        prompt: {
          en: 'How likely are you to recommend us to a friend?',
          fa: 'چقدر احتمال دارد ما را به دوستتان پیشنهاد کنید؟',
        },
        lowLabel: { en: 'Not likely', fa: 'اصلاً' },
        highLabel: { en: 'Very likely', fa: 'خیلی زیاد' },
        required: true,
      },
      { id: 'why', type: 'text', prompt: improve, showIf: { questionId: 'nps', max: 6 }, maxLength: 500 },
      {
        id: 'love',
        type: 'text',
        prompt: { en: 'What do you like most?', fa: 'چه چیزی را بیشتر دوست دارید؟' },
        showIf: { questionId: 'nps', min: 9 },
        maxLength: 500,
      },
    ],
    // Not on the checkout and help pages: those demo pages show their own survey (one survey a visit).
    targeting: {
      touchpoints: ['home', 'blog', 'product', 'pricing', 'order-status', 'onboarding', 'app', 'post-purchase'],
      trigger: { type: 'pageview', delayMs: 1500 },
      samplePercent: 100,
      recontactDays: 30,
    },
    theme: { color: '#4f46e5', position: 'bottom-right', mode: 'auto', radius: 12 },
    touchpoints: TOUCHPOINTS.map((t) => t[0]),
    weight: 0.45,
  },
  {
    id: 'sv_demo_csat',
    name: 'Checkout satisfaction',
    names: { fa: 'رضایت از پرداخت' },
    questions: [
      {
        id: 'csat',
        type: 'csat',
        style: 'faces',
        prompt: { en: 'How satisfied are you with checkout?', fa: 'از فرایند پرداخت چقدر راضی هستید؟' },
        required: true,
      },
      {
        id: 'blocker',
        type: 'choice',
        multiple: true,
        prompt: { en: 'What almost stopped you?', fa: 'چه چیزی نزدیک بود منصرفتان کند؟' },
        options: [
          { id: 'price', label: { en: 'Price', fa: 'قیمت' } },
          { id: 'shipping', label: { en: 'Shipping cost', fa: 'هزینه ارسال' } },
          { id: 'payment', label: { en: 'Payment options', fa: 'روش‌های پرداخت' } },
          { id: 'trust', label: { en: 'Trust', fa: 'اعتماد' } },
        ],
      },
      { id: 'better', type: 'text', prompt: improve, showIf: { questionId: 'csat', max: 3 }, maxLength: 500 },
    ],
    targeting: {
      touchpoints: ['checkout', 'order-status', 'product', 'pricing', 'onboarding'],
      trigger: { type: 'event', name: 'order_completed' },
    },
    theme: { color: '#0f766e', position: 'bottom-left', mode: 'auto', radius: 16 },
    touchpoints: ['checkout', 'order-status', 'product', 'pricing', 'onboarding'],
    weight: 0.3,
  },
  {
    id: 'sv_demo_ces',
    name: 'Support effort',
    names: { fa: 'سهولت پشتیبانی' },
    questions: [
      {
        id: 'ces',
        type: 'ces',
        prompt: { en: 'The company made it easy for me to handle my issue.', fa: 'حل مشکلم برایم آسان بود.' },
        lowLabel: { en: 'Strongly disagree', fa: 'کاملاً مخالفم' },
        highLabel: { en: 'Strongly agree', fa: 'کاملاً موافقم' },
        required: true,
      },
      { id: 'effort', type: 'text', prompt: improve, showIf: { questionId: 'ces', max: 4 }, maxLength: 500 },
    ],
    // Not on checkout: a short checkout page is "scrolled half way" at once, and this survey then took
    // the visit from the checkout page's own survey (CSAT, one survey a visit).
    targeting: { touchpoints: ['help', 'onboarding', 'app'], trigger: { type: 'scroll', percent: 50 } },
    theme: { color: '#b45309', position: 'center', mode: 'auto', radius: 8 },
    touchpoints: ['help', 'onboarding', 'app', 'checkout'],
    weight: 0.25,
  },
];

// How each touchpoint tends to feel (shifts the score distributions): help and checkout are the friction.
const MOOD = {
  home: 0.3,
  blog: 0.4,
  product: 0.2,
  pricing: -0.3,
  checkout: -0.6,
  'order-status': 0.1,
  onboarding: 0,
  app: 0.5,
  help: -0.8,
  'post-purchase': 0.6,
};

const COMMENTS = {
  negative: {
    en: [
      'Checkout was slow and the page froze twice.',
      'Shipping is far too expensive for a small order.',
      'Support took three days to answer, very frustrating.',
      'The app keeps logging me out. Not good.',
      'Confusing pricing, I could not tell which plan I need.',
      'My order arrived late and nobody told me why.',
      'Refund process is a nightmare.',
      'Too many steps to pay, I almost gave up.',
    ],
    fa: [
      'پرداخت خیلی کند بود و صفحه دو بار قفل شد.',
      'هزینه ارسال برای سفارش کوچک خیلی گران است.',
      'پشتیبانی سه روز طول کشید تا جواب بدهد، واقعاً ناامیدکننده بود.',
      'اصلاً راضی نیستم، سفارشم دیر رسید.',
      'قیمت‌ها گیج‌کننده است و نمی‌دانم کدام طرح را بخرم.',
      'برنامه مدام خراب می‌شود.',
    ],
  },
  neutral: {
    en: [
      'It was okay.',
      'Fine overall, nothing special.',
      'Delivery was on time, packaging average.',
      'I used the help centre once.',
    ],
    fa: ['معمولی بود.', 'در کل بد نبود.', 'ارسال به موقع بود.', 'یک بار از مرکز راهنما استفاده کردم.'],
  },
  positive: {
    en: [
      'Fast delivery and great quality, thank you!',
      'The support team was really helpful and friendly.',
      'Super easy checkout, love it.',
      'Great prices and the app is very easy to use.',
      'Excellent service, I will order again.',
    ],
    fa: [
      'ارسال سریع و کیفیت عالی، ممنون!',
      'تیم پشتیبانی خیلی کمک کرد و مهربان بودند.',
      'پرداخت خیلی آسان بود، عالی است.',
      'قیمت‌ها خوب است و برنامه راحت است.',
      'خدمات عالی، دوباره خرید می‌کنم.',
    ],
  },
};

const PATHS = {
  home: '/',
  blog: '/blog/how-to-choose',
  product: '/products/linen-shirt',
  pricing: '/pricing',
  checkout: '/checkout',
  'order-status': '/orders/status',
  onboarding: '/welcome',
  app: '/app',
  help: '/help/returns',
  'post-purchase': '/thanks',
};

/**
 * Returns { sql, statements, apiKey } for a demo site allowing the given origins: `statements` one
 * SQL statement each (responses in time order of generation, each followed by its answers), `sql`
 * the same joined by newlines.
 */
export function demoSql({ origins, now = Date.now(), responses = 4000, seed = 42, apiKey: keepKey }) {
  const rnd = prng(seed);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const out = [];
  const siteId = '00000000-0000-4000-8000-00000000de00';
  const keyId = 'demo0000key0';
  // A restart reseeds the data but keeps the key people have already pasted into the dashboard.
  const apiKey = keepKey ?? `sk_${keyId}_${randomBytes(24).toString('base64url')}`;
  const hash = createHash('sha256').update(apiKey).digest('hex');

  out.push(`DELETE FROM sites WHERE id = ${q(siteId)};`);
  out.push(
    `INSERT INTO sites (id, key, name, origins, locale, recontact_days, created_at) VALUES (${q(siteId)}, 'demo', 'Demo shop', ${q(JSON.stringify(origins))}, 'en', 0, ${now - 91 * DAY});`,
  );
  out.push(
    `INSERT INTO api_keys (id, site_id, hash, name, scopes, created_at) VALUES (${q(keyId)}, ${q(siteId)}, ${q(hash)}, 'demo', '["read","manage"]', ${now});`,
  );
  for (const [key, name, stage, fa] of TOUCHPOINTS) {
    out.push(
      `INSERT INTO touchpoints (site_id, key, name, stage, names, created_at) VALUES (${q(siteId)}, ${q(key)}, ${q(name)}, ${q(stage)}, ${q(JSON.stringify({ fa }))}, ${now});`,
    );
  }
  for (const s of SURVEYS) {
    const def = {
      questions: s.questions,
      targeting: s.targeting,
      theme: s.theme,
      locales: ['en', 'fa'],
      names: s.names,
    };
    out.push(
      `INSERT INTO surveys (id, site_id, name, status, definition, version, created_at, updated_at) VALUES (${q(s.id)}, ${q(siteId)}, ${q(s.name)}, 'active', ${q(JSON.stringify(def))}, 1, ${now - 91 * DAY}, ${now - 91 * DAY});`,
    );
  }

  // A score on 0..max with a mood shift and a slow improvement over the 90 days.
  const score = (min, max, mood, progress) => {
    const base = 0.7 + 0.12 * mood + 0.08 * progress + (rnd() - 0.5) * 0.7;
    return Math.max(min, Math.min(max, Math.round(min + base * (max - min))));
  };

  for (let i = 0; i < responses; i++) {
    const age = Math.floor(rnd() ** 1.15 * 90); // a little more recent traffic
    const created = now - age * DAY - Math.floor(rnd() * DAY * 0.9);
    const day = new Date(created).toISOString().slice(0, 10);
    const progress = 1 - age / 90;
    const survey = weighted(SURVEYS, rnd());
    const tp = pick(survey.touchpoints);
    const locale = rnd() < 0.35 ? 'fa' : 'en';
    const id = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
    const identified = rnd() < 0.45;
    const respondent = identified ? `cust-${1000 + Math.floor(rnd() * 700)}` : null;
    const attrs = {
      plan: pick(['free', 'free', 'pro', 'pro', 'business']),
      country: locale === 'fa' ? pick(['IR', 'IR', 'AE']) : pick(['DE', 'US', 'GB', 'US']),
      device: rnd() < 0.55 ? 'mobile' : 'desktop',
    };
    const impressionOnly = rnd() < 0.2;
    const answers = [];
    if (!impressionOnly) {
      const first = survey.questions[0];
      const mood = MOOD[tp] ?? 0;
      if (first.type === 'nps') answers.push([first.id, score(0, 10, mood, progress), null, null]);
      if (first.type === 'csat') answers.push([first.id, score(1, 5, mood, progress), null, null]);
      if (first.type === 'ces') answers.push([first.id, score(1, 7, mood, progress), null, null]);
      const v = answers[0][1];
      for (const fq of survey.questions.slice(1)) {
        if (rnd() < 0.15) break; // some leave before the end
        const rule = fq.showIf;
        if (rule && ((rule.max !== undefined && v > rule.max) || (rule.min !== undefined && v < rule.min))) continue;
        if (fq.type === 'choice') {
          if (rnd() < 0.6)
            answers.push([
              fq.id,
              null,
              null,
              JSON.stringify([...new Set([pick(fq.options).id, ...(rnd() < 0.3 ? [pick(fq.options).id] : [])])]),
            ]);
        } else if (rnd() < 0.7) {
          const scale = first.type === 'nps' ? 10 : first.type === 'csat' ? 5 : 7;
          const tone = v / scale < 0.5 ? 'negative' : v / scale < 0.75 ? 'neutral' : 'positive';
          answers.push([fq.id, null, pick(COMMENTS[tone][locale]), null]);
        }
      }
    }
    const completed = !impressionOnly && answers.length >= 1 && rnd() < 0.88 ? 1 : 0;
    out.push(
      `INSERT INTO responses (id, site_id, survey_id, survey_version, touchpoint, respondent_id, attributes, locale, path, referrer_host, completed, answered, day, created_at, updated_at, completed_at) VALUES (${q(id)}, ${q(siteId)}, ${q(survey.id)}, 1, ${q(tp)}, ${q(respondent)}, ${q(respondent ? JSON.stringify(attrs) : JSON.stringify({ device: attrs.device }))}, ${q(locale)}, ${q(PATHS[tp])}, ${q(rnd() < 0.3 ? 'www.google.com' : null)}, ${completed}, ${answers.length ? 1 : 0}, ${q(day)}, ${created}, ${created}, ${completed ? created + 30_000 : 'NULL'});`,
    );
    for (const [qid, num, text, choices] of answers) {
      const sentiment = text ? { positive: 1, neutral: 0, negative: -1 }[analyzeSentiment(text, locale).label] : null;
      out.push(
        `INSERT INTO answers (response_id, question_id, survey_id, touchpoint, day, num, text, choices, sentiment, created_at, updated_at) VALUES (${q(id)}, ${q(qid)}, ${q(survey.id)}, ${q(tp)}, ${q(day)}, ${q(num)}, ${q(text)}, ${q(choices)}, ${q(sentiment)}, ${created}, ${created});`,
      );
    }
  }
  return { sql: out.join('\n'), statements: out, apiKey };
}

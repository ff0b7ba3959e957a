/**
 * config-gzip-10x3: what every page view fetches from the collector (`GET /v1/sites/KEY/config`),
 * gzip -9 bytes, for a site with 10 active surveys written in 3 languages (en, fa, ar), each with
 * typical targeting (touchpoints, URL rules, a trigger, sampling, attribute rules on half of them) and
 * four questions. Budget 1024 B: the config holds only what targeting needs; prompts come with the
 * survey when it shows (`GET /v1/sites/KEY/surveys/ID`). The note gives the whole config older loaders
 * fetched (`/v1/sites/KEY/surveys`) and one survey's own download, for comparison.
 * Run directly: node scripts/bench/config-size.mjs BASE_URL ADMIN_TOKEN
 */
import { gzipSync } from 'node:zlib';

const T = (en, fa, ar) => ({ en, fa, ar });

/** Survey number i: four questions in three languages, and targeting of the usual kinds. */
const survey = (i) => ({
  name: `Survey ${i}`,
  status: 'active',
  locales: ['en', 'fa', 'ar'],
  questions: [
    {
      id: 'nps',
      type: 'nps',
      prompt: T(
        'How likely are you to recommend us to a friend or colleague?',
        'چقدر احتمال دارد ما را به یک دوست یا همکار پیشنهاد کنید؟',
        'ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
      ),
      required: true,
    },
    {
      id: 'why',
      type: 'text',
      prompt: T('What is the main reason for your score?', 'دلیل اصلی امتیاز شما چیست؟', 'ما السبب الرئيسي لتقييمك؟'),
      showIf: { questionId: 'nps', max: 6 },
    },
    {
      id: 'csat',
      type: 'csat',
      prompt: T('How satisfied are you with your order?', 'چقدر از سفارش خود راضی هستید؟', 'ما مدى رضاك عن طلبك؟'),
    },
    {
      id: 'topic',
      type: 'choice',
      prompt: T('What could we do better?', 'چه چیزی را می‌توانیم بهتر کنیم؟', 'ما الذي يمكننا تحسينه؟'),
      options: [
        { id: 'price', label: T('Price', 'قیمت', 'السعر') },
        { id: 'delivery', label: T('Delivery', 'ارسال', 'التوصيل') },
        { id: 'support', label: T('Support', 'پشتیبانی', 'الدعم') },
      ],
    },
  ],
  thankYou: T('Thank you for your time!', 'از وقتی که گذاشتید سپاسگزاریم!', 'شكرًا لوقتك!'),
  theme: { color: '#0f766e', position: 'bottom-right' },
  targeting: {
    touchpoints: [['checkout', 'product', 'help', 'home', 'account'][i % 5]],
    urls: { include: [`/shop/section-${i}/**`], exclude: ['/shop/admin/**'] },
    trigger: [
      { type: 'pageview', delayMs: 2000 },
      { type: 'scroll', percent: 60 },
      { type: 'event', name: `order_completed_${i}` },
    ][i % 3],
    samplePercent: 25 + i * 5,
    recontactDays: 60,
    ...(i % 2 ? { attributes: [{ key: 'plan', op: 'in', value: ['pro', 'business'] }] } : {}),
  },
});

export async function configGzip(baseUrl, adminToken) {
  const origin = 'https://shop.example';
  const json = async (r) => {
    if (!r.ok) throw new Error(`${r.url}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const made = await json(
    await fetch(`${baseUrl}/v1/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Config bench', origins: [origin] }),
    }),
  );
  const ids = [];
  for (let i = 0; i < 10; i++) {
    const s = await json(
      await fetch(`${baseUrl}/v1/surveys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${made.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(survey(i)),
      }),
    );
    ids.push(s.survey.id);
  }
  const size = async (path) => {
    const r = await fetch(`${baseUrl}${path}`, { headers: { origin } });
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    return gzipSync(Buffer.from(await r.arrayBuffer()), { level: 9 }).length;
  };
  const key = made.site.key;
  return {
    name: 'config-gzip-10x3',
    value: await size(`/v1/sites/${key}/config`),
    unit: 'B',
    note: `budget 1024; the whole config older loaders fetch: ${await size(`/v1/sites/${key}/surveys`)} B; one survey when it shows: ${await size(`/v1/sites/${key}/surveys/${ids[0]}`)} B`,
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const r = await configGzip(process.argv[2] ?? 'http://127.0.0.1:8787', process.argv[3] ?? 'bench');
  console.log(`${r.name}: ${r.value} ${r.unit} (${r.note})`);
}

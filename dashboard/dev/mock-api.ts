/**
 * A development stand-in for the Worker's read API, used only by `vite` (serve) so the dashboard
 * can be built and looked at without a running Worker. Synthetic, deterministic data in the
 * documented response shapes, computed with the real metric math from shared/. Never bundled.
 * Sign in with the key `demo`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { addDays, dayOf, periodStart, resolveRange } from '../../shared/dates.ts';
import {
  type Ces,
  type Csat,
  cesFromHistogram,
  compareCes,
  compareCsat,
  compareNps,
  csatFromHistogram,
  type Nps,
  npsFromHistogram,
} from '../../shared/metrics.ts';

type Row = {
  id: string;
  surveyId: string;
  touchpoint: string;
  respondentId?: string;
  attributes: Record<string, string>;
  locale: string;
  day: string;
  at: number;
  completed: boolean;
  answers: Record<string, number | string>;
};

const TOUCHPOINTS = [
  { key: 'home', name: 'Home page', stage: 'awareness' },
  { key: 'blog', name: 'Blog', stage: 'awareness' },
  { key: 'pricing', name: 'Pricing', stage: 'consideration' },
  { key: 'checkout', name: 'Checkout', stage: 'purchase' },
  { key: 'signup', name: 'Sign-up', stage: 'onboarding' },
  { key: 'first-report', name: 'First report', stage: 'onboarding' },
  { key: 'app', name: 'In the app', stage: 'usage' },
  { key: 'help', name: 'Help centre', stage: 'support' },
  { key: 'chat', name: 'Live chat', stage: 'support' },
  { key: 'renewal', name: 'Renewal', stage: 'loyalty' },
] as const;

const now = new Date().toISOString();
const SURVEYS = [
  {
    id: 'srv_relationship',
    name: 'Relationship NPS',
    status: 'active',
    version: 3,
    createdAt: now,
    updatedAt: now,
    questions: [
      {
        id: 'nps',
        type: 'nps',
        prompt: { en: 'How likely are you to recommend us?', fa: 'چقدر احتمال دارد ما را توصیه کنید؟' },
      },
      { id: 'csat', type: 'csat', prompt: { en: 'How satisfied are you today?', fa: 'امروز چقدر راضی هستید؟' } },
      {
        id: 'ces',
        type: 'ces',
        prompt: { en: 'It was easy to get what I needed.', fa: 'رسیدن به آنچه می‌خواستم آسان بود.' },
      },
      {
        id: 'why',
        type: 'text',
        prompt: { en: 'What is the main reason for your score?', fa: 'دلیل اصلی امتیاز شما چیست؟' },
      },
      {
        id: 'improve',
        type: 'text',
        prompt: { en: 'What should we improve?', fa: 'چه چیزی را بهتر کنیم؟' },
        showIf: { questionId: 'nps', max: 6 },
      },
    ],
  },
  {
    id: 'srv_support',
    name: 'Support CSAT',
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
    questions: [
      { id: 'csat', type: 'csat', prompt: { en: 'How was your support experience?', fa: 'تجربهٔ پشتیبانی چطور بود؟' } },
      { id: 'note', type: 'text', prompt: { en: 'Anything to add?', fa: 'نکتهٔ دیگری دارید؟' } },
    ],
  },
];

const TEXTS = {
  positive: [
    'Fast checkout and friendly support, thank you!',
    'Love the new reports, very easy to use',
    'Great product, the team is super helpful',
    'پشتیبانی عالی و سریع بود، ممنون',
    'گزارش‌ها خیلی کاربردی هستند',
  ],
  neutral: [
    'It does the job, pricing is ok',
    'Reports are fine, export could be faster',
    'قیمت مناسب است ولی گزارش‌ها کند هستند',
  ],
  negative: [
    'Checkout failed twice and support was slow',
    'Too expensive for what it does, pricing is confusing',
    'The app is slow and the export keeps breaking',
    'پرداخت دو بار خطا داد و پشتیبانی جواب نداد',
    'قیمت خیلی بالاست',
    '<script>alert("x")</script> checkout is broken',
  ],
} as const;

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(): Row[] {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const today = dayOf(Date.now());
  const rows: Row[] = [];
  const quality: Record<string, number> = { checkout: -2.2, chat: -1.2, pricing: -0.6, renewal: 0.4, app: 0.6 };
  for (let i = 0; i < 4200; i++) {
    const daysAgo = Math.floor(r() ** 1.2 * 200);
    const day = addDays(today, -daysAgo);
    const survey = r() < 0.78 ? SURVEYS[0]! : SURVEYS[1]!;
    const tp =
      survey.id === 'srv_support'
        ? pick(['help', 'chat'] as const)
        : r() < 0.06
          ? 'first-report'
          : pick(TOUCHPOINTS.filter((x) => x.key !== 'first-report')).key;
    const plan = pick(['free', 'free', 'pro', 'business']);
    const locale = r() < 0.45 ? 'fa' : 'en';
    const drift = (200 - daysAgo) / 200; // things got better lately
    const base = (quality[tp] ?? 0) + (plan === 'business' ? 0.6 : plan === 'free' ? -0.4 : 0) + drift * 0.8;
    const shownOnly = r() < 0.35;
    const answers: Record<string, number | string> = {};
    const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));
    if (!shownOnly) {
      const mood = base + (r() - 0.5) * 5;
      if (survey.id === 'srv_relationship') {
        answers.nps = clamp(7.4 + mood, 0, 10);
        if (r() < 0.92) answers.csat = clamp(3.7 + mood / 2.2, 1, 5);
        if (r() < 0.85) answers.ces = clamp(5 + mood / 1.6, 1, 7);
        const s = (answers.nps as number) >= 9 ? 'positive' : (answers.nps as number) >= 7 ? 'neutral' : 'negative';
        if (r() < 0.45) answers.why = pick(TEXTS[s]);
        if ((answers.nps as number) <= 6 && r() < 0.5) answers.improve = pick(TEXTS.negative);
      } else {
        answers.csat = clamp(3.9 + mood / 2, 1, 5);
        if (r() < 0.3) answers.note = pick(TEXTS[(answers.csat as number) >= 4 ? 'positive' : 'negative']);
      }
    }
    rows.push({
      id: `r${i}`,
      surveyId: survey.id,
      touchpoint: tp,
      respondentId: r() < 0.5 ? `cust-${1000 + Math.floor(r() * 400)}` : undefined,
      attributes: { plan, country: pick(['IR', 'IR', 'DE', 'US', 'TR']), device: r() < 0.6 ? 'mobile' : 'desktop' },
      locale,
      day,
      at: Date.parse(`${day}T00:00:00Z`) + Math.floor(r() * 86_400_000),
      completed: !shownOnly && r() < 0.86,
      answers,
    });
  }
  return rows;
}

const ROWS = generate();

const hist = (rows: Row[], q: string, size: number) => {
  const h = new Array<number>(size).fill(0);
  for (const r of rows) {
    const v = r.answers[q];
    if (typeof v === 'number') h[v] = (h[v] ?? 0) + 1;
  }
  return h;
};

function metrics(rows: Row[], surveyId: string): { nps: Nps | null; csat: Csat | null; ces: Ces | null } {
  const s = SURVEYS.find((x) => x.id === surveyId)!;
  const has = (t: string) => s.questions.some((q) => q.type === t);
  return {
    nps: has('nps') ? npsFromHistogram(hist(rows, 'nps', 11)) : null,
    csat: has('csat') ? csatFromHistogram(hist(rows, 'csat', 6)) : null,
    ces: has('ces') ? cesFromHistogram(hist(rows, 'ces', 8)) : null,
  };
}

const answered = (r: Row) => Object.keys(r.answers).length > 0;
const counts = (rows: Row[]) => ({
  shown: rows.length,
  responses: rows.filter(answered).length,
  completed: rows.filter((r) => r.completed).length,
});
const sentimentOf = (text: string) =>
  (Object.keys(TEXTS) as (keyof typeof TEXTS)[]).find((k) => (TEXTS[k] as readonly string[]).includes(text)) ??
  'neutral';

function results(surveyId: string, q: URLSearchParams) {
  const survey = SURVEYS.find((s) => s.id === surveyId);
  if (!survey) return null;
  const range = resolveRange(q.get('from') ?? undefined, q.get('to') ?? undefined);
  const interval = (q.get('interval') ?? 'day') as 'day' | 'week' | 'month';
  const seg = q.get('segment');
  const filt = (from: string, to: string) =>
    ROWS.filter(
      (r) =>
        r.surveyId === surveyId &&
        r.day >= from &&
        r.day <= to &&
        (!q.get('touchpoint') || r.touchpoint === q.get('touchpoint')) &&
        (!q.get('locale') || r.locale === q.get('locale')) &&
        (!seg || r.attributes[seg.split(':')[0]!] === seg.slice(seg.indexOf(':') + 1)),
    );
  const rows = filt(range.from, range.to);
  const prev = filt(range.previous.from, range.previous.to);
  const m = metrics(rows, surveyId);
  const pm = metrics(prev, surveyId);
  const periods = new Map<string, Row[]>();
  for (const r of rows) {
    const p = periodStart(r.day, interval);
    periods.set(p, [...(periods.get(p) ?? []), r]);
  }
  const byTp = new Map<string, Row[]>();
  for (const r of rows) byTp.set(r.touchpoint, [...(byTp.get(r.touchpoint) ?? []), r]);
  const by = q.get('by');
  const segs = new Map<string, Row[]>();
  if (by) {
    for (const r of rows) {
      const v = by === 'locale' ? r.locale : r.attributes[by];
      if (v !== undefined) segs.set(v, [...(segs.get(v) ?? []), r]);
    }
  }
  return {
    survey: { id: survey.id, name: survey.name },
    range: { from: range.from, to: range.to, interval, previous: range.previous },
    source: 'rollup',
    ...counts(rows),
    metrics: m,
    previous: { ...counts(prev), metrics: pm },
    comparison: { nps: compareNps(m.nps, pm.nps), csat: compareCsat(m.csat, pm.csat), ces: compareCes(m.ces, pm.ces) },
    trend: [...periods.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, rs]) => ({ period, ...counts(rs), ...metrics(rs, surveyId) })),
    touchpoints: [...byTp.entries()].map(([key, rs]) => {
      const tp = TOUCHPOINTS.find((t) => t.key === key);
      return { key, name: tp?.name ?? key, stage: tp?.stage ?? null, ...counts(rs), ...metrics(rs, surveyId) };
    }),
    questions: survey.questions.map((qq) => {
      const withAnswer = rows.filter((r) => qq.id in r.answers);
      const size = qq.type === 'nps' ? 11 : qq.type === 'csat' ? 6 : 8;
      if (qq.type === 'text') {
        const s = { positive: 0, neutral: 0, negative: 0 };
        for (const r of withAnswer) s[sentimentOf(String(r.answers[qq.id]))]++;
        return { id: qq.id, type: qq.type, prompt: qq.prompt, answered: withAnswer.length, sentiment: s };
      }
      return {
        id: qq.id,
        type: qq.type,
        prompt: qq.prompt,
        answered: withAnswer.length,
        distribution: hist(withAnswer, qq.id, size)
          .map((count, value) => ({ value, count }))
          .filter((d) => d.count > 0),
      };
    }),
    ...(by
      ? {
          segments: {
            by,
            items: [...segs.entries()]
              .map(([value, rs]) => ({ value, responses: rs.filter(answered).length, ...metrics(rs, surveyId) }))
              .sort((a, b) => b.responses - a.responses),
          },
        }
      : {}),
  };
}

function verbatims(surveyId: string, q: URLSearchParams) {
  const range = resolveRange(q.get('from') ?? undefined, q.get('to') ?? undefined);
  const needle = (q.get('q') ?? '').toLowerCase();
  const items = ROWS.filter((r) => r.surveyId === surveyId && r.day >= range.from && r.day <= range.to)
    .filter((r) => !q.get('touchpoint') || r.touchpoint === q.get('touchpoint'))
    .flatMap((r) =>
      Object.entries(r.answers)
        .filter(([, v]) => typeof v === 'string')
        .map(([questionId, text]) => ({
          responseId: r.id,
          questionId,
          text: String(text),
          sentiment: sentimentOf(String(text)),
          score: typeof r.answers.nps === 'number' ? r.answers.nps : (r.answers.csat as number | undefined),
          touchpoint: r.touchpoint,
          locale: r.locale,
          createdAt: new Date(r.at).toISOString(),
        })),
    )
    .filter(
      (v) =>
        (!needle || v.text.toLowerCase().includes(needle)) &&
        (!q.get('sentiment') || v.sentiment === q.get('sentiment')),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const limit = Number(q.get('limit') ?? 50);
  const start = Number(q.get('cursor') ?? 0);
  const page = items.slice(start, start + limit);
  return { items: page, ...(start + limit < items.length ? { nextCursor: String(start + limit) } : {}) };
}

const STOP = new Set([
  'the',
  'and',
  'is',
  'was',
  'for',
  'it',
  'to',
  'of',
  'a',
  'what',
  'does',
  'very',
  'too',
  'could',
  'be',
  'و',
  'را',
  'از',
  'بود',
  'است',
  'ولی',
  'خیلی',
  'هستند',
  'به',
]);
function terms(surveyId: string, q: URLSearchParams) {
  const all = verbatims(surveyId, new URLSearchParams({ ...Object.fromEntries(q), limit: '100000' })).items;
  const out: Record<string, { term: string; count: number }[]> = {};
  for (const s of ['positive', 'neutral', 'negative']) {
    const c = new Map<string, number>();
    for (const v of all.filter((x) => x.sentiment === s))
      for (const w of v.text.toLowerCase().split(/[^\p{L}\p{N}]+/u))
        if (w.length > 2 && !STOP.has(w)) c.set(w, (c.get(w) ?? 0) + 1);
    out[s] = [...c.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([term, count]) => ({ term, count }));
  }
  return out;
}

function journey(q: URLSearchParams) {
  const range = resolveRange(q.get('from') ?? undefined, q.get('to') ?? undefined);
  const rows = ROWS.filter((r) => r.day >= range.from && r.day <= range.to);
  const stages = ['awareness', 'consideration', 'purchase', 'onboarding', 'usage', 'support', 'loyalty'];
  return {
    stages: stages.map((stage) => ({
      stage,
      touchpoints: TOUCHPOINTS.filter((t) => t.stage === stage).map((t) => {
        const rs = rows.filter((r) => r.touchpoint === t.key && answered(r));
        return {
          key: t.key,
          name: t.name,
          n: rs.length,
          nps: npsFromHistogram(hist(rs, 'nps', 11)),
          csat: csatFromHistogram(hist(rs, 'csat', 6)),
          ces: cesFromHistogram(hist(rs, 'ces', 8)),
        };
      }),
    })),
  };
}

function atRisk(q: URLSearchParams) {
  const range = resolveRange(q.get('from') ?? undefined, q.get('to') ?? undefined);
  const byResp = new Map<string, Row[]>();
  for (const r of ROWS)
    if (r.respondentId && typeof r.answers.nps === 'number' && r.day <= range.to)
      byResp.set(r.respondentId, [...(byResp.get(r.respondentId) ?? []), r]);
  const items = [];
  for (const [id, rs] of byResp) {
    rs.sort((a, b) => a.at - b.at);
    const last = rs[rs.length - 1]!;
    if (last.day < range.from) continue;
    const prev = rs[rs.length - 2];
    const latest = last.answers.nps as number;
    const before = prev ? (prev.answers.nps as number) : undefined;
    const drop = before !== undefined ? before - latest : undefined;
    const reason = latest <= 6 ? 'detractor' : drop !== undefined && drop >= 3 ? 'dropped' : null;
    if (!reason) continue;
    const comment = [...rs]
      .reverse()
      .find((r) => typeof r.answers.why === 'string' || typeof r.answers.improve === 'string');
    const caseStatus = CASES.find((c) => c.responseId === last.id)?.status;
    items.push({
      respondentId: id,
      responseId: last.id,
      ...(caseStatus ? { caseStatus } : {}),
      surveyId: last.surveyId,
      touchpoint: last.touchpoint,
      latestScore: latest,
      previousScore: before,
      drop,
      reason,
      lastComment: comment ? String(comment.answers.improve ?? comment.answers.why) : undefined,
      at: new Date(last.at).toISOString(),
    });
  }
  items.sort((a, b) => a.latestScore - b.latestScore || b.at.localeCompare(a.at));
  return { items: items.slice(0, 100) };
}

function segmentsInfo(surveyId: string) {
  const rows = ROWS.filter((r) => r.surveyId === surveyId);
  const attrs = new Map<string, Map<string, number>>();
  const locales = new Map<string, number>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.attributes)) {
      const m = attrs.get(k) ?? new Map<string, number>();
      m.set(v, (m.get(v) ?? 0) + 1);
      attrs.set(k, m);
    }
    locales.set(r.locale, (locales.get(r.locale) ?? 0) + 1);
  }
  const list = (m: Map<string, number>) =>
    [...m.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
  return { attributes: [...attrs.entries()].map(([name, m]) => ({ name, values: list(m) })), locales: list(locales) };
}

function csv(surveyId: string, q: URLSearchParams) {
  const range = resolveRange(q.get('from') ?? undefined, q.get('to') ?? undefined);
  const rows = ROWS.filter(
    (r) =>
      r.surveyId === surveyId &&
      r.day >= range.from &&
      r.day <= range.to &&
      (!q.get('touchpoint') || r.touchpoint === q.get('touchpoint')),
  );
  const esc = (v: unknown) => `"${String(v ?? '').replaceAll('"', '""')}"`;
  return ['id,day,touchpoint,locale,completed,nps,csat,ces,why']
    .concat(
      rows.map((r) =>
        [r.id, r.day, r.touchpoint, r.locale, r.completed, r.answers.nps, r.answers.csat, r.answers.ces, r.answers.why]
          .map(esc)
          .join(','),
      ),
    )
    .join('\n');
}

/** The inbox: the latest detractors as cases, a few already contacted or resolved (read-only here). */
const CASES = ROWS.filter((r) => typeof r.answers.nps === 'number' && (r.answers.nps as number) <= 6)
  .sort((a, b) => b.at - a.at)
  .slice(0, 12)
  .map((r, i) => {
    const status = i % 3 === 0 ? 'open' : i % 3 === 1 ? 'contacted' : 'resolved';
    const contact = status === 'open' ? null : r.at + (2 + i * 3) * 3_600_000;
    return {
      responseId: r.id,
      status,
      owner: status === 'open' ? null : i % 2 ? 'Sara' : 'Reza',
      note: status === 'resolved' ? 'Refunded the order.' : null,
      createdAt: new Date(r.at).toISOString(),
      firstContactAt: contact === null ? null : new Date(contact).toISOString(),
      resolvedAt: status === 'resolved' && contact !== null ? new Date(contact + 86_400_000).toISOString() : null,
      updatedAt: new Date(r.at).toISOString(),
      surveyId: r.surveyId,
      touchpoint: r.touchpoint,
      respondentId: r.respondentId ?? null,
      completed: r.completed,
      respondedAt: new Date(r.at).toISOString(),
      answers: Object.entries(r.answers).map(([questionId, value]) => ({ questionId, value })),
    };
  });

function caseStats() {
  const counts = { open: 0, contacted: 0, resolved: 0 };
  for (const c of CASES) counts[c.status as keyof typeof counts]++;
  const hoursTo = (k: 'firstContactAt' | 'resolvedAt') =>
    CASES.filter((c) => c[k])
      .map((c) => (Date.parse(c[k]!) - Date.parse(c.respondedAt)) / 3_600_000)
      .sort((a, b) => a - b);
  const q = (xs: number[], p: number) => (xs.length ? xs[Math.round((xs.length - 1) * p)]! : null);
  const sum = (xs: number[]) => ({ n: xs.length, medianHours: q(xs, 0.5), p90Hours: q(xs, 0.9) });
  return {
    total: CASES.length,
    counts,
    timeToFirstContact: sum(hoursTo('firstContactAt')),
    timeToResolve: sum(hoursTo('resolvedAt')),
  };
}

function route(method: string, url: URL): { status: number; body: unknown; type?: string } {
  const p = url.pathname;
  const q = url.searchParams;
  const notFound = { status: 404, body: { error: { code: 'not_found', message: 'not found' } } };
  if (method !== 'GET') return notFound;
  if (p === '/v1/surveys') return { status: 200, body: { surveys: SURVEYS } };
  if (p === '/v1/touchpoints') return { status: 200, body: { touchpoints: TOUCHPOINTS } };
  if (p === '/v1/journey') return { status: 200, body: journey(q) };
  if (p === '/v1/at-risk') return { status: 200, body: atRisk(q) };
  if (p === '/v1/cases/stats') return { status: 200, body: caseStats() };
  if (p === '/v1/cases') {
    const status = q.get('status');
    return { status: 200, body: { cases: CASES.filter((c) => !status || c.status === status) } };
  }
  if (p === '/v1/segments') return { status: 200, body: segmentsInfo(q.get('surveyId') ?? '') };
  const m = /^\/v1\/surveys\/([^/]+)\/(results|verbatims|terms|responses)$/.exec(p);
  if (!m) return notFound;
  const id = decodeURIComponent(m[1]!);
  if (!SURVEYS.some((s) => s.id === id)) return notFound;
  if (m[2] === 'results') return { status: 200, body: results(id, q) };
  if (m[2] === 'verbatims') return { status: 200, body: verbatims(id, q) };
  if (m[2] === 'terms') return { status: 200, body: terms(id, q) };
  return { status: 200, body: csv(id, q), type: 'text/csv; charset=utf-8' };
}

export function mockApi(): Plugin {
  return {
    name: 'seda-mock-api',
    configureServer(server) {
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        if (!req.url?.startsWith('/v1/')) return next();
        const send = (status: number, body: unknown, type = 'application/json') => {
          res.statusCode = status;
          res.setHeader('content-type', type);
          res.end(typeof body === 'string' ? body : JSON.stringify(body));
        };
        if (req.headers.authorization !== 'Bearer demo') {
          return send(401, { error: { code: 'unauthorized', message: 'missing or invalid API key' } });
        }
        const out = route(req.method ?? 'GET', new URL(req.url, 'http://x'));
        // A little latency, like a real network.
        setTimeout(() => send(out.status, out.body, out.type), 60);
      });
    },
  };
}

/**
 * A development stand-in for the Worker's API, served by `vite` (serve, see mock-server.ts) so the
 * dashboard can be built and looked at without a running Worker. Synthetic, deterministic data computed with the
 * real metric math and journey rule from shared/. Never bundled. Sign in with the key `demo`.
 *
 * Typed by the contract: each handler is registered for an endpoint declaration (`on(endpoint, fn)`)
 * and must return that endpoint's reply type, so a changed reply shape is a type error here too.
 * Requests are matched by method and path against ENDPOINTS, and their path parameters, query and
 * body parsed with the endpoint's own schemas, as the Worker does. An endpoint without a handler
 * answers 501.
 */
import type { z } from 'zod';
import { listAlerts } from '../../shared/contract/alerts.ts';
import { getCase, getCaseRecovery, getCaseStats, listCases, patchCase, putCase } from '../../shared/contract/cases.ts';
import { createShareLink, getDigest, listShareLinks, revokeShareLink } from '../../shared/contract/digest.ts';
import type { Endpoint, ReplyOf } from '../../shared/contract/endpoint.ts';
import { ENDPOINTS } from '../../shared/contract/index.ts';
import { getAtRisk, getJourney, getSegments, getTerms, listVerbatims } from '../../shared/contract/insights.ts';
import { listInvitations } from '../../shared/contract/invitations.ts';
import { listKeys } from '../../shared/contract/keys.ts';
import { listPasskeys } from '../../shared/contract/passkeys.ts';
import { eraseRespondent, getRespondent } from '../../shared/contract/respondents.ts';
import { exportResponses, getResults } from '../../shared/contract/results.ts';
import { getSite, getSiteSettings, patchSite, patchSiteSettings } from '../../shared/contract/sites.ts';
import { getSurvey, listSurveys } from '../../shared/contract/surveys.ts';
import { getSession, listAudit, listMembers } from '../../shared/contract/teams.ts';
import { listTouchpoints } from '../../shared/contract/touchpoints.ts';
import { listDeliveries, listWebhooks } from '../../shared/contract/webhooks.ts';
import {
  type Driver,
  getDrivers,
  getOutcomes,
  getSurveyTopics,
  getTopics,
  postOutcomes,
  putTopics,
} from '../../shared/contract/why.ts';
import { addDays, dayOf, periodStart, resolveRange } from '../../shared/dates.ts';
import { frictionOf } from '../../shared/friction.ts';
import {
  cesFromHistogram,
  compareCes,
  compareCsat,
  compareNps,
  csatFromHistogram,
  meanWithCi,
  npsFromHistogram,
  wilson,
} from '../../shared/metrics.ts';
import { resultOf } from '../../shared/questions/registry.ts';
import type { CaseInput, CaseStatus, OutcomesBody, Stage } from '../../shared/schemas/api.ts';
import type { Metrics } from '../../shared/schemas/metrics.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { compileTopics, DEFAULT_TOPICS, tagTopics } from '../../shared/topics.ts';

const MOCK_TOPICS = compileTopics(DEFAULT_TOPICS);

// ---- the contract binding ----

type Out<S, Else> = S extends z.ZodType ? z.output<S> : Else;
/** What a handler gets: the request parsed with the endpoint's schemas, as the Worker's handlers do. */
type Input<E extends Endpoint> = {
  params: Out<E['params'], Record<string, never>>;
  query: Out<E['query'], Record<string, never>>;
  body: Out<E['body'], undefined>;
};
/** What a handler returns: the endpoint's JSON reply, or the text of a CSV/NDJSON download. */
type Output<E extends Endpoint> = E['success'] extends { contentTypes: readonly string[] }
  ? { type: string; text: string }
  : ReplyOf<E>;
type Handler<E extends Endpoint> = (input: Input<E>) => Output<E>;

const handlers = new Map<Endpoint, Handler<Endpoint>>();
function on<E extends Endpoint>(e: E, fn: Handler<E>): void {
  handlers.set(e, fn as unknown as Handler<Endpoint>);
}

class MockError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: PropertyKey[]; message: string }[],
  ) {
    super(message);
  }
}
const notFound = (what: string) => new MockError(404, 'not_found', `${what} not found`);

/** `/v1/surveys/{id}` → a pattern with a named group per parameter. */
const patternOf = (path: string) =>
  new RegExp(`^${path.replace(/[.$^()]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
const ROUTES = ENDPOINTS.map((e) => ({ e, pattern: patternOf(e.path), literal: !e.path.includes('{') }));

/** The declared endpoint for a request; a literal path wins over a parameter (`/v1/cases/stats`). */
function match(method: string, pathname: string): { e: Endpoint; params: Record<string, string> } | undefined {
  let found: { e: Endpoint; params: Record<string, string> } | undefined;
  for (const r of ROUTES) {
    if (r.e.method !== method.toLowerCase()) continue;
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    const params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
    if (r.literal) return { e: r.e, params };
    found ??= { e: r.e, params };
  }
  return found;
}

function parse(schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return value === undefined ? undefined : {};
  const r = schema.safeParse(value);
  if (!r.success) throw new MockError(400, 'invalid_request', 'invalid request', r.error.issues);
  return r.data;
}

function answer(method: string, url: URL, body: unknown): { status: number; body: unknown; type?: string } {
  const m = match(method, url.pathname);
  if (!m) throw notFound('route');
  const fn = handlers.get(m.e);
  if (!fn) throw new MockError(501, 'not_in_mock', `${m.e.operationId} is not in the dev mock`);
  const out = fn({
    params: parse(m.e.params, m.params) as Record<string, never>,
    query: parse(m.e.query, Object.fromEntries(url.searchParams)) as Record<string, never>,
    body: parse(m.e.body, body) as undefined,
  }) as unknown;
  if (m.e.success.status === 204) return { status: 204, body: '' };
  if ('contentTypes' in m.e.success) {
    const raw = out as { type: string; text: string };
    return { status: 200, body: raw.text, type: raw.type };
  }
  return { status: m.e.success.status, body: out };
}

// ---- the data ----

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
  answers: Record<string, number | string | string[]>;
};

const TOUCHPOINTS: { key: string; name: string; stage: Stage }[] = [
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
];

const now = new Date().toISOString();
const SURVEYS: Survey[] = [
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
        id: 'came-for',
        type: 'choice',
        prompt: { en: 'What did you come for today?', fa: 'امروز برای چه آمدید؟' },
        options: [
          { id: 'buy', label: { en: 'To buy', fa: 'خرید' } },
          { id: 'compare', label: { en: 'To compare prices', fa: 'مقایسهٔ قیمت' } },
          { id: 'help', label: { en: 'To get help', fa: 'گرفتن کمک' } },
        ],
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
    const answers: Row['answers'] = {};
    const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));
    if (!shownOnly) {
      const mood = base + (r() - 0.5) * 5;
      if (survey.id === 'srv_relationship') {
        const nps = clamp(7.4 + mood, 0, 10);
        answers.nps = nps;
        if (r() < 0.92) answers.csat = clamp(3.7 + mood / 2.2, 1, 5);
        if (r() < 0.85) answers.ces = clamp(5 + mood / 1.6, 1, 7);
        if (r() < 0.7)
          answers['came-for'] = [tp === 'help' || tp === 'chat' ? 'help' : pick(['buy', 'buy', 'compare'])];
        const s = nps >= 9 ? 'positive' : nps >= 7 ? 'neutral' : 'negative';
        if (r() < 0.45) answers.why = pick(TEXTS[s]);
        if (nps <= 6 && r() < 0.5) answers.improve = pick(TEXTS.negative);
      } else {
        const csat = clamp(3.9 + mood / 2, 1, 5);
        answers.csat = csat;
        if (r() < 0.3) answers.note = pick(TEXTS[csat >= 4 ? 'positive' : 'negative']);
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

const surveyOf = (id: string) => {
  const s = SURVEYS.find((x) => x.id === id);
  if (!s) throw notFound('survey');
  return s;
};

/** Answers per value of a scored question (index = value). */
const hist = (rows: readonly Row[], q: string, size: number) => {
  const h = new Array<number>(size).fill(0);
  for (const r of rows) {
    const v = r.answers[q];
    if (typeof v === 'number') h[v] = (h[v] ?? 0) + 1;
  }
  return h;
};

function metrics(rows: readonly Row[], survey: Survey): Metrics {
  const has = (t: string) => survey.questions.some((q) => q.type === t);
  return {
    nps: has('nps') ? npsFromHistogram(hist(rows, 'nps', 11)) : null,
    csat: has('csat') ? csatFromHistogram(hist(rows, 'csat', 6)) : null,
    ces: has('ces') ? cesFromHistogram(hist(rows, 'ces', 8)) : null,
  };
}

const answered = (r: Row) => Object.keys(r.answers).length > 0;
const counts = (rows: readonly Row[]) => ({
  shown: rows.length,
  responses: rows.filter(answered).length,
  completed: rows.filter((r) => r.completed).length,
});
const sentimentOf = (text: string) =>
  (Object.keys(TEXTS) as (keyof typeof TEXTS)[]).find((k) => (TEXTS[k] as readonly string[]).includes(text)) ??
  'neutral';

type Filter = { from?: string; to?: string; touchpoint?: string; locale?: string; segment?: string };
/** The rows of a survey in a range, with the results filters. */
function rowsOf(surveyId: string, from: string, to: string, f: Filter = {}): Row[] {
  const [attr, value] = f.segment
    ? [f.segment.slice(0, f.segment.indexOf(':')), f.segment.slice(f.segment.indexOf(':') + 1)]
    : [];
  return ROWS.filter(
    (r) =>
      r.surveyId === surveyId &&
      r.day >= from &&
      r.day <= to &&
      (!f.touchpoint || r.touchpoint === f.touchpoint) &&
      (!f.locale || r.locale === f.locale) &&
      (!attr || r.attributes[attr] === value),
  );
}

function question(
  rows: readonly Row[],
  q: Survey['questions'][number],
): ReplyOf<typeof getResults>['questions'][number] {
  const withAnswer = rows.filter((r) => q.id in r.answers);
  const base = { id: q.id, type: q.type, prompt: q.prompt, answered: withAnswer.length };
  // the same counts the Worker reads from its rollups, and the type's own module makes its results
  const options = new Map<string, number>();
  const sentiment = { positive: 0, neutral: 0, negative: 0 };
  for (const r of withAnswer) {
    const v = r.answers[q.id];
    if (Array.isArray(v)) for (const id of v) options.set(id, (options.get(id) ?? 0) + 1);
    else if (typeof v === 'string') sentiment[sentimentOf(v)]++;
  }
  return { ...base, ...resultOf(q, { histogram: hist(withAnswer, q.id, 11), options, sentiment }, { meanWithCi }) };
}

const groupBy = <K>(rows: readonly Row[], key: (r: Row) => K | undefined) => {
  const out = new Map<K, Row[]>();
  for (const r of rows) {
    const k = key(r);
    if (k !== undefined) out.set(k, [...(out.get(k) ?? []), r]);
  }
  return out;
};

// ---- the handlers ----

on(listSurveys, () => ({ items: SURVEYS, surveys: SURVEYS }));
on(getSurvey, ({ params }) => ({ survey: surveyOf(params.id) }));
on(listTouchpoints, () => ({ items: TOUCHPOINTS, touchpoints: TOUCHPOINTS }));

on(getResults, ({ params, query }) => {
  const survey = surveyOf(params.id);
  const range = resolveRange(query.from, query.to);
  const interval = query.interval ?? 'day';
  const rows = rowsOf(survey.id, range.from, range.to, query);
  const prev = rowsOf(survey.id, range.previous.from, range.previous.to, query);
  const m = metrics(rows, survey);
  const pm = metrics(prev, survey);
  const segments = query.by
    ? [...groupBy(rows, (r) => (query.by === 'locale' ? r.locale : r.attributes[query.by!])).entries()]
        .map(([value, rs]) => ({ value, responses: rs.filter(answered).length, ...metrics(rs, survey), vsRest: {} }))
        .sort((a, b) => b.responses - a.responses)
    : undefined;
  return {
    survey: { id: survey.id, name: survey.name },
    range: { from: range.from, to: range.to, interval, previous: range.previous },
    source: 'rollup' as const,
    ...counts(rows),
    metrics: m,
    previous: { ...counts(prev), metrics: pm },
    comparison: { nps: compareNps(m.nps, pm.nps), csat: compareCsat(m.csat, pm.csat), ces: compareCes(m.ces, pm.ces) },
    trend: [...groupBy(rows, (r) => periodStart(r.day, interval)).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, rs]) => ({ period, ...counts(rs), ...metrics(rs, survey) })),
    touchpoints: [...groupBy(rows, (r) => r.touchpoint).entries()].map(([key, rs]) => {
      const tp = TOUCHPOINTS.find((t) => t.key === key);
      return { key, name: tp?.name ?? key, stage: tp?.stage ?? null, ...counts(rs), ...metrics(rs, survey) };
    }),
    questions: survey.questions.map((q) => question(rows, q)),
    ...(segments ? { segments: { by: query.by!, items: segments } } : {}),
  };
});

function verbatimsOf(
  surveyId: string,
  q: { from?: string; to?: string; touchpoint?: string; q?: string; sentiment?: string },
) {
  const range = resolveRange(q.from, q.to);
  const needle = (q.q ?? '').toLowerCase();
  return rowsOf(surveyId, range.from, range.to, { touchpoint: q.touchpoint })
    .flatMap((r) =>
      Object.entries(r.answers)
        .filter((e): e is [string, string] => typeof e[1] === 'string')
        .map(([questionId, text]) => ({
          responseId: r.id,
          questionId,
          text,
          sentiment: sentimentOf(text),
          topics: tagTopics(text, MOCK_TOPICS),
          score: typeof r.answers.nps === 'number' ? r.answers.nps : (r.answers.csat as number | undefined),
          touchpoint: r.touchpoint,
          locale: r.locale,
          createdAt: new Date(r.at).toISOString(),
        })),
    )
    .filter((v) => (!needle || v.text.toLowerCase().includes(needle)) && (!q.sentiment || v.sentiment === q.sentiment))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

on(listVerbatims, ({ params, query }) => {
  const items = verbatimsOf(surveyOf(params.id).id, query);
  const start = Number(query.cursor ?? 0);
  const end = start + query.limit;
  return { items: items.slice(start, end), ...(end < items.length ? { nextCursor: String(end) } : {}) };
});

const STOP = new Set(
  'the and is was for it to of a what does very too could be و را از بود است ولی خیلی هستند به'.split(' '),
);
on(getTerms, ({ params, query }) => {
  const all = verbatimsOf(surveyOf(params.id).id, query);
  const termsOf = (s: string) => {
    const c = new Map<string, number>();
    for (const v of all.filter((x) => x.sentiment === s))
      for (const w of v.text.toLowerCase().split(/[^\p{L}\p{N}]+/u))
        if (w.length > 2 && !STOP.has(w)) c.set(w, (c.get(w) ?? 0) + 1);
    return [...c.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([term, count]) => ({ term, count }));
  };
  return { positive: termsOf('positive'), neutral: termsOf('neutral'), negative: termsOf('negative') };
});

on(getJourney, ({ query }) => {
  const range = resolveRange(query.from, query.to);
  const rows = ROWS.filter((r) => r.day >= range.from && r.day <= range.to);
  const stages = [...new Set(TOUCHPOINTS.map((t) => t.stage))].map((stage) => ({
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
  }));
  return { range: { from: range.from, to: range.to }, stages, friction: frictionOf(stages) };
});

on(getAtRisk, ({ query }) => {
  const range = resolveRange(query.from, query.to);
  const byRespondent = groupBy(
    ROWS.filter((r) => typeof r.answers.nps === 'number' && r.day <= range.to),
    (r) => r.respondentId,
  );
  const items: ReplyOf<typeof getAtRisk>['items'] = [];
  for (const [id, rs] of byRespondent) {
    rs.sort((a, b) => a.at - b.at);
    const last = rs[rs.length - 1]!;
    if (last.day < range.from) continue;
    const latest = last.answers.nps as number;
    const before = rs[rs.length - 2]?.answers.nps as number | undefined;
    const drop = before !== undefined && before > latest ? before - latest : undefined;
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
  return { range: { from: range.from, to: range.to }, items: items.slice(0, 200) };
});

on(getSegments, ({ query }) => {
  const rows = ROWS.filter(
    (r) =>
      (!query.surveyId || r.surveyId === query.surveyId) &&
      (!query.from || r.day >= query.from) &&
      (!query.to || r.day <= query.to),
  );
  const list = (m: Map<string, Row[]>) =>
    [...m.entries()].map(([value, rs]) => ({ value, count: rs.length })).sort((a, b) => b.count - a.count);
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.attributes)))];
  return {
    attributes: names.map((name) => ({ name, values: list(groupBy(rows, (r) => r.attributes[name])) })),
    locales: list(groupBy(rows, (r) => r.locale)),
  };
});

on(exportResponses, ({ params, query }) => {
  const range = resolveRange(query.from, query.to);
  const rows = rowsOf(surveyOf(params.id).id, range.from, range.to, query);
  if (query.format === 'ndjson')
    return { type: 'application/x-ndjson', text: rows.map((r) => `${JSON.stringify(r)}\n`).join('') };
  const esc = (v: unknown) => `"${String(v ?? '').replaceAll('"', '""')}"`;
  const lines = rows.map((r) =>
    [r.id, r.day, r.touchpoint, r.locale, r.completed, r.answers.nps, r.answers.csat, r.answers.ces, r.answers.why]
      .map(esc)
      .join(','),
  );
  return {
    type: 'text/csv; charset=utf-8',
    text: ['id,day,touchpoint,locale,completed,nps,csat,ces,why', ...lines].join('\n'),
  };
});

/** The inbox: the latest detractors as cases, a few already contacted or resolved. */
const CASES: ReplyOf<typeof listCases>['items'] = ROWS.filter(
  (r) => typeof r.answers.nps === 'number' && (r.answers.nps as number) <= 6,
)
  .sort((a, b) => b.at - a.at)
  .slice(0, 12)
  .map((r, i) => {
    const status: CaseStatus = i % 3 === 0 ? 'open' : i % 3 === 1 ? 'contacted' : 'resolved';
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
      assignee: null,
      dueAt: null,
      escalatedAt: null,
      category: status === 'resolved' ? ('delivery' as const) : null,
      surveyId: r.surveyId,
      touchpoint: r.touchpoint,
      respondentId: r.respondentId ?? null,
      completed: r.completed,
      respondedAt: new Date(r.at).toISOString(),
      answers: Object.entries(r.answers).map(([questionId, value]) => ({
        questionId,
        value,
        ...(typeof value === 'string' ? { sentiment: sentimentOf(value) } : {}),
      })),
    };
  });

on(listCases, ({ query }) => {
  const items = CASES.filter(
    (c) =>
      (!query.status || c.status === query.status) &&
      (!query.surveyId || c.surveyId === query.surveyId) &&
      (!query.owner || c.owner === query.owner),
  ).slice(0, query.limit);
  return { items, cases: items };
});

on(getCaseStats, () => {
  const byStatus: Record<CaseStatus, number> = { open: 0, contacted: 0, resolved: 0 };
  for (const c of CASES) byStatus[c.status]++;
  const hoursTo = (k: 'firstContactAt' | 'resolvedAt') =>
    CASES.flatMap((c) => (c[k] ? [(Date.parse(c[k]) - Date.parse(c.respondedAt)) / 3_600_000] : [])).sort(
      (a, b) => a - b,
    );
  const at = (xs: number[], p: number) => (xs.length ? xs[Math.round((xs.length - 1) * p)]! : null);
  const summary = (xs: number[]) => ({ n: xs.length, medianHours: at(xs, 0.5), p90Hours: at(xs, 0.9) });
  return {
    total: CASES.length,
    counts: byStatus,
    timeToFirstContact: summary(hoursTo('firstContactAt')),
    timeToResolve: summary(hoursTo('resolvedAt')),
  };
});

const caseOf = (responseId: string) => {
  const c = CASES.find((x) => x.responseId === responseId);
  if (!c) throw notFound('case');
  return c;
};
on(getCase, ({ params }) => ({ case: { ...caseOf(params.responseId), timeline: [] } }));
/** Opening a case on a response without one is not in the mock: its cases are the detractors above. */
const writeCase = ({ params, body }: { params: { responseId: string }; body: CaseInput }) => {
  const c = caseOf(params.responseId);
  const at = new Date().toISOString();
  if (body.status && body.status !== c.status) {
    if (body.status !== 'open') c.firstContactAt ??= at;
    c.resolvedAt = body.status === 'resolved' ? at : null;
    c.status = body.status;
  }
  if (body.owner !== undefined) c.owner = body.owner;
  if (body.note !== undefined) c.note = body.note;
  if (body.assignee !== undefined) c.assignee = body.assignee;
  if (body.dueAt !== undefined) c.dueAt = body.dueAt;
  if (body.category !== undefined) c.category = body.category;
  c.updatedAt = at;
  return { case: { ...c, timeline: [] } };
};
on(patchCase, writeCase);
on(putCase, writeCase);

const SITE = {
  id: 'site_demo',
  key: 'demo-site',
  name: 'Demo shop',
  origins: ['http://localhost:5199'],
  locale: 'en',
  recontactDays: 30,
  timeZone: 'UTC',
  calendar: 'gregorian' as 'gregorian' | 'persian',
};
on(getSite, () => ({
  site: SITE,
  lastResponseAt: new Date(Math.max(...ROWS.map((r) => r.at))).toISOString(),
  rezoning: false,
}));
// The mock keeps a changed site for the page's life (its rows' days stay UTC days).
on(patchSite, ({ body }) => {
  Object.assign(SITE, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)));
  return { site: SITE };
});
const SETTINGS: ReplyOf<typeof getSiteSettings> = {
  settings: {
    dailyCap: null,
    effectiveDailyCap: 10_000,
    responsesToday: ROWS.filter((r) => r.day === dayOf(Date.now())).length,
    turnstile: { enabled: false, siteKey: null },
    identityVerification: false,
    segments: [],
    digest: { schedule: 'off', weekday: null, hour: null, timeZone: null, nextAt: null, webhooks: 1 },
  },
};
on(getSiteSettings, () => SETTINGS);
on(listKeys, () => {
  const keys = [
    {
      id: 'demo0000key0',
      prefix: 'sk_demo0000key0',
      name: 'Dashboard',
      scopes: ['read' as const, 'manage' as const],
      createdAt: now,
      lastUsedAt: now,
      revoked: false,
      revokedAt: null,
    },
  ];
  return { items: keys, keys };
});

// ---- why, and what it costs ----

let topicList: ReplyOf<typeof getTopics> = { topics: DEFAULT_TOPICS, custom: false };
on(getTopics, () => topicList);
on(putTopics, ({ body }) => {
  topicList = { topics: body.topics, custom: true };
  return topicList;
});

const textOf = (r: Row) =>
  Object.values(r.answers)
    .filter((v): v is string => typeof v === 'string')
    .join(' ');
on(getSurveyTopics, ({ params, query }) => {
  const range = resolveRange(query.from, query.to);
  const compiled = compileTopics(topicList.topics);
  const withText = (from: string, to: string) => rowsOf(surveyOf(params.id).id, from, to).filter((r) => textOf(r));
  const rows = withText(range.from, range.to);
  const prev = withText(range.previous.from, range.previous.to);
  const sentimentCounts = (rs: readonly Row[]) => {
    const c = { n: rs.length, positive: 0, neutral: 0, negative: 0 };
    for (const r of rs) c[sentimentOf(textOf(r))]++;
    return c;
  };
  const tagged = (rs: readonly Row[], key: string) => rs.filter((r) => tagTopics(textOf(r), compiled).includes(key));
  const topics = topicList.topics
    .map((tp) => {
      const rs = tagged(rows, tp.key);
      return {
        key: tp.key,
        ...sentimentCounts(rs),
        previous: tagged(prev, tp.key).length,
        touchpoints: [...groupBy(rs, (r) => r.touchpoint).entries()].map(([touchpoint, x]) => ({
          touchpoint,
          ...sentimentCounts(x),
        })),
        trend: [...groupBy(rs, (r) => r.day).entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([day, x]) => ({ day, n: x.length })),
      };
    })
    .filter((t) => t.n > 0)
    .sort((a, b) => b.n - a.n);
  return {
    range: { from: range.from, to: range.to },
    n: rows.length,
    topics,
    suggested: [
      { term: 'invoice', count: 14 },
      { term: 'discount code', count: 9 },
    ],
  };
});

on(getDrivers, ({ params, query }) => {
  const survey = surveyOf(params.id);
  const range = resolveRange(query.from, query.to);
  const target = query.target ?? 'nps';
  const n = rowsOf(survey.id, range.from, range.to).filter((r) => typeof r.answers[target] === 'number').length;
  // Plausible, fixed importances: checkout and effort matter most, the blog not at all.
  const d = (
    kind: Driver['kind'],
    key: string,
    importance: number,
    half: number,
    share: number,
    performance: number,
  ): Driver => ({
    kind,
    key,
    importance,
    ci95: [importance - half, importance + half],
    n: Math.round(n * share),
    performance,
    evidence: Math.abs(importance) > half,
  });
  const drivers = [
    d('question', target === 'ces' ? 'csat' : 'ces', 0.31, 0.06, 0.85, 0.68),
    d('touchpoint', 'checkout', -0.22, 0.07, 0.18, 0.41),
    d('question', target === 'csat' ? 'ces' : 'csat', 0.17, 0.05, 0.92, 0.74),
    d('attribute', 'plan=business', 0.09, 0.04, 0.25, 0.25),
    d('option', 'came-for:help', -0.06, 0.04, 0.2, 0.2),
    d('touchpoint', 'blog', 0.01, 0.03, 0.08, 0.66),
  ].filter((x) => x.key !== target);
  return {
    target,
    n,
    enough: n >= 30,
    ...(n >= 30 ? { r2: 0.46 } : {}),
    method: 'relative weights of a linear regression, 95% intervals from 200 seeded bootstrap samples',
    drivers: n >= 30 ? drivers : [],
  };
});

const OUTCOMES = new Map<string, { kind: OutcomesBody['items'][number]['kind']; value?: number; at: string }[]>();
// Every tenth identified customer churned, more often after a low score; plan value as `value`.
for (const r of ROWS)
  if (r.respondentId && typeof r.answers.nps === 'number' && !OUTCOMES.has(r.respondentId)) {
    const low = (r.answers.nps as number) <= 6;
    const churned = Number(r.respondentId.slice(5)) % (low ? 3 : 12) === 0;
    OUTCOMES.set(r.respondentId, [
      {
        kind: churned ? 'churned' : 'retained',
        value: r.attributes.plan === 'business' ? 1200 : r.attributes.plan === 'pro' ? 300 : 0,
        at: new Date(r.at + 20 * 86_400_000).toISOString(),
      },
    ]);
  }
const npsGroup = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');
on(getOutcomes, ({ query }) => {
  const range = resolveRange(query.from, query.to);
  const latest = new Map<string, number>();
  for (const r of [...ROWS].sort((a, b) => a.at - b.at))
    if (r.respondentId && typeof r.answers.nps === 'number') latest.set(r.respondentId, r.answers.nps as number);
  const groups = (['promoter', 'passive', 'detractor'] as const).map((group) => {
    let n = 0;
    let events = 0;
    let value = 0;
    for (const [id, score] of latest) {
      if (npsGroup(score) !== group) continue;
      const os = OUTCOMES.get(id) ?? [];
      if (!os.length) continue;
      n++;
      const hit = os.find((o) => o.kind === query.kind && o.at.slice(0, 10) >= range.from);
      if (hit) {
        events++;
        value += hit.value ?? 0;
      }
    }
    return {
      group,
      n,
      events,
      rate: n ? events / n : null,
      ci95: n ? wilson(events, n) : null,
      ...(value ? { valueAtRisk: value } : {}),
    };
  });
  const churned = [...OUTCOMES.values()].filter((os) => os.some((o) => o.kind === 'churned')).length;
  return {
    kind: query.kind,
    range: { from: range.from, to: range.to },
    groups,
    model: {
      enough: true,
      minimum: 30,
      churned,
      retained: OUTCOMES.size - churned,
      auc: 0.74,
      aucCi95: [0.66, 0.81] as [number, number],
      heldOut: Math.round(OUTCOMES.size / 4),
      weights: [
        { feature: 'latestScore', weight: -1.1 },
        { feature: 'drop', weight: 0.4 },
        { feature: 'sentiment', weight: -0.3 },
        { feature: 'openCases', weight: 0.2 },
        { feature: 'recencyDays', weight: 0.1 },
      ],
    },
  };
});
on(postOutcomes, ({ body }) => {
  let created = 0;
  for (const i of body.items) {
    const list = OUTCOMES.get(i.respondentId) ?? [];
    const at = i.at ?? `${dayOf(Date.now())}T00:00:00.000Z`;
    if (list.some((o) => o.kind === i.kind && o.at === at)) continue;
    list.push({ kind: i.kind, at, ...(i.value !== undefined ? { value: i.value } : {}) });
    OUTCOMES.set(i.respondentId, list);
    created++;
  }
  return { accepted: body.items.length, created, existing: body.items.length - created, updated: 0 };
});

const ERASED = new Set<string>();
on(getRespondent, ({ params }) => {
  const id = params.respondentId;
  const rows = ROWS.filter((r) => r.respondentId === id).sort((a, b) => a.at - b.at);
  if (!rows.length || ERASED.has(id)) throw notFound('respondent');
  const compiled = compileTopics(topicList.topics);
  const events: ReplyOf<typeof getRespondent>['events'] = [
    ...rows.map((r) => ({
      type: 'response' as const,
      at: new Date(r.at).toISOString(),
      responseId: r.id,
      surveyId: r.surveyId,
      touchpoint: r.touchpoint,
      channel: 'web',
      locale: r.locale,
      completed: r.completed,
      attributes: r.attributes,
      answers: Object.entries(r.answers).map(([questionId, value]) => ({
        questionId,
        value,
        ...(typeof value === 'string' ? { sentiment: sentimentOf(value), topics: tagTopics(value, compiled) } : {}),
      })),
    })),
    ...(OUTCOMES.get(id) ?? []).map((o) => ({ type: 'outcome' as const, ...o })),
  ];
  const c = CASES.find((x) => rows.some((r) => r.id === x.responseId));
  if (c) events.push({ type: 'case', at: c.createdAt, case: c });
  events.sort((a, b) => a.at.localeCompare(b.at));
  return {
    respondentId: id,
    attributes: rows[rows.length - 1]!.attributes,
    firstSeen: new Date(rows[0]!.at).toISOString(),
    lastSeen: new Date(rows[rows.length - 1]!.at).toISOString(),
    responses: rows.length,
    events,
  };
});
on(eraseRespondent, ({ params }) => {
  ERASED.add(params.respondentId);
  OUTCOMES.delete(params.respondentId);
  return {
    respondentId: params.respondentId,
    deletedResponses: ROWS.filter((r) => r.respondentId === params.respondentId).length,
  };
});

// ---- digest and share links ----

on(getDigest, ({ query }) => {
  const range = resolveRange(query.from ?? addDays(dayOf(Date.now()), -7), query.to ?? addDays(dayOf(Date.now()), -1));
  const surveys = SURVEYS.map((s) => {
    const rows = rowsOf(s.id, range.from, range.to);
    const prev = rowsOf(s.id, range.previous.from, range.previous.to);
    const m = metrics(rows, s);
    const pm = metrics(prev, s);
    const changes = (
      [
        ['nps', compareNps(m.nps, pm.nps)],
        ['csat', compareCsat(m.csat, pm.csat)],
        ['ces', compareCes(m.ces, pm.ces)],
      ] as const
    ).flatMap(([metric, c]) => (c?.significant ? [{ metric, ...c }] : []));
    return {
      id: s.id,
      name: s.name,
      ...counts(rows),
      metrics: m,
      previous: { ...counts(prev), metrics: pm },
      changes,
      drivers: m.nps?.enough
        ? {
            target: 'nps' as const,
            n: m.nps.n,
            items: [
              {
                kind: 'question' as const,
                key: 'ces',
                importance: 0.31,
                ci95: [0.25, 0.37] as [number, number],
                n: m.nps.n,
              },
              {
                kind: 'touchpoint' as const,
                key: 'checkout',
                importance: -0.22,
                ci95: [-0.29, -0.15] as [number, number],
                n: Math.round(m.nps.n / 5),
              },
            ],
          }
        : null,
      topicsRising: topicList.topics
        .slice(0, 2)
        .map((t, i) => ({ key: t.key, label: t.label, n: 12 - i * 4, previous: 5 - i })),
    };
  });
  return {
    site: { id: SITE.id, name: SITE.name },
    range: { from: range.from, to: range.to, previous: range.previous },
    surveys,
    atRisk: { count: 23, capped: false },
    cases: { opened: 17, resolved: 11 },
    recovery: { rate: 0.45, ci95: wilson(9, 20), recovered: 9, n: 20 },
  };
});

const SHARE_LINKS: ReplyOf<typeof listShareLinks>['items'] = [
  { id: 'shl_board', label: 'Board', createdAt: now, expiresAt: null, revokedAt: null, lastUsedAt: now },
];
on(listShareLinks, () => ({ items: SHARE_LINKS }));
on(createShareLink, ({ body }) => {
  const link = {
    id: `shl_${SHARE_LINKS.length + 1}`,
    label: body.label ?? null,
    createdAt: new Date().toISOString(),
    expiresAt: body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000).toISOString() : null,
    revokedAt: null,
    lastUsedAt: null,
  };
  SHARE_LINKS.unshift(link);
  return { ...link, url: `http://localhost:8787/share/mock-token-${link.id}` };
});
on(revokeShareLink, ({ params }) => {
  const l = SHARE_LINKS.find((x) => x.id === params.id);
  if (!l) throw notFound('share link');
  l.revokedAt = new Date().toISOString();
  return undefined;
});
on(patchSiteSettings, ({ body }) => {
  const s = SETTINGS.settings;
  if (body.digest)
    s.digest =
      body.digest.schedule === 'off'
        ? { schedule: 'off', weekday: null, hour: null, timeZone: null, nextAt: null, webhooks: 1 }
        : { ...body.digest, nextAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), webhooks: 1 };
  if (body.dailyCap !== undefined) s.dailyCap = body.dailyCap;
  if (body.segments) s.segments = body.segments.map((name) => ({ name, ready: true, values: 4 }));
  return SETTINGS;
});

// ---- people and operations ----

const MEMBERS: ReplyOf<typeof listMembers>['items'] = [
  { id: 'mem_owner', email: 'sara@example.com', role: 'owner', name: 'Sara', status: 'active', createdAt: now },
  { id: 'mem_ali', email: 'ali@example.com', role: 'admin', name: 'Ali', status: 'active', createdAt: now },
  { id: 'mem_neda', email: 'neda@example.com', role: 'analyst', name: null, status: 'invited', createdAt: now },
];
on(listMembers, () => ({ items: MEMBERS }));
// The mock signs in with the site key `demo`, not with a person's session.
on(getSession, () => {
  throw new MockError(401, 'unauthorized', 'the dev mock signs in with the API key "demo"');
});
on(listPasskeys, () => ({
  items: [{ id: 'cred_demo', name: 'Laptop', createdAt: now, lastUsedAt: now }],
}));
on(getCaseRecovery, () => {
  const g = (recovered: number, n: number) => ({
    n,
    recovered,
    rate: n ? recovered / n : null,
    ci95: n ? wilson(recovered, n) : null,
    enough: n >= 30,
  });
  return {
    overall: g(19, 42),
    sent: 64,
    byOwner: [
      { ...g(12, 25), assignee: 'mem_ali', email: 'ali@example.com' },
      { ...g(7, 17), assignee: null, email: null },
    ],
    byTouchpoint: [
      { ...g(11, 24), touchpoint: 'checkout' },
      { ...g(8, 18), touchpoint: 'chat' },
    ],
  };
});
const WEBHOOKS: ReplyOf<typeof listWebhooks>['items'] = [
  {
    id: 'wh_slack',
    url: 'https://hooks.slack.com/services/T000/B000/XXXX',
    format: 'slack',
    events: ['response.completed', 'digest'],
    createdAt: now,
    previousSecretExpiresAt: null,
  },
];
on(listWebhooks, () => ({ items: WEBHOOKS, webhooks: WEBHOOKS }));
on(listDeliveries, ({ params }) => {
  const deliveries: ReplyOf<typeof listDeliveries>['items'] = [0, 1, 2].map((i) => ({
    id: `dlv_${i}`,
    webhookId: params.id,
    event: i === 2 ? 'digest' : 'response.completed',
    status: i === 1 ? ('failed' as const) : ('delivered' as const),
    attempts: i === 1 ? 3 : 1,
    lastStatusCode: i === 1 ? 500 : 200,
    lastError: i === 1 ? 'HTTP 500' : null,
    createdAt: now,
    deliveredAt: i === 1 ? null : now,
    attemptLog: [{ at: now, statusCode: i === 1 ? 500 : 200, error: i === 1 ? 'HTTP 500' : null, durationMs: 120 }],
    payload: { type: i === 2 ? 'digest' : 'response.completed' },
  }));
  return { items: deliveries, deliveries };
});
const ALERTS: ReplyOf<typeof listAlerts>['items'] = [
  {
    id: 'al_detractor',
    kind: 'answer',
    surveyId: 'srv_relationship',
    questionId: 'nps',
    max: 6,
    targetHours: 24,
    webhookId: 'wh_slack',
    createdAt: now,
  },
];
on(listAlerts, () => ({ items: ALERTS, alerts: ALERTS }));
on(
  listAudit,
  (): ReplyOf<typeof listAudit> => ({
    items: [
      {
        id: 'au_1',
        at: now,
        actor: { type: 'member', id: 'mem_ali', email: 'ali@example.com' },
        action: 'patchSurvey',
        target: { type: 'survey', id: 'srv_relationship' },
      },
      {
        id: 'au_2',
        at: now,
        actor: { type: 'key', id: 'demo0000key0' },
        action: 'createShareLink',
        target: { type: 'share-link', id: 'shl_board' },
      },
    ],
  }),
);
on(listInvitations, ({ params }) => ({
  items: ['email', 'sms', 'qr'].map((channel, i) => ({
    id: `inv_${i}`,
    surveyId: params.id,
    channel: channel as 'email' | 'sms' | 'qr',
    ...(channel === 'qr' ? {} : { respondentId: `cust-${1000 + i}` }),
    url: `http://localhost:8787/s/mock-${i}`,
    status: i === 0 ? ('completed' as const) : ('pending' as const),
    createdAt: now,
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  })),
}));

// ---- one request ----

/** The answer to one request: the status, and a JSON body (or the text of a download) with its type. */
export function respond(
  method: string,
  url: string,
  headers: { authorization?: string | undefined },
  raw: string,
): { status: number; body: string; type?: string } {
  let out: { status: number; body: unknown; type?: string };
  try {
    if (headers.authorization !== 'Bearer demo') throw new MockError(401, 'unauthorized', 'missing or invalid API key');
    out = answer(method, new URL(url, 'http://x'), raw ? JSON.parse(raw) : undefined);
  } catch (e) {
    const err = e instanceof MockError ? e : new MockError(400, 'invalid_json', String(e));
    out = { status: err.status, body: { error: { code: err.code, message: err.message, issues: err.issues } } };
  }
  const body = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
  return { status: out.status, body, ...(out.status === 204 ? {} : { type: out.type ?? 'application/json' }) };
}

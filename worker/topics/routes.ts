import { Hono } from 'hono';
import { getSurveyTopics, getTopics, putTopics, type SurveyTopics } from '../../shared/contract/why';
import { topTerms } from '../../shared/sentiment';
import { forgetCollectCache } from '../collect/cache';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { notFound } from '../http/errors';
import { siteRange } from '../sites/time';
import { getSurvey } from '../surveys/sql';
import { startRetag } from './retag';
import { getTopicList, parseTopics, putTopicList, topicAnswerRows, untaggedTexts } from './sql';

/** Answers read for the counts of one range (the latest first): bounded at any volume. */
const TOPIC_ROWS_CAP = 20_000;
/** A term must recur in this many untagged answers to be suggested as a topic. */
const SUGGEST_MIN = 3;

export const topicRoutes = new Hono<AppEnv>();

route(topicRoutes, getTopics, async (c) => {
  const list = await getTopicList(c.env.DB, c.get('siteId'));
  return { topics: list.topics, custom: list.custom };
});

route(topicRoutes, putTopics, async (c, { body }) => {
  const siteId = c.get('siteId');
  const version = await putTopicList(c.env.DB, siteId, body.topics, Date.now());
  forgetCollectCache(); // new answers are tagged with the new list from now on (other isolates within 10 s)
  await startRetag(c.env, siteId, version, (p) => c.executionCtx.waitUntil(p));
  return { topics: body.topics, custom: true };
});

type Counts = { n: number; positive: number; neutral: number; negative: number };
const zero = (): Counts => ({ n: 0, positive: 0, neutral: 0, negative: 0 });
const bump = (c: Counts, s: number | null) => {
  c.n++;
  if (s === 1) c.positive++;
  else if (s === -1) c.negative++;
  else c.neutral++;
};

route(topicRoutes, getSurveyTopics, async (c, { params, query }) => {
  const siteId = c.get('siteId');
  const survey = await getSurvey(c.env.DB, siteId, params.id);
  if (!survey) throw notFound('survey');
  const range = await siteRange(c.env.DB, siteId, query.from, query.to);
  const [rows, before, list] = await Promise.all([
    topicAnswerRows(c.env.DB, { siteId, surveyId: survey.id, from: range.from, to: range.to, cap: TOPIC_ROWS_CAP }),
    topicAnswerRows(c.env.DB, { siteId, surveyId: survey.id, ...range.previous, cap: TOPIC_ROWS_CAP }),
    getTopicList(c.env.DB, siteId),
  ]);
  const known = new Set(list.topics.map((t) => t.key));
  const per = new Map<string, { all: Counts; tp: Map<string, Counts>; days: Map<string, number>; previous: number }>();
  const of = (key: string) => {
    const e = per.get(key) ?? {
      all: zero(),
      tp: new Map<string, Counts>(),
      days: new Map<string, number>(),
      previous: 0,
    };
    per.set(key, e);
    return e;
  };
  for (const r of rows) {
    for (const key of parseTopics(r.topics)) {
      if (!known.has(key)) continue; // a topic removed since; the re-tag job drops it
      const e = of(key);
      bump(e.all, r.sentiment);
      const tp = e.tp.get(r.touchpoint) ?? zero();
      bump(tp, r.sentiment);
      e.tp.set(r.touchpoint, tp);
      e.days.set(r.day, (e.days.get(r.day) ?? 0) + 1);
    }
  }
  for (const r of before) for (const key of parseTopics(r.topics)) if (known.has(key)) of(key).previous++;
  const texts = await untaggedTexts(c.env.DB, { siteId, surveyId: survey.id, ...range, cap: 2000 });
  const reply: SurveyTopics = {
    range: { from: range.from, to: range.to },
    n: rows.length,
    topics: [...per]
      .filter(([, e]) => e.all.n > 0)
      .map(([key, e]) => ({
        key,
        ...e.all,
        previous: e.previous,
        touchpoints: [...e.tp].map(([touchpoint, cnt]) => ({ touchpoint, ...cnt })).sort((a, b) => b.n - a.n),
        trend: [...e.days].map(([day, n]) => ({ day, n })).sort((a, b) => (a.day < b.day ? -1 : 1)),
      }))
      .sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1)),
    suggested: topTerms(texts, 10).filter((t) => t.count >= SUGGEST_MIN),
  };
  return reply;
});

/**
 * Topic × sentiment × touchpoint counts of a survey's open-text answers in a range, with each
 * topic's mentions in the period before: what GET /v1/surveys/{id}/topics answers, and what the
 * digest's "topics rising" reads, so both count the same way.
 */
import type { SurveyTopics } from '../../shared/contract/why';
import type { Topic } from '../../shared/topics';
import { siteRange } from '../sites/time';
import { getTopicList, parseTopics, topicAnswerRows } from './sql';

/** Answers read for the counts of one range (the latest first): bounded at any volume. */
export const TOPIC_ROWS_CAP = 20_000;

type Counts = { n: number; positive: number; neutral: number; negative: number };
const zero = (): Counts => ({ n: 0, positive: 0, neutral: 0, negative: 0 });
const bump = (c: Counts, s: number | null) => {
  c.n++;
  if (s === 1) c.positive++;
  else if (s === -1) c.negative++;
  else c.neutral++;
};

export async function topicCounts(
  db: D1Database,
  siteId: string,
  surveyId: string,
  from?: string,
  to?: string,
): Promise<Omit<SurveyTopics, 'suggested'> & { list: Topic[] }> {
  const range = await siteRange(db, siteId, from, to);
  const [rows, before, list] = await Promise.all([
    topicAnswerRows(db, { siteId, surveyId, from: range.from, to: range.to, cap: TOPIC_ROWS_CAP }),
    topicAnswerRows(db, { siteId, surveyId, ...range.previous, cap: TOPIC_ROWS_CAP }),
    getTopicList(db, siteId),
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
  return {
    list: list.topics,
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
  };
}

import { Hono } from 'hono';
import { getSurveyTopics, getTopics, putTopics, type SurveyTopics } from '../../shared/contract/why';
import { topTerms } from '../../shared/sentiment';
import { forgetCollectCache } from '../collect/cache';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { notFound } from '../http/errors';
import { getSurvey } from '../surveys/sql';
import { topicCounts } from './counts';
import { startRetag } from './retag';
import { getTopicList, putTopicList, untaggedTexts } from './sql';

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

route(topicRoutes, getSurveyTopics, async (c, { params, query }) => {
  const siteId = c.get('siteId');
  const survey = await getSurvey(c.env.DB, siteId, params.id);
  if (!survey) throw notFound('survey');
  const { list: _list, ...counts } = await topicCounts(c.env.DB, siteId, survey.id, query.from, query.to);
  const range = counts.range;
  const texts = await untaggedTexts(c.env.DB, { siteId, surveyId: survey.id, ...range, cap: 2000 });
  const reply: SurveyTopics = {
    ...counts,
    suggested: topTerms(texts, 10).filter((t) => t.count >= SUGGEST_MIN),
  };
  return reply;
});

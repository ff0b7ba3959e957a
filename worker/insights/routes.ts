import { Hono } from 'hono';
import { getAtRisk, getSegments, getTerms, listVerbatims } from '../../shared/contract/insights';
import { searchQuery, topTerms } from '../../shared/sentiment';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { notFound } from '../http/errors';
import { churnInputs, npsPairs } from '../outcomes/routes';
import { siteRange } from '../sites/time';
import { getSurvey, metricQuestions } from '../surveys/sql';
import { parseTopics } from '../topics/sql';
import {
  AT_RISK_DROP,
  AT_RISK_LIMIT,
  atRiskRows,
  SEGMENT_MAX_ATTRIBUTES,
  segmentRows,
  sentimentName,
  termTexts,
  verbatimRows,
} from './sql';
import { decodeVerbatimCursor, encodeVerbatimCursor } from './verbatim-cursor';

/** Terms returned per sentiment. */
const TERMS_PER_SENTIMENT = 20;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Site-owner insights, mounted at /v1 beside other groups: each route takes its own auth
 * middleware (a `use()` here would run for every /v1 path).
 */
export const insightRoutes = new Hono<AppEnv>();

/** Open-text answers, newest first, with search, sentiment/touchpoint/day filters and a keyset cursor. */
route(insightRoutes, listVerbatims, async (c, { params, query: q }) => {
  const after = q.cursor ? decodeVerbatimCursor(q.cursor) : undefined;
  const siteId = c.get('siteId');
  const survey = await getSurvey(c.env.DB, siteId, params.id);
  if (!survey) throw notFound('survey');
  const mq = metricQuestions(survey.questions);
  const scoreQuestionId = mq.nps ?? mq.csat ?? mq.ces;
  // Folded as the index is: Arabic-keyboard letters, Persian digits and ZWNJ find either spelling.
  const search = q.q !== undefined ? searchQuery(q.q) : undefined;
  const { rows, rowsRead } = await verbatimRows(c.env.DB, {
    siteId,
    surveyId: survey.id,
    ...(scoreQuestionId ? { scoreQuestionId } : {}),
    ...(search ? { q: search } : {}),
    ...(q.sentiment ? { sentiment: q.sentiment } : {}),
    ...(q.touchpoint !== undefined ? { touchpoint: q.touchpoint } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(after ? { after } : {}),
    limit: q.limit + 1, // one more tells whether another page follows
  });
  c.header('Seda-Rows-Read', String(rowsRead));
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      responseId: r.response_id,
      questionId: r.question_id,
      text: r.text,
      sentiment: sentimentName(r.sentiment),
      ...(r.score !== null ? { score: r.score } : {}),
      ...(r.touchpoint ? { touchpoint: r.touchpoint } : {}),
      ...(r.locale ? { locale: r.locale } : {}),
      ...(r.respondent_id ? { respondentId: r.respondent_id } : {}),
      topics: parseTopics(r.topics),
      createdAt: iso(r.created_at),
    })),
    ...(rows.length > q.limit && last
      ? {
          nextCursor: encodeVerbatimCursor({
            createdAt: last.created_at,
            responseId: last.response_id,
            questionId: last.question_id,
          }),
        }
      : {}),
  };
});

/**
 * Recurring terms per sentiment in the survey's open-text answers. Reads at most the latest
 * TERMS_TEXT_CAP (2,000) texts of each sentiment: enough to see what recurs, bounded at any volume.
 */
route(insightRoutes, getTerms, async (c, { params, query: q }) => {
  const siteId = c.get('siteId');
  const survey = await getSurvey(c.env.DB, siteId, params.id);
  if (!survey) throw notFound('survey');
  const texts = await termTexts(c.env.DB, {
    surveyId: survey.id,
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.touchpoint !== undefined ? { touchpoint: q.touchpoint } : {}),
  });
  c.header('Seda-Rows-Read', String(texts.rowsRead));
  return {
    positive: topTerms(texts.positive, TERMS_PER_SENTIMENT),
    neutral: topTerms(texts.neutral, TERMS_PER_SENTIMENT),
    negative: topTerms(texts.negative, TERMS_PER_SENTIMENT),
  };
});

/**
 * Identified respondents to follow up: latest NPS a detractor (0–6), or fallen by 3+ points since
 * their previous NPS answer; newest first, at most 200.
 */
route(insightRoutes, getAtRisk, async (c, { query: q }) => {
  const siteId = c.get('siteId');
  const range = await siteRange(c.env.DB, siteId, q.from, q.to);
  const pairs = await npsPairs(c.env.DB, siteId);
  const { rows, rowsRead } = await atRiskRows(c.env.DB, {
    siteId,
    pairs,
    from: range.from,
    to: range.to,
    ...(q.source ? { source: q.source } : {}),
  });
  // Features are read for the listed respondents and those with outcomes only (the model's subjects).
  const churn = await churnInputs(c.env.DB, siteId, 'churned', range.from, range.to, {
    also: rows.map((r) => r.respondent_id),
    pairs,
  });
  c.header('Seda-Rows-Read', String(rowsRead + churn.rowsRead));
  const featureOf = new Map(churn.features.map((f) => [f.respondent_id, f]));
  const knownValue = new Map(churn.outcomes.map((o) => [o.respondent_id, o.value]));
  // Churn risk from the site's own outcomes model (only once it has enough outcomes), value when known.
  const riskOf = (id: string) => {
    const f = featureOf.get(id);
    const value = knownValue.get(id);
    return {
      ...(churn.model.predict && f ? { churnRisk: Math.round(churn.model.predict(f) * 1000) / 1000 } : {}),
      ...(value !== undefined && value !== null ? { value } : {}),
    };
  };
  return {
    range: { from: range.from, to: range.to },
    items: rows.slice(0, AT_RISK_LIMIT).map((r) => {
      const drop = r.previous !== null ? r.previous - r.latest : null;
      return {
        respondentId: r.respondent_id,
        responseId: r.response_id,
        surveyId: r.survey_id,
        ...(r.touchpoint ? { touchpoint: r.touchpoint } : {}),
        latestScore: r.latest,
        ...(r.previous !== null ? { previousScore: r.previous } : {}),
        ...(drop !== null && drop > 0 ? { drop } : {}),
        reason: drop !== null && drop >= AT_RISK_DROP ? ('dropped' as const) : ('detractor' as const),
        ...(r.last_comment !== null ? { lastComment: r.last_comment } : {}),
        ...(r.case_status !== null ? { caseStatus: r.case_status } : {}),
        at: iso(r.at),
        ...riskOf(r.respondent_id),
      };
    }),
  };
});

/** Attribute names and values, and locales, present in the site's (or one survey's) responses. */
route(insightRoutes, getSegments, async (c, { query: q }) => {
  const siteId = c.get('siteId');
  if (q.surveyId !== undefined && !(await getSurvey(c.env.DB, siteId, q.surveyId))) throw notFound('survey');
  const rows = await segmentRows(c.env.DB, {
    siteId,
    ...(q.surveyId !== undefined ? { surveyId: q.surveyId } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  });
  const attributes: { name: string; values: { value: string; count: number }[] }[] = [];
  for (const r of rows.attributes) {
    // rows come grouped by name, most used names first
    if (attributes.at(-1)?.name !== r.name) {
      if (attributes.length === SEGMENT_MAX_ATTRIBUTES) break;
      attributes.push({ name: r.name, values: [] });
    }
    attributes.at(-1)!.values.push({ value: r.value, count: r.count });
  }
  return { attributes, locales: rows.locales };
});

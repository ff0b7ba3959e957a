import { dayOf } from '../shared/dates';
import type { Site } from '../shared/schemas/api';
import { checkAnswers, type ResponseBody } from '../shared/schemas/response';
import { analyzeSentiment } from '../shared/sentiment';
import { responseOwner, upsertResponse } from './db/responses';
import { getSiteByKey } from './db/sites';
import { getSurveyForCollect } from './db/surveys';
import { ApiError, notFound } from './lib/errors';

/** Page path without query string or fragment: enough to know the page, nothing personal from the URL. */
function pathOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).pathname.slice(0, 512);
  } catch {
    return null;
  }
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.slice(0, 253) || null;
  } catch {
    return null;
  }
}

export type Collected = { id: string; siteId: string; surveyId: string; completedNow: boolean };

/**
 * The collector as a plain function: checks a validated body against its site and survey and
 * stores it. The route is a thin adapter (origin check, rate limit, body limit, status codes).
 */
export async function collect(
  db: D1Database,
  body: ResponseBody,
  check: { site?: (site: Site) => void | Promise<void> } = {},
  now = Date.now(),
): Promise<Collected> {
  const site = await getSiteByKey(db, body.siteKey);
  if (!site) throw notFound('site');
  await check.site?.(site);
  const survey = await getSurveyForCollect(db, site.id, body.surveyId);
  if (!survey) throw notFound('survey');
  // A draft survey is never shown; a paused one may still receive answers from open tabs.
  if (survey.status === 'draft') throw new ApiError(409, 'survey_not_active', 'this survey is a draft');
  const checked = checkAnswers(survey.questions, body.answers);
  if (!checked.ok) {
    throw new ApiError(
      400,
      'invalid_request',
      `invalid body: ${checked.issues.map((i) => i.message).join('; ')}`,
      checked.issues,
    );
  }
  const owner = await responseOwner(db, body.id);
  if (owner && (owner.site_id !== site.id || owner.survey_id !== body.surveyId)) {
    throw new ApiError(409, 'id_conflict', 'this response id belongs to another survey');
  }
  const locale = body.context?.locale ?? null;
  await upsertResponse(
    db,
    {
      id: body.id,
      siteId: site.id,
      surveyId: body.surveyId,
      surveyVersion: survey.version,
      touchpoint: body.touchpoint ?? '',
      respondentId: body.respondent?.id ?? null,
      attributes: body.respondent?.attributes ?? null,
      locale,
      path: pathOf(body.context?.url),
      referrerHost: hostOf(body.context?.referrer),
      completed: body.completed,
      day: dayOf(now),
      answers: checked.answers.map((a) => ({
        ...a,
        sentiment: a.text ? analyzeSentiment(a.text, locale ?? undefined).label : null,
      })),
    },
    now,
  );
  return { id: body.id, siteId: site.id, surveyId: body.surveyId, completedNow: body.completed };
}

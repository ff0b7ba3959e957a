import { Hono } from 'hono';
import { eraseRespondent as eraseOp, getRespondent, type RespondentEvent } from '../../shared/contract/respondents';
import { iso, toAnswer, toCase } from '../cases/sql';
import { eraseRespondent } from '../collect/sql';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { ApiError } from '../http/errors';
import { eraseInvitations } from '../invitations/sql';
import { eraseOutcomes } from '../outcomes/sql';
import { respondentHistory } from './sql';

export const respondentRoutes = new Hono<AppEnv>();

/**
 * GDPR erasure: every response and answer of this respondent on this site (rollups follow by
 * trigger; cases by cascade), their outcomes, and their personal invitation links (which name them
 * and hold their attributes). The id arrives decoded once by the router (clients encode it once,
 * with encodeURIComponent).
 */
route(respondentRoutes, eraseOp, async (c, { params }) => {
  await eraseInvitations(c.env.DB, c.get('siteId'), params.respondentId);
  await eraseOutcomes(c.env.DB, c.get('siteId'), params.respondentId);
  const deleted = await eraseRespondent(c.env.DB, c.get('siteId'), params.respondentId);
  return { respondentId: params.respondentId, deletedResponses: deleted };
});

/** A JSON object of attributes as strings (stored as sent by identify(); anything else is skipped). */
function attributesOf(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    const o = JSON.parse(json) as unknown;
    if (!o || typeof o !== 'object' || Array.isArray(o)) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = String(v);
    return out;
  } catch {
    return {};
  }
}

/** One customer, one page: responses (with answers), cases and outcomes in time order. */
route(respondentRoutes, getRespondent, async (c, { params }) => {
  const h = await respondentHistory(c.env.DB, c.get('siteId'), params.respondentId);
  if (!h.responses.length && !h.outcomes.length)
    throw new ApiError(404, 'not_found', 'no response or outcome of this respondent on this site');
  const answersOf = new Map<string, Extract<RespondentEvent, { type: 'response' }>['answers']>();
  for (const a of h.answers) {
    const list = answersOf.get(a.response_id) ?? [];
    const topics = a.topics ? (JSON.parse(a.topics) as string[]) : [];
    list.push({ ...toAnswer(a), ...(topics.length ? { topics } : {}) });
    answersOf.set(a.response_id, list);
  }
  // Oldest first, so the latest attribute value wins.
  const responses = [...h.responses].reverse();
  const attributes: Record<string, string> = {};
  for (const r of responses) Object.assign(attributes, attributesOf(r.attributes));
  const events: (RespondentEvent & { ms: number })[] = [
    ...responses.map((r) => ({
      type: 'response' as const,
      ms: r.created_at,
      at: iso(r.created_at)!,
      responseId: r.id,
      surveyId: r.survey_id,
      ...(r.touchpoint ? { touchpoint: r.touchpoint } : {}),
      channel: r.channel,
      ...(r.locale ? { locale: r.locale } : {}),
      completed: r.completed === 1,
      attributes: attributesOf(r.attributes),
      answers: answersOf.get(r.id) ?? [],
    })),
    ...h.cases.map((k) => ({ type: 'case' as const, ms: k.created_at, at: iso(k.created_at)!, case: toCase(k) })),
    ...h.outcomes.map((o) => ({
      type: 'outcome' as const,
      ms: o.at,
      at: iso(o.at)!,
      kind: o.kind,
      ...(o.value !== null ? { value: o.value } : {}),
    })),
  ];
  // A case opened on a response comes right after it even when both carry the same millisecond.
  const order = { response: 0, case: 1, outcome: 2 };
  events.sort((a, b) => a.ms - b.ms || order[a.type] - order[b.type]);
  const times = events.map((e) => e.ms);
  return {
    respondentId: params.respondentId,
    attributes,
    firstSeen: iso(Math.min(...times))!,
    lastSeen: iso(Math.max(...times))!,
    responses: h.total,
    events: events.map(({ ms: _, ...e }) => e),
  };
});

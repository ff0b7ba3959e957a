import { localDay } from '../../shared/dates';
import type { Site } from '../../shared/schemas/api';
import { checkAnswers, type ResponseBody } from '../../shared/schemas/response';
import type { SentimentLabel } from '../../shared/sentiment';
import { analyzeSentiment } from '../../shared/sentiment';
import { compileTopics, tagTopics } from '../../shared/topics';
import { ApiError, notFound } from '../http/errors';
import { skipReason } from '../invitations/contact-policy';
import { invitationForPost } from '../invitations/post';
import { invitedContactBeforeFirstPost } from '../invitations/sql';
import { randomId, sha256Hex } from '../lib/crypto';
import { getSiteForCollect } from '../sites/settings-sql';
import { getSurveyForCollect } from '../surveys/sql';
import { getTopicList } from '../topics/sql';
import { cached, forgetCollectCache } from './cache';
import { commitResponse } from './commit';
import { verifiedRespondent } from './identity';
import { type ResponseWrite, responseOwner, storedForResend } from './sql';
import type { TurnstileVerifier } from './turnstile';

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

export type CollectedAnswer = {
  questionId: string;
  num: number | null;
  text: string | null;
  choices: string[] | null;
  sentiment: SentimentLabel | null;
};

/** One stored post, as the work after it (alert rules, webhooks) reads it. */
export type AfterPost = {
  id: string;
  siteId: string;
  surveyId: string;
  completedNow: boolean;
  touchpoint: string;
  /** The answers in this post, as stored. */
  answers: CollectedAnswer[];
};

/** What was stored, for what happens after the 202 (alerts, webhooks). */
export type Collected = AfterPost & {
  /** True when this post created the response (its first post). */
  isNew: boolean;
  /**
   * The `pending_work` row recorded in the same transaction as the post (the site has a webhook):
   * the work after it is retried from there until done. Null: nothing recorded.
   */
  work: string | null;
  /** The D1 write this post was committed in: how many posts shared it, and how long it took. */
  write: { batch: number; ms: number };
};

export type CollectChecks = {
  site?: (site: Site) => void | Promise<void>;
  /** New responses per site per local day (the site's time zone) when the site sets none; 0 = no cap. */
  defaultDailyCap?: number;
  /** Verifies a Turnstile token for sites that turned Turnstile on. */
  verifyTurnstile?: TurnstileVerifier;
  /** ctx.waitUntil: keeps a write other visitors' posts share alive if this visitor disconnects. */
  keepAlive?: (p: Promise<unknown>) => void;
};

/** Seconds a widget (or a cache between) may keep a site's public config, so a settings change takes this long to reach visitors. */
export const CONFIG_MAX_AGE = 60;

/** Seconds until the next UTC midnight, when the daily cap resets. */
const untilUtcMidnight = (now: number) => Math.max(1, Math.ceil((86_400_000 - (now % 86_400_000)) / 1000));

/**
 * Why the write refused a post to an existing id (a rare path, so it pays one read): the id belongs
 * to another survey or invitation link, or the post is not from the client that created the response.
 * Nothing was changed in either case.
 */
async function refusedWriter(db: D1Database, body: ResponseBody, write: ResponseWrite): Promise<void> {
  const owner = await responseOwner(db, body.id);
  if (
    owner &&
    owner.site_id === write.siteId &&
    owner.survey_id === body.surveyId &&
    owner.invitation_id === write.invitationId
  ) {
    if (owner.secret_hash !== null) {
      throw new ApiError(
        409,
        'response_secret_mismatch',
        'this response was created by another client: only posts with its write secret can add to it',
        [{ path: ['secret'], message: body.secret ? 'not the secret this response was created with' : 'required' }],
      );
    }
    // Completed without a secret (an outside client's response): a plain retry of what it holds is
    // accepted (the contract's retries stay safe), anything that would change it is refused.
    if (await holdsAlready(db, write)) return;
    throw new ApiError(
      409,
      'response_completed',
      'this response was completed without a write secret and can no longer change; send `secret` with every post to continue a response',
    );
  }
  if (!owner && !(await getSurveyForCollect(db, write.siteId, body.surveyId))) {
    // The survey was deleted after this isolate cached it (the write stores nothing for a missing
    // survey): the contract's answer for an unknown survey, and the next post reads it afresh.
    forgetCollectCache();
    throw notFound('survey');
  }
  throw new ApiError(409, 'id_conflict', 'this response id belongs to another survey or invitation link');
}

/** Whether the stored response already has this post's respondent and answers, value for value. */
async function holdsAlready(db: D1Database, write: ResponseWrite): Promise<boolean> {
  const stored = await storedForResend(db, write.id);
  if (!stored) return false;
  if (write.respondentId !== null && write.respondentId !== stored.respondentId) return false;
  const byQuestion = new Map(stored.answers.map((a) => [a.question_id, a]));
  return write.answers.every((a) => {
    const s = byQuestion.get(a.questionId);
    return !!s && s.num === a.num && s.text === a.text && s.choices === (a.choices ? JSON.stringify(a.choices) : null);
  });
}

/**
 * The collector as a plain function: checks a validated body against its site and survey and
 * stores it. The route is a thin adapter (origin check, rate limit, body limit, status codes).
 */
export async function collect(
  db: D1Database,
  body: ResponseBody,
  check: CollectChecks = {},
  now = Date.now(),
): Promise<Collected> {
  // Keyed by the quarter hour: every zone's midnight falls on one (all UTC offsets are whole
  // quarter hours), so a cached copy never carries one local day's count into the next.
  const site = await cached(`site:${body.siteKey}:${Math.floor(now / 900_000)}`, now, () =>
    getSiteForCollect(db, body.siteKey, now),
  );
  if (!site) throw notFound('site');
  await check.site?.(site);
  const survey = await cached(`survey:${site.id}:${body.surveyId}`, now, () =>
    getSurveyForCollect(db, site.id, body.surveyId),
  );
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
  // A post through an invitation link takes its channel, touchpoint and (personal link) respondent
  // from the invitation, never from the body.
  const invitation = body.invitation
    ? await invitationForPost(db, { ...body, invitation: body.invitation }, now)
    : null;
  // A personal link's respondent is verified by construction (the link is signed); a web post's id
  // counts only when the host's server signed it, if the site turned identity verification on.
  const claimed = invitation ? null : await verifiedRespondent(site.guard.identitySecret, body.respondent);
  const respondentId = invitation ? invitation.respondentId : (claimed?.id ?? null);
  if (!invitation && respondentId !== null && site.guard.links) {
    // The contact policy for what this browser cannot know: an identified visitor who answered through
    // an invitation (email, SMS, …) within the site's gap, or completed this survey there, is not asked
    // on the web. Only a response's first post is checked (later parts are never refused); a site that
    // never made a link pays no read for it.
    const last = await invitedContactBeforeFirstPost(db, site.id, body.surveyId, respondentId, body.id);
    const why =
      last && skipReason({ recontactDays: site.recontactDays, repeatEveryDays: survey.repeatEveryDays }, last, now);
    if (why) {
      throw new ApiError(
        409,
        why,
        `this respondent is not to be asked now (${why}): they answered through another channel`,
      );
    }
  }
  // The guards below apply to a response's first post only, so they need to know whether this id
  // exists. That costs a read, paid only when a guard could refuse; otherwise the write batch says.
  // A personal link is proof enough of a person: its posts need no Turnstile token.
  const turnstileSecret = invitation?.respondentId ? null : site.guard.turnstileSecret;
  const cap = site.guard.dailyCap ?? check.defaultDailyCap ?? 0;
  const guarded = (cap > 0 && site.guard.today >= cap) || turnstileSecret !== null;
  const ownerFirst = guarded ? await responseOwner(db, body.id) : undefined;
  if (ownerFirst && (ownerFirst.site_id !== site.id || ownerFirst.survey_id !== body.surveyId)) {
    throw new ApiError(409, 'id_conflict', 'this response id belongs to another survey');
  }
  if (guarded && !ownerFirst) {
    // Only a response's first post counts and is checked: later parts of an accepted response are never refused.
    if (cap > 0 && site.guard.today >= cap) {
      throw new ApiError(429, 'daily_cap', 'this site reached its daily response cap', undefined, {
        'Retry-After': String(untilUtcMidnight(now)),
      });
    }
    const secret = turnstileSecret;
    if (secret) {
      if (!body.turnstileToken) {
        // Retry-After: a widget that loaded the site's config before Turnstile was turned on keeps the
        // answer instead of dropping it; its next page view gets the new config and sends a token.
        throw new ApiError(
          403,
          'turnstile_required',
          'this site requires a Turnstile token on the first post',
          [{ path: ['turnstileToken'], message: 'required by this site' }],
          { 'Retry-After': String(CONFIG_MAX_AGE) },
        );
      }
      if (!check.verifyTurnstile || !(await check.verifyTurnstile(secret, body.turnstileToken))) {
        throw new ApiError(403, 'turnstile_failed', 'the Turnstile token was not accepted', [
          { path: ['turnstileToken'], message: 'not accepted' },
        ]);
      }
    }
  }
  const locale = body.context?.locale ?? null;
  const touchpoint = invitation ? invitation.touchpoint : (body.touchpoint ?? '');
  // Topics are tagged at write time with the site's list (cached like the site; read only for text).
  const topicList = checked.answers.some((a) => a.text)
    ? await cached(`topics:${site.id}`, now, async () => {
        const l = await getTopicList(db, site.id);
        return { compiled: compileTopics(l.topics), version: l.version };
      })
    : null;
  const answers = checked.answers.map((a) => ({
    ...a,
    sentiment: a.text ? analyzeSentiment(a.text, locale ?? undefined).label : null,
    topics: a.text && topicList ? tagTopics(a.text, topicList.compiled) : null,
  }));
  const write: ResponseWrite = {
    id: body.id,
    siteId: site.id,
    surveyId: body.surveyId,
    surveyVersion: survey.version,
    touchpoint,
    respondentId,
    attributes: invitation ? invitation.attributes : (claimed?.attributes ?? null),
    locale,
    path: pathOf(body.context?.url),
    referrerHost: hostOf(body.context?.referrer),
    completed: body.completed,
    channel: invitation?.channel ?? 'web',
    invitationId: invitation?.id ?? null,
    topicsVersion: topicList?.version ?? null,
    personal: invitation?.respondentId != null,
    // The local day in the site's time zone: every rollup and date filter is keyed by it.
    day: localDay(now, site.timeZone),
    receivedAt: now,
    // A personal link's signed token is its capability (the same link may be opened on another device).
    secretHash: body.secret && !invitation?.respondentId ? await sha256Hex(body.secret) : null,
    answers,
    // Only sites with a webhook have work after a post (the write checks again in SQL).
    workId: site.guard.hooks ? `pw_${randomId(16)}` : null,
  };
  const { outcome, work, batch, ms } = await commitResponse(db, write, check.keepAlive);
  if (outcome === 'foreign') {
    await refusedWriter(db, body, write);
    // A resend of what a completed secret-less response already holds: accepted, nothing to do after.
    return {
      id: body.id,
      siteId: site.id,
      surveyId: body.surveyId,
      completedNow: false,
      isNew: false,
      touchpoint,
      answers: [],
      work: null,
      write: { batch, ms },
    };
  }
  // Count new responses against the cached daily total, so the cap holds between cache refreshes.
  if (outcome === 'new' && answers.length > 0) site.guard.today++;
  return {
    id: body.id,
    siteId: site.id,
    surveyId: body.surveyId,
    completedNow: body.completed,
    isNew: outcome === 'new',
    touchpoint,
    answers,
    work: work ? (write.workId ?? null) : null,
    write: { batch, ms },
  };
}

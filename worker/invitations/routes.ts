import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createInvitations, getSurveyPage, listInvitations, revokeInvitation } from '../../shared/contract/invitations';
import type { PageConfig } from '../../shared/page-config';
import { forgetCollectCache } from '../collect/cache';
import type { AppEnv } from '../env';
import { keysetPage, parseCursor } from '../http/cursor';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { checkRateLimit } from '../http/rate-limit';
import { getSurvey } from '../surveys/sql';
import { skipReason } from './contact-policy';
import { acceptLanguages, pickLocale } from './locale';
import { messagePage, surveyPage } from './page';
import type { PageLanguage } from './page-text';
import { prefillOf } from './prefill';
import {
  getInvitation,
  type InvitationRow,
  insertInvitations,
  lastContacts,
  linkContext,
  linkSecret,
  listInvitations as listRows,
  type NewInvitation,
  revokeInvitation as revokeRow,
} from './sql';
import { newInvitationId, type Signer, signer, tokenId } from './token';

export const invitationRoutes = new Hono<AppEnv>();

const DAY = 86_400_000;
/** 1,000 respondents with their attributes fit well within this. */
const MAX_CREATE_BYTES = 1024 * 1024;
const iso = (ms: number) => new Date(ms).toISOString();
/** Links point at the host the API was called on (the collector, or its custom domain). */
const linkBase = (requestUrl: string) => `${new URL(requestUrl).origin}/s/`;

route(
  invitationRoutes,
  createInvitations,
  async (c, { params, body }) => {
    const db = c.env.DB;
    const siteId = c.get('siteId');
    const survey = await getSurvey(db, siteId, params.id);
    if (!survey) throw notFound('survey');
    const now = Date.now();
    const { secret, recontactDays } = await linkContext(db, siteId);
    // The collector checks web visitors against link answers once the site has links (SiteGuard.links).
    forgetCollectCache();
    let items: NewInvitation[];
    if (!body.respondents) {
      items = [{ id: newInvitationId(), respondentId: null, attributes: null, locale: null, reason: null }];
    } else {
      const last = await lastContacts(
        db,
        siteId,
        survey.id,
        body.respondents.map((r) => r.id),
      );
      const policy = {
        recontactDays,
        repeatEveryDays: survey.targeting?.repeatEveryDays,
        attributes: survey.targeting?.attributes,
      };
      items = body.respondents.map((r) => ({
        id: newInvitationId(),
        respondentId: r.id,
        attributes: r.attributes ?? null,
        locale: r.locale ?? null,
        reason: skipReason(policy, last.get(r.id) ?? { answeredAt: null, completedAt: null }, now, {
          given: r.attributes,
        }),
      }));
    }
    const expiresAt = now + body.expiresInDays * DAY;
    await insertInvitations(
      db,
      { siteId, surveyId: survey.id, channel: body.channel, touchpoint: body.touchpoint ?? '', now, expiresAt },
      items,
    );
    const sign = signer(secret);
    const base = linkBase(c.req.url);
    const invitations = await Promise.all(
      items.map(async (i) => ({
        id: i.id,
        ...(i.respondentId !== null ? { respondentId: i.respondentId } : {}),
        url: base + (await sign.token(i.id)),
        expiresAt: iso(expiresAt),
        status: i.reason ? ('skipped' as const) : ('pending' as const),
        ...(i.reason ? { reason: i.reason } : {}),
      })),
    );
    return { invitations };
  },
  bodyLimit({
    maxSize: MAX_CREATE_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `body over ${MAX_CREATE_BYTES} bytes`);
    },
  }),
);

const listed = async (r: InvitationRow, sign: Signer, base: string) => ({
  id: r.id,
  surveyId: r.survey_id,
  channel: r.channel,
  ...(r.touchpoint ? { touchpoint: r.touchpoint } : {}),
  ...(r.respondent_id !== null ? { respondentId: r.respondent_id } : {}),
  ...(r.attributes ? { attributes: JSON.parse(r.attributes) as Record<string, string | number | boolean> } : {}),
  ...(r.locale ? { locale: r.locale } : {}),
  url: base + (await sign.token(r.id)),
  status: r.status,
  ...(r.reason ? { reason: r.reason } : {}),
  ...(r.response_id ? { responseId: r.response_id } : {}),
  createdAt: iso(r.created_at),
  expiresAt: iso(r.expires_at),
  ...(r.started_at ? { startedAt: iso(r.started_at) } : {}),
  ...(r.completed_at ? { completedAt: iso(r.completed_at) } : {}),
  ...(r.revoked_at ? { revokedAt: iso(r.revoked_at) } : {}),
});

route(invitationRoutes, listInvitations, async (c, { params, query }) => {
  const db = c.env.DB;
  const siteId = c.get('siteId');
  const survey = await getSurvey(db, siteId, params.id);
  if (!survey) throw notFound('survey');
  const rows = await listRows(db, {
    siteId,
    surveyId: survey.id,
    status: query.status,
    respondentId: query.respondentId,
    kind: query.kind,
    channel: query.channel,
    before: parseCursor(query.cursor),
    limit: query.limit + 1,
  });
  const { page, next } = keysetPage(rows, query.limit, (r) => ({ at: r.created_at, id: r.id }));
  const secret = page.length ? await linkSecret(db, siteId) : null;
  if (!secret) return { items: [] };
  const sign = signer(secret);
  const base = linkBase(c.req.url);
  return {
    items: await Promise.all(page.map((r) => listed(r, sign, base))),
    ...next,
  };
});

route(invitationRoutes, revokeInvitation, async (c, { params }) => {
  const siteId = c.get('siteId');
  if (!(await revokeRow(c.env.DB, siteId, params.id, params.invitationId, Date.now()))) {
    throw notFound('invitation');
  }
});

/**
 * The hosted page. Reads only: neither GET nor HEAD (Hono answers HEAD with this handler, without the
 * body) writes anything, so link scanners that fetch every link record nothing.
 */
route(invitationRoutes, getSurveyPage, async (c, { params, query }) => {
  await checkRateLimit(c);
  const id = tokenId(params.token);
  const inv = id ? await getInvitation(c.env.DB, id) : null;
  const valid = !!inv?.link_secret && (await signer(inv.link_secret).verify(params.token));
  const wanted = [valid ? inv?.locale : null, query.lang, ...acceptLanguages(c.req.header('accept-language'))];
  const lang = (pickLocale(['en', 'fa', 'ar'], [...wanted, valid ? inv?.site_locale : null]) ?? 'en') as PageLanguage;
  if (!inv || !valid) return messagePage('notFound', lang);
  const now = Date.now();
  if (inv.status === 'revoked' || now > inv.expires_at) return messagePage('expired', lang, inv.site_name);
  if (inv.survey_status !== 'active') return messagePage('closed', lang, inv.site_name);
  if (inv.status === 'skipped') return messagePage('skipped', lang, inv.site_name);
  const personal = inv.respondent_id !== null;
  if (personal && inv.status === 'completed') return messagePage('done', lang, inv.site_name);
  const d = inv.definition;
  const available = d.locales?.length ? d.locales : Object.keys(d.questions[0]?.prompt ?? {});
  const locale = pickLocale(available, [...wanted, inv.site_locale]) ?? available[0] ?? 'en';
  const prefill = prefillOf(d, query.a);
  const config: PageConfig = {
    site: inv.site_key,
    token: params.token,
    survey: {
      id: inv.survey_id,
      version: inv.survey_version,
      questions: d.questions,
      ...(d.locales ? { locales: d.locales } : {}),
      ...(d.theme ? { theme: d.theme } : {}),
      ...(d.thankYou ? { thankYou: d.thankYou } : {}),
    },
    locale,
    ...(personal ? { responseId: await signer(inv.link_secret!).responseId(inv.id) } : {}),
    ...(prefill ? { prefill } : {}),
    ...(!personal && inv.turnstile_secret && inv.turnstile_site_key ? { turnstile: inv.turnstile_site_key } : {}),
  };
  return surveyPage(config, lang, inv.site_name);
});

/**
 * What a response post carrying an invitation token may do (the collector asks this before writing).
 * The token decides: the response's channel and touchpoint, and for a personal link its respondent
 * (verified: only the site can make the link) and its one response id.
 */
import type { InvitationChannel } from '../../shared/schemas/invitation';
import type { Attributes, ResponseBody } from '../../shared/schemas/response';
import { ApiError } from '../http/errors';
import { getInvitation } from './sql';
import { signer, tokenId } from './token';

/** Posts are taken this long after a link expires, so a page opened just before can still be sent. */
export const EXPIRY_GRACE_MS = 60 * 60_000;

export type PostInvitation = {
  id: string;
  channel: InvitationChannel;
  touchpoint: string;
  /** A personal link's respondent (null for an anonymous link). */
  respondentId: string | null;
  attributes: Attributes | null;
};

const unknown = () => new ApiError(404, 'invitation_not_found', 'no such invitation link');

/** Checks the post's token against its site, survey, expiry and (personal links) its one response. */
export async function invitationForPost(
  db: D1Database,
  body: ResponseBody & { invitation: string },
  now: number,
): Promise<PostInvitation> {
  const id = tokenId(body.invitation);
  const inv = id ? await getInvitation(db, id) : null;
  if (!inv?.link_secret || !(await signer(inv.link_secret).verify(body.invitation))) throw unknown();
  if (inv.site_key !== body.siteKey || inv.survey_id !== body.surveyId) throw unknown();
  if (inv.status === 'revoked') throw new ApiError(410, 'invitation_revoked', 'this link was revoked');
  if (now > inv.expires_at + EXPIRY_GRACE_MS) throw new ApiError(410, 'invitation_expired', 'this link has expired');
  if (inv.status === 'skipped') {
    throw new ApiError(409, 'invitation_skipped', `this link asks nothing (${inv.reason ?? 'skipped'})`);
  }
  if (inv.respondent_id !== null) {
    if (body.id !== (await signer(inv.link_secret).responseId(inv.id))) {
      throw new ApiError(409, 'id_conflict', "a personal link takes only its own response id (the page's)");
    }
    if (inv.status === 'completed') {
      throw new ApiError(409, 'already_answered', 'this personal link was answered already');
    }
  }
  return {
    id: inv.id,
    channel: inv.channel,
    touchpoint: inv.touchpoint,
    respondentId: inv.respondent_id,
    attributes: inv.attributes ? (JSON.parse(inv.attributes) as Attributes) : null,
  };
}

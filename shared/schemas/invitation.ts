import { z } from 'zod';
import { LocaleCode, Slug } from './common';
import { MESSAGES } from './messages';
import { Attributes } from './response';

/** How a response arrived: the widget on a web page, or an invitation link sent through a channel. */
export const CHANNELS = ['web', 'link', 'email', 'sms', 'qr'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** The channels an invitation is sent through (every channel but the widget's `web`). */
export const InvitationChannel = z.enum(['link', 'email', 'sms', 'qr']);
export type InvitationChannel = z.infer<typeof InvitationChannel>;

/** The most personal links one call makes (one D1 batch). */
export const MAX_INVITATIONS_PER_CALL = 1000;

export const InvitationRespondent = z.strictObject({
  /** The site's own id for this person, as `identify` would give it: verified, since the site made the link. */
  id: z.string().min(1).max(128),
  attributes: Attributes.optional(),
  /** The page's language for this person; else `?lang=`, else the browser's. */
  locale: LocaleCode.optional(),
});

/** `POST /v1/surveys/:id/invitations`: one anonymous link, or one personal link per respondent. */
export const InvitationInput = z.strictObject({
  channel: InvitationChannel,
  touchpoint: Slug.optional(),
  expiresInDays: z.number().int().min(1).max(365).default(30),
  respondents: z
    .array(InvitationRespondent)
    .min(1)
    .max(MAX_INVITATIONS_PER_CALL)
    .refine((r) => new Set(r.map((x) => x.id)).size === r.length, MESSAGES.respondentsOnce)
    .optional(),
});
export type InvitationInput = z.input<typeof InvitationInput>;

/**
 * Where an invitation stands. pending: not answered yet; started: some answer arrived; completed;
 * skipped: made but not to be asked (see `reason`); revoked. Anonymous links stay pending (they
 * collect any number of responses) until revoked.
 */
export const InvitationStatus = z.enum(['pending', 'started', 'completed', 'skipped', 'revoked']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

/**
 * Why a personal invitation was skipped at creation. recontact_gap: the respondent answered a survey
 * of the site (any channel) within the site's recontact gap; already_completed: they completed this
 * survey (within `repeatEveryDays`, when the survey repeats); not_targeted: their attributes fail the
 * survey's `targeting.attributes`.
 */
export const SkipReason = z.enum(['recontact_gap', 'already_completed', 'not_targeted']);
export type SkipReason = z.infer<typeof SkipReason>;

export const InvitationsQuery = z.object({
  status: InvitationStatus.optional(),
  respondentId: z.string().min(1).max(128).optional(),
  /** anonymous: the reusable links (no respondent), e.g. the dashboard's QR link; personal: the others. */
  kind: z.enum(['anonymous', 'personal']).optional(),
  /** Only the invitations sent through this channel. */
  channel: InvitationChannel.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
});

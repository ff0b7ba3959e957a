/**
 * One contact policy across channels, for identified respondents (a personal link's respondent, or a
 * web visitor identified with `identify`). The widget applies the same rules from what its browser
 * remembers; the server applies them from every response the site holds, so a customer who answered
 * by email yesterday is not asked on the website today, nor sent another link.
 *
 * - already_completed: they completed this survey, ever, or within `targeting.repeatEveryDays` when
 *   the survey repeats (relationship NPS waves);
 * - recontact_gap: they answered any survey of the site (at least one answer, any channel) within the
 *   site's recontact gap (`recontactDays`; 0 turns the check off);
 * - not_targeted: their attributes fail the survey's `targeting.attributes` (invitations only: on the
 *   web the widget checks the attributes it was given, and a page may force a survey with `show`).
 */
import { type AttributeRule, attributesMatch } from '../../shared/attributes';
import type { SkipReason } from '../../shared/schemas/invitation';

const DAY = 86_400_000;

/** When a respondent last answered any of the site's surveys, and last completed this one. */
export type LastContact = { answeredAt: number | null; completedAt: number | null };

export type Policy = {
  recontactDays: number;
  repeatEveryDays?: number | undefined;
  attributes?: AttributeRule[] | undefined;
};

/** Why this respondent must not be asked now, or null. Attributes are checked when given (invitations). */
export function skipReason(
  p: Policy,
  last: LastContact,
  now: number,
  attributes?: { given: unknown },
): SkipReason | null {
  if (last.completedAt !== null && (!p.repeatEveryDays || now - last.completedAt < p.repeatEveryDays * DAY)) {
    return 'already_completed';
  }
  if (last.answeredAt !== null && p.recontactDays > 0 && now - last.answeredAt < p.recontactDays * DAY) {
    return 'recontact_gap';
  }
  if (attributes && !attributesMatch(p.attributes, attributes.given)) return 'not_targeted';
  return null;
}

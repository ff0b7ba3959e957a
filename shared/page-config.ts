/**
 * The hosted survey page's interface between the Worker (worker/invitations/page.ts writes it) and the
 * page's script (widget/page/ reads it): the Worker's HTML carries this object as JSON in
 * `<script type="application/json" id="seda-page">` (data, never executed) and loads the page script
 * `../s.js` (relative to `/s/TOKEN`, so a first-party proxy prefix keeps working). The script draws
 * the survey full page with the widget's own UI and posts answers through the widget's outbox.
 * Zod-free: the page bundle imports only this type.
 */
import type { PublicSurvey } from './schemas/survey';

export interface PageConfig {
  /** The site's public key (posts name it). */
  site: string;
  /** The invitation token: every post carries it as `invitation`. */
  token: string;
  /** The survey as the widget gets it (no targeting: a link is its own targeting). */
  survey: PublicSurvey;
  /** The language to show: the invitation's, else `?lang=`, else the browser's, matched to the survey's. */
  locale: string;
  /**
   * A personal link's one response id: every device that opens the link continues this response.
   * Absent for an anonymous link: each visit starts a new response (a fresh id made by the page).
   */
  responseId?: string;
  /**
   * `?a=QUESTION_ID:VALUE` checked against the survey: shown chosen on the first question, posted only
   * after the visitor's first gesture on the page (tap, click, key), so neither a link scanner's GET
   * nor a scanner that runs scripts records it.
   */
  prefill?: { questionId: string; value: number | string[] };
  /** The site's Turnstile site key, when the site turned Turnstile on and this is an anonymous link. */
  turnstile?: string;
}

/** The element id of the JSON config. */
export const PAGE_CONFIG_ID = 'seda-page';

import { z } from 'zod';
import { checkAnswer, type Question } from '../questions/registry';
import { LocaleCode, Slug } from './common';

/** The most a response body may weigh, in bytes (the collector answers 413 beyond it). */
export const MAX_BODY_BYTES = 16 * 1024;

export const AnswerValue = z.union([z.number().finite(), z.string().max(2000), z.array(Slug).min(1).max(20)]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Answer = z.strictObject({ questionId: Slug, value: AnswerValue });
export type Answer = z.infer<typeof Answer>;

/** Segment attributes from `seda('identify', id, attrs)`: small, flat, no nesting. */
export const Attributes = z
  .record(
    z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'attribute names use letters, digits, "_", "." and "-"'),
    z.union([z.string().max(100), z.number().finite(), z.boolean()]),
  )
  .refine((a) => Object.keys(a).length <= 20, 'at most 20 attributes');
export type Attributes = z.infer<typeof Attributes>;

export const ResponseBody = z.strictObject({
  id: z.uuid(),
  siteKey: z.string().min(1).max(64),
  surveyId: z.string().min(1).max(64),
  touchpoint: Slug.optional(),
  answers: z
    .array(Answer)
    .max(50)
    .refine((a) => new Set(a.map((x) => x.questionId)).size === a.length, 'each question at most once'),
  respondent: z
    .strictObject({
      id: z.string().min(1).max(128).optional(),
      /**
       * `hex(HMAC-SHA256(identitySecret, id))` computed by the host page's server: with the site's
       * identity verification on, an id without a matching hash is kept as an anonymous answer.
       */
      hash: z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, 'hash is 64 hex characters (HMAC-SHA256)')
        .optional(),
      attributes: Attributes.optional(),
    })
    .optional(),
  context: z
    .strictObject({
      url: z.string().max(2048).optional(),
      locale: LocaleCode.optional(),
      referrer: z.string().max(2048).optional(),
    })
    .optional(),
  completed: z.boolean(),
  /**
   * The response's write secret: random, made by the client that created the response (widget, hosted
   * page) and sent with every post of it. The collector keeps only its SHA-256; a later post with the
   * same id merges only when it carries the same secret, so knowing a response id (printed in
   * webhooks, Slack and exports) never lets anyone rewrite the answer.
   */
  secret: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22,64}$/, 'secret is 22–64 base64url characters')
    .optional(),
  /** Cloudflare Turnstile token; required on a response's first post when the site turns Turnstile on. */
  turnstileToken: z.string().max(2048).optional(),
  /**
   * The token of the invitation link the response is given through (the hosted page `/s/TOKEN` sends
   * it). The response then takes the invitation's channel and touchpoint, and a personal link's
   * respondent; without it the channel is `web`.
   */
  invitation: z.string().min(1).max(64).optional(),
});
export type ResponseBody = z.infer<typeof ResponseBody>;

export type AnswerIssue = { path: (string | number)[]; message: string };

/** A value checked against its question and put in the form it is stored in. */
export type StoredAnswer = { questionId: string; num: number | null; text: string | null; choices: string[] | null };

// Bounds of a scored question: its type's module says (shared/questions/).
export { scaleOf } from '../questions/registry';

/**
 * Checks answers against the survey's questions (the collector's second line of validation after
 * the schema): unknown questions, out-of-scale scores, unknown options and over-long text are refused.
 * An empty string or empty choice is a skip, not an answer: it is dropped, never counted.
 */
export function checkAnswers(
  questions: readonly Question[],
  answers: readonly Answer[],
): { ok: true; answers: StoredAnswer[] } | { ok: false; issues: AnswerIssue[] } {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const issues: AnswerIssue[] = [];
  const out: StoredAnswer[] = [];
  answers.forEach((a, i) => {
    const path = ['answers', i, 'value'];
    const q = byId.get(a.questionId);
    if (!q) {
      issues.push({ path: ['answers', i, 'questionId'], message: `no question "${a.questionId}" in this survey` });
      return;
    }
    const checked = checkAnswer(q, a.value);
    if (checked && 'issue' in checked) issues.push({ path, message: checked.issue });
    else if (checked) out.push({ questionId: q.id, ...checked });
  });
  return issues.length ? { ok: false, issues } : { ok: true, answers: out };
}

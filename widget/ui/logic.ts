import type { Answer, AnswerValue } from '../../shared/schemas/response';
import type { Question } from '../../shared/schemas/survey';

export type Answers = Record<string, AnswerValue>;

/** A skip is not an answer: empty text and empty choices are never sent. */
export const given = (v: AnswerValue | undefined): v is AnswerValue =>
  v !== undefined && (typeof v === 'number' || v.length > 0);

/** Whether a question's follow-up rule (if any) holds for the answers so far. */
export function visible(q: Question, a: Answers): boolean {
  const r = q.showIf;
  if (!r) return true;
  const v = a[r.questionId];
  if (!given(v)) return false;
  if (r.anyOf && !r.anyOf.some((x) => (Array.isArray(v) ? v.includes(x) : v === x))) return false;
  if (r.min !== undefined || r.max !== undefined) {
    if (typeof v !== 'number') return false;
    if (r.min !== undefined && v < r.min) return false;
    if (r.max !== undefined && v > r.max) return false;
  }
  return true;
}

/** Index of the next question to show after `i` (-1 to start), or -1 when the survey is done. */
export function nextIndex(qs: readonly Question[], i: number, a: Answers): number {
  for (let j = i + 1; j < qs.length; j++) if (visible(qs[j]!, a)) return j;
  return -1;
}

/**
 * Position of question `i` among those shown, and how many will be shown: the visible ones, plus one
 * for each not-yet-answered question that later follow-ups depend on (their rules usually exclude each
 * other, like "0–6" and "9–10"), so the total is a fair guess that only shrinks.
 */
export function progress(qs: readonly Question[], i: number, a: Answers): [number, number] {
  let at = 0;
  let n = 0;
  const pending = new Set<string>();
  qs.forEach((q, j) => {
    const k = q.showIf ? qs.findIndex((x) => x.id === q.showIf!.questionId) : -1;
    if (j === i || visible(q, a)) {
      n++;
      if (j <= i) at = n;
    } else if (j > i && k >= i && !given(a[q.showIf!.questionId])) pending.add(q.showIf!.questionId);
  });
  return [at, n + pending.size];
}

/** The body's `answers`: every answer given so far, in question order, skips left out. */
export const answerList = (qs: readonly Question[], a: Answers): Answer[] =>
  qs.flatMap((q) => {
    let v = a[q.id];
    if (typeof v === 'string') v = v.trim();
    return given(v) ? [{ questionId: q.id, value: v }] : [];
  });

import type { PageConfig } from '../../shared/page-config';
import { answerFromParam } from '../../shared/questions/registry';
import { checkAnswers } from '../../shared/schemas/response';
import type { Survey } from '../../shared/schemas/survey';

/**
 * `?a=QUESTION_ID:VALUE` for the survey's first question (the one an email or SMS can embed), checked
 * as an answer would be: a score in its scale, option ids of a choice question (comma-separated).
 * Anything else (another question, free text, a bad value) is no prefill: the page shows as usual.
 */
export function prefillOf(survey: Pick<Survey, 'questions'>, a: string | undefined): PageConfig['prefill'] {
  const colon = a?.indexOf(':') ?? -1;
  const first = survey.questions[0];
  if (!a || colon < 1 || !first || a.slice(0, colon) !== first.id) return undefined;
  const raw = a.slice(colon + 1);
  const value = answerFromParam(first, raw);
  if (value === null || raw === '') return undefined;
  const checked = checkAnswers(survey.questions, [{ questionId: first.id, value }]);
  return checked.ok && checked.answers.length ? { questionId: first.id, value } : undefined;
}

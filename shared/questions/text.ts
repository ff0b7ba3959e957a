/** Free text up to `maxLength` (1000 when unset); scored for sentiment when stored. */
import type { AnswerValue } from '../schemas/response';
import type { Blocks, Checked, QuestionData, QuestionOf } from './kind';
import { textMaxLength } from './scales';

export const fields = ({ z, text }: Blocks) => ({
  maxLength: z.number().int().min(1).max(2000).optional(),
  placeholder: text.optional(),
});
type Q = QuestionOf<'text', typeof fields>;

export const maxLength = (q: Pick<Q, 'maxLength'>) => textMaxLength(q);

/** Trimmed; blank text is a skip, not an answer. */
export function check(q: Q, value: AnswerValue): Checked {
  if (typeof value !== 'string') return { issue: 'expected text' };
  const text = value.trim();
  const max = maxLength(q);
  if (text.length > max) return { issue: `at most ${max} characters` };
  return text ? { num: null, text, choices: null } : null;
}

/** Free text is never pre-answered from a link. */
export const fromParam = () => null;

export const result = (_: Q, { sentiment }: QuestionData) => ({ sentiment });

export const sentiment = true;
/** (a text answer is no number: a rule on it never holds; the editor proposes one like the others) */
export const followUp = () => ({ max: 3 });

/** A rating from 1 to the question's `scale` (3–10, 5 when unset), shown as stars or numbers. */
import type { AnswerValue } from '../schemas/response';
import type { Blocks, QuestionData, QuestionOf, ResultStats } from './kind';
import { ratingScale } from './scales';
import { checkScore, scoreParam, scoreResult } from './scored';

export const fields = ({ z }: Blocks) => ({
  scale: z.number().int().min(3).max(10).optional(),
  style: z.enum(['stars', 'numbers']).optional(),
});
type Q = QuestionOf<'rating', typeof fields>;

export const scale = (q: Pick<Q, 'scale'>) => ratingScale(q);
export const check = (q: Q, v: AnswerValue) => checkScore(scale(q), v);
export const fromParam = scoreParam;
export const result = (q: Q, d: QuestionData, s: ResultStats) => scoreResult(scale(q), d, s);
export const score = 'mean';
/** the low ratings (up to 3) */
export const followUp = () => ({ max: 3 });

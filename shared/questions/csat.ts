/** Customer satisfaction: 1 (very dissatisfied) to 5 (very satisfied); CSAT is the share of 4 and 5. */
import type { AnswerValue } from '../schemas/response';
import type { Blocks, QuestionData, QuestionOf, ResultStats } from './kind';
import { csatScale } from './scales';
import { checkScore, scoreParam, scoreResult } from './scored';

export const fields = ({ z }: Blocks) => ({ style: z.enum(['stars', 'faces', 'numbers']).optional() });
type Q = QuestionOf<'csat', typeof fields>;

export const scale = csatScale;
export const check = (_: Q, v: AnswerValue) => checkScore(scale(), v);
export const fromParam = scoreParam;
export const result = (_: Q, d: QuestionData, s: ResultStats) => scoreResult(scale(), d, s);
export const metric = 'csat';
export const score = 'csat';
/** the not satisfied (1–3) */
export const followUp = () => ({ max: 3 });

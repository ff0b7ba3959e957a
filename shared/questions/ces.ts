/** Customer effort: "It was easy to…", 1 (strongly disagree) to 7 (strongly agree); CES is the mean. */
import type { AnswerValue } from '../schemas/response';
import type { Blocks, QuestionData, QuestionOf, ResultStats } from './kind';
import { cesScale } from './scales';
import { checkScore, scoreParam, scoreResult } from './scored';

export const fields = ({ text }: Blocks) => ({ lowLabel: text.optional(), highLabel: text.optional() });
type Q = QuestionOf<'ces', typeof fields>;

export const scale = cesScale;
export const check = (_: Q, v: AnswerValue) => checkScore(scale(), v);
export const fromParam = scoreParam;
export const result = (_: Q, d: QuestionData, s: ResultStats) => scoreResult(scale(), d, s);
export const metric = 'ces';
export const score = 'mean';
/** the hard to do (1–3) */
export const followUp = () => ({ max: 3 });
